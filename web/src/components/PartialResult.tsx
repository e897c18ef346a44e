import { unavailableFields } from '../errors';

/**
 * What a query with `errorPolicy: 'all'` shows besides its data: nothing when it is complete; a
 * notice naming the missing parts (e.g. "tags") when a part of the service is unavailable and
 * the rest arrived; the error itself when there is no data to show.
 */
export function PartialResult({ error, hasData }: { error: Error | null | undefined; hasData: boolean }) {
  if (!error) return null;
  const missing = unavailableFields(error);
  if (hasData && missing.length > 0) {
    return (
      <p className="notice" role="status">
        Some information is unavailable right now: {missing.join(', ')}. Everything else is shown; it will be back when
        the service recovers.
      </p>
    );
  }
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}
