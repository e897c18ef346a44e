import type { Selectable } from 'kysely';
import type { SavedViewsTable } from '../../db/database.js';

/** A saved view as stored in `tasks.saved_views`: the GraphQL `SavedView` mapper. */
export type SavedViewRow = Selectable<SavedViewsTable>;

/** Longest view name, in characters. */
export const maxSavedViewNameLength = 100;

/** Most views one user may have. */
export const maxSavedViewsPerUser = 100;
