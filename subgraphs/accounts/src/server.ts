/** `@taskwire/accounts/server`: the accounts subgraph as a service (for `dev/`, the test stack, gateway tests). */
export { startAccountsService, type AccountsService, type AccountsServiceOptions } from './service.js';
export { accountsConfigSchema, type AccountsConfig } from './env.js';
export { accountsMutationIdempotency } from './idempotency.js';
