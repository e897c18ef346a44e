// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismissUndo, offerUndo } from '../undo';
import { UndoToast } from './UndoToast';

afterEach(() => {
  dismissUndo();
  cleanup();
  vi.useRealTimers();
});

describe('UndoToast', () => {
  it('shows the latest offer; Undo runs it once and closes the toast', async () => {
    const undone: string[] = [];
    render(<UndoToast />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => void offerUndo('Deleted “A”', async () => void undone.push('A')));
    act(() => void offerUndo('Deleted “B”', async () => void undone.push('B')));
    expect(screen.getByRole('status').textContent).toContain('Deleted “B”');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(undone).toEqual(['B']);
  });

  it('lapses after its time', () => {
    vi.useFakeTimers();
    render(<UndoToast />);
    act(() => void offerUndo('Completed “C”', async () => undefined, 5_000));
    expect(screen.getByRole('status')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(5_001));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says why when the undo fails', async () => {
    render(<UndoToast />);
    act(
      () =>
        void offerUndo('Moved “D”', async () => {
          throw new Error('the project is gone');
        }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not undo: the project is gone×');
  });
});
