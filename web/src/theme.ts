/**
 * The colour theme. The user chooses System (the default: follows the operating system's
 * `prefers-color-scheme`), Light or Dark; the choice is kept in localStorage under
 * `taskwire.theme` (System is the absence of a value) and shown as `data-theme` on <html>, which
 * styles.css maps to a palette of custom properties and a `color-scheme` (so native controls,
 * date inputs, selects and scrollbars follow). public/theme-init.js sets the attribute from
 * storage before the first paint — a classic script of its own rather than an inline one,
 * because the gateway's content security policy allows scripts from the origin only
 * (gateway/src/security-headers.ts); theme.test.ts checks that it reads storage as this module does.
 */
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const themeStorageKey = 'taskwire.theme';
export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The page background of each theme (styles.css `--bg`), for the browser's own UI (`theme-color`). */
export const themeBackground: Readonly<Record<Theme, string>> = { light: '#f9fafb', dark: '#111827' };

/** A stored value as a choice: anything but "light" or "dark" (nothing, an old or foreign value) is System. */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The theme shown for a choice: System is whatever the operating system prefers. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

type ThemeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The stored choice; System when there is none or storage cannot be read (blocked, private mode). */
export function readThemeChoice(storage: ThemeStorage | null): ThemeChoice {
  try {
    return parseThemeChoice(storage?.getItem(themeStorageKey));
  } catch {
    return 'system';
  }
}

/** Keeps the choice (System by removing the key); a storage that refuses is ignored (the page still switches). */
export function storeThemeChoice(storage: ThemeStorage | null, choice: ThemeChoice): void {
  try {
    if (choice === 'system') storage?.removeItem(themeStorageKey);
    else storage?.setItem(themeStorageKey, choice);
  } catch {
    // Quota or a blocked storage: the choice lasts for this page only.
  }
}

/**
 * Shows a choice on a document: `data-theme` on <html> (styles.css does the rest) and the
 * `theme-color` meta (the browser's toolbar on phones) in the resolved theme's background.
 */
export function applyTheme(document: Document, choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  const theme = resolveTheme(choice, systemPrefersDark);
  document.documentElement.dataset.theme = choice;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', themeBackground[theme]);
  return theme;
}

// The page's theme: one choice, kept in step with other tabs (the `storage` event) and the system.

const listeners = new Set<() => void>();
let current: ThemeChoice | null = null;

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const darkQuery = (): MediaQueryList | undefined => window.matchMedia?.('(prefers-color-scheme: dark)');

function show(choice: ThemeChoice): void {
  current = choice;
  applyTheme(document, choice, darkQuery()?.matches ?? false);
  for (const listener of listeners) listener();
}

export const themeStore = {
  get(): ThemeChoice {
    return (current ??= readThemeChoice(pageStorage()));
  },
  /** The user's choice: kept, and shown at once. */
  set(choice: ThemeChoice): void {
    storeThemeChoice(pageStorage(), choice);
    show(choice);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Applies the stored choice and follows changes made in other tabs and to the system setting. */
  start(): void {
    show(readThemeChoice(pageStorage()));
    window.addEventListener('storage', (event) => {
      if (event.key === themeStorageKey || event.key === null) show(readThemeChoice(pageStorage()));
    });
    darkQuery()?.addEventListener('change', () => show(themeStore.get()));
  },
};

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(themeStore.subscribe, themeStore.get);
}
