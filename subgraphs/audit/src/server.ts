/** `@taskwire/audit/server`: the audit subgraph as a service (for `dev/`, the test stack and benchmarks). */
export { startAuditService, type AuditService } from './service.js';
export { auditConfigSchema, type AuditConfig } from './env.js';
