// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  applyTheme,
  parseThemeChoice,
  readThemeChoice,
  resolveTheme,
  storeThemeChoice,
  themeBackground,
  themeStorageKey,
  themeStore,
  type ThemeChoice,
} from './theme';

/** localStorage's part the theme uses, in memory; `broken` throws on every call (blocked storage). */
function memoryStorage(initial: Record<string, string> = {}, broken = false) {
  const values = new Map(Object.entries(initial));
  const guard = () => {
    if (broken) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    values,
    getItem: (key: string) => (guard(), values.get(key) ?? null),
    setItem: (key: string, value: string) => (guard(), void values.set(key, value)),
    removeItem: (key: string) => (guard(), void values.delete(key)),
  };
}

describe('theme choice', () => {
  it('resolves a choice and the system preference into the theme shown', () => {
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads anything but light or dark as System', () => {
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
    for (const value of [null, undefined, '', 'system', 'Dark', 'sepia', 1])
      expect(parseThemeChoice(value)).toBe('system');
  });

  it('keeps the choice in storage under taskwire.theme, System as no value', () => {
    const storage = memoryStorage();
    expect(readThemeChoice(storage)).toBe('system');
    storeThemeChoice(storage, 'dark');
    expect(storage.values.get('taskwire.theme')).toBe('dark');
    expect(readThemeChoice(storage)).toBe('dark');
    storeThemeChoice(storage, 'light');
    expect(readThemeChoice(storage)).toBe('light');
    storeThemeChoice(storage, 'system');
    expect(storage.values.has('taskwire.theme')).toBe(false);
    expect(readThemeChoice(memoryStorage({ 'taskwire.theme': 'sepia' }))).toBe('system');
  });

  it('falls back to System when storage is missing or refuses', () => {
    expect(readThemeChoice(null)).toBe('system');
    const blocked = memoryStorage({ 'taskwire.theme': 'dark' }, true);
    expect(readThemeChoice(blocked)).toBe('system');
    expect(() => storeThemeChoice(blocked, 'light')).not.toThrow();
    expect(() => storeThemeChoice(null, 'light')).not.toThrow();
  });

  it('shows a choice on the document: data-theme and the toolbar colour of the resolved theme', () => {
    document.head.innerHTML = '<meta name="theme-color" content="#000000">';
    expect(applyTheme(document, 'system', true)).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('system');
    expect(document.querySelector('meta[name="theme-color"]')?.getAttribute('content')).toBe(themeBackground.dark);
    expect(applyTheme(document, 'light', true)).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(document.querySelector('meta[name="theme-color"]')?.getAttribute('content')).toBe(themeBackground.light);
  });

  it("switches the page and persists the user's choice, and follows another tab's", () => {
    window.localStorage.clear();
    themeStore.start();
    expect(themeStore.get()).toBe('system');
    expect(document.documentElement.dataset.theme).toBe('system');
    let notified = 0;
    const stop = themeStore.subscribe(() => (notified += 1));
    themeStore.set('dark');
    expect(window.localStorage.getItem(themeStorageKey)).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(themeStore.get()).toBe('dark');
    themeStore.set('system');
    expect(window.localStorage.getItem(themeStorageKey)).toBeNull();
    expect(document.documentElement.dataset.theme).toBe('system');
    // Another tab chose Light: its storage event reaches this one.
    window.localStorage.setItem(themeStorageKey, 'light');
    window.dispatchEvent(new StorageEvent('storage', { key: themeStorageKey, newValue: 'light' }));
    expect(themeStore.get()).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(notified).toBe(3);
    stop();
  });
});

describe('public/theme-init.js (runs before the first paint)', () => {
  const source = readFileSync(path.join(import.meta.dirname, '../public/theme-init.js'), 'utf8');
  /** Runs the script against a storage; returns the data-theme it set. */
  function runInit(storage: ReturnType<typeof memoryStorage>): string | undefined {
    const attributes: Record<string, string> = {};
    const fakeDocument = {
      documentElement: { setAttribute: (name: string, value: string) => (attributes[name] = value) },
    };
    vm.runInNewContext(source, { window: { localStorage: storage }, document: fakeDocument });
    return attributes['data-theme'];
  }

  it('reads storage exactly as theme.ts does', () => {
    const cases: Array<ReturnType<typeof memoryStorage>> = [
      memoryStorage(),
      ...['light', 'dark', 'system', 'sepia', ''].map((value) => memoryStorage({ [themeStorageKey]: value })),
      memoryStorage({ [themeStorageKey]: 'dark' }, true),
    ];
    for (const storage of cases) {
      const expected: ThemeChoice = readThemeChoice(storage);
      expect(runInit(storage)).toBe(expected);
    }
  });
});

// The palettes in styles.css: same variables in both, the two dark blocks identical, every colour
// a variable, and the text pairs in use at least 4.5:1 (WCAG AA for body text).

const css = readFileSync(path.join(import.meta.dirname, 'styles.css'), 'utf8');

function blockAfter(header: string, close: string): string {
  const start = css.indexOf(header);
  if (start < 0) throw new Error(`styles.css has no ${header}`);
  return css.slice(start + header.length, css.indexOf(close, start));
}

function variables(block: string): Map<string, string> {
  return new Map([...block.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = variables(blockAfter(':root {', '\n}'));
const dark = variables(blockAfter(":root[data-theme='dark'] {", '\n}'));
const systemDark = variables(blockAfter(":root:not([data-theme='light'], [data-theme='dark']) {", '\n  }'));

/** WCAG 2 relative luminance of #rgb or #rrggbb. */
function luminance(hex: string): number {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not an opaque hex colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text colour on background, as used in styles.css. */
const textPairs: Array<[string, string]> = [
  ['--text', '--bg'],
  ['--text', '--surface'],
  ['--text-secondary', '--bg'],
  ['--text-secondary', '--surface'],
  ['--text-secondary', '--selected'],
  ['--text-muted', '--bg'],
  ['--text-muted', '--surface'],
  ['--accent-text', '--bg'],
  ['--accent-text', '--surface'],
  ['--danger', '--bg'],
  ['--danger', '--surface'],
  ['--success-text', '--surface'],
  ['--on-accent', '--accent'],
  ['--on-urgent', '--urgent-bg'],
  ['--text', '--selected'],
  ['--text', '--hover'],
  ['--text', '--notice-bg'],
  ['--text', '--notification-bg'],
  ['--text-muted', '--notification-bg'],
  ['--neutral-fg', '--neutral-bg'],
  ['--neutral-fg', '--neutral-strong-bg'],
  ...['blue', 'violet', 'red', 'green', 'amber', 'cyan', 'orange'].map((hue): [string, string] => [
    `--${hue}-fg`,
    `--${hue}-bg`,
  ]),
];

describe('the palettes in styles.css', () => {
  it('give the dark theme every colour the light one has, the same for Dark and for a dark System', () => {
    expect([...dark.keys()].sort()).toEqual([...light.keys()].sort());
    expect(systemDark).toEqual(dark);
  });

  it('name every colour: none is written outside the palettes', () => {
    const rules = css.slice(css.indexOf('\n}\n', css.indexOf('@media (prefers-color-scheme: dark)')));
    expect(rules.match(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(/gi) ?? []).toEqual([]);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('keep text at 4.5:1 or more on its background (%s)', (_name, palette) => {
    const failures = textPairs
      .map(([fg, bg]) => ({ fg, bg, ratio: contrast(palette.get(fg)!, palette.get(bg)!) }))
      .filter(({ ratio }) => ratio < 4.5);
    expect(failures).toEqual([]);
  });
});
