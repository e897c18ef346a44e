import type { Page } from '@taskwire/platform/paging';
import type { StoredFieldChange } from '../../db/database.js';
import type { FieldChange } from '../../generated/graphql.js';
import type { AuditEntryWithKey } from './audit.repository.js';

/** The GraphQL `AuditConnection` mapper: a page of entries with lazily checked page flags. */
export type AuditConnectionModel = Page<AuditEntryWithKey>;

/** The audit subgraph's view of a task: only its key (history is resolved by field). */
export interface TaskRef {
  id: string;
}

/** JSON-encodes a stored change for the API; an absent value (null) stays null. */
export function toFieldChange(change: StoredFieldChange): FieldChange {
  return {
    field: change.field,
    oldValue: change.old === null || change.old === undefined ? null : JSON.stringify(change.old),
    newValue: change.new === null || change.new === undefined ? null : JSON.stringify(change.new),
  };
}
