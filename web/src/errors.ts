import { CombinedGraphQLErrors } from '@apollo/client';

/** Messages by input field (`title`, `dueAt`, `recurrence.rrule`, ...) plus a general one. */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const noErrors: FormErrors = { fields: {}, general: null };

/**
 * Spreads a server error over the form: BAD_USER_INPUT with `extensions.field` (`input.title`)
 * goes next to that field (without the `input.` prefix); anything else is a general message.
 */
export function formErrorsOf(error: unknown): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const field = e.extensions?.field;
      if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
        fields[field.replace(/^input\./, '')] = e.message;
      } else {
        general.push(e.message);
      }
    }
  } else if (error instanceof Error) {
    general.push(error.message);
  } else if (error != null) {
    general.push(typeof error === 'string' ? error : JSON.stringify(error));
  }
  return { fields, general: general.length ? general.join(' ') : null };
}

/** The error's one message for a place without fields: the general one, else the first field's, else `fallback`. */
export function firstMessage(error: unknown, fallback: string): string {
  const { general, fields } = formErrorsOf(error);
  return general ?? Object.values(fields)[0] ?? fallback;
}

export function isNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'NOT_FOUND');
}

/**
 * Runs a follow-up mutation on a task that was created a moment ago, retrying while it answers
 * NOT_FOUND: planning learns about new tasks from events, which can lag the tasks service.
 */
export async function retryWhileNotFound<T>(
  run: () => Promise<T>,
  { timeoutMs = 15_000, intervalMs = 500 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!isNotFound(error) || Date.now() + intervalMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Field messages the form has no field for (e.g. `names.2`), to show with the general ones. */
export function otherMessages(errors: FormErrors, placed: readonly string[]): string[] {
  const others = Object.entries(errors.fields)
    .filter(([field, message]) => message && !placed.includes(field))
    .map(([field, message]) => `${field}: ${message}`);
  return errors.general ? [errors.general, ...others] : others;
}

/** Codes of a part of the service that did not answer (docs/api.md "Errors"): the rest of the data is good. */
const unavailableCodes: ReadonlySet<string> = new Set([
  'SUBREQUEST_HTTP_ERROR',
  'REQUEST_TIMEOUT',
  'SUBGRAPH_CIRCUIT_BREAKER_REJECTED',
]);

/**
 * The fields a partial answer lacks because a part of the service is unavailable (the last
 * field name of each such error's path, e.g. `tags`), once each in order of appearance; empty
 * when the error is anything else.
 */
export function unavailableFields(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const names = new Set<string>();
  for (const e of error.errors) {
    if (typeof e.extensions?.code !== 'string' || !unavailableCodes.has(e.extensions.code)) continue;
    const name = [...(e.path ?? [])].reverse().find((part): part is string => typeof part === 'string');
    if (name) names.add(name);
  }
  return [...names];
}
