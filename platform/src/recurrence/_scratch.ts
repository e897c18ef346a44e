import { Temporal } from 'temporal-polyfill';
import { parseRecurrenceRule, occurrencesBetween, nextInstanceDue } from './index.js';
const fmt = (tz: string) => (d: any) => d.date ?? Temporal.Instant.fromEpochMilliseconds(d.dateTime.getTime()).toZonedDateTimeISO(tz).toString({ timeZoneName: 'never', smallestUnit: 'minute' });
function run(r: string, tz: string, start: any, after: any, n: number) {
  try { console.log(r, tz, occurrencesBetween(parseRecurrenceRule(r, tz), start, after, n).map(fmt(tz))); } catch (e) { console.log(r, 'ERR', (e as any).field, (e as Error).message); }
}
const ny = 'America/New_York', be = 'Europe/Berlin';
run('FREQ=DAILY', ny, { dateTime: new Date('2026-03-06T07:30Z') }, new Date('2026-03-06T00:00Z'), 5);
run('FREQ=DAILY', ny, { dateTime: new Date('2026-10-30T05:30Z') }, new Date('2026-10-30T00:00Z'), 4);
run('FREQ=DAILY', be, { dateTime: new Date('2026-03-27T08:00Z') }, new Date('2026-03-27T00:00Z'), 4);
run('FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', be, { date: '2026-01-31' }, '2026-01-31', 4);
run('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', be, { date: '2026-01-30' }, '2026-01-01', 5);
run('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20260301T000000Z', be, { dateTime: new Date('2026-02-03T08:00Z') }, new Date('2026-01-01T00:00Z'), 10);
run('RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', be, { dateTime: new Date('2026-02-03T08:00Z') }, new Date('2026-02-05T12:00Z'), 5);
for (const bad of ['FREQ=FOO', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;COUNT=3;UNTIL=20260101', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', 'FREQ=MONTHLY;BYMONTHDAY=40', 'FREQ=WEEKLY;BYDAY=2MO', 'FREQ=HOURLY', 'FREQ=MONTHLY;BYSETPOS=1', 'FREQ=DAILY;FOO=1'])
  run(bad, be, { date: '2026-01-01' }, '2026-01-01', 1);
run('FREQ=DAILY', 'Mars/Olympus', { date: '2026-01-01' }, '2026-01-01', 1);
run('FREQ=DAILY', '+02:00', { date: '2026-01-01' }, '2026-01-01', 1);
console.log(nextInstanceDue({ rrule: 'FREQ=DAILY', timeZone: ny, anchor: 'SCHEDULE', seriesStart: { dateTime: new Date('2026-03-01T14:00Z') }, currentDue: { dateTime: new Date('2026-03-05T14:00Z') }, completedAt: new Date('2026-03-10T20:00Z'), now: new Date('2026-03-10T20:00Z'), occurrence: 5 }));
console.log(nextInstanceDue({ rrule: 'FREQ=DAILY;INTERVAL=3', timeZone: ny, anchor: 'COMPLETION', seriesStart: { dateTime: new Date('2026-03-01T14:00Z') }, currentDue: { dateTime: new Date('2026-03-05T14:00Z') }, completedAt: new Date('2026-03-06T20:00Z'), now: new Date('2026-03-06T20:00Z'), occurrence: 5 }));
