import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as generated from './generated/graphql.js';
import type { Subscription } from './generated/schema.js';

// The SDK's operation table is derived from what graphql-codegen generated from
// sdk/operations/*.graphql: every exported `<Name>Document` becomes the operation `<name>`
// (`SignUpDocument` → `signUp`). Names, inputs and results all come from the generated
// TypedDocumentNodes; nothing here names a particular operation.

type Generated = typeof generated;

/** Export names of the generated operation documents (fragments end in `FragmentDoc`). */
type DocumentExport = {
  [K in keyof Generated]: K extends `${string}Document` ? K : never;
}[keyof Generated];

type OperationNameOf<K> = K extends `${infer Name}Document` ? Uncapitalize<Name> : never;

/** Every SDK operation by name, with its TypedDocumentNode. */
export type OperationDocuments = { [K in DocumentExport as OperationNameOf<K>]: Generated[K] };

/** `'me' | 'signUp' | 'createTask' | …`: one per operation in sdk/operations/*.graphql. */
export type OperationName = keyof OperationDocuments;

/** Root field names of the API's Subscription type (generated from schema/api.graphql). */
export type SubscriptionField = Exclude<keyof Subscription, '__typename'>;

/** Operations whose root field is a subscription field. */
export type SubscriptionOperationName = {
  [N in OperationName]: keyof ResultOf<OperationDocuments[N]> extends SubscriptionField ? N : never;
}[OperationName];

/** Queries and mutations. */
export type RequestOperationName = Exclude<OperationName, SubscriptionOperationName>;

/** The value of an operation's single root field, e.g. `TaskConnection` for `tasks`. */
export type OperationData<N extends OperationName> = ResultOf<OperationDocuments[N]>[keyof ResultOf<
  OperationDocuments[N]
>];

/** The variables an operation declares. */
export type OperationVariables<N extends OperationName> = VariablesOf<OperationDocuments[N]>;

type HasNoVariables<V> = string extends keyof V ? true : false;
type HasOnlyInput<V> = [keyof V] extends ['input'] ? (['input'] extends [keyof V] ? true : false) : false;

/**
 * How an operation is called: no argument without variables; the input object itself when
 * `input` is its only variable (`signUp({ email, … })`); else its variables object, optional
 * when every variable is (`tasks({ filter, sort, first, after })`).
 */
export type OperationArgs<V> =
  HasNoVariables<V> extends true
    ? []
    : HasOnlyInput<V> extends true
      ? [input: V extends { input: infer I } ? I : never]
      : // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends V` holds exactly when every variable is optional.
        {} extends V
        ? [variables?: V]
        : [variables: V];

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What the SDK knows about one operation at run time. */
export interface OperationInfo<N extends string = string> {
  /** SDK function name, e.g. `createTask`. */
  readonly name: N;
  readonly kind: OperationKind;
  /** GraphQL operation name, e.g. `CreateTask`. */
  readonly operationName: string;
  /** The one root field the operation selects, e.g. `createTask`. */
  readonly rootField: string;
  /** Declared variable names. */
  readonly variables: readonly string[];
  /** True when `input` is the only variable: the function takes the input itself. */
  readonly takesInput: boolean;
  readonly document: DocumentNode;
  /** The printed document sent to the server. */
  readonly source: string;
}

function buildOperationTable(modules: Record<string, unknown>): Record<string, OperationInfo> {
  const table: Record<string, OperationInfo> = {};
  for (const [exportName, value] of Object.entries(modules)) {
    if (!exportName.endsWith('Document')) continue;
    const document = value as DocumentNode;
    const name = exportName.charAt(0).toLowerCase() + exportName.slice(1, -'Document'.length);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation?.name) throw new Error(`${exportName}: expected a named operation`);
    const roots = operation.selectionSet.selections;
    const root = roots[0];
    // The SDK returns the root field's value, so each operation selects exactly one field.
    if (roots.length !== 1 || root?.kind !== Kind.FIELD) {
      throw new Error(`${operation.name.value}: expected exactly one root field, found ${roots.length} selections`);
    }
    const variables = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value);
    table[name] = {
      name,
      kind: operation.operation,
      operationName: operation.name.value,
      rootField: root.alias?.value ?? root.name.value,
      variables,
      takesInput: variables.length === 1 && variables[0] === 'input',
      document,
      source: print(document),
    };
  }
  return table;
}

/** Every SDK operation by name: kind, root field, variables and document. */
export const operations = buildOperationTable(generated) as {
  readonly [N in OperationName]: OperationInfo<N> & { readonly document: OperationDocuments[N] & TypedDocumentNode };
};

/** The names of every SDK operation, in the order they were generated. */
export const operationNames = Object.keys(operations) as OperationName[];
