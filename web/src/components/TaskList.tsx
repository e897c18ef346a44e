import { useQuery } from '@apollo/client/react';
import {
  lazy,
  Suspense,
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { graphql } from '../gql';
import { navigate, taskListHref, taskListOf, useRoute, type TaskListLocation, type TaskView } from '../route';
import type { SessionUser } from '../session';
import { FiltersPanel } from './task-list/FiltersPanel';
import {
  initialFilters,
  manualOrder,
  pageSize,
  queryProblemOf,
  sortChoiceOf,
  taskFilterOf,
  taskSortOf,
  urlSortOf,
  viewFilterOf,
} from './task-list/filters';
import { QueryField } from './task-list/QueryField';
import { QuickAdd } from './task-list/QuickAdd';
import type { ReorderableTask, ReorderableTasksProps } from './task-list/ReorderableTasks';
import { useShownView, ViewHeader } from './task-list/ViewHeader';
import { PartialResult } from './PartialResult';
import { withoutShownSubtasks } from './subtasks/subtask-cache';
import { TaskItem, type SortableRow } from './TaskItem';

// The editor (recurrence engine for the preview), the history and the members dialog are
// loaded on first use, keeping them out of the initial bundle.
const TaskEditor = lazy(() => import('./TaskEditor').then((m) => ({ default: m.TaskEditor })));
const TaskHistory = lazy(() => import('./TaskHistory').then((m) => ({ default: m.TaskHistory })));
const MembersDialog = lazy(() => import('./projects/MembersDialog').then((m) => ({ default: m.MembersDialog })));
// Drag and drop (dnd-kit) only for a project's list in its manual order, where tasks can be moved
// (typed again as the generic component it is: lazy() drops the type parameter).
const ReorderableTasks = lazy(() =>
  import('./task-list/ReorderableTasks').then((m) => ({ default: m.ReorderableTasks })),
) as unknown as <T extends ReorderableTask>(props: ReorderableTasksProps<T>) => ReactNode;

const TaskListQuery = graphql(`
  query TaskList($filter: TaskFilter, $query: String, $sort: TaskSort, $first: Int, $after: String) {
    tasks(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          position
          ...TaskItemFields
          ...SubtaskSummaryFields
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

export function TaskList({ user, view }: { user: SessionUser; view: TaskView }) {
  const id = useId();
  const shown = useShownView(view, user);
  const readOnly = shown.project?.role === 'VIEWER';
  const [membersOpen, setMembersOpen] = useState(false);
  const [filters, setFilters] = useState(initialFilters);
  const [search, setSearch] = useState('');
  // The query and the sort are in the URL (route.ts taskListOf): a reload or a link shows the same list.
  const route = useRoute();
  const list = taskListOf(route.path, route.params);
  const sort = sortChoiceOf(list.sort);
  const goTo = (patch: Partial<Omit<TaskListLocation, 'view'>>, options?: { replace: boolean }) =>
    navigate(taskListHref({ view, query: list.query, sort: list.sort, ...patch }), options);
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
  const openMembers = () => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setMembersOpen(true);
  };
  useEffect(() => {
    if (editing || historyOf || membersOpen || !returnFocus.current) return;
    const opener = returnFocus.current;
    returnFocus.current = null;
    if (opener.isConnected) opener.focus();
  }, [editing, historyOf, membersOpen]);

  const { data, previousData, loading, error, fetchMore } = useQuery(TaskListQuery, {
    variables: {
      filter: { ...taskFilterOf(filters, deferredSearch), ...viewFilterOf(view) },
      ...(list.query.trim() ? { query: list.query } : {}),
      sort: taskSortOf(sort),
      first: pageSize,
    },
    // Shown from the cache at once when returning to a filter, then refreshed from the server.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    notifyOnNetworkStatusChange: true,
    // A part of the service that is down (e.g. tags) leaves the rest of the list to show.
    errorPolicy: 'all',
  });
  const tagsResult = useQuery(TagsQuery);
  const allTags = tagsResult.data?.tags ?? [];

  // A query the server cannot read: its error under the field, and the list as it was before.
  const queryProblem = queryProblemOf(error);
  const connection = data?.tasks ?? (queryProblem ? previousData?.tasks : undefined);
  // A subtask whose parent is listed too shows under that parent's row (TaskItem), not twice.
  const tasks = withoutShownSubtasks(connection?.edges.map((edge) => edge.node) ?? []);
  // A project's tasks in its manual order can be moved, by its owner and editors.
  const reorderProjectId =
    view.kind === 'project' && sort === manualOrder && shown.project && !readOnly ? shown.project.id : null;
  const hasMore = !queryProblem && (connection?.pageInfo.hasNextPage ?? false);
  const loadMore = () => {
    if (!connection?.pageInfo.endCursor || loading) return;
    void fetchMore({ variables: { after: connection.pageInfo.endCursor } });
  };

  // Infinite scroll: a sentinel after the last row asks for the next page as it comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  // An Effect Event: the observer calls the latest loadMore without observing again on every render.
  // loadMore does nothing while the list is loading (a live-change refetch, a new query or sort):
  // the sentinel is observed again once that is done, and the observer, which reports at once
  // whether the sentinel is in view, asks for the page then; else a sentinel already in view
  // would never ask again and the list would stop at its first page.
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
  }, [hasMore, connection?.pageInfo.endCursor, loading]);

  const renderTask = (task: (typeof tasks)[number], sortable?: SortableRow) => (
    <TaskItem
      key={task.id}
      task={task}
      me={user}
      showProject={view.kind !== 'project'}
      onEdit={openEditor}
      onHistory={openHistory}
      sortable={sortable}
    />
  );
  const plainList = (
    <ul className="task-list" aria-describedby={`${id}-count`}>
      {tasks.map((task) => renderTask(task))}
    </ul>
  );

  return (
    <section className="tasks" aria-labelledby={`${id}-title`}>
      <ViewHeader titleId={`${id}-title`} shown={shown} onMembers={openMembers} />
      {readOnly ? (
        <p className="hint">You can view this project; its owner can make you an editor.</p>
      ) : (
        <QuickAdd user={user} defaults={shown.defaults} onOpenEditor={() => openEditor('new')} />
      )}

      <FiltersPanel
        values={filters}
        onChange={(patch) => setFilters((current) => ({ ...current, ...patch }))}
        search={search}
        onSearch={setSearch}
        sort={sort}
        onSort={(choice) => goTo({ sort: urlSortOf(choice) })}
        allTags={allTags}
        queryField={
          <QueryField
            value={list.query}
            onCommit={(query, options) => goTo({ query }, options)}
            problem={queryProblem}
          />
        }
      />

      {!queryProblem && <PartialResult error={error} hasData={connection !== undefined} />}
      <p className="count" id={`${id}-count`} aria-live="polite">
        {connection
          ? `${connection.totalCount} task${connection.totalCount === 1 ? '' : 's'}`
          : loading
            ? 'Loading…'
            : ''}
      </p>
      {reorderProjectId ? (
        <Suspense fallback={plainList}>
          <ReorderableTasks
            tasks={tasks}
            projectId={reorderProjectId}
            describedBy={`${id}-count`}
            renderTask={renderTask}
          />
        </Suspense>
      ) : (
        plainList
      )}
      {hasMore && (
        <div ref={sentinel} className="more">
          <button type="button" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}

      <Suspense fallback={<div className="dialog-loading">Loading…</div>}>
        {editing && (
          <TaskEditor
            taskId={editing === 'new' ? null : editing}
            user={user}
            defaults={shown.defaults}
            onClose={() => setEditing(null)}
          />
        )}
        {historyOf && <TaskHistory taskId={historyOf} user={user} onClose={() => setHistoryOf(null)} />}
        {membersOpen && shown.project && (
          <MembersDialog project={shown.project} user={user} onClose={() => setMembersOpen(false)} />
        )}
      </Suspense>
    </section>
  );
}
