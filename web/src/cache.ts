import { InMemoryCache, type Reference } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The app's Apollo cache: tasks and projects are normalised by id (the API's `Node`s), so a
 * task written once (a mutation's answer, a live change) shows changed in every list. Lists
 * the server returns whole replace what was cached (`merge: false`).
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          tasks: relayStylePagination(['filter', 'query', 'sort']),
          trash: relayStylePagination([]),
          task: {
            read: (existing: Reference | undefined, { args, toReference }) =>
              existing ?? toReference({ __typename: 'Task', id: args?.id as string }),
          },
          projects: { merge: false },
        },
      },
      Task: {
        fields: {
          tags: { merge: false },
          reminders: { merge: false },
          history: relayStylePagination(),
        },
      },
      Project: {
        fields: {
          members: { merge: false },
          invitations: { merge: false },
        },
      },
    },
  });
}
