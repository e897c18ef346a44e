// @vitest-environment happy-dom
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { of } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../cache';
import type { SessionUser } from '../../session';
import type { NewTaskDefaults } from '../editor/form-state';
import { QuickAdd, type TaskDraftPart } from './QuickAdd';

afterEach(cleanup);

const user: SessionUser = {
  id: 'u1',
  email: 'erika@example.com',
  name: 'Erika',
  timeZone: 'Europe/Berlin',
  emailVerified: true,
};

const line = 'Pay rent every 1st at 9am #home !p1 ~Errands remind 30m before';
const part = (kind: TaskDraftPart['kind'], text: string) => ({
  __typename: 'TaskDraftPart' as const,
  kind,
  text,
  start: line.indexOf(text),
  end: line.indexOf(text) + text.length,
});
const parts = [
  part('REPEAT', 'every 1st'),
  part('DUE', 'at 9am'),
  part('TAG', '#home'),
  part('PRIORITY', '!p1'),
  part('PROJECT', '~Errands'),
  part('REMINDER', 'remind 30m before'),
];
const priorityStart = line.indexOf('!p1');

/** What parseTask answers for the line, with the parts whose starts are kept left in the title. */
function draftOf(text: string, keepAsText: readonly number[] = []) {
  // "tomorrow" alone is all due date: no title left.
  if (text.trim() === 'tomorrow') return { ...emptyDraft, dueDate: '2026-12-03' };
  if (text !== line) return { ...emptyDraft, title: text.replace(/\s+/g, ' ').trim() };
  const keepPriority = keepAsText.includes(priorityStart);
  return {
    __typename: 'TaskDraft',
    title: keepPriority ? 'Pay rent !p1' : 'Pay rent',
    description: null,
    dueAt: '2027-01-01T08:00:00.000Z',
    dueDate: null,
    timeZone: 'Europe/Berlin',
    priority: keepPriority ? 'MEDIUM' : 'URGENT',
    tagNames: ['home'],
    projectId: 'p-errands',
    recurrence: {
      __typename: 'TaskDraftRecurrence',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      timeZone: 'Europe/Berlin',
      anchor: 'SCHEDULE',
    },
    reminderOffsetsMinutes: [30],
    parts: parts.filter((p) => !keepAsText.includes(p.start)),
  };
}
const emptyDraft = {
  __typename: 'TaskDraft',
  title: '',
  description: null,
  dueAt: null,
  dueDate: null,
  timeZone: 'Europe/Berlin',
  priority: 'MEDIUM',
  tagNames: [],
  projectId: null,
  recurrence: null,
  reminderOffsetsMinutes: [],
  parts: [],
};

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
  project: { __typename: 'Project', id: 'p-errands', name: 'Errands', color: null },
  assignee: null,
});

type Call = { name: string; variables: Record<string, unknown> };

/** The API as a link answering each operation by name; every operation is recorded in order. */
function setup(defaults: NewTaskDefaults = {}) {
  const calls: Call[] = [];
  const link = new ApolloLink((operation) => {
    const call = { name: operation.operationName ?? '', variables: operation.variables };
    calls.push(call);
    const v = call.variables;
    const answers: Record<string, () => FormattedExecutionResult> = {
      ParseQuickAdd: () => ({
        data: { parseTask: draftOf(v.text as string, (v.keepAsText as number[] | undefined) ?? []) },
      }),
      QuickAddTask: () => ({
        data: { createTask: task('t1', (v.input as { title: string }).title) },
      }),
      QuickAddTags: () => ({
        data: {
          setTaskTags: {
            __typename: 'Task',
            id: v.taskId,
            tags: (v.names as string[]).map((name) => ({ __typename: 'Tag', id: `tag-${name}`, name, color: null })),
          },
        },
      }),
      QuickAddReminder: () => ({ data: { addReminder: { __typename: 'Reminder', id: 'r1' } } }),
    };
    const answer = answers[call.name];
    return of(answer ? answer() : { errors: [{ message: `unexpected ${call.name}` }] });
  });
  const client = new ApolloClient({ link, cache: createCache() });
  const refetchQueries = vi.spyOn(client, 'refetchQueries');
  const onOpenEditor = vi.fn();
  render(
    <ApolloProvider client={client}>
      <QuickAdd user={user} defaults={defaults} onOpenEditor={onOpenEditor} />
    </ApolloProvider>,
  );
  return { calls, refetchQueries, named: (name: string) => calls.filter((c) => c.name === name) };
}

const input = () => screen.getByRole('textbox', { name: 'New task title' });
const type = (text: string) => fireEvent.change(input(), { target: { value: text } });
const chips = () =>
  within(screen.getByRole('list', { name: 'Parsed parts' }))
    .getAllByRole('listitem')
    .map((li) => li.firstElementChild!.textContent);

