import { describe, expect, it } from 'vitest';
import {
  formatRefreshCookieInstruction,
  parseRefreshCookieInstruction,
  refreshCookieOf,
  refreshSetCookie,
} from './refresh-cookie.js';

const token = 'abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE';

describe('refresh cookie', () => {
  it('round-trips the instruction between accounts and the gateway', () => {
    for (const instruction of [{ set: token, maxAgeSeconds: 86_400 }, 'clear'] as const)
      expect(parseRefreshCookieInstruction(formatRefreshCookieInstruction(instruction))).toEqual(instruction);
    expect(parseRefreshCookieInstruction('set x; Domain=evil 1')).toBeNull();
    expect(parseRefreshCookieInstruction(undefined)).toBeNull();
  });

  it('is HttpOnly and SameSite=Strict on the API path, Secure only over HTTPS', () => {
    expect(refreshSetCookie({ set: token, maxAgeSeconds: 60 }, { secure: true })).toBe(
      `taskwire_refresh=${token}; Path=/graphql; Max-Age=60; HttpOnly; SameSite=Strict; Secure`,
    );
    expect(refreshSetCookie('clear', { secure: false })).toBe(
      'taskwire_refresh=; Path=/graphql; Max-Age=0; HttpOnly; SameSite=Strict',
    );
  });

  it('reads the cookie among others and ignores malformed values', () => {
    expect(refreshCookieOf(`a=1; taskwire_refresh=${token}; b=2`)).toBe(token);
    expect(refreshCookieOf('taskwire_refresh=short')).toBeNull();
    expect(refreshCookieOf(undefined)).toBeNull();
  });
});
