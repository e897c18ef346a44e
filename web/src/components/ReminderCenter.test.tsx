// @vitest-environment happy-dom
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockSubscriptionLink } from '@apollo/client/testing';
import { getMainDefinition } from '@apollo/client/utilities';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Kind, OperationTypeNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ReminderCenter } from './ReminderCenter';

afterEach(cleanup);

/**
 * The subscription is fed by hand (MockSubscriptionLink); mutations are recorded and answered
 * with the reminder in its new state, as planning would.
 */
function setup() {
  const subscription = new MockSubscriptionLink();
  const calls: Array<{ name: string; variables: Record<string, unknown> }> = [];
  const mutations = new ApolloLink((operation) => {
    calls.push({ name: operation.operationName ?? '', variables: operation.variables });
    const id = operation.variables.id as string;
    const reminder = {
      __typename: 'Reminder',
      id,
      state: 'ACKNOWLEDGED',
      snoozedUntil: null,
      remindAt: '2026-12-01T08:00:00.000Z',
    };
    const field = {
      AcknowledgeReminder: 'acknowledgeReminder',
      SnoozeReminder: 'snoozeReminder',
      DismissReminder: 'dismissReminder',
    }[operation.operationName ?? ''];
    return of({ data: { [field!]: reminder } });
  });
  const link = ApolloLink.split(
    ({ query }) => {
      const d = getMainDefinition(query);
      return d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION;
    },
    subscription,
    mutations,
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const ws = { on: () => () => undefined } as unknown as Client;
  render(
    <ApolloProvider client={client}>
      <ReminderCenter ws={ws} />
    </ApolloProvider>,
  );
  const fire = (firingId: string, reminderId: string, title: string) =>
    act(() =>
      subscription.simulateResult({
        result: {
          data: {
            reminderDue: {
              __typename: 'ReminderNotification',
              id: firingId,
              firedAt: '2026-12-01T08:00:00.000Z',
              reminder: {
                __typename: 'Reminder',
                id: reminderId,
                remindAt: '2026-12-01T08:00:00.000Z',
                state: 'FIRED',
              },
              task: {
                __typename: 'Task',
                id: 'task-1',
                title,
                priority: 'HIGH',
                dueAt: '2026-12-01T09:00:00.000Z',
                dueDate: null,
              },
            },
          },
        },
      }),
    );
  return { calls, fire };
}

describe('ReminderCenter', () => {
  it('shows a firing as an in-app notification and acknowledges it on display, once', async () => {
    const { calls, fire } = setup();
    await waitFor(() => expect(screen.queryByRole('list')).not.toBeNull());
    fire('firing-1', 'reminder-1', 'Pay rent');
    const note = await screen.findByText('Pay rent');
    expect(note.closest('li')!.getAttribute('data-reminder-id')).toBe('reminder-1');
    await waitFor(() => expect(note.closest('li')!.getAttribute('data-acknowledged')).toBe('true'));
    expect(calls).toEqual([{ name: 'AcknowledgeReminder', variables: { id: 'reminder-1' } }]);
    // The same firing delivered again (reconnect) is neither shown nor acknowledged twice.
    fire('firing-1', 'reminder-1', 'Pay rent');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getAllByText('Pay rent')).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('snoozes until now + the chosen time, and dismisses', async () => {
    const { calls, fire } = setup();
    await waitFor(() => expect(screen.queryByRole('list')).not.toBeNull());
    fire('firing-2', 'reminder-2', 'Water plants');
    await screen.findByText('Water plants');
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Snooze “Water plants” for 15 min' }));
    await waitFor(() => expect(screen.queryByText('Water plants')).toBeNull());
    const snooze = calls.find((c) => c.name === 'SnoozeReminder')!;
    expect(snooze.variables.id).toBe('reminder-2');
    const until = Date.parse(snooze.variables.until as string);
    expect(until - before).toBeGreaterThanOrEqual(15 * 60_000 - 5);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    fire('firing-3', 'reminder-3', 'Call mum');
    await screen.findByText('Call mum');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss reminder for “Call mum”' }));
    await waitFor(() => expect(screen.queryByText('Call mum')).toBeNull());
    expect(calls.filter((c) => c.name === 'DismissReminder')).toEqual([
      { name: 'DismissReminder', variables: { id: 'reminder-3' } },
    ]);
  });
});
