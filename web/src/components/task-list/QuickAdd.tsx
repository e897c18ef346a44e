import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { CreateTaskInput, ParseQuickAddQuery } from '../../gql/graphql';
import { formErrorsOf, retryWhileNotFound } from '../../errors';
import { formatShortDue } from '../../format';
import type { SessionUser } from '../../session';
import type { NewTaskDefaults } from '../editor/form-state';
import { FieldError } from '../FieldError';
import { priorityLabel } from '../Priority';

const ParseQuickAdd = graphql(`
  query ParseQuickAdd($text: String!, $timeZone: String, $keepAsText: [Int!]) {
    parseTask(text: $text, timeZone: $timeZone, keepAsText: $keepAsText) {
      title
      description
      dueAt
      dueDate
      timeZone
      priority
      tagNames
      projectId
      recurrence {
        rrule
        timeZone
        anchor
      }
      reminderOffsetsMinutes
      parts {
        kind
        text
        start
        end
      }
    }
  }
`);

const QuickAddTask = graphql(`
  mutation QuickAddTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      ...TaskItemFields
    }
  }
`);

const QuickAddTags = graphql(`
  mutation QuickAddTags($taskId: ID!, $names: [String!]!) {
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

const QuickAddReminder = graphql(`
  mutation QuickAddReminder($input: AddReminderInput!) {
    addReminder(input: $input) {
      id
    }
  }
`);

export type TaskDraft = ParseQuickAddQuery['parseTask'];
export type TaskDraftPart = TaskDraft['parts'][number];

/** A draft and the input it was read from. */
interface Parsed {
  text: string;
  keepAsText: readonly number[];
  draft: TaskDraft;
}

/** How long typing pauses before the line is read. */
export const parseDelayMs = 150;
export const emptyTitleMessage = 'Type a title as well';
const noneKept: readonly number[] = [];

const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((n, i) => n === b[i]);

/** What a chip says: "Due: Thu 3 Dec 09:00", "Tag: home", "Reminder: 30 min before", … */
export function partLabel(part: TaskDraftPart, draft: TaskDraft, firstDue: boolean): string {
  switch (part.kind) {
    case 'DUE': {
      const due = firstDue ? formatShortDue(draft, draft.timeZone) : null;
      return `Due: ${due ?? part.text}`;
    }
    case 'REPEAT':
      return `Repeats: ${part.text}`;
    case 'PRIORITY':
      // A line has at most one PRIORITY part: the draft's priority is its value.
      return `Priority: ${priorityLabel[draft.priority]}`;
    case 'TAG':
      return `Tag: ${part.text.replace(/^#/, '')}`;
    case 'PROJECT':
      return `Project: ${part.text
        .replace(/^~/, '')
        .replace(/^"(.*)"$/, '$1')
        .trim()}`;
    case 'REMINDER':
      // The words as typed ("30m before"): offsets are merged and sorted, so not one per part.
      return `Reminder: ${part.text.replace(/^remind(\s+me)?\s+/i, '')}`;
    case 'DESCRIPTION':
      return 'Description';
  }
}

/** createTask's input for a draft, in the list's project (and for its assignee) unless the line names another project. */
export function createInputOf(draft: TaskDraft, user: SessionUser, defaults: NewTaskDefaults): CreateTaskInput {
  const projectId = draft.projectId ?? defaults.projectId ?? null;
  // The list's assignee is a member of the list's project; in another project only the user is sure to be one.
  const sameProject = !draft.projectId || draft.projectId === defaults.projectId;
  const assigneeId =
    defaults.assigneeId && (sameProject || defaults.assigneeId === user.id) ? defaults.assigneeId : null;
  return {
    title: draft.title,
    priority: draft.priority,
    timeZone: draft.timeZone,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.dueAt ? { dueAt: draft.dueAt } : draft.dueDate ? { dueDate: draft.dueDate } : {}),
    ...(draft.recurrence
      ? {
          recurrence: {
            rrule: draft.recurrence.rrule,
            timeZone: draft.recurrence.timeZone,
            anchor: draft.recurrence.anchor,
          },
        }
      : {}),
    ...(projectId ? { projectId } : {}),
    ...(assigneeId ? { assigneeId } : {}),
  };
}

export interface QuickAddProps {
  user: SessionUser;
  /** The project and assignee of the list shown (none: the Inbox, unassigned). */
  defaults: NewTaskDefaults;
  onOpenEditor(): void;
}

/**
 * One line to add a task: the server reads it as the user types (parseTask: "tomorrow 9am #home
 * !p1 ~Errands") and each recognised piece shows as a chip that can be undone (kept as title
 * text); the full editor is a button away.
 */
