import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { graphql } from '../gql';
import type {
  CreateTaskInput,
  Priority,
  RecurrenceAnchor,
  TaskEditorQuery as TaskEditorData,
  UpdateTaskInput,
} from '../gql/graphql';
import { formErrorsOf, noErrors, otherMessages, retryWhileNotFound, type FormErrors } from '../errors';
import { formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { modelOf, rruleOf, type RecurrenceModel } from '../recurrence/presets';
import type { PreviewDue } from '../recurrence/preview';
import type { SessionUser } from '../session';
import { FieldError } from './FieldError';
import { PriorityBadge, priorities, priorityLabel } from './Priority';
import { RecurrenceBuilder } from './RecurrenceBuilder';
import { TagChip } from './TagChip';
import { TagsQuery } from './TaskList';

const TaskEditorQuery = graphql(`
  query TaskEditor($id: ID!) {
    task(id: $id) {
      id
      ...TaskItemFields
      timeZone
      reminders {
        ...ReminderFields
      }
    }
  }
`);

const ReminderFields = graphql(`
  fragment ReminderFields on Reminder {
    id
    remindAt
    offsetMinutes
    state
    snoozedUntil
  }
`);
void ReminderFields;

const CreateTask = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      ...TaskItemFields
    }
  }
`);

const UpdateTask = graphql(`
  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {
    updateTask(id: $id, input: $input) {
      id
      ...TaskItemFields
    }
  }
`);

const SetTaskTags = graphql(`
  mutation SetTaskTags($taskId: ID!, $names: [String!]!) {
    setTaskTags(taskId: $taskId, names: $names) {
      id
      tags {
        id
        name
        color
      }
    }
  }
`);

const CreateTag = graphql(`
  mutation CreateTag($name: String!, $color: String) {
    createTag(name: $name, color: $color) {
      id
      name
      color
    }
  }
`);

const AddReminder = graphql(`
  mutation AddReminder($input: AddReminderInput!) {
    addReminder(input: $input) {
      ...ReminderFields
    }
  }
`);

const DismissReminderInEditor = graphql(`
  mutation DismissReminderInEditor($id: ID!) {
    dismissReminder(id: $id) {
      ...ReminderFields
    }
  }
