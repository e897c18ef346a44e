import type { StoredFieldChange } from '../../db/database.js';
import type { FieldChange } from '../../generated/graphql.js';

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
