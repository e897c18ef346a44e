import { describe, expect, it } from 'vitest';
import type { ProjectFieldsFragment } from '../../gql/graphql';
import type { SessionUser } from '../../session';
import { shownViewOf } from './ViewHeader';

const user: SessionUser = { id: 'u1', email: 'erika@example.com', name: 'Erika', timeZone: 'UTC', emailVerified: true };
const launch: ProjectFieldsFragment = {
  id: 'p1',
  name: 'Launch',
  color: null,
  isInbox: false,
  role: 'EDITOR',
  position: 1,
};

describe('the view shown above the list', () => {
  it('titles each view and sends its new tasks there: to the project, or assigned to the user', () => {
    expect(shownViewOf({ kind: 'all' }, user, [launch])).toEqual({
      title: 'All tasks',
      project: null,
      defaults: {},
      missing: false,
    });
    expect(shownViewOf({ kind: 'assigned' }, user, [launch]).defaults).toEqual({ assigneeId: 'u1' });
    expect(shownViewOf({ kind: 'project', projectId: 'p1' }, user, [launch])).toEqual({
      title: 'Launch',
      project: launch,
      defaults: { projectId: 'p1' },
      missing: false,
    });
  });

  it('a project not among the user’s is missing once the projects are loaded, not before', () => {
    const view = { kind: 'project', projectId: 'p9' } as const;
    expect(shownViewOf(view, user, undefined)).toMatchObject({ title: 'Loading…', missing: false });
    expect(shownViewOf(view, user, [launch])).toMatchObject({ title: 'Project not found', missing: true });
  });
});
