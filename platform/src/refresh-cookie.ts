/*
 * How a browser's refresh token travels (docs/sessions.md): the web app never sees it. The
 * gateway keeps it in an HttpOnly, SameSite=Strict cookie and exchanges it with the accounts
 * subgraph through the headers below, which accounts reads only from a request that carried the
 * gateway secret (subgraphs answer no one else).
 */

/** The cookie the gateway sets on the client; scoped to the API path. */
export const refreshCookieName = 'taskwire_refresh';
export const refreshCookiePath = '/graphql';

/** Gateway → accounts: the refresh cookie's value, when the client sent one. */
export const refreshTokenHeader = 'x-refresh-token';
/**
 * Client → gateway → accounts: `cookie` asks that a refresh token issued by this request
 * (signIn, signUp, resetPassword, refreshSession) be set as the cookie and left out of the answer.
 */
export const refreshTokenDeliveryHeader = 'x-refresh-token-delivery';
/** Accounts → gateway: `set <token> <maxAgeSeconds>` or `clear`; the gateway turns it into Set-Cookie. */
export const setRefreshCookieHeader = 'x-set-refresh-cookie';

/** What accounts asks the gateway to do with the client's refresh cookie. */
export type RefreshCookieInstruction = { set: string; maxAgeSeconds: number } | 'clear';

export function formatRefreshCookieInstruction(instruction: RefreshCookieInstruction): string {
  return instruction === 'clear'
    ? 'clear'
    : `set ${instruction.set} ${Math.max(0, Math.floor(instruction.maxAgeSeconds))}`;
}

/** The instruction of an accounts answer; null when absent or malformed. */
export function parseRefreshCookieInstruction(value: string | null | undefined): RefreshCookieInstruction | null {
  if (!value) return null;
  if (value === 'clear') return 'clear';
  const match = /^set ([A-Za-z0-9_-]{16,128}) (\d{1,10})$/.exec(value);
  return match ? { set: match[1]!, maxAgeSeconds: Number(match[2]) } : null;
}

/** The `Set-Cookie` value for an instruction; `secure` when the client reached us over HTTPS. */
export function refreshSetCookie(instruction: RefreshCookieInstruction, { secure }: { secure: boolean }): string {
  const [value, maxAge] = instruction === 'clear' ? ['', 0] : [instruction.set, instruction.maxAgeSeconds];
  return [
    `${refreshCookieName}=${value}`,
    `Path=${refreshCookiePath}`,
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The refresh cookie's value in a `Cookie` request header; null when absent. */
export function refreshCookieOf(cookieHeader: string | string[] | undefined | null): string | null {
  const raw = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : (cookieHeader ?? '');
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== refreshCookieName) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{16,128}$/.test(value)) return value;
  }
  return null;
}
