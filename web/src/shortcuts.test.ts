// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { runShortcut, shortcutOf, type ShortcutKey } from './shortcuts';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A page shaped like the task list: quick add, filters, three rows (the second with a subtask). */
function page() {
  document.body.innerHTML = `
    <form class="quick-add"><input aria-label="New task title"></form>
    <details class="filters"><summary>Filters</summary><input type="search"></details>
    <ul>
      <li class="task" data-task-id="a"><input type="checkbox"><button class="task-title">A</button></li>
      <li class="task" data-task-id="b"><input type="checkbox"><button class="task-title">B</button>
        <ul><li class="task" data-task-id="b1"><input type="checkbox"><button class="task-title">B1</button></li></ul>
      </li>
      <li class="task" data-task-id="c"><input type="checkbox"><button class="task-title">C</button></li>
    </ul>`;
  const clicks: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('li.task > input, li.task > button'))
    el.addEventListener('click', (e) => {
      e.preventDefault();
      clicks.push(`${el.tagName.toLowerCase()}:${el.closest('li')!.dataset.taskId}`);
    });
  return clicks;
}

const focusedTask = () => (document.activeElement as HTMLElement).closest('li')?.dataset.taskId;
const press = (key: ShortcutKey, help = () => undefined) => runShortcut(key, document, help);

function keydown(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('keyboard shortcuts', () => {
  it('j and k walk the rows in page order (nested subtasks included) and stop at the ends', () => {
    page();
    press('j');
    expect(focusedTask()).toBe('a');
    for (const expected of ['b', 'b1', 'c', 'c']) {
      press('j');
      expect(focusedTask()).toBe(expected);
    }
    press('k');
    press('k');
    expect(focusedTask()).toBe('b');
  });

  it('x completes and e edits the focused row; nothing happens without one', () => {
    const clicks = page();
    expect(press('x')).toBe(false);
    press('j');
    press('j');
    press('x');
    press('e');
    expect(clicks).toEqual(['input:b', 'button:b']);
  });

  it('q focuses quick add, / the search field (opening the filters), ? asks for the help', () => {
    page();
    press('q');
    expect((document.activeElement as HTMLElement).getAttribute('aria-label')).toBe('New task title');
    press('/');
    expect((document.activeElement as HTMLInputElement).type).toBe('search');
    expect(document.querySelector('details')!.open).toBe(true);
    let asked = 0;
    press('?', () => void asked++);
    expect(asked).toBe(1);
  });

  it('ignores keys typed into fields, with modifiers, while a dialog is open, and other keys', () => {
    page();
    const field = document.querySelector('input[type="search"]')!;
    expect(shortcutOf(keydown('j'))).toBe('j');
    expect(shortcutOf(keydown('?'))).toBe('?');
    expect(shortcutOf(keydown('j', {}, field))).toBeNull();
    expect(shortcutOf(keydown('j', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(keydown('z'))).toBeNull();
    document.body.insertAdjacentHTML('beforeend', '<dialog open></dialog>');
    expect(shortcutOf(keydown('j'))).toBeNull();
  });
});
