import type { AddReminderInput, CreateTaskInput, RecurrenceInput, UpdateTaskInput } from '../../gql/graphql';
import { fromLocalInput } from '../../format';
import { rruleOf } from '../../recurrence/presets';
import type { PreviewDue } from '../../recurrence/preview';
import type { SessionUser } from '../../session';
import type { EditorTask, EditorValues, PendingReminder, ReminderUnit } from './form-state';

const unitMinutes: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/**
 * The zone a repeating task's occurrences are computed in: the series' own zone, else the
 * task's, else (a new task) the user's.
 */
export const recurrenceTimeZoneOf = (task: EditorTask | null, user: SessionUser): string =>
  task?.recurrence?.timeZone ?? task?.timeZone ?? user.timeZone;

type DueValues = Pick<EditorValues, 'dueKind' | 'dueLocal' | 'dueDate'>;

/** The due instant being edited (RFC 3339), when the task is due at a time. */
export const dueAtOf = (values: DueValues): string | null =>
  values.dueKind === 'time' && values.dueLocal ? fromLocalInput(values.dueLocal) : null;

/** The series start for the recurrence preview: the due value being edited, if any. */
export function previewDueOf(values: DueValues): PreviewDue | null {
  const dueAt = dueAtOf(values);
  if (dueAt) return { dateTime: dueAt };
  return values.dueKind === 'day' && values.dueDate ? { date: values.dueDate } : null;
}

export function recurrenceInputOf(values: EditorValues, timeZone: string): RecurrenceInput | null {
  const rrule = rruleOf(values.recurrence);
  return rrule ? { rrule, timeZone, anchor: values.anchor } : null;
}

/** createTask's input: everything set in the form; the task's own zone is the user's. */
export function createInputOf(values: EditorValues, user: SessionUser, recurrenceTimeZone: string): CreateTaskInput {
  const dueAt = dueAtOf(values);
  const recurrence = recurrenceInputOf(values, recurrenceTimeZone);
  return {
    title: values.title,
    description: values.description.trim() ? values.description : null,
    priority: values.priority,
    timeZone: user.timeZone,
    ...(dueAt ? { dueAt } : {}),
    ...(values.dueKind === 'day' && values.dueDate ? { dueDate: values.dueDate } : {}),
    ...(recurrence ? { recurrence } : {}),
    ...(values.projectId ? { projectId: values.projectId } : {}),
    ...(values.assigneeId ? { assigneeId: values.assigneeId } : {}),
  };
}

/** updateTask's input: only what differs from the task as loaded (empty when nothing does). */
export function updateInputOf(values: EditorValues, task: EditorTask, recurrenceTimeZone: string): UpdateTaskInput {
  const input: UpdateTaskInput = {};
  const dueAt = dueAtOf(values);
  const recurrence = recurrenceInputOf(values, recurrenceTimeZone);
  if (values.title !== task.title) input.title = values.title;
  if ((values.description || null) !== (task.description || null)) input.description = values.description;
  if (values.priority !== task.priority) input.priority = values.priority;
  if (values.dueKind === 'none' && (task.dueAt || task.dueDate)) input.clearDue = true;
  if (dueAt && dueAt !== (task.dueAt ? new Date(task.dueAt).toISOString() : null)) input.dueAt = dueAt;
  if (values.dueKind === 'day' && values.dueDate && values.dueDate !== task.dueDate) input.dueDate = values.dueDate;
  if (!recurrence && task.recurrence) input.clearRecurrence = true;
  if (recurrence && (recurrence.rrule !== task.recurrence?.rrule || recurrence.anchor !== task.recurrence?.anchor))
    input.recurrence = recurrence;
  // null unassigns.
  if (values.assigneeId !== (task.assignee?.id ?? null)) input.assigneeId = values.assigneeId;
  return input;
}

/**
 * The project to move the task to (moveTask, before updateTask: the assignee must be a member
 * of the project the task ends up in), or null when it stays.
 */
export function moveTargetOf(values: EditorValues, task: EditorTask): string | null {
  return values.projectId && values.projectId !== task.project.id ? values.projectId : null;
}

/** Whether the tag list differs (names and order) from the task as loaded. */
export function tagsChanged(task: EditorTask | null, tagNames: readonly string[]): boolean {
  const before = task?.tags?.map((t) => t.name) ?? [];
  return before.length !== tagNames.length || before.some((name, i) => name !== tagNames[i]);
}

export function reminderInputOf(taskId: string, reminder: PendingReminder): AddReminderInput {
  return reminder.kind === 'absolute'
    ? { taskId, remindAt: fromLocalInput(reminder.local) }
    : { taskId, offsetMinutes: reminder.amount * unitMinutes[reminder.unit] };
}
