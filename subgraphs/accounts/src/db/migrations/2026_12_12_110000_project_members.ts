import type { Kysely } from 'kysely';
import { createProjectMemberTable } from '@taskwire/platform/project-members';

/*
 * Accounts' membership projection (modules/co-member): who shares a project with whom, so a
 * member's name and address resolve for the other members of their projects and nobody else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createProjectMemberTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_member').execute();
}
