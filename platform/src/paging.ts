import { badUserInput } from './errors.js';

/**
 * Relay cursor connections, the part every keyset-paged list shares: reading `first`/`after`
 * (forward) or `last`/`before` (backward) into one page request, and building edges and a
 * complete `PageInfo` from the rows a repository returned. The repository scans its order from
 * the request's cursor in the request's direction; this module never touches SQL.
 */

/** A validated page request over cursor positions of type `P`. */
export type PageRequest<P> =
  { direction: 'forward'; size: number; from: P | null } | { direction: 'backward'; size: number; from: P | null };

/** The paging arguments of a connection field, as GraphQL passes them. */
export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageSizeLimits {
  /** Smallest page size accepted (0 or 1). */
  min: number;
  /** Largest page size accepted. */
  max: number;
  /** Size when neither `first` nor `last` is given. */
  default: number;
}

/**
 * Reads the arguments into one direction. Backward paging is asked for with `last` or `before`;
 * its size is `last`, else `first` (whose schema default is the page size). `after` together
 * with `last` or `before` is refused: the two directions do not combine.
 * @throws GraphQLError BAD_USER_INPUT naming `first`, `last`, `after` or `before`.
 */
export function readPageRequest<P>(
  args: PagingArgs,
  limits: PageSizeLimits,
  decode: (cursor: string, field: 'after' | 'before') => P,
): PageRequest<P> {
  const size = (value: number | null | undefined, field: 'first' | 'last'): number => {
    const n = value ?? limits.default;
    if (!Number.isInteger(n) || n < limits.min || n > limits.max) {
      throw badUserInput(
        field,
        `${field} expected an integer from ${limits.min} to ${limits.max}, got ${String(value)}`,
      );
    }
    return n;
  };
  const backward = args.last != null || args.before != null;
  if (!backward) {
    return {
      direction: 'forward',
      size: size(args.first, 'first'),
      from: args.after != null ? decode(args.after, 'after') : null,
    };
  }
  if (args.after != null) {
    throw badUserInput(
      'after',
      'after pages forward and cannot be combined with last or before (backward); give first/after or last/before',
    );
  }
  return {
    direction: 'backward',
    size: args.last != null ? size(args.last, 'last') : size(args.first, 'first'),
    from: args.before != null ? decode(args.before, 'before') : null,
  };
}

/**
 * `PageInfo` as resolved: the flag on the side the page was not scanned towards needs one more
 * query, so it is a function, run only when a client selects that field.
 */
export interface PageInfoModel {
  hasNextPage: () => boolean | Promise<boolean>;
  hasPreviousPage: () => boolean | Promise<boolean>;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: PageInfoModel;
}

/**
 * Builds a page from up to `size + 1` rows in scan order (the extra row tells that more follow
 * in the scan direction). Backward rows arrive nearest-first and are put back into the list's
 * order. `existsBehind` answers whether an item exists at or behind the request's cursor, the
 * side not scanned (the cursor's own item counts: it lies outside this page); it is only called
 * when the request has a cursor and the client selects that flag.
 */
export function toPage<P, Row>(
  request: PageRequest<P>,
  rows: readonly Row[],
  cursorOf: (row: Row) => string,
  existsBehind: (from: P) => Promise<boolean>,
): Page<Row> {
  const scanned = rows.slice(0, request.size);
  const inOrder = request.direction === 'forward' ? scanned : scanned.reverse();
  const edges = inOrder.map((node) => ({ cursor: cursorOf(node), node }));
  const more = rows.length > request.size;
  let behind: Promise<boolean> | undefined;
  const from = request.from;
  const checkBehind = () => (from === null ? false : (behind ??= existsBehind(from)));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.direction === 'forward' ? () => more : checkBehind,
      hasPreviousPage: request.direction === 'backward' ? () => more : checkBehind,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
