/**
 * `@taskwire/audit/testing`: read-only helpers for other packages' tests, so that no test outside
 * this package names the `audit` schema in SQL.
 */
export { createAuditDatabase } from './db/database.js';
export { findAuditEntryByEventId } from './modules/audit/audit.repository.js';
