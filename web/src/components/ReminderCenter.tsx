import { useMutation, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '../gql';
import type { ReminderDueSubscription } from '../gql/graphql';
import { formatDue } from '../format';
import { isAuthClose } from '../subscription-link';
import type { TokenClients } from '../token-clients';
import { PriorityBadge } from './Priority';

const ReminderDue = graphql(`
  subscription ReminderDue {
    reminderDue {
      id
      firedAt
      reminder {
        id
        remindAt
        state
      }
      task {
        id
        title
        priority
        dueAt
        dueDate
      }
    }
  }
`);

const AcknowledgeReminder = graphql(`
  mutation AcknowledgeReminder($id: ID!) {
    acknowledgeReminder(id: $id) {
      id
      state
    }
  }
`);

const SnoozeReminder = graphql(`
  mutation SnoozeReminder($id: ID!, $until: DateTime!) {
    snoozeReminder(id: $id, until: $until) {
      id
      state
      snoozedUntil
      remindAt
    }
  }
`);

const DismissReminder = graphql(`
  mutation DismissReminder($id: ID!) {
    dismissReminder(id: $id) {
      id
      state
    }
  }
`);

type Notification = ReminderDueSubscription['reminderDue'] & { acknowledged: boolean; error?: string };

const snoozeChoices: Array<[number, string]> = [
  [5, '5 min'],
  [15, '15 min'],
  [60, '1 hour'],
];

/**
 * Live reminders: subscribed while the app is open; each firing shows as an in-app notification
 * (and a browser notification when allowed) and is acknowledged as soon as it is displayed.
 */
export function ReminderCenter({ ws }: { ws: Pick<TokenClients, 'on'> }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [connection, setConnection] = useState<'connecting' | 'connected' | 'reconnecting'>('connecting');
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const [acknowledge] = useMutation(AcknowledgeReminder);
  const [snooze] = useMutation(SnoozeReminder);
  const [dismiss] = useMutation(DismissReminder);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const offConnected = ws.on('connected', () => setConnection('connected'));
    // A close for an expired token (4401) is followed at once by a connection with a renewed one
    // (subscription-link.ts): no interruption worth showing.
    const offClosed = ws.on('closed', (event) => {
      if (!isAuthClose(event)) setConnection('reconnecting');
    });
    return () => {
      offConnected();
      offClosed();
    };
  }, [ws]);

  const show = useCallback(
    (n: ReminderDueSubscription['reminderDue']) => {
      if (seen.current.has(n.id)) return;
      seen.current.add(n.id);
      setItems((current) => [{ ...n, acknowledged: false }, ...current]);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        try {
          new Notification(`Reminder: ${n.task.title}`, { body: formatDue(n.task) ?? '', tag: n.id });
        } catch {
          // Some browsers only allow notifications from a service worker; the in-app one stays.
        }
      }
      // Displayed: tell the server, so no e-mail follows for it.
      acknowledge({ variables: { id: n.reminder.id } }).then(
        () => setItems((current) => current.map((i) => (i.id === n.id ? { ...i, acknowledged: true } : i))),
        (error: Error) =>
          setItems((current) => current.map((i) => (i.id === n.id ? { ...i, error: error.message } : i))),
      );
    },
    [acknowledge],
  );

  useSubscription(ReminderDue, {
    onData: ({ data }) => {
      if (data.data?.reminderDue) show(data.data.reminderDue);
    },
  });

  const close = (id: string) => setItems((current) => current.filter((i) => i.id !== id));
  async function onSnooze(n: Notification, minutes: number) {
    try {
      await snooze({ variables: { id: n.reminder.id, until: new Date(Date.now() + minutes * 60_000).toISOString() } });
      close(n.id);
    } catch (error) {
      setItems((current) => current.map((i) => (i.id === n.id ? { ...i, error: (error as Error).message } : i)));
    }
  }
  async function onDismiss(n: Notification) {
    try {
      await dismiss({ variables: { id: n.reminder.id } });
      close(n.id);
    } catch (error) {
      setItems((current) => current.map((i) => (i.id === n.id ? { ...i, error: (error as Error).message } : i)));
    }
  }

  return (
    <aside className="reminder-center" aria-label="Reminders">
      {connection === 'reconnecting' && (
        <p className="hint" role="status">
          Live reminders: reconnecting…
        </p>
      )}
      {permission === 'default' && (
        <button
          type="button"
          className="link"
          onClick={() => void Notification.requestPermission().then(setPermission)}
        >
          Enable browser notifications
        </button>
      )}
      <ul className="notifications" aria-live="assertive">
        {items.map((n) => (
          <li
            key={n.id}
            className="notification"
            role="alert"
            data-reminder-id={n.reminder.id}
            data-acknowledged={n.acknowledged}
          >
            <div>
              <strong>Reminder:</strong> {n.task.title} <PriorityBadge priority={n.task.priority} />
              {formatDue(n.task) && <span className="due"> · due {formatDue(n.task)}</span>}
              {n.acknowledged && <span className="hint"> · seen</span>}
              {n.error && <span className="field-error"> {n.error}</span>}
            </div>
            <div className="notification-actions">
              {snoozeChoices.map(([minutes, label]) => (
                <button
                  key={minutes}
                  type="button"
                  onClick={() => void onSnooze(n, minutes)}
                  aria-label={`Snooze “${n.task.title}” for ${label}`}
                >
                  Snooze {label}
                </button>
              ))}
              <button
                type="button"
                onClick={() => void onDismiss(n)}
                aria-label={`Dismiss reminder for “${n.task.title}”`}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
