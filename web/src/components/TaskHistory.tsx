import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../gql';
import type { AuditEntryFieldsFragment } from '../gql/graphql';
import { formatDateTime } from '../format';

const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    type
    occurredAt
    actor {
      id
      name
    }
    changes {
      field
      oldValue
      newValue
    }
  }
`);
void AuditEntryFields;

const TaskHistoryQuery = graphql(`
  query TaskHistory($id: ID!, $after: String) {
    task(id: $id) {
      id
      title
      history(first: 50, after: $after) {
        edges {
          cursor
          node {
            ...AuditEntryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const eventLabels: Record<string, string> = {
  'task.created': 'created the task',
  'task.updated': 'changed the task',
  'task.completed': 'completed the task',
  'task.reopened': 'reopened the task',
  'task.deleted': 'deleted the task',
  'task.tagged': 'added tags',
  'task.untagged': 'removed tags',
  'reminder.added': 'added a reminder',
  'reminder.snoozed': 'snoozed a reminder',
  'reminder.dismissed': 'dismissed a reminder',
  'reminder.fired': 'reminder fired',
};

/** Change values are JSON-encoded: show strings bare, arrays as lists, instants readably. */
export function showValue(encoded: string | null | undefined): string {
  if (encoded == null) return '—';
  let value: unknown;
  try {
    value = JSON.parse(encoded);
  } catch {
    return encoded;
  }
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') || '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.rrule === 'string') {
      return `${o.rrule}${typeof o.anchor === 'string' && o.anchor ? ` (${o.anchor.toLowerCase()})` : ''}`;
    }
    return JSON.stringify(value);
  }
  // What JSON.parse leaves: a number or a boolean.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : encoded;
}

/** Bookkeeping fields that say nothing to the user. */
const hiddenFields = new Set(['id', 'userId', 'createdAt', 'updatedAt']);

function Entry({ entry }: { entry: AuditEntryFieldsFragment }) {
  const changes = entry.changes.filter((c) => !hiddenFields.has(c.field));
  return (
    <li className="history-entry" data-event-type={entry.type}>
      <div>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> ·{' '}
        <strong>{entry.actor?.name ?? 'System'}</strong> {eventLabels[entry.type] ?? entry.type}
      </div>
      {changes.length > 0 && (
        <ul className="changes">
          {changes.map((c) => (
            <li key={c.field} data-field={c.field}>
              <span className="field-name">{c.field}</span>: <del>{showValue(c.oldValue)}</del> →{' '}
              <ins>{showValue(c.newValue)}</ins>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function TaskHistory({ taskId, onClose }: { taskId: string; onClose(): void }) {
  const { data, loading, error, fetchMore, refetch } = useQuery(TaskHistoryQuery, {
    variables: { id: taskId },
    fetchPolicy: 'network-only',
  });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open && typeof node.showModal === 'function') node.showModal();
  }, []);
  const history = data?.task?.history;

  return (
    <dialog
      ref={dialog}
      className="editor history"
      aria-labelledby="history-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header>
        <h2 id="history-title">History{data?.task ? `: ${data.task.title}` : ''}</h2>
        <span>
          <button type="button" onClick={() => void refetch()} disabled={loading}>
            Refresh
          </button>{' '}
          <button type="button" onClick={onClose} aria-label="Close history">
            ×
          </button>
        </span>
      </header>
      {loading && !history && <p>Loading…</p>}
      {error && <p role="alert">{error.message}</p>}
      {history && history.edges.length === 0 && <p>No changes recorded yet.</p>}
      <ol className="timeline">
        {history?.edges.map(({ node }) => (
          <Entry key={node.id} entry={node} />
        ))}
      </ol>
      {history?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: history.pageInfo.endCursor } })}>
          Older changes
        </button>
      )}
    </dialog>
  );
}
