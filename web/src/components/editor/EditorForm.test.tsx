// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../cache';
import type { SessionUser } from '../../session';
import { EditorForm } from './EditorForm';

afterEach(cleanup);

const user: SessionUser = {
  id: 'u1',
  email: 'erika@example.com',
  name: 'Erika',
  timeZone: 'Europe/Berlin',
  emailVerified: true,
};

type Call = { name: string; variables: Record<string, unknown> };
type Answer = (call: Call, calls: readonly Call[]) => FormattedExecutionResult;

const task = (id: string, title: string) => ({
  __typename: 'Task',
  id,
  title,
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
  project: { __typename: 'Project', id: 'inbox', name: 'Inbox', color: null },
  assignee: null,
});

/** The reads the form makes besides saving: the user's projects and the Inbox's members. */
const reads: Record<string, FormattedExecutionResult> = {
  Tags: { data: { tags: [] } },
  Projects: {
    data: {
      projects: [
        {
          __typename: 'Project',
          id: 'inbox',
          name: 'Inbox',
          color: null,
          isInbox: true,
          role: 'OWNER',
          position: 0,
        },
      ],
    },
  },
  ProjectMembers: {
    data: {
      project: {
        __typename: 'Project',
        id: 'inbox',
        name: 'Inbox',
        color: null,
        isInbox: true,
        role: 'OWNER',
        position: 0,
        members: [
          {
            __typename: 'ProjectMember',
            role: 'OWNER',
            joinedAt: '2026-11-30T10:00:00.000Z',
            user: { __typename: 'User', id: 'u1' },
          },
        ],
        invitations: [],
      },
    },
  },
  MemberNames: {
    data: {
      project: {
        __typename: 'Project',
        id: 'inbox',
        members: [{ __typename: 'ProjectMember', user: { __typename: 'User', id: 'u1', name: 'Erika' } }],
      },
    },
  },
};

const badInput = (field: string, message: string): FormattedExecutionResult => ({
  errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }],
});

/** The API as a link answering each operation by name; every mutation is recorded in order. */
function setup(answer: Answer) {
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    const read = reads[call.name];
    if (read) return of(read);
    calls.push(call);
    return of(answer(call, calls));
  });
  const client = new ApolloClient({ link, cache: createCache() });
  const onClose = vi.fn();
  render(
    <ApolloProvider client={client}>
      <EditorForm task={null} user={user} onClose={onClose} />
    </ApolloProvider>,
  );
  return { calls, onClose };
}

const titleBox = () => screen.getByRole('textbox', { name: /^Title/ });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('EditorForm saving', () => {
  it('shows a BAD_USER_INPUT on input.title under the Title field, marked invalid, and stays open', async () => {
    const message = 'input.title expected a string of 1-500 characters, got 0';
    const { calls, onClose } = setup(() => badInput('input.title', message));
    save();
    await screen.findByText(message);
    expect(titleBox().getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(titleBox().getAttribute('aria-describedby')!)!.textContent).toBe(message);
    expect(screen.queryByText(/expected/, { selector: 'p.error' })).toBeNull();
    expect(calls.map((c) => c.name)).toEqual(['CreateTask']);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('heading').textContent).toBe('New task');
  });

  it('a task created before a later step failed is updated, not created again, on the next save', async () => {
    const { calls, onClose } = setup((call, all) => {
      if (call.name === 'CreateTask') return { data: { createTask: task('t9', 'Pay rent') } };
      if (call.name === 'SetTaskTags' && all.filter((c) => c.name === 'SetTaskTags').length === 1)
        return badInput('names.0', 'names.0 expected at most 50 characters');
      if (call.name === 'SetTaskTags') return { data: { setTaskTags: { __typename: 'Task', id: 't9', tags: [] } } };
      return { data: { createTag: { __typename: 'Tag', id: 'g1', name: 'home', color: '#2563eb' } } };
    });
    fireEvent.change(titleBox(), { target: { value: 'Pay rent' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Add tag' }), { target: { value: 'home' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));

    save();
    // A field the form has no control for is shown with the general message.
    await screen.findByText('names.0: names.0 expected at most 50 characters');
    expect(screen.getByRole('heading').textContent).toBe('Edit task');
    expect(onClose).not.toHaveBeenCalled();

    save();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.name)).toEqual(['CreateTask', 'CreateTag', 'SetTaskTags', 'CreateTag', 'SetTaskTags']);
    expect(calls[0]!.variables.input).toEqual({
      title: 'Pay rent',
      description: null,
      priority: 'MEDIUM',
      timeZone: 'Europe/Berlin',
    });
    expect(calls[4]!.variables).toEqual({ taskId: 't9', names: ['home'] });
  });

  it('saves pending reminders after the task, in order, and refuses a relative one without a due time', async () => {
    const { calls, onClose } = setup((call) =>
      call.name === 'CreateTask'
        ? { data: { createTask: task('t7', 'Call mum') } }
        : {
            data: {
              addReminder: {
                __typename: 'Reminder',
                id: `r${calls.length}`,
                remindAt: '2026-12-01T08:00:00.000Z',
                offsetMinutes: null,
                state: 'SCHEDULED',
                snoozedUntil: null,
              },
            },
          },
    );
    fireEvent.change(titleBox(), { target: { value: 'Call mum' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add reminder' }));
    await screen.findByText('A reminder before the due time needs a due date and time.');

    fireEvent.click(screen.getByRole('radio', { name: 'Date and time' }));
    fireEvent.change(screen.getByLabelText('Due at'), { target: { value: '2026-12-01T09:00' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Reminder amount' }), { target: { value: '2' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Reminder unit' }), { target: { value: 'hours' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add reminder' }));
    expect(screen.queryByText('A reminder before the due time needs a due date and time.')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'At a time' }));
    fireEvent.change(screen.getByLabelText('Remind at'), { target: { value: '2026-12-01T07:30:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add reminder' }));
    expect(screen.getAllByText(/not saved yet/)).toHaveLength(2);

    save();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => [c.name, c.variables.input])).toEqual([
      ['CreateTask', expect.objectContaining({ dueAt: new Date('2026-12-01T09:00').toISOString() })],
      ['AddReminder', { taskId: 't7', offsetMinutes: 120 }],
      ['AddReminder', { taskId: 't7', remindAt: new Date('2026-12-01T07:30:00').toISOString() }],
    ]);
    expect(screen.queryAllByText(/not saved yet/)).toHaveLength(0);
  });
});
