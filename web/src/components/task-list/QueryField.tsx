import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { QueryProblem } from './filters';

/** How long typing pauses before the query is sent (and written to the URL). */
export const queryDelayMs = 400;

type Props = {
  /** The query of the URL, the one the list shows. */
  value: string;
  /** Writes a query to the URL; `replace` while the user goes on typing the same query. */
  onCommit(query: string, options: { replace: boolean }): void;
  /** Why the server refused the query shown, if it did. */
  problem: QueryProblem | null;
};

/**
 * "Filter query": a filter-language query (docs/api.md "Filter language") sent as
 * `tasks(query:)` once typing pauses, or at once on Enter. The first change of a query adds a
 * history entry and the ones typed after it replace it, so Back returns to the list before. A
 * refused query shows where it went wrong under the field; the list stays as it was.
 */
export function QueryField({ value, onCommit, problem }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  /** The last query this field wrote to the URL: the URL changing to it is not news. */
  const written = useRef<string | null>(null);

  // The URL changed elsewhere (a saved view, Back): show its query.
  useEffect(() => {
    if (value === written.current) return;
    written.current = null;
    setDraft(value);
  }, [value]);

  const commit = (query: string) => {
    if (query === value) return;
    onCommit(query, { replace: written.current !== null && written.current === value });
    written.current = query;
  };

  const onPause = useEffectEvent(() => commit(draft));
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(onPause, queryDelayMs);
    return () => clearTimeout(timer);
  }, [draft, value]);

  const shownProblem = problem && draft === value ? problem : null;
  return (
    <div className="query-field">
      <label htmlFor={`${id}-input`}>Filter query</label>
      <input
        id={`${id}-input`}
        type="search"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(draft);
          }
        }}
        placeholder="(today | overdue) & #work & !p1"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={!!shownProblem}
        aria-describedby={shownProblem ? `${id}-error` : undefined}
      />
      {shownProblem && (
        <span className="field-error query-error" id={`${id}-error`} role="alert" data-position={shownProblem.position}>
          {shownProblem.message}
          <code className="query-at" aria-hidden="true">
            {value.slice(0, shownProblem.position)}
            <mark>{value.slice(shownProblem.position, shownProblem.position + 1) || ' '}</mark>
            {value.slice(shownProblem.position + 1)}
          </code>
        </span>
      )}
    </div>
  );
}
