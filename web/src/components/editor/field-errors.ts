import { otherMessages, type FormErrors } from '../../errors';

/**
 * Which input fields (BAD_USER_INPUT `extensions.field`, without `input.`) each control of the
 * editor shows; the first one with a message wins. The tag box answers for setTaskTags and
 * createTag, the reminder controls for addReminder, the project for moveTask.
 */
const controlFields = {
  title: ['title'],
  description: ['description'],
  priority: ['priority'],
  dueAt: ['dueAt'],
  dueDate: ['dueDate'],
  tags: ['names', 'name', 'taskId'],
  reminder: ['remindAt', 'offsetMinutes'],
  recurrence: ['recurrence.rrule', 'recurrence.timeZone', 'recurrence'],
  // createTask's input.projectId, moveTask's projectId.
  project: ['projectId'],
  assignee: ['assigneeId'],
} as const;

export type EditorControl = keyof typeof controlFields;

export type EditorFieldErrors = Partial<Record<EditorControl, string>> & {
  /** Messages for no control: general errors and fields the form has no control for. */
  general: string[];
};

const placedFields: readonly string[] = Object.values(controlFields).flat();

export function editorFieldErrors(errors: FormErrors): EditorFieldErrors {
  const result: EditorFieldErrors = { general: otherMessages(errors, placedFields) };
  for (const [control, fields] of Object.entries(controlFields) as Array<[EditorControl, readonly string[]]>) {
    const message = fields.map((f) => errors.fields[f]).find(Boolean);
    if (message) result[control] = message;
  }
  return result;
}
