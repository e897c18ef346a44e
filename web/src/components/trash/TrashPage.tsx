import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { firstMessage, formErrorsOf } from '../../errors';

const TrashQuery = graphql(`
  query Trash($after: String) {
    trash(first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          title
          trashedAt
          project {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RestoreTask = graphql(`
  mutation RestoreTask($id: ID!) {
    restoreTask(id: $id) {
      ...TaskItemFields
    }
  }
`);

/** Days a task stays in the Trash (docs/api.md "Trash"). */
const retentionDays = 30;

function purgeDate(trashedAt: string): string {
  const at = new Date(Date.parse(trashedAt) + retentionDays * 86_400_000);
  return at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** /trash: what was deleted in the user's projects, with Restore; gone for good after 30 days. */
export function TrashPage() {
  const { data, loading, error, fetchMore, refetch } = useQuery(TrashQuery, { fetchPolicy: 'cache-and-network' });
  const [restore] = useMutation(RestoreTask, { refetchQueries: ['TaskList'] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const trash = data?.trash;

  const restoreOne = async (id: string) => {
    setErrors(({ [id]: _gone, ...rest }) => rest);
    try {
      await restore({ variables: { id } });
      await refetch();
    } catch (e) {
      setErrors((all) => ({ ...all, [id]: firstMessage(e, 'Could not restore it') }));
    }
  };

  return (
    <section className="trash" aria-labelledby="trash-title">
      <h2 id="trash-title">Trash</h2>
      <p className="hint">Deleted tasks stay here for {retentionDays} days, then they are gone for good.</p>
      {error && <p role="alert">{formErrorsOf(error).general}</p>}
      {loading && !trash && <p aria-busy="true">Loading…</p>}
      {trash && trash.edges.length === 0 && <p>The Trash is empty.</p>}
      {trash && trash.edges.length > 0 && (
        <ul className="trash-list" aria-label="Deleted tasks">
          {trash.edges.map(({ node }) => (
            <li key={node.id} data-task-id={node.id}>
              <span className="title">{node.title}</span>
              <span className="hint">
                {node.project.name} · deleted {new Date(node.trashedAt ?? '').toLocaleString()} · purged{' '}
                {purgeDate(node.trashedAt ?? '')}
              </span>
              <button type="button" onClick={() => void restoreOne(node.id)} aria-label={`Restore “${node.title}”`}>
                Restore
              </button>
              {errors[node.id] && <span role="alert">{errors[node.id]}</span>}
            </li>
          ))}
        </ul>
      )}
      {trash?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void fetchMore({ variables: { after: trash.pageInfo.endCursor } })}>
          Show more
        </button>
      )}
    </section>
  );
}
