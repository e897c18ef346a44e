import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '../gql';
import {
  applyTaskChange,
  createFollowUpRunner,
  everythingToFetch,
  type FollowUp,
  type FollowUpRunner,
} from '../live-changes';
import { isAuthClose } from '../subscription-link';
import type { TokenClients } from '../token-clients';
import { ProjectsQuery } from './projects/project-documents';
import { pageSize } from './task-list/filters';

const ProjectChanges = graphql(`
  subscription ProjectChanges {
    projectChanges {
      type
      taskId
      projectId
      at
      actor {
        id
      }
      task {
        id
        ...TaskItemFields
      }
    }
  }
`);

/** Delay before subscribing again after the subscription failed; doubles per failure in a row. */
const resubscribeMs = { first: 1_000, max: 30_000 };

/** The projects the app lists, or null before they are loaded. */
function knownProjectIds(client: ApolloClient): ReadonlySet<string> | null {
  const projects = client.cache.readQuery({ query: ProjectsQuery })?.projects;
  return projects ? new Set(projects.map((p) => p.id)) : null;
}

/**
 * Fetches what a change leaves to fetch, for the queries on screen only: the task lists (as
 * many tasks as each shows, so a list scrolled further keeps its length), the counts of the
 * projects named, the project list.
 */
async function fetchFollowUp(client: ApolloClient, followUp: FollowUp): Promise<void> {
  const include = [
    ...(followUp.projects ? ['Projects'] : []),
    ...(followUp.lists ? ['TaskList'] : []),
    ...(followUp.counts === 'all' || followUp.counts.size > 0 ? ['ProjectOpenCount'] : []),
  ];
  if (include.length === 0) return;
  await client.refetchQueries({
    include,
    onQueryUpdated(query) {
      if (query.queryName === 'ProjectOpenCount') {
        const projectId = (query.variables as { id?: string }).id ?? '';
        return followUp.counts === 'all' || followUp.counts.has(projectId) ? query.refetch() : false;
      }
      if (query.queryName === 'TaskList') {
        const shown = (query.getCurrentResult().data as { tasks?: { edges: unknown[] } } | undefined)?.tasks?.edges
          .length;
        return query.refetch({ first: Math.min(200, Math.max(pageSize, shown ?? 0)) });
      }
      return query.refetch();
    },
  });
}

/**
 * Subscribes to `projectChanges`, applying each change to the cache and handing what it leaves
 * to fetch to `followUps`. A failed or ended subscription is renewed after a growing delay, and
 * everything shown is fetched again then (changes may have been missed). Answers the stop.
 */
function followChanges(client: ApolloClient, followUps: FollowUpRunner): () => void {
  let stopped = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let subscription: { unsubscribe(): void } | null = null;

  const subscribe = () => {
    subscription = client.subscribe({ query: ProjectChanges, fetchPolicy: 'no-cache', errorPolicy: 'all' }).subscribe({
      next: ({ data }) => {
        failures = 0;
        const change = data?.projectChanges;
        if (change) followUps.add(applyTaskChange(client.cache, change, knownProjectIds(client)));
      },
      error: resubscribe,
      complete: resubscribe,
    });
  };
  function resubscribe() {
    if (stopped) return;
    failures += 1;
    const delayMs = Math.min(resubscribeMs.max, resubscribeMs.first * 2 ** (failures - 1));
    retry = setTimeout(() => {
      if (stopped) return;
      subscribe();
      followUps.add(everythingToFetch);
    }, delayMs);
  }

  subscribe();
  return () => {
    stopped = true;
    clearTimeout(retry);
    subscription?.unsubscribe();
  };
}

/**
 * A socket that dropped (not one whose token expired: the link moves to the renewed one without
 * a gap) may have missed changes: once connected again, everything shown is fetched again.
 * Answers the stop.
 */
function refetchAfterDrops(ws: Pick<TokenClients, 'on'>, followUps: FollowUpRunner): () => void {
  let dropped = false;
  const offClosed = ws.on('closed', (event) => {
    if (!isAuthClose(event)) dropped = true;
  });
  const offConnected = ws.on('connected', () => {
    if (!dropped) return;
    dropped = false;
    followUps.add(everythingToFetch);
  });
  return () => {
    offClosed();
    offConnected();
  };
}

/**
 * Live changes of every project the user is a member of (`projectChanges` without a project,
 * over the same graphql-ws socket as the reminders), applied to the cache as they arrive
 * (live-changes.ts), so lists and counts change without a reload. Changes missed while the
 * socket was down, or the subscription was being renewed after a failure, are made good by
 * fetching everything on screen again (delivery is best effort: docs/api.md "Live changes").
 */
export function LiveChanges({ ws }: { ws: Pick<TokenClients, 'on'> }) {
  const client = useApolloClient();
  useEffect(() => {
    const followUps = createFollowUpRunner((followUp) => fetchFollowUp(client, followUp));
    const stopFollowing = followChanges(client, followUps);
    const stopWatching = refetchAfterDrops(ws, followUps);
    return () => {
      stopFollowing();
      stopWatching();
      followUps.dispose();
    };
  }, [client, ws]);
  return null;
}
