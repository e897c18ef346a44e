import { uuidv7 } from 'uuidv7';
import { badUserInput, notFound } from '@taskwire/platform/errors';
import { mutationTransaction } from '@taskwire/platform/idempotency';
import { textInput } from '@taskwire/platform/input';
import type { CreateSavedViewInput, TaskSort, UpdateSavedViewInput } from '../../generated/graphql.js';
import { requireLiveUser } from '../project/project.service.js';
import { badQuery } from '../task-query/task-query.service.js';
import { parseTaskQuery, QueryError } from '../task-query/task-query.parser.js';
import { userDefaultTimeZone, type TaskServiceDeps } from '../task/task.service.js';
import { maxSavedViewNameLength, maxSavedViewsPerUser, type SavedViewRow } from './saved-view.model.js';
import {
  countSavedViews,
  deleteSavedViewRow,
  findSavedViewForUser,
  findSavedViewsForUser,
  insertSavedView,
  lockSavedViewsOfUser,
  moveSavedViewInList,
  savedViewNameTaken,
  updateSavedViewRow,
  type SavedViewPatch,
} from './saved-view.repository.js';

/*
 * Saved views are personal UI settings: no other service needs them, so no mutation here emits
 * an event (docs/api.md "Saved views"); they go with the account (eraseUserRows).
 */

/** Trims and checks a view name (one line, 1–100 characters). @throws BAD_USER_INPUT naming `field`. */
function validateSavedViewName(value: string, field: string): string {
  const name = textInput(value, field).trim();
  if (name.length === 0 || [...name].length > maxSavedViewNameLength) {
    throw badUserInput(
      field,
      `${field} expected 1 to ${maxSavedViewNameLength} characters after trimming, got ${JSON.stringify(value.slice(0, 120))}`,
    );
  }
  return name;
}

/**
 * A query the filter language accepts, as given (empty: every task). Only its syntax is checked,
 * in the user's zone at the service's present: `~Name` and `#tag` are resolved when the view is
 * used. @throws BAD_USER_INPUT naming `field`, with `extensions.position` and `expected`.
 */
async function validateSavedViewQuery(
  deps: TaskServiceDeps,
  userId: string,
  value: string,
  field: string,
): Promise<string> {
  const query = textInput(value, field);
  try {
    parseTaskQuery(query, { timeZone: await userDefaultTimeZone(deps, userId), now: deps.now() });
  } catch (error) {
    if (error instanceof QueryError) throw badQuery(error, field);
    throw error;
  }
  return query;
}

function sortColumns(sort: TaskSort): Pick<SavedViewRow, 'sort_field' | 'sort_direction'> {
  return { sort_field: sort.field, sort_direction: sort.direction ?? 'ASC' };
}

function nameTaken(name: string): Error {
  return badUserInput('input.name', `a saved view named ${JSON.stringify(name)} exists already (names ignore case)`);
}

/** Query.savedViews: the user's views in their order. */
export async function listSavedViews(deps: TaskServiceDeps, userId: string): Promise<SavedViewRow[]> {
  return findSavedViewsForUser(deps.db, userId);
}

/** Creates a view, last in the user's list. */
export async function createSavedView(
  deps: TaskServiceDeps,
  userId: string,
  input: CreateSavedViewInput,
): Promise<SavedViewRow> {
  const name = validateSavedViewName(input.name, 'input.name');
  const query = await validateSavedViewQuery(deps, userId, input.query, 'input.query');
  const sort = input.sort ? sortColumns(input.sort) : { sort_field: null, sort_direction: null };
  return mutationTransaction(deps.db, async (trx) => {
    await requireLiveUser(trx, userId);
    await lockSavedViewsOfUser(trx, userId);
    const count = await countSavedViews(trx, userId);
    if (count >= maxSavedViewsPerUser) {
      throw badUserInput('input', `at most ${maxSavedViewsPerUser} saved views per user: delete one to save another`);
    }
    if (await savedViewNameTaken(trx, userId, name)) throw nameTaken(name);
    const now = deps.now();
    return insertSavedView(trx, {
      id: uuidv7(),
      user_id: userId,
      name,
      query,
      ...sort,
      position: count + 1,
      created_at: now,
      updated_at: now,
    });
  });
}

/** What updateSavedView changes on the view itself (validated before the lock). */
async function readSavedViewPatch(
  deps: TaskServiceDeps,
  userId: string,
  input: UpdateSavedViewInput,
): Promise<SavedViewPatch> {
  const patch: SavedViewPatch = {};
  if (input.name !== undefined) {
    if (input.name === null) {
      throw badUserInput('input.name', `input.name expected 1 to ${maxSavedViewNameLength} characters, got null`);
    }
    patch.name = validateSavedViewName(input.name, 'input.name');
  }
  if (input.query !== undefined) {
    if (input.query === null) {
      throw badUserInput('input.query', 'input.query expected a query (an empty one for every task), got null');
    }
    patch.query = await validateSavedViewQuery(deps, userId, input.query, 'input.query');
  }
  if (input.clearSort && input.sort) {
    throw badUserInput('input.clearSort', 'input.clearSort cannot be combined with input.sort');
  }
  if (input.sort) Object.assign(patch, sortColumns(input.sort));
  if (input.clearSort) Object.assign(patch, { sort_field: null, sort_direction: null });
  return patch;
}

/** The entries of `patch` that differ from `before`. */
function changesOf(before: SavedViewRow, patch: SavedViewPatch): SavedViewPatch {
  return Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => before[key as keyof SavedViewPatch] !== value),
  );
}

/**
 * Changes a view and/or moves it in the user's list; a change to nothing returns it unchanged
 * (`updated_at` moves only when the name, query or sort changes).
 * @throws NOT_FOUND for a missing view or someone else's; BAD_USER_INPUT naming the field.
 */
export async function updateSavedView(
  deps: TaskServiceDeps,
  userId: string,
  id: string,
  input: UpdateSavedViewInput,
): Promise<SavedViewRow> {
  const patch = await readSavedViewPatch(deps, userId, input);
  if (input.position != null && input.position < 1) {
    throw badUserInput('input.position', `input.position expected 1 or more, got ${input.position}`);
  }
  return mutationTransaction(deps.db, async (trx) => {
    await lockSavedViewsOfUser(trx, userId);
    const before = await findSavedViewForUser(trx, userId, id);
    if (!before) throw notFound('saved view', id);
    if (patch.name !== undefined && (await savedViewNameTaken(trx, userId, patch.name, before.id))) {
      throw nameTaken(patch.name);
    }
    const changes = changesOf(before, patch);
    if (Object.keys(changes).length > 0) await updateSavedViewRow(trx, before.id, changes, deps.now());
    if (input.position != null) await moveSavedViewInList(trx, userId, before.id, input.position);
    const after = await findSavedViewForUser(trx, userId, before.id);
    if (!after) throw new Error(`saved view ${before.id} vanished inside its own transaction`);
    return after;
  });
}

/** Deletes a view and returns its id; the views after it move up one place. @throws NOT_FOUND. */
export async function deleteSavedView(deps: TaskServiceDeps, userId: string, id: string): Promise<string> {
  return mutationTransaction(deps.db, async (trx) => {
    await lockSavedViewsOfUser(trx, userId);
    const before = await findSavedViewForUser(trx, userId, id);
    if (!before) throw notFound('saved view', id);
    await deleteSavedViewRow(trx, userId, before.id);
    return before.id;
  });
}
