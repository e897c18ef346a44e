/**
 * Keyboard shortcuts of the task list (docs: the `?` dialog lists them). They act on the page as
 * it is rendered — the quick-add field, the search field, the rows (`li.task`) — so any list
 * (all tasks, a project, nested subtasks) works the same. Keys typed into a field, with Ctrl,
 * Alt or Meta, or while a dialog is open are left alone.
 */
export const shortcuts = [
  { key: 'q', description: 'Quick add: focus the new-task field' },
  { key: '/', description: 'Search: focus the search field' },
  { key: 'j', description: 'Next task' },
  { key: 'k', description: 'Previous task' },
  { key: 'x', description: 'Complete (or reopen) the selected task' },
  { key: 'e', description: 'Edit the selected task' },
  { key: '?', description: 'Show these shortcuts' },
] as const;

export type ShortcutKey = (typeof shortcuts)[number]['key'];

const keys = new Set<string>(shortcuts.map((s) => s.key));

/** Whether the event is one of ours to handle, and which; null for anything else. */
export function shortcutOf(event: KeyboardEvent, doc: Document = document): ShortcutKey | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (!keys.has(event.key)) return null;
  const target = event.target as HTMLElement | null;
  if (target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return null;
  if (doc.querySelector('dialog[open]')) return null;
  return event.key as ShortcutKey;
}

/** The task row that holds the focus, if any. */
function currentRow(doc: Document): HTMLElement | null {
  return (doc.activeElement as HTMLElement | null)?.closest?.('li.task') ?? null;
}

function rows(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>('li.task')];
}

/** Focuses the row's title (its main control), scrolled into view. */
function focusRow(row: HTMLElement): void {
  const title = row.querySelector<HTMLElement>('.task-title');
  (title ?? row).focus();
  row.scrollIntoView?.({ block: 'nearest' });
}

/**
 * Runs shortcut `key` on the page. `showHelp` opens the list of shortcuts.
 * @returns whether it did something (the caller then prevents the key's default).
 */
export function runShortcut(key: ShortcutKey, doc: Document, showHelp: () => void): boolean {
  switch (key) {
    case 'q': {
      const field = doc.querySelector<HTMLInputElement>('form.quick-add input');
      field?.focus();
      return !!field;
    }
    case '/': {
      const details = doc.querySelector<HTMLDetailsElement>('details.filters');
      if (details && !details.open) details.open = true;
      const field = doc.querySelector<HTMLInputElement>('.filters input[type="search"]');
      field?.focus();
      return !!field;
    }
    case 'j':
    case 'k': {
      const all = rows(doc);
      if (all.length === 0) return false;
      const at = currentRow(doc);
      const index = at ? all.indexOf(at) : -1;
      const next =
        index === -1
          ? key === 'j'
            ? 0
            : all.length - 1
          : Math.min(all.length - 1, Math.max(0, index + (key === 'j' ? 1 : -1)));
      focusRow(all[next]!);
      return true;
    }
    case 'x': {
      const box = currentRow(doc)?.querySelector<HTMLInputElement>(':scope > input[type="checkbox"]');
      box?.click();
      return !!box;
    }
    case 'e': {
      const title = currentRow(doc)?.querySelector<HTMLElement>('.task-title');
      title?.click();
      return !!title;
    }
    case '?':
      showHelp();
      return true;
  }
}
