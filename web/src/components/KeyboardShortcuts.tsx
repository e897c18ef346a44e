import { useEffect, useRef, useState } from 'react';
import { runShortcut, shortcutOf, shortcuts } from '../shortcuts';

/** Listens for the task list's shortcuts (web/src/shortcuts.ts); `?` shows them in a dialog. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = shortcutOf(event);
      if (key && runShortcut(key, document, () => setOpen(true))) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const node = dialog.current;
    if (open && node && !node.open && typeof node.showModal === 'function') node.showModal();
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {shortcuts.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => setOpen(false)} autoFocus>
        Close
      </button>
    </dialog>
  );
}
