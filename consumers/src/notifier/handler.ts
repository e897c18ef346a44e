import type { Transaction } from 'kysely';
import type { EventEnvelope } from '@taskwire/platform/events';
import type { NotifierDatabase } from './db/database.js';
import { schedulePendingEmail } from './repository.js';

export const notifierEventTypes = ['reminder.due'] as const;

interface ReminderDueV1 {
  firingId: string;
  taskId: string;
  firedAt: string;
  reminder: { id: string };
}

function isReminderDueV1(data: unknown): data is ReminderDueV1 {
  const d = data as Partial<ReminderDueV1> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.firingId === 'string' &&
    typeof d.taskId === 'string' &&
    typeof d.firedAt === 'string' &&
    !Number.isNaN(Date.parse(d.firedAt)) &&
    typeof d.reminder?.id === 'string'
  );
}

/**
 * `reminder.due` → one pending mail, due `graceSeconds` after the firing, in the runner's
 * transaction (with the inbox claim). Unknown versions and malformed payloads throw (the
 * runner dead-letters them).
 */
export async function handle(
  trx: Transaction<NotifierDatabase>,
  event: EventEnvelope,
  graceSeconds: number,
): Promise<'scheduled' | 'duplicate' | 'ignored'> {
  if (event.type !== 'reminder.due') return 'ignored';
  if (event.version !== 1) throw new Error(`reminder.due version ${event.version} is not supported (expected 1)`);
  if (!isReminderDueV1(event.data))
    throw new Error(
      `reminder.due data must carry firingId, taskId, firedAt and reminder.id, got ${JSON.stringify(event.data).slice(0, 300)}`,
    );
  const firedAt = new Date(event.data.firedAt);
  const scheduled = await schedulePendingEmail(trx, {
    firingId: event.data.firingId,
    userId: event.userId,
    reminderId: event.data.reminder.id,
    taskId: event.data.taskId,
    firedAt,
    dueAt: new Date(firedAt.getTime() + graceSeconds * 1_000),
  });
  return scheduled ? 'scheduled' : 'duplicate';
}