describe('QuickAdd', () => {
  it('reads the line as the user types and shows each part as a chip', async () => {
    const { named } = setup();
    type(line);
    await screen.findByRole('list', { name: 'Parsed parts' });
    expect(named('ParseQuickAdd').map((c) => c.variables)).toEqual([
      { text: line, timeZone: 'Europe/Berlin', keepAsText: [] },
    ]);
    const labels = chips();
    expect(labels).toHaveLength(6);
    expect(labels[0]).toBe('Repeats: every 1st');
    // The due value of the draft, in the zone it was read in.
    expect(labels[1]).toMatch(/^Due: .*1.*09:00/);
    expect(labels.slice(2)).toEqual(['Tag: home', 'Priority: Urgent', 'Project: Errands', 'Reminder: 30m before']);
    expect(screen.getByRole('button', { name: 'Keep "!p1" as text' })).toBeTruthy();
  });

  it('does not read an empty line', async () => {
    const { named } = setup();
    type('   ');
    await new Promise((r) => setTimeout(r, 300));
    expect(named('ParseQuickAdd')).toEqual([]);
    expect(screen.queryByRole('list', { name: 'Parsed parts' })).toBeNull();
  });

  it('undoing a chip reads the line again with its start in keepAsText; an edit clears them', async () => {
    const { named } = setup();
    type(line);
    await screen.findByRole('button', { name: 'Keep "!p1" as text' });
    fireEvent.click(screen.getByRole('button', { name: 'Keep "!p1" as text' }));
    // Gone at once, and again once the line is read with it kept as text.
    expect(screen.queryByRole('button', { name: 'Keep "!p1" as text' })).toBeNull();
    await waitFor(() => expect(named('ParseQuickAdd')).toHaveLength(2));
    expect(named('ParseQuickAdd')[1]!.variables).toEqual({
      text: line,
      timeZone: 'Europe/Berlin',
      keepAsText: [priorityStart],
    });
    await waitFor(() => expect(chips()).not.toContain('Priority: Urgent'));
    expect(chips()).toHaveLength(5);

    type(`${line} `);
    await waitFor(() => expect(named('ParseQuickAdd')).toHaveLength(3));
    expect(named('ParseQuickAdd')[2]!.variables.keepAsText).toEqual([]);
  });

  it('submits the draft: createTask with its fields, then setTaskTags and addReminder', async () => {
    const { calls, named, refetchQueries } = setup({ projectId: 'p-inbox-view', assigneeId: 'someone-else' });
    type(line);
    await screen.findByRole('button', { name: 'Keep "!p1" as text' });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(named('QuickAddReminder')).toHaveLength(1));
    expect(calls.map((c) => c.name)).toEqual(['ParseQuickAdd', 'QuickAddTask', 'QuickAddTags', 'QuickAddReminder']);
    expect(named('QuickAddTask')[0]!.variables.input).toEqual({
      title: 'Pay rent',
      priority: 'URGENT',
      timeZone: 'Europe/Berlin',
      dueAt: '2027-01-01T08:00:00.000Z',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', timeZone: 'Europe/Berlin', anchor: 'SCHEDULE' },
      // The project the line names, not the list's (nor the list's assignee, who may not be a member).
      projectId: 'p-errands',
    });
    expect(named('QuickAddTags')[0]!.variables).toEqual({ taskId: 't1', names: ['home'] });
    expect(named('QuickAddReminder')[0]!.variables).toEqual({ input: { taskId: 't1', offsetMinutes: 30 } });
    // The tag filter learns about a tag the line created.
    expect(refetchQueries).toHaveBeenCalledWith({ include: ['Tags'] });
    await waitFor(() => expect((input() as HTMLInputElement).value).toBe(''));
    expect(screen.queryByRole('list', { name: 'Parsed parts' })).toBeNull();
  });

  it('submits after an undo with the words kept in the title', async () => {
    const { named } = setup();
    type(line);
    fireEvent.click(await screen.findByRole('button', { name: 'Keep "!p1" as text' }));
    fireEvent.submit(input().closest('form')!);
    await waitFor(() => expect(named('QuickAddTask')).toHaveLength(1));
    // The draft shown was of the line before the undo: submitting read it again first.
    expect(named('ParseQuickAdd').at(-1)!.variables.keepAsText).toEqual([priorityStart]);
    expect(named('QuickAddTask')[0]!.variables.input).toMatchObject({ title: 'Pay rent !p1', priority: 'MEDIUM' });
  });

  it('a line submitted before it was read is read first; the list’s project and assignee apply', async () => {
    const { calls } = setup({ projectId: 'p-view', assigneeId: 'u2' });
    type('Buy milk');
    fireEvent.submit(input().closest('form')!);
    await waitFor(() => expect(calls.map((c) => c.name)).toEqual(['ParseQuickAdd', 'QuickAddTask']));
    expect(calls[1]!.variables.input).toEqual({
      title: 'Buy milk',
      priority: 'MEDIUM',
      timeZone: 'Europe/Berlin',
      projectId: 'p-view',
      assigneeId: 'u2',
    });
  });

  it('a line with no title left is not submitted', async () => {
    const { named } = setup();
    type('   tomorrow   ');
    fireEvent.submit(input().closest('form')!);
    await screen.findByText('Type a title as well');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(named('QuickAddTask')).toEqual([]);
  });
});
