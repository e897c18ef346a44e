// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../cache';
import type { SessionUser } from '../../session';
import { EditorForm } from './EditorForm';
import type { EditorTask, NewTaskDefaults } from './form-state';

afterEach(cleanup);

const user: SessionUser = { id: 'u1', email: 'erika@example.com', name: 'Erika', timeZone: 'UTC', emailVerified: true };

const project = (id: string, name: string, role: string, isInbox = false) => ({
  __typename: 'Project',
  id,
  name,
  color: null,
  isInbox,
  role,
  position: 0,
});
const projects = [
  project('inbox', 'Inbox', 'OWNER', true),
  project('p1', 'Launch', 'OWNER'),
  project('p2', 'Read only', 'VIEWER'),
  project('p3', 'Later', 'EDITOR'),
];
const membersOf: Record<string, string[]> = { inbox: ['u1'], p1: ['u1', 'u2', 'u3'], p3: ['u4', 'u1'] };
/** Names the accounts service answers: u3's is not readable (the whole answer fails then). */
const readableNames: Record<string, string> = { u1: 'Erika', u2: 'Ben', u4: 'Dana' };

const taskData = (patch: Partial<EditorTask> = {}) => ({
  __typename: 'Task',
  id: 't1',
  title: 'Plan launch',
  description: null,
  priority: 'MEDIUM',
  status: 'OPEN',
  dueAt: null,
  dueDate: null,
  isOverdue: false,
  completedAt: null,
  occurrence: null,
  seriesId: null,
  recurrence: null,
  tags: [],
  project: { __typename: 'Project', id: 'p1', name: 'Launch', color: null },
  assignee: { __typename: 'User', id: 'u2' },
  ...patch,
});

type Call = { name: string; variables: Record<string, unknown> };

