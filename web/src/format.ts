/** Display helpers; times are shown in the browser's zone (the zone the user signed up with). */
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const weekdayDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  dateStyle: undefined,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
export const formatWeekdayDateTime = (iso: string): string => weekdayDateTime.format(new Date(iso));

/** A `YYYY-MM-DD` date as a calendar day (not shifted by the browser's offset). */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return dateFormat.format(new Date(y!, (m ?? 1) - 1, d ?? 1));
}

export function formatDue(task: { dueAt?: string | null; dueDate?: string | null }): string | null {
  if (task.dueAt) return formatDateTime(task.dueAt);
  if (task.dueDate) return formatDate(task.dueDate);
  return null;
}

/** `<input type="datetime-local">` value for an instant, in the browser's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `<input type="datetime-local">` value → RFC 3339 instant. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * A due value in a chip: "Thu 3 Dec 09:00" for an instant (in `timeZone`, the zone it was read
 * in), "Fri 4 Dec" for a day; with the year only when it is not within the coming months.
 */
export function formatShortDue(
  due: { dueAt?: string | null; dueDate?: string | null },
  timeZone?: string,
): string | null {
  const near = (ms: number) => ms > Date.now() - 30 * 86_400_000 && ms < Date.now() + 300 * 86_400_000;
  const dayOptions = (ms: number): Intl.DateTimeFormatOptions => ({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(near(ms) ? {} : { year: 'numeric' }),
  });
  if (due.dueAt) {
    const at = new Date(due.dueAt);
    const zone = knownTimeZone(timeZone);
    const day = new Intl.DateTimeFormat(undefined, { timeZone: zone, ...dayOptions(at.getTime()) }).format(at);
    const time = new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(at);
    return `${day} ${time}`;
  }
  if (due.dueDate) {
    const [y, m, d] = due.dueDate.split('-').map(Number);
    // A calendar day: formatted in UTC so that no offset moves it to the day before or after.
    const day = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
    return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', ...dayOptions(day.getTime()) }).format(day);
  }
  return null;
}

/** The zone if this browser knows it, else undefined (the browser's own). */
function knownTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}
