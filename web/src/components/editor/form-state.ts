import type { Priority, RecurrenceAnchor, TaskEditorQuery } from '../../gql/graphql';
import { noErrors, type FormErrors } from '../../errors';
import { toLocalInput } from '../../format';
import { modelOf, type RecurrenceModel } from '../../recurrence/presets';

/** The task the editor opens, as the TaskEditor query answers it. */
export type EditorTask = NonNullable<TaskEditorQuery['task']>;

export type DueKind = 'none' | 'time' | 'day';
export type ReminderUnit = 'minutes' | 'hours' | 'days';
export type PendingReminder =
  { kind: 'absolute'; local: string } | { kind: 'relative'; amount: number; unit: ReminderUnit };

/** What the form saves onto the task itself (tags included). */
export interface EditorValues {
  title: string;
  description: string;
  priority: Priority;
  dueKind: DueKind;
  /** `<input type="datetime-local">` value, used when `dueKind` is `time`. */
  dueLocal: string;
  /** `YYYY-MM-DD`, used when `dueKind` is `day`. */
  dueDate: string;
  tagNames: string[];
  newTagColor: string;
  recurrence: RecurrenceModel;
  anchor: RecurrenceAnchor;
  /** The project the task is (to be) in; null for a new task is the user's Inbox. */
  projectId: string | null;
  /** The member it is assigned to; null when unassigned. */
  assigneeId: string | null;
}

/** Where a new task starts: the project and assignee of the list it is created from. */
export interface NewTaskDefaults {
  projectId?: string | null;
  assigneeId?: string | null;
}

/** The reminder being composed, before "Add reminder" puts it on the pending list. */
export interface ReminderDraft {
  kind: PendingReminder['kind'];
  local: string;
  amount: number;
  unit: ReminderUnit;
}

export interface EditorState {
  values: EditorValues;
  draft: ReminderDraft;
  /** Reminders added in this form, saved after the task (they need its id). */
  pending: PendingReminder[];
  errors: FormErrors;
}

export type EditorAction =
  | { type: 'edit'; patch: Partial<EditorValues> }
  | { type: 'editDraft'; patch: Partial<ReminderDraft> }
  | { type: 'addTag'; text: string }
  | { type: 'removeTag'; name: string }
  | { type: 'addReminder' }
  | { type: 'removePending'; index: number }
  | { type: 'pendingSaved' }
  | { type: 'errors'; errors: FormErrors };

export const tagColors = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export function initialEditorState(task: EditorTask | null, defaults: NewTaskDefaults = {}): EditorState {
  return {
    values: {
      title: task?.title ?? '',
      description: task?.description ?? '',
      priority: task?.priority ?? 'MEDIUM',
      dueKind: task?.dueAt ? 'time' : task?.dueDate ? 'day' : 'none',
      dueLocal: task?.dueAt ? toLocalInput(task.dueAt) : '',
      dueDate: task?.dueDate ?? '',
      tagNames: task?.tags?.map((t) => t.name) ?? [],
      newTagColor: tagColors[0]!,
      recurrence: modelOf(task?.recurrence?.rrule),
      anchor: task?.recurrence?.anchor ?? 'SCHEDULE',
      projectId: task ? task.project.id : (defaults.projectId ?? null),
      assigneeId: task ? (task.assignee?.id ?? null) : (defaults.assigneeId ?? null),
    },
    draft: { kind: 'relative', local: '', amount: 15, unit: 'minutes' },
    pending: [],
    errors: noErrors,
  };
}

/** What the user typed in the tag box as a tag name: `#home,` is `home`. */
export const tagNameOf = (text: string): string => text.trim().replace(/^#/, '').replace(/,$/, '');

export const sameTag = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Tag names are unique regardless of case, so a second `Home` next to `home` is dropped. */
export function withTag(names: readonly string[], text: string): string[] {
  const name = tagNameOf(text);
  return name && !names.some((n) => sameTag(n, name)) ? [...names, name] : [...names];
}

/**
 * The draft as a pending reminder, or the field message saying why it cannot be one: an absolute
 * reminder needs its time, a relative one a due time to count back from.
 */
export function pendingReminderOf(
  draft: ReminderDraft,
  dueKind: DueKind,
): { reminder: PendingReminder } | { field: 'remindAt' | 'offsetMinutes'; message: string } {
  if (draft.kind === 'absolute') {
    if (!draft.local) return { field: 'remindAt', message: 'Choose a date and time for the reminder.' };
    return { reminder: { kind: 'absolute', local: draft.local } };
  }
  if (dueKind !== 'time')
    return { field: 'offsetMinutes', message: 'A reminder before the due time needs a due date and time.' };
  return { reminder: { kind: 'relative', amount: draft.amount, unit: draft.unit } };
}

function addReminder(state: EditorState): EditorState {
  const result = pendingReminderOf(state.draft, state.values.dueKind);
  const fields = state.errors.fields;
  if ('field' in result)
    return { ...state, errors: { ...state.errors, fields: { ...fields, [result.field]: result.message } } };
  return {
    ...state,
    pending: [...state.pending, result.reminder],
    draft: result.reminder.kind === 'absolute' ? { ...state.draft, local: '' } : state.draft,
    errors: { ...state.errors, fields: { ...fields, remindAt: '', offsetMinutes: '' } },
  };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'edit':
      return { ...state, values: { ...state.values, ...action.patch } };
    case 'editDraft':
      return { ...state, draft: { ...state.draft, ...action.patch } };
    case 'addTag':
      return { ...state, values: { ...state.values, tagNames: withTag(state.values.tagNames, action.text) } };
    case 'removeTag':
      return {
        ...state,
        values: { ...state.values, tagNames: state.values.tagNames.filter((t) => t !== action.name) },
      };
    case 'addReminder':
      return addReminder(state);
    case 'removePending':
      return { ...state, pending: state.pending.filter((_, i) => i !== action.index) };
    case 'pendingSaved':
      return { ...state, pending: state.pending.slice(1) };
    case 'errors':
      return { ...state, errors: action.errors };
  }
}
