import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type Dispatch, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { TagsQuery } from '../../gql/graphql';
import { formErrorsOf, noErrors, retryWhileNotFound } from '../../errors';
import type { SessionUser } from '../../session';
import { sameTag, type EditorAction, type EditorState, type EditorTask } from './form-state';
import {
  createInputOf,
  moveTargetOf,
  recurrenceTimeZoneOf,
  reminderInputOf,
  tagsChanged,
  updateInputOf,
} from './task-inputs';

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

const MoveTask = graphql(`
  mutation MoveTask($id: ID!, $projectId: ID!) {
    moveTask(id: $id, projectId: $projectId) {
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

export interface TaskSubmitOptions {
  task: EditorTask | null;
  user: SessionUser;
  allTags: TagsQuery['tags'];
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  onSaved(): void;
}

/**
 * Saving the editor: the task (created, or moved and only its changes), then its tags, then the pending
 * reminders, then the lists. A failure shows the server's messages on the form; a task created
 * before the failure stays, so saving again updates it instead of creating a second one.
 */
export function useTaskSubmit({ task, user, allTags, state, dispatch, onSaved }: TaskSubmitOptions) {
  const client = useApolloClient();
  const [taskId, setTaskId] = useState<string | null>(task?.id ?? null);
  const [saving, setSaving] = useState(false);
  const [createTask] = useMutation(CreateTask);
  const [updateTask] = useMutation(UpdateTask);
  const [moveTask] = useMutation(MoveTask);
  const [setTaskTags] = useMutation(SetTaskTags);
  const [createTag] = useMutation(CreateTag);
  const [addReminder] = useMutation(AddReminder);
  const recurrenceTimeZone = recurrenceTimeZoneOf(task, user);

  async function saveTask(): Promise<string> {
    if (!taskId) {
      const result = await createTask({ variables: { input: createInputOf(state.values, user, recurrenceTimeZone) } });
      const id = result.data!.createTask.id;
      setTaskId(id);
      return id;
    }
    if (task) {
      const target = moveTargetOf(state.values, task);
      if (target) await moveTask({ variables: { id: taskId, projectId: target } });
      const input = updateInputOf(state.values, task, recurrenceTimeZone);
      if (Object.keys(input).length) await updateTask({ variables: { id: taskId, input } });
    }
    return taskId;
  }

  async function saveTags(id: string) {
    const names = state.values.tagNames;
    if (!tagsChanged(task, names)) return;
    // New tags get the colour chosen for them; existing ones keep theirs.
    for (const name of names.filter((n) => !allTags.some((t) => sameTag(t.name, n)))) {
      await createTag({ variables: { name, color: state.values.newTagColor } }).catch(() => undefined);
    }
    await retryWhileNotFound(() => setTaskTags({ variables: { taskId: id, names } }));
  }

  // One at a time, each leaving the pending list once saved, so a failure keeps only the rest.
  async function saveReminders(id: string) {
    for (const reminder of state.pending) {
      const input = reminderInputOf(id, reminder);
      await retryWhileNotFound(() => addReminder({ variables: { input } }));
      dispatch({ type: 'pendingSaved' });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    dispatch({ type: 'errors', errors: noErrors });
    try {
      const id = await saveTask();
      await saveTags(id);
      await saveReminders(id);
      await client.refetchQueries({ include: ['TaskList', 'Tags'] });
      onSaved();
    } catch (error) {
      dispatch({ type: 'errors', errors: formErrorsOf(error) });
    } finally {
      setSaving(false);
    }
  }

  return { taskId, saving, submit };
}
