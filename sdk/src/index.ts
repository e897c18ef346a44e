/**
 * @taskwire/sdk — a typed client for the Taskwire GraphQL API.
 *
 * Every function comes from sdk/operations/*.graphql through graphql-codegen
 * (`npm run codegen`): inputs, results and names are the generated ones.
 */
export {
  createTaskwireClient,
  type CallOptions,
  type ConnectionOperationName,
  type ConnectionState,
  type SubscribeOptions,
  type TaskwireClient,
  type TaskwireClientOptions,
  type TaskwireOperations,
  type Unsubscribe,
} from './client.js';
export { TaskwireError, isTaskwireError, type TaskwireErrorCode, type TaskwireErrorOptions } from './errors.js';
export {
  operationNames,
  operations,
  type OperationArgs,
  type OperationData,
  type OperationDocuments,
  type OperationInfo,
  type OperationKind,
  type OperationName,
  type OperationVariables,
  type RequestOperationName,
  type SubscriptionOperationName,
} from './operations.js';
// Input, enum, result and fragment types, and the TypedDocumentNodes themselves.
export * from './generated/graphql.js';