/** The API by operation name: reads answered from the fixtures, writes recorded in order. */
function setup(task: EditorTask | null, defaults: NewTaskDefaults = {}) {
  const writes: Call[] = [];
  const link = new ApolloLink((operation) => {
    const { operationName: name = '', variables } = operation;
    const id = variables.id as string;
    const answers: Record<string, () => FormattedExecutionResult> = {
      Tags: () => ({ data: { tags: [] } }),
      Projects: () => ({ data: { projects } }),
      ProjectMembers: () => ({
        data: {
          project: {
            ...projects.find((p) => p.id === id)!,
            members: membersOf[id]!.map((userId) => ({
              __typename: 'ProjectMember',
              role: userId === 'u1' ? 'OWNER' : 'EDITOR',
              joinedAt: '2026-11-30T10:00:00.000Z',
              user: { __typename: 'User', id: userId },
            })),
            invitations: [],
          },
        },
      }),
      // As the gateway answers when one name cannot be read: User.name is non-null, so the
      // error blanks the whole project.
      MemberNames: () =>
        membersOf[id]!.every((u) => readableNames[u])
          ? {
              data: {
                project: {
                  __typename: 'Project',
                  id,
                  members: membersOf[id]!.map((u) => ({
                    __typename: 'ProjectMember',
                    user: { __typename: 'User', id: u, name: readableNames[u] },
                  })),
                },
              },
            }
          : {
              data: { project: null },
              errors: [{ message: 'Cannot return null for non-nullable field User.name.', path: ['project'] }],
            },
      CreateTask: () => ({ data: { createTask: taskData({ id: 't9' }) } }),
      MoveTask: () => ({ data: { moveTask: taskData() } }),
      UpdateTask: () => ({ data: { updateTask: taskData() } }),
    };
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected operation ${name}`);
    if (!['Tags', 'Projects', 'ProjectMembers', 'MemberNames'].includes(name)) writes.push({ name, variables });
    return of(answer());
  });
  const client = new ApolloClient({ link, cache: createCache() });
  const onClose = vi.fn();
  render(
    <ApolloProvider client={client}>
      <EditorForm task={task} user={user} defaults={defaults} onClose={onClose} />
    </ApolloProvider>,
  );
  return { writes, onClose };
}

const projectBox = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Project' });
const assigneeBox = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Assignee' });
const optionLabels = (select: HTMLSelectElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

const editorTask = (patch: Partial<EditorTask> = {}): EditorTask =>
  ({ ...taskData(), timeZone: 'UTC', reminders: [], ...patch }) as unknown as EditorTask;

describe('project and assignee in the editor', () => {
  it('offers the projects the user may add to, and the members of the chosen one, a fallback for an unreadable name', async () => {
    const { writes, onClose } = setup(null, { projectId: 'p1' });
    await waitFor(() => expect(optionLabels(projectBox())).toEqual(['Inbox', 'Launch', 'Later']));
    expect(projectBox().value).toBe('p1');
    await waitFor(() =>
      expect(optionLabels(assigneeBox())).toEqual(['Unassigned', 'Erika (me)', 'a member (1)', 'a member (2)']),
    );

    fireEvent.change(assigneeBox(), { target: { value: 'u2' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Title/ }), { target: { value: 'Plan launch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes).toEqual([
      {
        name: 'CreateTask',
        variables: {
          input: expect.objectContaining({ title: 'Plan launch', projectId: 'p1', assigneeId: 'u2' }) as unknown,
        },
      },
    ]);
  });

  it('moves the task first, then assigns it in its new project', async () => {
    const { writes, onClose } = setup(editorTask());
    await waitFor(() => expect(assigneeBox().value).toBe('u2'));
    fireEvent.change(projectBox(), { target: { value: 'p3' } });
    // Ben is not a member there: still shown, with what saving will do.
    expect(assigneeBox().value).toBe('u2');
    await screen.findByText('Not a member of this project: saving leaves the task unassigned.');
    await waitFor(() =>
      expect(optionLabels(assigneeBox())).toEqual(['Unassigned', 'Dana', 'Erika (me)', expect.any(String)]),
    );
    fireEvent.change(assigneeBox(), { target: { value: 'u4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes).toEqual([
      { name: 'MoveTask', variables: { id: 't1', projectId: 'p3' } },
      { name: 'UpdateTask', variables: { id: 't1', input: { assigneeId: 'u4' } } },
    ]);
  });

  it('asks for another assignee when the one just chosen is not a member of the project chosen next', async () => {
    setup(editorTask({ assignee: null }));
    await waitFor(() => expect(within(assigneeBox()).getAllByRole('option')).toHaveLength(4));
    fireEvent.change(assigneeBox(), { target: { value: 'u2' } });
    fireEvent.change(projectBox(), { target: { value: 'p3' } });
    await screen.findByText('Not a member of this project: choose one of its members, or Unassigned.');
    expect(screen.queryByText(/saving leaves the task unassigned/)).toBeNull();
  });

  it('moving alone sends only moveTask (it unassigns a non-member by itself)', async () => {
    const { writes, onClose } = setup(editorTask());
    await waitFor(() => expect(assigneeBox().value).toBe('u2'));
    fireEvent.change(projectBox(), { target: { value: 'p3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes).toEqual([{ name: 'MoveTask', variables: { id: 't1', projectId: 'p3' } }]);
  });

  it('keeps the user as assignee when moving, and unassigns with "Unassigned"', async () => {
    const { writes, onClose } = setup(editorTask({ assignee: { id: 'u1' } }));
    await waitFor(() => expect(assigneeBox().value).toBe('u1'));
    fireEvent.change(projectBox(), { target: { value: 'inbox' } });
    expect(assigneeBox().value).toBe('u1');
    fireEvent.change(assigneeBox(), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(writes).toEqual([
      { name: 'MoveTask', variables: { id: 't1', projectId: 'inbox' } },
      { name: 'UpdateTask', variables: { id: 't1', input: { assigneeId: null } } },
    ]);
  });
});
