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