export function QuickAdd({ user, defaults, onOpenEditor }: QuickAddProps) {
  const id = useId();
  const client = useApolloClient();
  const [text, setText] = useState('');
  /** Starts of the parts the user undid; offsets hold only for this text, so any edit clears them. */
  const [keepAsText, setKeepAsText] = useState<readonly number[]>(noneKept);
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Bumped for every read and on submit: only the latest read may set the chips. */
  const generation = useRef(0);
  const [createTask] = useMutation(QuickAddTask, { refetchQueries: ['TaskList'] });
  const [setTaskTags] = useMutation(QuickAddTags);
  const [addReminder] = useMutation(QuickAddReminder);

  const parse = useCallback(
    async (line: string, keep: readonly number[]): Promise<TaskDraft> => {
      const { data } = await client.query({
        query: ParseQuickAdd,
        variables: { text: line, timeZone: user.timeZone, keepAsText: [...keep] },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new Error('Could not read the line');
      return data.parseTask;
    },
    [client, user.timeZone],
  );

  // Read the line once typing pauses (and at once again after an undo).
  useEffect(() => {
    if (!text.trim()) return;
    const line = text;
    const keep = keepAsText;
    const timer = setTimeout(() => {
      const current = ++generation.current;
      parse(line, keep).then(
        (draft) => {
          if (generation.current === current) setParsed({ text: line, keepAsText: keep, draft });
        },
        // A line that cannot be read keeps its last chips; submitting reads it again and says why.
        () => undefined,
      );
    }, parseDelayMs);
    return () => clearTimeout(timer);
  }, [text, keepAsText, parse]);

  const shown = text.trim() ? parsed : null;
  /** The chips are of an earlier text while the line is read again: their offsets no longer hold. */
  const stale = !!shown && shown.text !== text;
  const fresh = !!shown && !stale && sameNumbers(shown.keepAsText, keepAsText);
  // An undone part leaves at once; the line is read again a moment later.
  const parts = (shown?.draft.parts ?? []).filter((p) => stale || !keepAsText.includes(p.start));
  const firstDue = parts.find((p) => p.kind === 'DUE');

  function edit(value: string) {
    setText(value);
    if (keepAsText.length) setKeepAsText(noneKept);
    setMessage(null);
  }

  function undo(part: TaskDraftPart) {
    if (!keepAsText.includes(part.start)) setKeepAsText([...keepAsText, part.start]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const line = text;
    if (!line.trim() || saving) return;
    setMessage(null);
    setSaving(true);
    let created = false;
    try {
      const draft = fresh && shown ? shown.draft : await parse(line, keepAsText);
      if (!draft.title) {
        setMessage(emptyTitleMessage);
        return;
      }
      const result = await createTask({ variables: { input: createInputOf(draft, user, defaults) } });
      const taskId = result.data!.createTask.id;
      created = true;
      generation.current += 1;
      setText('');
      setKeepAsText(noneKept);
      setParsed(null);
      // Planning learns about the new task from its event: NOT_FOUND for a moment.
      if (draft.tagNames.length) {
        await retryWhileNotFound(() => setTaskTags({ variables: { taskId, names: [...draft.tagNames] } }));
        void client.refetchQueries({ include: ['Tags'] });
      }
      for (const offsetMinutes of draft.reminderOffsetsMinutes) {
        await retryWhileNotFound(() => addReminder({ variables: { input: { taskId, offsetMinutes } } }));
      }
    } catch (e) {
      const errors = formErrorsOf(e);
      const reason =
        errors.fields.title ?? errors.general ?? Object.values(errors.fields).find(Boolean) ?? 'Could not add the task';
      setMessage(created ? `The task was added, but: ${reason}` : reason);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="quick-add" onSubmit={(e) => void submit(e)}>
      {/* The message stays outside the label: inside, it would become part of the field's name. */}
      <div className="grow">
        <label>
          <span className="sr-only">New task title</span>
          <input
            value={text}
            onChange={(e) => edit(e.target.value)}
            placeholder="Add a task and press Enter"
            aria-invalid={!!message}
            aria-describedby={parts.length ? `${id}-parts` : undefined}
            maxLength={1000}
          />
        </label>
        <FieldError message={message} />
      </div>
      <button type="submit" className="primary" disabled={saving}>
        Add
      </button>
      <button type="button" onClick={onOpenEditor}>
        New task…
      </button>
      {shown && parts.length > 0 && (
        <ul
          id={`${id}-parts`}
          className="draft-parts"
          role="list"
          aria-label="Parsed parts"
          aria-busy={stale || undefined}
          data-stale={stale || undefined}
        >
          {parts.map((part) => (
            <li
              key={`${part.kind}-${part.start}`}
              className={`draft-part draft-part-${part.kind.toLowerCase()}`}
              data-kind={part.kind}
              title={part.text}
            >
              <span>{partLabel(part, shown.draft, part === firstDue)}</span>
              <button
                type="button"
                className="draft-part-undo"
                aria-label={`Keep "${part.text}" as text`}
                disabled={stale || saving}
                onClick={() => undo(part)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
