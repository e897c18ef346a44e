/**
 * `@taskwire/audit`: the audit trail as its writer uses it (the audit-writer consumer inserts
 * one entry per task event as the INSERT-only role, keeps the membership and task-project
 * projections that decide who reads which history, erases deleted accounts, and prunes old
 * entries). Everything else in this package is internal; the service is
 * `@taskwire/audit/server`, the migrator `@taskwire/audit/migrate`.
 */
export { auditWriterRole, createAuditDatabase, type AuditDB, type StoredFieldChange } from './db/database.js';
export {
  deleteAuditEntriesBefore,
  eraseUserEntries,
  insertAuditEntries,
  userIdsNamedBy,
  type NewAuditEntry,
} from './modules/audit/audit.repository.js';
export {
  applyMembershipEvent,
  recordTaskProjects,
  type TaskProject,
} from './modules/project-access/project-access.repository.js';
