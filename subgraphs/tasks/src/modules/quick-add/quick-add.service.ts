import { badUserInput } from '@taskwire/platform/errors';
import { instantInput, textInput, timeZoneInput } from '@taskwire/platform/input';
import { roleAllows } from '../project/project.model.js';
import { findProjectsForUser } from '../project/project.repository.js';
import { userDefaultTimeZone, type TaskServiceDeps } from '../task/task.service.js';
import { parseQuickAdd, type QuickAddDraft } from './quick-add.parser.js';

/** Longest quick-add line, in characters (a title is at most 500, a description rides along). */
export const maxQuickAddLength = 1_000;

export interface ParseTaskArgs {
  readonly text: string;
  readonly timeZone?: string | null | undefined;
  readonly now?: string | null | undefined;
  readonly keepAsText?: readonly number[] | null | undefined;
}

/**
 * `parseTask`: the draft of one line in the user's zone (or the one given), at the server's
 * present (or the one given), with `~Name` resolved among the projects the user may add tasks to.
 */
export async function parseTaskDraft(
  deps: TaskServiceDeps,
  userId: string,
  args: ParseTaskArgs,
): Promise<QuickAddDraft> {
  const text = textInput(args.text, 'text');
  if (text.length > maxQuickAddLength) {
    throw badUserInput('text', `text expected at most ${maxQuickAddLength} characters, got ${text.length}`);
  }
  const timeZone =
    args.timeZone != null ? timeZoneInput(args.timeZone, 'timeZone') : await userDefaultTimeZone(deps, userId);
  const now = args.now != null ? instantInput(args.now, 'now') : deps.now();
  const projects = (await findProjectsForUser(deps.db, userId, false)).filter((p) => roleAllows[p.role].editTasks);
  return parseQuickAdd(text, {
    timeZone,
    now,
    projects: projects.map((p) => ({ id: p.id, name: p.name })),
    keepAsText: new Set(args.keepAsText ?? []),
  });
}