`);

type DueKind = 'none' | 'time' | 'day';
type Unit = 'minutes' | 'hours' | 'days';
const unitMinutes: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };
type PendingReminder = { kind: 'absolute'; local: string } | { kind: 'relative'; amount: number; unit: Unit };

const tagColors = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

export interface TaskEditorProps {
  taskId: string | null;
  user: SessionUser;
  onClose(): void;
}

export function TaskEditor({ taskId, user, onClose }: TaskEditorProps) {
  const { data, loading } = useQuery(TaskEditorQuery, {
    variables: { id: taskId ?? '' },
    skip: !taskId,
    fetchPolicy: 'cache-and-network',
  });
  const task = data?.task ?? null;
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open && typeof node.showModal === 'function') node.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="editor"
      aria-labelledby="editor-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {taskId && loading && !task ? (
        <p>Loading…</p>
      ) : taskId && !task ? (
        <p role="alert">This task no longer exists.</p>
      ) : (
        <EditorForm key={task?.id ?? 'new'} task={task} user={user} onClose={onClose} />
      )}
    </dialog>
  );
}

type EditorTask = NonNullable<TaskEditorData['task']>;

function EditorForm({ task, user, onClose }: { task: EditorTask | null; user: SessionUser; onClose(): void }) {
  const id = useId();
  const client = useApolloClient();
  const [taskId, setTaskId] = useState<string | null>(task?.id ?? null);
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [priority, setPriority] = useState<Priority>(task?.priority ?? 'MEDIUM');
  const [dueKind, setDueKind] = useState<DueKind>(task?.dueAt ? 'time' : task?.dueDate ? 'day' : 'none');
  const [dueLocal, setDueLocal] = useState(task?.dueAt ? toLocalInput(task.dueAt) : '');
  const [dueDate, setDueDate] = useState(task?.dueDate ?? '');
  const [tagNames, setTagNames] = useState<string[]>(task?.tags.map((t) => t.name) ?? []);
  const [tagInput, setTagInput] = useState('');
  const [newTagColor, setNewTagColor] = useState(tagColors[0]!);
  const [pending, setPending] = useState<PendingReminder[]>([]);
  const [reminderKind, setReminderKind] = useState<'absolute' | 'relative'>('relative');
  const [reminderLocal, setReminderLocal] = useState('');
  const [reminderAmount, setReminderAmount] = useState(15);
  const [reminderUnit, setReminderUnit] = useState<Unit>('minutes');
  const [recurrence, setRecurrence] = useState<RecurrenceModel>(() => modelOf(task?.recurrence?.rrule));
  const [anchor, setAnchor] = useState<RecurrenceAnchor>(task?.recurrence?.anchor ?? 'SCHEDULE');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const tagsResult = useQuery(TagsQuery);
  const allTags = tagsResult.data?.tags ?? [];
  const colorOf = (name: string) => allTags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color ?? null;

  const [createTask] = useMutation(CreateTask);
  const [updateTask] = useMutation(UpdateTask);
  const [setTaskTags] = useMutation(SetTaskTags);
  const [createTag] = useMutation(CreateTag);
  const [addReminder] = useMutation(AddReminder);
  const [dismissReminder] = useMutation(DismissReminderInEditor);

  const timeZone = task?.recurrence?.timeZone ?? task?.timeZone ?? user.timeZone;
  const dueAtIso = dueKind === 'time' && dueLocal ? fromLocalInput(dueLocal) : null;
  const previewDue: PreviewDue | null = useMemo(
    () => (dueAtIso ? { dateTime: dueAtIso } : dueKind === 'day' && dueDate ? { date: dueDate } : null),
    [dueAtIso, dueKind, dueDate],
  );

  function addTag() {
    const name = tagInput.trim().replace(/^#/, '').replace(/,$/, '');
    if (name && !tagNames.some((t) => t.toLowerCase() === name.toLowerCase())) setTagNames([...tagNames, name]);
    setTagInput('');
  }
  function onTagKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTag();
    } else if (event.key === 'Backspace' && !tagInput && tagNames.length) {
      setTagNames(tagNames.slice(0, -1));
    }
  }
  function addPendingReminder() {
    if (reminderKind === 'absolute') {
      if (!reminderLocal)
        return setErrors({
          ...errors,
          fields: { ...errors.fields, remindAt: 'Choose a date and time for the reminder.' },
        });
      setPending([...pending, { kind: 'absolute', local: reminderLocal }]);
      setReminderLocal('');
    } else {
      if (dueKind !== 'time')
        return setErrors({
          ...errors,
          fields: { ...errors.fields, offsetMinutes: 'A reminder before the due time needs a due date and time.' },
        });
      setPending([...pending, { kind: 'relative', amount: reminderAmount, unit: reminderUnit }]);
    }
    setErrors({ ...errors, fields: { ...errors.fields, remindAt: '', offsetMinutes: '' } });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noErrors);
    const rrule = rruleOf(recurrence);
    const recurrenceInput = rrule ? { rrule, timeZone, anchor } : null;
    let id = taskId;
    try {
      if (!id) {
        const input: CreateTaskInput = {
          title,
          description: description.trim() ? description : null,
          priority,
          timeZone: user.timeZone,
          ...(dueKind === 'time' && dueAtIso ? { dueAt: dueAtIso } : {}),
          ...(dueKind === 'day' && dueDate ? { dueDate } : {}),
          ...(recurrenceInput ? { recurrence: recurrenceInput } : {}),
        };
        const result = await createTask({ variables: { input } });
        id = result.data!.createTask.id;
        setTaskId(id);
      } else if (task) {
        const input: UpdateTaskInput = {};
        if (title !== task.title) input.title = title;
        if ((description || null) !== (task.description || null)) input.description = description;
        if (priority !== task.priority) input.priority = priority;
        if (dueKind === 'none' && (task.dueAt || task.dueDate)) input.clearDue = true;
        if (dueKind === 'time' && dueAtIso && dueAtIso !== (task.dueAt ? new Date(task.dueAt).toISOString() : null))
          input.dueAt = dueAtIso;
        if (dueKind === 'day' && dueDate && dueDate !== task.dueDate) input.dueDate = dueDate;
        if (!recurrenceInput && task.recurrence) input.clearRecurrence = true;
        if (recurrenceInput && (recurrenceInput.rrule !== task.recurrence?.rrule || anchor !== task.recurrence?.anchor))
          input.recurrence = recurrenceInput;
        if (Object.keys(input).length) await updateTask({ variables: { id, input } });
      }

      const before = (task?.tags.map((t) => t.name) ?? []).join('\u0000');
      if (tagNames.join('\u0000') !== before) {
        // New tags get the colour chosen for them; existing ones keep theirs.
        for (const name of tagNames) {
          if (!allTags.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
            await createTag({ variables: { name, color: newTagColor } }).catch(() => undefined);
          }
        }
        const taskForTags = id;
        await retryWhileNotFound(() => setTaskTags({ variables: { taskId: taskForTags, names: tagNames } }));
      }
      const remaining = [...pending];
      while (remaining.length) {
        const r = remaining[0]!;
        const input =
          r.kind === 'absolute'
            ? { taskId: id, remindAt: fromLocalInput(r.local) }
            : { taskId: id, offsetMinutes: r.amount * unitMinutes[r.unit] };
        await retryWhileNotFound(() => addReminder({ variables: { input } }));
        remaining.shift();
        setPending([...remaining]);
      }
      await client.refetchQueries({ include: ['TaskList', 'Tags'] });
      onClose();
    } catch (error) {
      const found = formErrorsOf(error);
      setErrors(found);
      if (id && !taskId) setTaskId(id);
    } finally {
      setSaving(false);
    }
  }

  const f = errors.fields;
  const placed = [
    'title',
    'description',
    'priority',
    'dueAt',
    'dueDate',
    'names',
    'name',
    'taskId',
    'remindAt',
    'offsetMinutes',
    'recurrence.rrule',
    'recurrence.timeZone',
    'recurrence',
  ];
  const general = otherMessages(errors, placed);
  return (
    <form onSubmit={(e) => void save(e)} className="editor-form" noValidate>
      <header>
        <h2 id="editor-title">{taskId ? 'Edit task' : 'New task'}</h2>
        <button type="button" onClick={onClose} aria-label="Close editor">
          ×
        </button>
      </header>
      <label>
        Title
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          aria-invalid={!!f.title}
          aria-describedby={f.title ? `${id}-title-error` : undefined}
          autoFocus
        />
        <span id={`${id}-title-error`}>
          <FieldError message={f.title} />
        </span>
      </label>
      <label>
        Description
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={3}
          aria-invalid={!!f.description}
        />
        <FieldError message={f.description} />
      </label>
      <label>
        Priority <PriorityBadge priority={priority} />
        <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)} aria-invalid={!!f.priority}>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabel[p]}
            </option>
          ))}
        </select>
        <FieldError message={f.priority} />
      </label>

      <fieldset>
        <legend>Due</legend>
        <label className="inline">
          <input type="radio" name={`${id}-due`} checked={dueKind === 'none'} onChange={() => setDueKind('none')} />
          No due date
        </label>
        <label className="inline">
          <input type="radio" name={`${id}-due`} checked={dueKind === 'time'} onChange={() => setDueKind('time')} />
          Date and time
        </label>
        <label className="inline">
          <input type="radio" name={`${id}-due`} checked={dueKind === 'day'} onChange={() => setDueKind('day')} />
          All day
        </label>
        {dueKind === 'time' && (
          <label>
            Due at
            <input
              type="datetime-local"
              value={dueLocal}
              onChange={(e) => setDueLocal(e.target.value)}
              aria-invalid={!!f.dueAt}
            />
            <FieldError message={f.dueAt} />
          </label>
        )}
        {dueKind === 'day' && (
          <label>
            Due on
            <input
              type="date"
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
              aria-invalid={!!f.dueDate}
            />
            <FieldError message={f.dueDate} />
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>Tags</legend>
        <div className="tag-row">
          {tagNames.map((name) => (
            <TagChip
              key={name}
              name={name}
              color={colorOf(name) ?? newTagColor}
              onRemove={() => setTagNames(tagNames.filter((t) => t !== name))}
            />
          ))}
        </div>
        <div className="inline">
          <label className="grow">
            Add tag
            <input
              value={tagInput}
              onChange={(e) => setTagInput(e.target.value)}
              onKeyDown={onTagKey}
              list={`${id}-tags`}
              placeholder="Type a tag, Enter to add"
              aria-invalid={!!f.names}
            />
          </label>
          <datalist id={`${id}-tags`}>
            {allTags
              .filter((t) => !tagNames.includes(t.name))
              .map((t) => (
                <option key={t.id} value={t.name} />
              ))}
          </datalist>
          <label className="inline">
            Colour for new tags
            <input type="color" value={newTagColor} onChange={(e) => setNewTagColor(e.target.value)} />
          </label>
          <button type="button" onClick={addTag}>
            Add tag
          </button>
        </div>
        <FieldError message={f.names ?? f.name ?? f.taskId} />
      </fieldset>

      <fieldset>
        <legend>Reminders</legend>
        <ul className="reminders">
          {task?.reminders.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.remindAt)}
              {r.offsetMinutes != null && ` (${r.offsetMinutes} min before)`} · {r.state.toLowerCase()}
              {r.state === 'SCHEDULED' && (
                <button
                  type="button"
                  onClick={() => void dismissReminder({ variables: { id: r.id } })}
                  aria-label={`Cancel reminder at ${formatDateTime(r.remindAt)}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
          {pending.map((r, i) => (
            <li key={`p${i}`} className="pending">
              {r.kind === 'absolute' ? formatDateTime(fromLocalInput(r.local)) : `${r.amount} ${r.unit} before due`}{' '}
              (not saved yet)
              <button
                type="button"
                onClick={() => setPending(pending.filter((_, j) => j !== i))}
                aria-label="Remove unsaved reminder"
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div className="inline">
          <label className="inline">
            <input
              type="radio"
              name={`${id}-rk`}
              checked={reminderKind === 'relative'}
              onChange={() => setReminderKind('relative')}
            />
            Before due
          </label>
          <label className="inline">
            <input
              type="radio"
              name={`${id}-rk`}
              checked={reminderKind === 'absolute'}
              onChange={() => setReminderKind('absolute')}
            />
            At a time
          </label>
        </div>
        {reminderKind === 'relative' ? (
          <div className="inline">
            <input
              type="number"
              min={0}
              className="narrow"
              value={reminderAmount}
              onChange={(e) => setReminderAmount(Number(e.target.value))}
              aria-label="Reminder amount"
            />
            <select
              value={reminderUnit}
              onChange={(e) => setReminderUnit(e.target.value as Unit)}
              aria-label="Reminder unit"
            >
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
            <span>before due</span>
          </div>
        ) : (
          <label>
            Remind at
            <input
              type="datetime-local"
              step={1}
              value={reminderLocal}
              onChange={(e) => setReminderLocal(e.target.value)}
            />
          </label>
        )}
        <button type="button" onClick={addPendingReminder}>
          Add reminder
        </button>
        <FieldError message={f.remindAt || f.offsetMinutes || undefined} />
      </fieldset>

      <RecurrenceBuilder
        model={recurrence}
        onChange={setRecurrence}
        anchor={anchor}
        onAnchorChange={setAnchor}
        timeZone={timeZone}
        due={previewDue}
        error={f['recurrence.rrule'] ?? f['recurrence.timeZone'] ?? f.recurrence}
      />

      {general.length > 0 && (
        <p className="error" role="alert">
          {general.join(' ')}
        </p>
      )}
      <footer>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {recurrence.kind !== 'NONE' && !previewDue && (
          <span className="hint">Set a due date: a repeating task starts from it.</span>
        )}
      </footer>
    </form>
  );
}
