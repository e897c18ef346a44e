import { graphql } from '../../gql';

/** What the sidebar and the list header show of a project. */
export const ProjectFields = graphql(`
  fragment ProjectFields on Project {
    id
    name
    color
    isInbox
    role
    position
  }
`);

/** The signed-in user's projects, the Inbox first. */
export const ProjectsQuery = graphql(`
  query Projects {
    projects {
      id
      ...ProjectFields
    }
  }
`);

/**
 * One project's open tasks, counted. A count is the costliest field of the API (docs/api.md
 * "Limits": at most three fit in one operation's budget), so each project asks for its own.
 */
export const ProjectOpenCountQuery = graphql(`
  query ProjectOpenCount($id: ID!) {
    project(id: $id) {
      id
      openTasks: tasks(filter: { status: OPEN }, first: 1) {
        totalCount
      }
    }
  }
`);

/**
 * Who may see a project. Members are selected by id only: a member's name comes from another
 * service and may be unavailable, and an error there would blank the whole project (User.name
 * is non-null), so names are a query of their own (MemberNamesQuery).
 */
export const ProjectSharingFields = graphql(`
  fragment ProjectSharingFields on Project {
    id
    role
    isInbox
    members {
      role
      joinedAt
      user {
        id
      }
    }
    invitations {
      email
      role
      invitedAt
    }
  }
`);

export const ProjectMembersQuery = graphql(`
  query ProjectMembers($id: ID!) {
    project(id: $id) {
      id
      ...ProjectFields
      ...ProjectSharingFields
    }
  }
`);

/** The members' names, best effort (member-names.ts): sent with errorPolicy 'all', never cached. */
export const MemberNamesQuery = graphql(`
  query MemberNames($id: ID!) {
    project(id: $id) {
      id
      members {
        user {
          id
          name
        }
      }
    }
  }
`);
