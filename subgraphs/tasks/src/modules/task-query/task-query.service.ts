import { GraphQLError } from 'graphql';
import { textInput } from '@taskwire/platform/input';
import { findProjectsForUser } from '../project/project.repository.js';
import { priorityRank } from '../task/task.model.js';
import type { TaskFilterExpression, TaskSearchFilter } from '../task/task.repository.js';
import { userDefaultTimeZone, type TaskServiceDeps } from '../task/task.service.js';
import { toPrefixQuery } from '../task/task.validation.js';
import { parseTaskQuery, QueryError, type QueryAtom, type QueryNode } from './task-query.parser.js';

/**
 * A bad query as BAD_USER_INPUT on `field` (the `query` argument, or `input.query` of a saved
 * view), with the position (0-based) and what was expected there.
 */
export function badQuery(error: QueryError, field = 'query'): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', field, position: error.position, expected: error.expected },
  });
}

/**
 * `tasks(query:)` as a filter expression for the repository, read in the user's zone at the
 * service's present; `~Name` is every project of the user with that name (archived included).
 * Null for an empty query. Throws BAD_USER_INPUT (with `extensions.position`) for a bad one.
 */
export async function taskQueryFilter(
  deps: TaskServiceDeps,
  userId: string,
  query: string | null | undefined,
): Promise<TaskFilterExpression | null> {
  if (query == null) return null;
  textInput(query, 'query');
  let tree: QueryNode | null;
  try {
    tree = parseTaskQuery(query, { timeZone: await userDefaultTimeZone(deps, userId), now: deps.now() });
  } catch (error) {
    if (error instanceof QueryError) throw badQuery(error);
    throw error;
  }
  if (!tree) return null;
  const projects = await findProjectsForUser(deps.db, userId, true);
  const projectIds = (name: string) =>
    projects.filter((p) => p.name.toLowerCase() === name.toLowerCase()).map((p) => p.id);
  return toExpression(tree, { userId, projectIds });
}

interface Names {
  readonly userId: string;
  projectIds(name: string): string[];
}

function toExpression(node: QueryNode, names: Names): TaskFilterExpression {
  switch (node.op) {
    case 'and':
      return { and: node.items.map((item) => toExpression(item, names)) };
    case 'or':
      return { or: node.items.map((item) => toExpression(item, names)) };
    case 'not':
      return { not: toExpression(node.item, names) };
    case 'atom':
      return { leaf: toLeaf(node.atom, node.position, names) };
  }
}

/** One filter of the language in the repository's terms: the same conditions as TaskFilter's. */
function toLeaf(atom: QueryAtom, position: number, names: Names): TaskSearchFilter {
  switch (atom.kind) {
    case 'due':
      return { ...(atom.from && { dueAfter: atom.from }), ...(atom.before && { dueBefore: atom.before }) };
    case 'created':
      return { ...(atom.from && { createdAfter: atom.from }), ...(atom.before && { createdBefore: atom.before }) };
    case 'noDate':
      return { hasDue: false };
    case 'overdue':
      return { overdue: true };
    case 'recurring':
      return { recurring: true };
    case 'status':
      return { status: atom.status };
    case 'tag':
      return { tags: [atom.name.toLowerCase()] };
    case 'priority':
      return { priorities: [priorityRank(atom.priority)] };
    case 'assignedToMe':
      return { assignedTo: names.userId };
    case 'unassigned':
      return { unassigned: true };
    case 'search': {
      const tsquery = toPrefixQuery(atom.text, 'query');
      if (!tsquery)
        throw badQuery(new QueryError(position, 'letters or digits to search for', JSON.stringify(atom.text)));
      return { tsquery };
    }
    case 'project': {
      const ids = names.projectIds(atom.name);
      if (ids.length === 0) {
        throw badQuery(new QueryError(position, 'the name of one of your projects after ~', JSON.stringify(atom.name)));
      }
      return { projectIds: ids };
    }
  }
}
