/**
 * Preview of a rule being edited, computed in the browser with the same engine the tasks
 * subgraph runs for `Task.nextOccurrences` (`@taskwire/recurrence`, platform/recurrence), so the preview before
 * saving equals what the server answers after saving: the next `count` occurrences strictly
 * after the series start (a new series starts at its due value).
 */
import { Temporal } from 'temporal-polyfill';
import { occurrencesBetween, parseRecurrenceRule, RecurrenceInputError } from '@taskwire/recurrence';

export type PreviewDue = { dateTime: string } | { date: string };

export type PreviewResult =
  | { ok: true; occurrences: string[]; rrule: string }
  | { ok: false; field: 'rrule' | 'timeZone' | 'due'; message: string };

/** As the tasks subgraph's `dateAsDateTime`: an all-day date as local midnight in the zone. */
function dateAsDateTime(date: string, timeZone: string): string {
  return Temporal.PlainDate.from(date).toZonedDateTime(timeZone).toString({ timeZoneName: 'never' });
}

export function previewOccurrences(rrule: string, timeZone: string, due: PreviewDue | null, count = 5): PreviewResult {
  if (!due) return { ok: false, field: 'due', message: 'A repeating task needs a due date to start from.' };
  try {
    const rule = parseRecurrenceRule(rrule, timeZone);
    const start = 'dateTime' in due ? { dateTime: new Date(due.dateTime) } : { date: due.date };
    const after = 'dateTime' in due ? new Date(due.dateTime) : due.date;
    const occurrences = occurrencesBetween(rule, start, after, count).map((d) =>
      d.dateTime ? d.dateTime.toISOString() : dateAsDateTime(d.date, rule.timeZone),
    );
    return { ok: true, occurrences, rrule: rule.rrule };
  } catch (error) {
    if (error instanceof RecurrenceInputError) return { ok: false, field: error.field, message: error.message };
    return { ok: false, field: 'rrule', message: error instanceof Error ? error.message : String(error) };
  }
}
