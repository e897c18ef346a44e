import { useMutation, useQuery } from '@apollo/client/react';
import {
  lazy,
  Suspense,
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { graphql } from '../gql';
import type { Priority, SortDirection, TaskFilter, TaskSortField, TaskStatus } from '../gql/graphql';
import { formErrorsOf } from '../errors';
import type { SessionUser } from '../session';
import { FieldError } from './FieldError';
import { priorities, priorityLabel } from './Priority';
import { TaskItem } from './TaskItem';

// The editor (recurrence engine for the preview) and the history are loaded on first use,
// keeping them out of the initial bundle.
const TaskEditor = lazy(() => import('./TaskEditor').then((m) => ({ default: m.TaskEditor })));
const TaskHistory = lazy(() => import('./TaskHistory').then((m) => ({ default: m.TaskHistory })));

const pageSize = 25;

const TaskListQuery = graphql(`
  query TaskList($filter: TaskFilter, $sort: TaskSort, $first: Int, $after: String) {
    tasks(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...TaskItemFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TagsQuery = graphql(`
  query Tags {
    tags {
      id
      name
      color
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

type SortChoice = `${TaskSortField}:${SortDirection}` | 'DEFAULT';
const sortChoices: Array<[SortChoice, string]> = [
  ['DEFAULT', 'Newest (relevance when searching)'],
  ['DUE_AT:ASC', 'Due date, soonest first'],
  ['DUE_AT:DESC', 'Due date, latest first'],
  ['PRIORITY:DESC', 'Priority, highest first'],
  ['PRIORITY:ASC', 'Priority, lowest first'],
  ['CREATED_AT:ASC', 'Oldest first'],
  ['UPDATED_AT:DESC', 'Recently changed'],
  ['TITLE:ASC', 'Title A–Z'],
];

function dayStart(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}
function dayEnd(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

export function TaskList({ user }: { user: SessionUser }) {
  const id = useId();
  const [status, setStatus] = useState<TaskStatus | ''>('OPEN');
  const [selectedPriorities, setSelectedPriorities] = useState<Priority[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [dueFrom, setDueFrom] = useState('');
  const [dueTo, setDueTo] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortChoice>('DEFAULT');
  /** The task id in the editor, 'new' for a new task, or null when the editor is closed. */
  const [editing, setEditing] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const deferredSearch = useDeferredValue(search.trim());

  // The editor and the history are modal dialogs that unmount on close; the browser only returns
  // the focus when a dialog is closed, not removed, so the control that opened one gets it back
  // here (once the dialog is gone and the page is no longer inert).
  const returnFocus = useRef<HTMLElement | null>(null);
  const openEditor = (taskId: string) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEditing(taskId);
  };
  const openHistory = (taskId: string) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setHistoryOf(taskId);
  };
  useEffect(() => {
    if (editing || historyOf || !returnFocus.current) return;
    const opener = returnFocus.current;
    returnFocus.current = null;
    if (opener.isConnected) opener.focus();
  }, [editing, historyOf]);

  const filter: TaskFilter = {
    ...(status ? { status } : {}),
    ...(selectedPriorities.length ? { priorities: selectedPriorities } : {}),
    ...(tags.length ? { tags } : {}),
    ...(dueFrom ? { dueAfter: dayStart(dueFrom) } : {}),
    ...(dueTo ? { dueBefore: dayEnd(dueTo) } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(deferredSearch ? { search: deferredSearch } : {}),
  };
  const [sortField, sortDirection] = sort === 'DEFAULT' ? [] : (sort.split(':') as [TaskSortField, SortDirection]);
  const { data, loading, error, fetchMore } = useQuery(TaskListQuery, {
    variables: { filter, sort: sortField ? { field: sortField, direction: sortDirection } : null, first: pageSize },
    // Shown from the cache at once when returning to a filter, then refreshed from the server.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const tagsResult = useQuery(TagsQuery);
  const allTags = tagsResult.data?.tags ?? [];

  const connection = data?.tasks;
  const hasMore = connection?.pageInfo.hasNextPage ?? false;
  const loadMore = () => {
    if (!connection?.pageInfo.endCursor || loading) return;
    void fetchMore({ variables: { after: connection.pageInfo.endCursor } });
  };

  // Infinite scroll: a sentinel after the last row asks for the next page as it comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  // An Effect Event: the observer calls the latest loadMore without observing again on every render.
  const onSentinelVisible = useEffectEvent(loadMore);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onSentinelVisible();
      },
      { rootMargin: '200px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, connection?.pageInfo.endCursor]);

  const togglePriority = (p: Priority) =>
    setSelectedPriorities((current) => (current.includes(p) ? current.filter((x) => x !== p) : [...current, p]));
  const toggleTag = (name: string) =>
    setTags((current) => (current.includes(name) ? current.filter((x) => x !== name) : [...current, name]));

  return (
    <section className="tasks" aria-label="Tasks">
      <QuickAdd user={user} onOpenEditor={() => openEditor('new')} />

      <details className="filters" open>
        <summary>Filters</summary>
        <div className="filter-grid">
          <label>
            Search
            <input
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Words in title or description"
            />
          </label>
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
              <option value="OPEN">Open</option>
              <option value="COMPLETED">Completed</option>
              <option value="">All</option>
            </select>
          </label>
          <label>
            Sort
            <select value={sort} onChange={(e) => setSort(e.target.value as SortChoice)}>
              {sortChoices.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>Priority</legend>
            {priorities.map((p) => (
              <label key={p} className="inline">
                <input type="checkbox" checked={selectedPriorities.includes(p)} onChange={() => togglePriority(p)} />
                {priorityLabel[p]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Tags</legend>
            {allTags.length === 0 && <span className="hint">No tags yet</span>}
            {allTags.map((tag) => (
              <label key={tag.id} className="inline">
                <input
                  type="checkbox"
                  checked={tags.includes(tag.name)}
                  onChange={() => toggleTag(tag.name)}
                  aria-label={`Tag ${tag.name}`}
                />
                <span className="swatch" style={{ background: tag.color ?? '#e5e7eb' }} aria-hidden="true" />
                {tag.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Due</legend>
            <label className="inline">
              From
              <input type="date" value={dueFrom} onChange={(e) => setDueFrom(e.target.value)} />
            </label>
            <label className="inline">
              To
              <input type="date" value={dueTo} onChange={(e) => setDueTo(e.target.value)} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
              Overdue only
            </label>
          </fieldset>
        </div>
      </details>

      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <p className="count" id={`${id}-count`} aria-live="polite">
        {connection
          ? `${connection.totalCount} task${connection.totalCount === 1 ? '' : 's'}`
          : loading
            ? 'Loading…'
            : ''}
      </p>
      <ul className="task-list" aria-describedby={`${id}-count`}>
        {connection?.edges.map(({ node }) => (
          <TaskItem key={node.id} task={node} onEdit={openEditor} onHistory={openHistory} />
        ))}
      </ul>
      {hasMore && (
        <div ref={sentinel} className="more">
          <button type="button" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}

      <Suspense fallback={<div className="dialog-loading">Loading…</div>}>
        {editing && (
          <TaskEditor taskId={editing === 'new' ? null : editing} user={user} onClose={() => setEditing(null)} />
        )}
        {historyOf && <TaskHistory taskId={historyOf} onClose={() => setHistoryOf(null)} />}
      </Suspense>
    </section>
  );
}

function QuickAdd({ user, onOpenEditor }: { user: SessionUser; onOpenEditor(): void }) {
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [create, { loading }] = useMutation(QuickAddTask, { refetchQueries: ['TaskList'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    setMessage(null);
    try {
      await create({ variables: { input: { title: title.trim(), timeZone: user.timeZone } } });
      setTitle('');
    } catch (e) {
      const errors = formErrorsOf(e);
      setMessage(errors.fields.title ?? errors.general ?? 'Could not add the task');
    }
  }

  return (
    <form className="quick-add" onSubmit={(e) => void submit(e)}>
      <label className="grow">
        <span className="sr-only">New task title</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Add a task and press Enter"
          aria-invalid={!!message}
        />
        <FieldError message={message} />
      </label>
      <button type="submit" className="primary" disabled={loading}>
        Add
      </button>
      <button type="button" onClick={onOpenEditor}>
        New task…
      </button>
    </form>
  );
}
