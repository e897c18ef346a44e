import { useSyncExternalStore } from 'react';

/**
 * The one undo the app offers at a time (the toast after complete, delete or move): what was
 * done, and how to take it back. A newer action replaces the offer; it lapses after `ttlMs`.
 */
export interface UndoOffer {
  id: number;
  message: string;
  undo(): Promise<void>;
}

const listeners = new Set<() => void>();
let current: UndoOffer | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let nextId = 1;

function set(offer: UndoOffer | null): void {
  current = offer;
  for (const listener of listeners) listener();
}

/** Offers `undo` for `message` until a newer offer, a dismissal, or `ttlMs` (8 s) passes. */
export function offerUndo(message: string, undo: () => Promise<void>, ttlMs = 8_000): UndoOffer {
  clearTimeout(timer);
  const offer = { id: nextId++, message, undo };
  set(offer);
  timer = setTimeout(() => dismissUndo(offer.id), ttlMs);
  return offer;
}

/** Withdraws the offer `id` (or whatever is offered, without an id). */
export function dismissUndo(id?: number): void {
  if (!current || (id !== undefined && current.id !== id)) return;
  clearTimeout(timer);
  set(null);
}

export function useUndoOffer(): UndoOffer | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
