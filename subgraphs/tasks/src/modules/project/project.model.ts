import type { Selectable } from 'kysely';
import type { ProjectMembersTable, ProjectRole, ProjectsTable } from '../../db/database.js';

export type { ProjectRole };

/** A project as stored in `tasks.projects`. */
export type ProjectRow = Selectable<ProjectsTable>;

/** A membership as stored in `tasks.project_members`. */
export type ProjectMemberRow = Selectable<ProjectMembersTable>;

/** The GraphQL `Project` mapper: the project as one member sees it (their role and list position). */
export type ProjectModel = ProjectRow & Pick<ProjectMemberRow, 'role' | 'position'>;

/** The name every Inbox has. */
export const inboxName = 'Inbox';

/** Longest project name, in characters. */
export const maxProjectNameLength = 100;

/**
 * What each role may do (docs/api.md "Projects"): one table, read by every check.
 * `read`: the project and its tasks; `editTasks`: create, edit, complete, move and delete its
 * tasks; `manage`: rename, recolour, archive, delete (and, with sharing, manage members).
 */
export const roleAllows = {
  OWNER: { read: true, editTasks: true, manage: true },
  EDITOR: { read: true, editTasks: true, manage: false },
  VIEWER: { read: true, editTasks: false, manage: false },
} as const satisfies Record<ProjectRole, Record<'read' | 'editTasks' | 'manage', boolean>>;

export type ProjectRight = keyof (typeof roleAllows)['OWNER'];
