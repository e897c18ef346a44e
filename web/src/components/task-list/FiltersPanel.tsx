import type { ReactNode } from 'react';
import type { TagsQuery, TaskStatus } from '../../gql/graphql';
import { priorities, priorityLabel } from '../Priority';
import { sortChoices, toggled, type FilterValues, type SortChoice } from './filters';

type Props = {
  values: FilterValues;
  onChange(patch: Partial<FilterValues>): void;
  search: string;
  onSearch(search: string): void;
  sort: SortChoice;
  onSort(sort: SortChoice): void;
  allTags: TagsQuery['tags'];
  /** The filter-language query field (QueryField), first in the panel. */
  queryField?: ReactNode;
};

/** Query, search, status, sort, priorities, tags and due range of the task list. */
export function FiltersPanel({ values, onChange, search, onSearch, sort, onSort, allTags, queryField }: Props) {
  // A URL may name an order the menu does not offer (e.g. TITLE:DESC): it is shown as it is.
  const choices = sortChoices.some(([value]) => value === sort) ? sortChoices : [...sortChoices, [sort, sort] as const];
  return (
    <details className="filters" open>
      <summary>Filters</summary>
      {queryField}
      <div className="filter-grid">
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => onSearch(e.target.value)}
            placeholder="Words in title or description"
          />
        </label>
        <label>
          Status
          <select value={values.status} onChange={(e) => onChange({ status: e.target.value as TaskStatus | '' })}>
            <option value="OPEN">Open</option>
            <option value="COMPLETED">Completed</option>
            <option value="">All</option>
          </select>
        </label>
        <label>
          Sort
          <select value={sort} onChange={(e) => onSort(e.target.value as SortChoice)}>
            {choices.map(([value, label]) => (
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
              <input
                type="checkbox"
                checked={values.priorities.includes(p)}
                onChange={() => onChange({ priorities: toggled(values.priorities, p) })}
              />
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
                checked={values.tags.includes(tag.name)}
                onChange={() => onChange({ tags: toggled(values.tags, tag.name) })}
                aria-label={`Tag ${tag.name}`}
              />
              <span
                className="swatch"
                style={{ background: tag.color ?? 'var(--neutral-strong-bg)' }}
                aria-hidden="true"
              />
              {tag.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Due</legend>
          <label className="inline">
            From
            <input type="date" value={values.dueFrom} onChange={(e) => onChange({ dueFrom: e.target.value })} />
          </label>
          <label className="inline">
            To
            <input type="date" value={values.dueTo} onChange={(e) => onChange({ dueTo: e.target.value })} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={values.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} />
            Overdue only
          </label>
        </fieldset>
      </div>
    </details>
  );
}
