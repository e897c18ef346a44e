import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../gql';
import type { AuditEntryFieldsFragment } from '../gql/graphql';
import { formatDateTime } from '../format';
import { personName, useMemberNames, type MemberNames } from '../member-names';
import type { SessionUser } from '../session';
import { ProjectsQuery } from './projects/project-documents';

const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    type
    occurredAt
    actor {
      id
    }
    actorDeleted
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
      project {
        id
      }
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

/**
 * Who made a change: the signed-in user by their name, another member by theirs when the
 * accounts service tells it (else "a member"), an account deleted since as "a deleted user",
 * nobody (the recurrence worker, a reminder firing) as "System". The actor is selected by id
 * only, so an unreadable name never hides it.
 */
export function actorName(
  entry: Pick<AuditEntryFieldsFragment, 'actorDeleted'> & { actor?: { id: string } | null },
  { me, names }: { me: Pick<SessionUser, 'id' | 'name'>; names: MemberNames },
): string {
  if (entry.actor) return personName(entry.actor.id, { me, names });
  return entry.actorDeleted ? 'a deleted user' : 'System';
}

/** A change's value as shown: a project or member by name (their ids say nothing), else showValue. */
export type ShowChange = (field: string, encoded: string | null | undefined) => string;

function idIn(encoded: string | null | undefined): string | null {
  try {
    const value: unknown = encoded == null ? null : JSON.parse(encoded);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

function Entry({ entry, who, show }: { entry: AuditEntryFieldsFragment; who: string; show: ShowChange }) {
  const changes = entry.changes.filter((c) => !hiddenFields.has(c.field));
  return (
    <li className="history-entry" data-event-type={entry.type} data-actor-id={entry.actor?.id}>
      <div>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> ·{' '}
        <strong className="actor">{who}</strong> {eventLabels[entry.type] ?? entry.type}
      </div>
      {changes.length > 0 && (
        <ul className="changes">
          {changes.map((c) => (
            <li key={c.field} data-field={c.field}>
              <span className="field-name">{c.field}</span>: <del>{show(c.field, c.oldValue)}</del> →{' '}
              <ins>{show(c.field, c.newValue)}</ins>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function TaskHistory({ taskId, user, onClose }: { taskId: string; user: SessionUser; onClose(): void }) {
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
  const actorIds = [...new Set(history?.edges.flatMap(({ node }) => (node.actor ? [node.actor.id] : [])) ?? [])];
  const names = useMemberNames(data?.task?.project.id, actorIds);
  const projects = useQuery(ProjectsQuery).data?.projects;
  const show: ShowChange = (field, encoded) => {
    const id = field === 'projectId' || field === 'assigneeId' ? idIn(encoded) : null;
    if (!id) return field === 'assigneeId' && encoded != null ? 'nobody' : showValue(encoded);
    if (field === 'assigneeId') return personName(id, { me: user, names });
    return projects?.find((p) => p.id === id)?.name ?? 'another project';
  };

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
          <Entry key={node.id} entry={node} who={actorName(node, { me: user, names })} show={show} />
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
