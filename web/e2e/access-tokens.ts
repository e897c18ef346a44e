/**
 * The access tokens the page receives, read from its /graphql responses (signIn, signUp,
 * refreshSession): the page keeps its token in memory only, so a test that calls the API as the
 * page's user takes the newest token from the traffic, not from the page.
 */
import type { Page } from 'playwright-core';

export interface AccessTokens {
  /** The newest access token the page received; throws when it has none yet. */
  latest(): string;
  /** How many the page received (sign-in and every renewal). */
  count(): number;
}

const fields = ['signIn', 'signUp', 'refreshSession'] as const;

export function watchAccessTokens(page: Page): AccessTokens {
  const tokens: string[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    response.json().then(
      (body: { data?: Record<string, { token?: unknown } | null> } | null) => {
        for (const field of fields) {
          const token = body?.data?.[field]?.token;
          if (typeof token === 'string') tokens.push(token);
        }
      },
      () => undefined,
    );
  });
  return {
    latest() {
      const token = tokens.at(-1);
      if (!token) throw new Error('the page has received no access token');
      return token;
    },
    count: () => tokens.length,
  };
}
