import { useState } from 'react';
import { firstMessage } from '../errors';
import { dismissUndo, useUndoOffer } from '../undo';

/** The toast of the current undo offer (web/src/undo.ts): its message, Undo and Dismiss. */
export function UndoToast() {
  const offer = useUndoOffer();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!offer) return error ? <ToastError message={error} onClose={() => setError(null)} /> : null;

  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      await offer.undo();
      dismissUndo(offer.id);
    } catch (e) {
      dismissUndo(offer.id);
      setError(`Could not undo: ${firstMessage(e, 'the server refused it')}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{offer.message}</span>
      <button type="button" onClick={() => void undo()} disabled={busy}>
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={() => dismissUndo(offer.id)}>
        ×
      </button>
    </div>
  );
}

function ToastError({ message, onClose }: { message: string; onClose(): void }) {
  return (
    <div className="toast toast-error" role="alert">
      <span>{message}</span>
      <button type="button" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
