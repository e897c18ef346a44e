import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  nextInstanceDue,
  occurrencesBetween,
  parseRecurrenceRule,
  RecurrenceInputError,
  type DueAt,
  type RecurrenceAnchor,
} from './index.js';

// Every expected value below is written out by hand from a calendar (2026: Jan 1 is a Thursday;
// US DST starts Mar 8 and ends Nov 1, EU DST starts Mar 29 and ends Oct 25). Timed values are
// wall-clock time with the UTC offset in force, so a wrong offset fails as surely as a wrong day.
// This file is also run under TZ=America/New_York, TZ=Europe/Berlin and TZ=UTC by
// host-timezones.test.ts: nothing here may depend on the host's zone.

const NY = 'America/New_York';
const BER = 'Europe/Berlin';

/** 'YYYY-MM-DD' → all-day; 'YYYY-MM-DDTHH:mm±HH:MM' → instant. */
const due = (value: string): DueAt =>
  value.length === 10 ? { date: value } : { dateTime: new Date(Temporal.Instant.from(value).epochMilliseconds) };
const at = (value: string): Date => new Date(Temporal.Instant.from(value).epochMilliseconds);
/** Renders a due value as written in the table: a date, or local time with offset in `timeZone`. */
const show = (value: DueAt, timeZone: string): string =>
  value.date ??
  Temporal.Instant.fromEpochMilliseconds(value.dateTime.getTime())
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'minute' });

interface OccurrencesCase {
  name: string;
  rrule: string;
  tz: string;
  start: string;
  /** An instant with offset, or a date ('after that local day'). */
  after: string;
  count: number;
  expected: string[];
}

const occurrenceCases: OccurrencesCase[] = [
  // -- every weekday
  {
    name: 'every weekday (WEEKLY;BYDAY=MO..FR) skips the weekend',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    tz: BER,
    start: '2026-01-01T09:00+01:00',
    after: '2026-01-01T09:00+01:00',
    count: 6,
    expected: [
      '2026-01-02T09:00+01:00',
      '2026-01-05T09:00+01:00',
      '2026-01-06T09:00+01:00',
      '2026-01-07T09:00+01:00',
      '2026-01-08T09:00+01:00',
      '2026-01-09T09:00+01:00',
    ],
  },
  {
    name: 'every weekday, all-day (DAILY;BYDAY=MO..FR)',
    rrule: 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    tz: NY,
    start: '2026-01-30',
    after: '2026-01-30',
    count: 6,
    expected: ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-09'],
  },
  // -- every 2nd Monday
  {
    name: 'second Monday of each month (BYDAY=2MO), keeps 10:00 across US DST',
    rrule: 'FREQ=MONTHLY;BYDAY=2MO',
    tz: NY,
    start: '2026-01-12T10:00-05:00',
    after: '2026-01-12T10:00-05:00',
    count: 5,
    expected: [
      '2026-02-09T10:00-05:00',
      '2026-03-09T10:00-04:00',
      '2026-04-13T10:00-04:00',
      '2026-05-11T10:00-04:00',
      '2026-06-08T10:00-04:00',
    ],
  },
  {
    name: 'every other Monday (WEEKLY;INTERVAL=2;BYDAY=MO)',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
    tz: BER,
    start: '2026-01-05',
    after: '2026-01-05',
    count: 4,
    expected: ['2026-01-19', '2026-02-02', '2026-02-16', '2026-03-02'],
  },
  // -- last Friday
  {
    name: 'last Friday of the month (BYDAY=-1FR)',
    rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
    tz: BER,
    start: '2026-01-30',
    after: '2026-01-30',
    count: 6,
    expected: ['2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26', '2026-07-31'],
  },
  {
    name: 'last Friday via BYDAY=FR;BYSETPOS=-1, 17:00 Berlin across the October change',
    rrule: 'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1',
    tz: BER,
    start: '2026-09-25T17:00+02:00',
    after: '2026-09-25T17:00+02:00',
    count: 3,
    expected: ['2026-10-30T17:00+01:00', '2026-11-27T17:00+01:00', '2026-12-25T17:00+01:00'],
  },
  {
    name: 'first weekday of the month (BYDAY=MO..FR;BYSETPOS=1)',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
    tz: NY,
    start: '2026-01-01',
    after: '2026-01-01',
    count: 5,
    expected: ['2026-02-02', '2026-03-02', '2026-04-01', '2026-05-01', '2026-06-01'],
  },
  {
    name: 'last weekday of the month (BYDAY=MO..FR;BYSETPOS=-1)',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    tz: NY,
    start: '2026-01-30',
    after: '2026-01-30',
    count: 5,
    expected: ['2026-02-27', '2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30'],
  },
  // -- the 31st
  {
    name: 'monthly from the 31st skips short months (RFC 5545)',
    rrule: 'FREQ=MONTHLY',
    tz: BER,
    start: '2026-01-31',
    after: '2026-01-31',
    count: 6,
    expected: ['2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31', '2026-12-31'],
  },
  {
    name: 'BYMONTHDAY=31 at 08:00 New York: only months with a 31st',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
    tz: NY,
    start: '2026-01-31T08:00-05:00',
    after: '2026-01-31T08:00-05:00',
    count: 4,
    expected: ['2026-03-31T08:00-04:00', '2026-05-31T08:00-04:00', '2026-07-31T08:00-04:00', '2026-08-31T08:00-04:00'],
  },
  {
    name: 'the 31st or the last day (BYMONTHDAY=28,29,30,31;BYSETPOS=-1)',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
    tz: BER,
    start: '2026-01-31',
    after: '2026-01-31',
    count: 6,
    expected: ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31'],
  },
  {
    name: 'the 31st or the last day in a leap year',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
    tz: BER,
    start: '2028-01-31',
    after: '2028-01-31',
    count: 2,
    expected: ['2028-02-29', '2028-03-31'],
  },
  {
    name: 'last day of the month (BYMONTHDAY=-1)',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
    tz: NY,
    start: '2026-01-31',
    after: '2026-01-31',
    count: 4,
    expected: ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'],
  },
  {
    name: 'second-to-last day of the month (BYMONTHDAY=-2)',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-2',
    tz: NY,
    start: '2026-01-30',
    after: '2026-01-30',
    count: 3,
    expected: ['2026-02-27', '2026-03-30', '2026-04-29'],
  },
  // -- Feb 29
  {
    name: 'yearly from Feb 29 occurs only in leap years',
    rrule: 'FREQ=YEARLY',
    tz: BER,
    start: '2024-02-29',
    after: '2024-02-29',
    count: 3,
    expected: ['2028-02-29', '2032-02-29', '2036-02-29'],
  },
  {
    name: 'Feb 29 at 12:00 Berlin (BYMONTH=2;BYMONTHDAY=29), queried from 2025',
    rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    tz: BER,
    start: '2024-02-29T12:00+01:00',
    after: '2025-01-01T00:00+00:00',
    count: 2,
    expected: ['2028-02-29T12:00+01:00', '2032-02-29T12:00+01:00'],
  },
  {
    name: 'Feb 29 or Feb 28 (BYMONTHDAY=28,29;BYSETPOS=-1)',
    rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
    tz: BER,
    start: '2024-02-29',
    after: '2024-02-29',
    count: 4,
    expected: ['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29'],
  },
  // -- every 2 weeks on Tue and Thu
  {
    name: 'every 2 weeks on Tue and Thu, 09:00 Berlin across Mar 29',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    tz: BER,
    start: '2026-03-17T09:00+01:00',
    after: '2026-03-17T09:00+01:00',
    count: 6,
    expected: [
      '2026-03-19T09:00+01:00',
      '2026-03-31T09:00+02:00',
      '2026-04-02T09:00+02:00',
      '2026-04-14T09:00+02:00',
      '2026-04-16T09:00+02:00',
      '2026-04-28T09:00+02:00',
    ],
  },
  {
    name: 'WKST=MO groups Tue with the following Sunday',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    tz: NY,
    start: '2026-08-04',
    after: '2026-08-01',
    count: 10,
    expected: ['2026-08-04', '2026-08-09', '2026-08-18', '2026-08-23'],
  },
  {
    name: 'WKST=SU groups Tue with the preceding Sunday',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    tz: NY,
    start: '2026-08-04',
    after: '2026-08-01',
    count: 10,
    expected: ['2026-08-04', '2026-08-16', '2026-08-18', '2026-08-30'],
  },
  // -- other parts
  {
    name: 'INTERVAL=3 counts from the series start, not from the query',
    rrule: 'FREQ=DAILY;INTERVAL=3',
    tz: BER,
    start: '2026-01-01',
    after: '2026-02-01',
    count: 3,
    expected: ['2026-02-03', '2026-02-06', '2026-02-09'],
  },
  {
    name: 'quarterly on the 15th (BYMONTH=1,4,7,10;BYMONTHDAY=15)',
    rrule: 'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15',
    tz: BER,
    start: '2026-01-15',
    after: '2026-01-15',
    count: 4,
    expected: ['2026-04-15', '2026-07-15', '2026-10-15', '2027-01-15'],
  },
  {
    name: 'fourth Thursday of November (YEARLY;BYMONTH=11;BYDAY=4TH)',
    rrule: 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
    tz: NY,
    start: '2026-11-26',
    after: '2026-11-26',
    count: 2,
    expected: ['2027-11-25', '2028-11-23'],
  },
  // -- COUNT and UNTIL
  {
    name: 'COUNT=5 ends the series (the start is occurrence 1)',
    rrule: 'FREQ=DAILY;COUNT=5',
    tz: BER,
    start: '2026-04-01',
    after: '2026-04-02',
    count: 10,
    expected: ['2026-04-03', '2026-04-04', '2026-04-05'],
  },
  {
    name: 'COUNT counts a start that does not match the pattern',
    rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3',
    tz: BER,
    start: '2026-01-07',
    after: '2026-01-01',
    count: 10,
    expected: ['2026-01-07', '2026-01-12', '2026-01-19'],
  },
  {
    name: 'UNTIL (UTC instant) is inclusive',
    rrule: 'FREQ=DAILY;UNTIL=20260310T130000Z',
    tz: NY,
    start: '2026-03-06T09:00-05:00',
    after: '2026-03-06T09:00-05:00',
    count: 10,
    expected: ['2026-03-07T09:00-05:00', '2026-03-08T09:00-04:00', '2026-03-09T09:00-04:00', '2026-03-10T09:00-04:00'],
  },
  {
    name: 'UNTIL is compared as a real instant, not as wall-clock time read as UTC',
    rrule: 'FREQ=DAILY;UNTIL=20260310T125959Z',
    tz: NY,
    start: '2026-03-06T09:00-05:00',
    after: '2026-03-06T09:00-05:00',
    count: 10,
    expected: ['2026-03-07T09:00-05:00', '2026-03-08T09:00-04:00', '2026-03-09T09:00-04:00'],
  },
  {
    name: 'UNTIL as a date ends an all-day series on that day',
    rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20260227',
    tz: BER,
    start: '2026-02-06',
    after: '2026-02-06',
    count: 10,
    expected: ['2026-02-13', '2026-02-20', '2026-02-27'],
  },
  {
    name: 'after UNTIL there is nothing',
    rrule: 'FREQ=DAILY;UNTIL=20260105',
    tz: BER,
    start: '2026-01-01',
    after: '2026-01-10',
    count: 3,
    expected: [],
  },
  // -- daily 09:00 across both DST changes
  {
    name: 'daily 09:00 New York across spring forward (Mar 8)',
    rrule: 'FREQ=DAILY',
    tz: NY,
    start: '2026-03-06T09:00-05:00',
    after: '2026-03-06T09:00-05:00',
    count: 4,
    expected: ['2026-03-07T09:00-05:00', '2026-03-08T09:00-04:00', '2026-03-09T09:00-04:00', '2026-03-10T09:00-04:00'],
  },
  {
    name: 'daily 09:00 New York across fall back (Nov 1)',
    rrule: 'FREQ=DAILY',
    tz: NY,
    start: '2026-10-30T09:00-04:00',
    after: '2026-10-30T09:00-04:00',
    count: 4,
    expected: ['2026-10-31T09:00-04:00', '2026-11-01T09:00-05:00', '2026-11-02T09:00-05:00', '2026-11-03T09:00-05:00'],
  },
  {
    name: 'daily 09:00 Berlin across spring forward (Mar 29)',
    rrule: 'FREQ=DAILY',
    tz: BER,
    start: '2026-03-27T09:00+01:00',
    after: '2026-03-27T09:00+01:00',
    count: 3,
    expected: ['2026-03-28T09:00+01:00', '2026-03-29T09:00+02:00', '2026-03-30T09:00+02:00'],
  },
  {
    name: 'daily 09:00 Berlin across fall back (Oct 25)',
    rrule: 'FREQ=DAILY',
    tz: BER,
    start: '2026-10-23T09:00+02:00',
    after: '2026-10-23T09:00+02:00',
    count: 3,
    expected: ['2026-10-24T09:00+02:00', '2026-10-25T09:00+01:00', '2026-10-26T09:00+01:00'],
  },
  {
    name: 'a series started in 2024 still lands on 09:00 Berlin after many DST changes',
    rrule: 'FREQ=DAILY',
    tz: BER,
    start: '2024-01-01T09:00+01:00',
    after: '2026-03-28T12:00+01:00',
    count: 2,
    expected: ['2026-03-29T09:00+02:00', '2026-03-30T09:00+02:00'],
  },
  {
    name: 'weekly Monday 18:00 New York across spring forward',
    rrule: 'FREQ=WEEKLY',
    tz: NY,
    start: '2026-03-02T18:00-05:00',
    after: '2026-03-02T18:00-05:00',
    count: 2,
    expected: ['2026-03-09T18:00-04:00', '2026-03-16T18:00-04:00'],
  },
  // -- nonexistent and ambiguous local times
  {
    name: '02:30 daily New York: the spring-forward day moves to 03:30',
    rrule: 'FREQ=DAILY',
    tz: NY,
    start: '2026-03-06T02:30-05:00',
    after: '2026-03-06T02:30-05:00',
    count: 4,
    expected: ['2026-03-07T02:30-05:00', '2026-03-08T03:30-04:00', '2026-03-09T02:30-04:00', '2026-03-10T02:30-04:00'],
  },
  {
    name: '02:30 daily Berlin: the spring-forward day moves to 03:30',
    rrule: 'FREQ=DAILY',
    tz: BER,
    start: '2026-03-27T02:30+01:00',
    after: '2026-03-27T02:30+01:00',
    count: 3,
    expected: ['2026-03-28T02:30+01:00', '2026-03-29T03:30+02:00', '2026-03-30T02:30+02:00'],
  },
  {
    name: 'monthly on the 8th at 02:30 New York: March 8 moves to 03:30',
    rrule: 'FREQ=MONTHLY',
    tz: NY,
    start: '2026-02-08T02:30-05:00',
    after: '2026-02-08T02:30-05:00',
    count: 2,
    expected: ['2026-03-08T03:30-04:00', '2026-04-08T02:30-04:00'],
  },
  {
    name: '01:30 daily New York: the fall-back day takes the first (EDT) 01:30',
    rrule: 'FREQ=DAILY',
    tz: NY,
    start: '2026-10-30T01:30-04:00',
    after: '2026-10-30T01:30-04:00',
    count: 3,
    expected: ['2026-10-31T01:30-04:00', '2026-11-01T01:30-04:00', '2026-11-02T01:30-05:00'],
  },
  {
    name: '01:30 daily New York: no second occurrence at the repeated 01:30',
    rrule: 'FREQ=DAILY',
    tz: NY,
    start: '2026-10-30T01:30-04:00',
    after: '2026-11-01T01:30-04:00',
    count: 1,
    expected: ['2026-11-02T01:30-05:00'],
  },
  {
    name: '02:30 daily Berlin: the fall-back day takes the first (CEST) 02:30',
    rrule: 'FREQ=DAILY',
    tz: BER,
    start: '2026-10-23T02:30+02:00',
    after: '2026-10-23T02:30+02:00',
    count: 3,
    expected: ['2026-10-24T02:30+02:00', '2026-10-25T02:30+02:00', '2026-10-26T02:30+01:00'],
  },
];

interface NextCase {
  name: string;
  rrule: string;
  tz: string;
  anchor: RecurrenceAnchor;
  start: string;
  currentDue: string;
  occurrence: number;
  completedAt: string;
  /** Defaults to completedAt. */
  now?: string;
  expected: { due: string; occurrence: number; skipped: number } | null;
}

const nextCases: NextCase[] = [
  {
    name: 'SCHEDULE, completed on time: the following day',
    rrule: 'FREQ=DAILY',
    tz: NY,
    anchor: 'SCHEDULE',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-05T09:00-05:00',
    occurrence: 5,
    completedAt: '2026-03-05T08:00-05:00',
    expected: { due: '2026-03-06T09:00-05:00', occurrence: 6, skipped: 0 },
  },
  {
    name: 'SCHEDULE, completed 5 days late: skips to today and reports 4 skipped',
    rrule: 'FREQ=DAILY',
    tz: NY,
    anchor: 'SCHEDULE',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-05T09:00-05:00',
    occurrence: 5,
    completedAt: '2026-03-10T16:00-04:00',
    expected: { due: '2026-03-10T09:00-04:00', occurrence: 10, skipped: 4 },
  },
  {
    name: 'SCHEDULE, late across spring forward: skipped days keep 09:00',
    rrule: 'FREQ=DAILY',
    tz: NY,
    anchor: 'SCHEDULE',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-06T09:00-05:00',
    occurrence: 6,
    completedAt: '2026-03-09T12:00-04:00',
    expected: { due: '2026-03-09T09:00-04:00', occurrence: 9, skipped: 2 },
  },
  {
    name: 'SCHEDULE, completed late but before the next occurrence: the series does not shift',
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-01-05T09:00+01:00',
    currentDue: '2026-01-12T09:00+01:00',
    occurrence: 2,
    completedAt: '2026-01-14T20:00+01:00',
    expected: { due: '2026-01-19T09:00+01:00', occurrence: 3, skipped: 0 },
  },
  {
    name: "SCHEDULE, late: today's occurrence counts even if its time has passed",
    rrule: 'FREQ=DAILY',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-03-01T09:00+01:00',
    currentDue: '2026-03-09T09:00+01:00',
    occurrence: 9,
    completedAt: '2026-03-10T15:00+01:00',
    expected: { due: '2026-03-10T09:00+01:00', occurrence: 10, skipped: 0 },
  },
  {
    name: 'SCHEDULE, "today" is taken in the rule zone, not in UTC',
    rrule: 'FREQ=DAILY',
    tz: NY,
    anchor: 'SCHEDULE',
    start: '2026-02-01',
    currentDue: '2026-02-05',
    occurrence: 5,
    // 02:00 UTC on Feb 10 is still Feb 9 in New York.
    completedAt: '2026-02-10T02:00+00:00',
    expected: { due: '2026-02-09', occurrence: 9, skipped: 3 },
  },
  {
    name: 'SCHEDULE, monthly 31st, late: skips Mar 31, lands on May 31',
    rrule: 'FREQ=MONTHLY',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-01-31',
    currentDue: '2026-01-31',
    occurrence: 1,
    completedAt: '2026-04-10T12:00+02:00',
    expected: { due: '2026-05-31', occurrence: 3, skipped: 1 },
  },
  {
    name: 'SCHEDULE, COUNT reached: the series ends',
    rrule: 'FREQ=DAILY;COUNT=3',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-05-01',
    currentDue: '2026-05-03',
    occurrence: 3,
    completedAt: '2026-05-03T10:00+02:00',
    expected: null,
  },
  {
    name: 'SCHEDULE, all remaining occurrences already passed: the series ends',
    rrule: 'FREQ=DAILY;COUNT=5',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-05-01',
    currentDue: '2026-05-02',
    occurrence: 2,
    completedAt: '2026-05-20T10:00+02:00',
    expected: null,
  },
  {
    name: 'SCHEDULE, UNTIL not yet reached',
    rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20260227',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-02-06',
    currentDue: '2026-02-20',
    occurrence: 3,
    completedAt: '2026-02-20T10:00+01:00',
    expected: { due: '2026-02-27', occurrence: 4, skipped: 0 },
  },
  {
    name: 'SCHEDULE, UNTIL reached: the series ends',
    rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20260227',
    tz: BER,
    anchor: 'SCHEDULE',
    start: '2026-02-06',
    currentDue: '2026-02-27',
    occurrence: 4,
    completedAt: '2026-02-27T10:00+01:00',
    expected: null,
  },
  {
    name: 'COMPLETION, completed late: 3 days after completion at the series time (across DST)',
    rrule: 'FREQ=DAILY;INTERVAL=3',
    tz: NY,
    anchor: 'COMPLETION',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-04T09:00-05:00',
    occurrence: 2,
    completedAt: '2026-03-07T20:00-05:00',
    expected: { due: '2026-03-10T09:00-04:00', occurrence: 3, skipped: 0 },
  },
  {
    name: 'COMPLETION, completed early: 3 days after completion, before the old due + 3',
    rrule: 'FREQ=DAILY;INTERVAL=3',
    tz: NY,
    anchor: 'COMPLETION',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-10T09:00-04:00',
    occurrence: 4,
    completedAt: '2026-03-08T07:00-04:00',
    expected: { due: '2026-03-11T09:00-04:00', occurrence: 5, skipped: 0 },
  },
  {
    name: 'COMPLETION, the completion day is taken in the rule zone',
    rrule: 'FREQ=DAILY;INTERVAL=3',
    tz: NY,
    anchor: 'COMPLETION',
    start: '2026-03-01T09:00-05:00',
    currentDue: '2026-03-07T09:00-05:00',
    occurrence: 3,
    // Mar 8 02:00 UTC is Mar 7 21:00 in New York.
    completedAt: '2026-03-08T02:00+00:00',
    expected: { due: '2026-03-10T09:00-04:00', occurrence: 4, skipped: 0 },
  },
  {
    name: 'COMPLETION, monthly from Jan 31 is clamped to Feb 28',
    rrule: 'FREQ=MONTHLY',
    tz: BER,
    anchor: 'COMPLETION',
    start: '2025-12-31',
    currentDue: '2026-01-31',
    occurrence: 2,
    completedAt: '2026-01-31T10:00+01:00',
    expected: { due: '2026-02-28', occurrence: 3, skipped: 0 },
  },
  {
    name: 'COMPLETION with BYDAY: the next matching day after the completion date',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
    tz: BER,
    anchor: 'COMPLETION',
    start: '2026-02-02T08:00+01:00',
    currentDue: '2026-02-09T08:00+01:00',
    occurrence: 3,
    completedAt: '2026-02-10T18:00+01:00',
    expected: { due: '2026-02-11T08:00+01:00', occurrence: 4, skipped: 0 },
  },
  {
    name: 'COMPLETION, all-day every 2 days',
    rrule: 'FREQ=DAILY;INTERVAL=2',
    tz: BER,
    anchor: 'COMPLETION',
    start: '2026-06-01',
    currentDue: '2026-06-09',
    occurrence: 5,
    completedAt: '2026-06-10T23:30+02:00',
    expected: { due: '2026-06-12', occurrence: 6, skipped: 0 },
  },
  {
    name: 'COMPLETION, COUNT reached: the series ends',
    rrule: 'FREQ=DAILY;COUNT=3',
    tz: BER,
    anchor: 'COMPLETION',
    start: '2026-06-01',
    currentDue: '2026-06-05',
    occurrence: 3,
    completedAt: '2026-06-05T10:00+02:00',
    expected: null,
  },
  {
    name: 'COMPLETION, next due past UNTIL: the series ends',
    rrule: 'FREQ=WEEKLY;UNTIL=20260301T000000Z',
    tz: BER,
    anchor: 'COMPLETION',
    start: '2026-02-04T09:00+01:00',
    currentDue: '2026-02-25T09:00+01:00',
    occurrence: 4,
    completedAt: '2026-02-25T10:00+01:00',
    expected: null,
  },
];

interface InvalidCase {
  name: string;
  rrule: string;
  tz: string;
  field: 'rrule' | 'timeZone';
  /** Fragments the message must contain: what was expected and what arrived. */
  mentions: string[];
}

const invalidCases: InvalidCase[] = [
  // Both gave wrong dates without a word before (issue 19): refused with a reason instead.
  {
    name: 'BYWEEKNO (week numbers drift between years)',
    rrule: 'FREQ=YEARLY;BYWEEKNO=10',
    tz: BER,
    field: 'rrule',
    mentions: ['BYWEEKNO', 'not supported', 'BYMONTH', 'FREQ=YEARLY;BYWEEKNO=10'],
  },
  {
    name: 'BYWEEKNO with BYDAY',
    rrule: 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    tz: BER,
    field: 'rrule',
    mentions: ['BYWEEKNO', 'not supported'],
  },
  {
    name: 'numbered and plain BYDAY mixed in a YEARLY rule without BYMONTH',
    rrule: 'FREQ=YEARLY;BYDAY=1MO,FR',
    tz: BER,
    field: 'rrule',
    mentions: ['BYDAY', 'numbered', 'plain', 'BYMONTH', '"1MO,FR"'],
  },
  {
    name: 'unknown FREQ',
    rrule: 'FREQ=FORTNIGHTLY',
    tz: BER,
    field: 'rrule',
    mentions: ['FREQ', 'DAILY', '"FORTNIGHTLY"'],
  },
  { name: 'sub-daily FREQ', rrule: 'FREQ=HOURLY', tz: BER, field: 'rrule', mentions: ['FREQ', '"HOURLY"'] },
  { name: 'missing FREQ', rrule: 'INTERVAL=2', tz: BER, field: 'rrule', mentions: ['FREQ', 'INTERVAL=2'] },
  { name: 'bad BYDAY weekday', rrule: 'FREQ=WEEKLY;BYDAY=MO,XY', tz: BER, field: 'rrule', mentions: ['BYDAY', '"XY"'] },
  {
    name: 'BYDAY ordinal with WEEKLY',
    rrule: 'FREQ=WEEKLY;BYDAY=2MO',
    tz: BER,
    field: 'rrule',
    mentions: ['BYDAY', '"2MO"', 'MONTHLY'],
  },
  {
    name: 'BYDAY ordinal out of range',
    rrule: 'FREQ=MONTHLY;BYDAY=6MO',
    tz: BER,
    field: 'rrule',
    mentions: ['BYDAY', '"6MO"'],
  },
  {
    name: 'both COUNT and UNTIL',
    rrule: 'FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z',
    tz: BER,
    field: 'rrule',
    mentions: ['COUNT', 'UNTIL', 'not both'],
  },
  {
    name: 'DTSTART line',
    rrule: 'DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY',
    tz: BER,
    field: 'rrule',
    mentions: ['DTSTART'],
  },
  { name: 'DTSTART part', rrule: 'FREQ=DAILY;DTSTART=20260101', tz: BER, field: 'rrule', mentions: ['DTSTART'] },
  {
    name: 'BYMONTHDAY 32',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=32',
    tz: BER,
    field: 'rrule',
    mentions: ['BYMONTHDAY', '1..31', '"32"'],
  },
  {
    name: 'BYMONTHDAY 0',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=0',
    tz: BER,
    field: 'rrule',
    mentions: ['BYMONTHDAY', '"0"'],
  },
  {
    name: 'BYMONTHDAY with WEEKLY',
    rrule: 'FREQ=WEEKLY;BYMONTHDAY=1',
    tz: BER,
    field: 'rrule',
    mentions: ['BYMONTHDAY', 'WEEKLY'],
  },
  {
    name: 'BYMONTH 13',
    rrule: 'FREQ=YEARLY;BYMONTH=13',
    tz: BER,
    field: 'rrule',
    mentions: ['BYMONTH', '1..12', '"13"'],
  },
  { name: 'INTERVAL 0', rrule: 'FREQ=DAILY;INTERVAL=0', tz: BER, field: 'rrule', mentions: ['INTERVAL', '"0"'] },
  {
    name: 'UNTIL in ISO form',
    rrule: 'FREQ=DAILY;UNTIL=2026-12-31',
    tz: BER,
    field: 'rrule',
    mentions: ['UNTIL', 'YYYYMMDD', '"2026-12-31"'],
  },
  { name: 'BYSETPOS alone', rrule: 'FREQ=MONTHLY;BYSETPOS=1', tz: BER, field: 'rrule', mentions: ['BYSETPOS'] },
  { name: 'bad WKST', rrule: 'FREQ=WEEKLY;WKST=XX', tz: BER, field: 'rrule', mentions: ['WKST', '"XX"'] },
  { name: 'unknown part', rrule: 'FREQ=DAILY;FOO=BAR', tz: BER, field: 'rrule', mentions: ['"FOO"'] },
  {
    name: 'a day no listed month has',
    rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    tz: BER,
    field: 'rrule',
    mentions: ['BYMONTHDAY', 'BYMONTH=2', '30'],
  },
  {
    name: 'unknown zone',
    rrule: 'FREQ=DAILY',
    tz: 'Mars/Olympus_Mons',
    field: 'timeZone',
    mentions: ['IANA', '"Mars/Olympus_Mons"'],
  },
  {
    name: 'misspelt zone',
    rrule: 'FREQ=DAILY',
    tz: 'Europe/Berlinn',
    field: 'timeZone',
    mentions: ['IANA', '"Europe/Berlinn"'],
  },
  {
    name: 'UTC offset instead of a zone',
    rrule: 'FREQ=DAILY',
    tz: '+01:00',
    field: 'timeZone',
    mentions: ['IANA', '"+01:00"'],
  },
  { name: 'empty zone', rrule: 'FREQ=DAILY', tz: '', field: 'timeZone', mentions: ['IANA'] },
];

describe('occurrencesBetween (hand-written table)', () => {
  it.each(occurrenceCases)('$name', (c) => {
    const rule = parseRecurrenceRule(c.rrule, c.tz);
    const after = c.after.length === 10 ? c.after : at(c.after);
    const actual = occurrencesBetween(rule, due(c.start), after, c.count).map((d) => show(d, c.tz));
    expect(actual).toEqual(c.expected);
  });
});

describe('nextInstanceDue (hand-written table)', () => {
  it.each(nextCases)('$name', (c) => {
    const result = nextInstanceDue({
      rrule: c.rrule,
      timeZone: c.tz,
      anchor: c.anchor,
      seriesStart: due(c.start),
      currentDue: due(c.currentDue),
      occurrence: c.occurrence,
      completedAt: at(c.completedAt),
      now: at(c.now ?? c.completedAt),
    });
    expect(result && { ...result, due: show(result.due, c.tz) }).toEqual(c.expected);
  });
});

describe('invalid rules and zones (hand-written table)', () => {
  it.each(invalidCases)('$name → RecurrenceInputError on $field', (c) => {
    let error: unknown;
    try {
      parseRecurrenceRule(c.rrule, c.tz);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecurrenceInputError);
    const { field, message } = error as RecurrenceInputError;
    expect(field).toBe(c.field);
    for (const fragment of c.mentions) expect(message).toContain(fragment);
  });

  it('nextInstanceDue reports an invalid rule the same way', () => {
    const call = () =>
      nextInstanceDue({
        rrule: 'FREQ=MONTHLY;BYDAY=-1XX',
        timeZone: BER,
        anchor: 'SCHEDULE',
        seriesStart: { date: '2026-01-30' },
        currentDue: { date: '2026-01-30' },
        occurrence: 1,
        completedAt: at('2026-01-30T10:00+01:00'),
        now: at('2026-01-30T10:00+01:00'),
      });
    expect(call).toThrow(RecurrenceInputError);
    expect(call).toThrow(/BYDAY.*"-1XX"/);
  });

  it('a rule that never yields a date is reported, not searched forever', () => {
    const rule = parseRecurrenceRule('FREQ=YEARLY;BYMONTH=1;BYYEARDAY=200', BER);
    expect(() => occurrencesBetween(rule, { date: '2026-01-01' }, '2026-01-01', 1)).toThrow(/yields none/);
  });

  it('BYHOUR on an all-day series is refused', () => {
    const rule = parseRecurrenceRule('FREQ=DAILY;BYHOUR=9', BER);
    expect(() => occurrencesBetween(rule, { date: '2026-01-01' }, '2026-01-01', 1)).toThrow(RecurrenceInputError);
  });
});

describe('parseRecurrenceRule accepts and normalises', () => {
  it.each([
    ['RRULE:FREQ=DAILY', 'europe/berlin', 'FREQ=DAILY', 'Europe/Berlin'],
    ['freq=weekly;byday=mo,we;interval=1', 'America/New_York', 'FREQ=WEEKLY;BYDAY=MO,WE', 'America/New_York'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;',
      'UTC',
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      'UTC',
    ],
    ['FREQ=MONTHLY;BYDAY=+2MO', 'UTC', 'FREQ=MONTHLY;BYDAY=2MO', 'UTC'],
  ])('%s in %s', (input, zone, rrule, timeZone) => {
    const rule = parseRecurrenceRule(input, zone);
    expect(rule.rrule).toBe(rrule);
    expect(rule.timeZone).toBe(timeZone);
  });
});

describe('host time zone (when run by host-timezones.test.ts)', () => {
  it.runIf(process.env.TASKWIRE_RECURRENCE_TZ_CHILD === '1')('runs in the requested host zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
  });
});

describe('why occurrences are generated in floating wall-clock time', () => {
  it('rrule-temporal, evaluated in the real zone, drops a 02:30 that falls in the DST gap', () => {
    // RFC 5545 says to ignore such a time; Taskwire moves it forward instead (see rule.ts,
    // createEngine). If the library ever changes this, the workaround can be revisited.
    const engine = new RRuleTemporal({
      freq: 'DAILY',
      count: 3,
      dtstart: Temporal.ZonedDateTime.from('2026-03-07T02:30[America/New_York]'),
      temporal: Temporal,
    });
    expect(engine.all().map((d) => d.toPlainDate().toString())).toEqual(['2026-03-07', '2026-03-09', '2026-03-10']);
  });
});

describe('table size', () => {
  it('has at least 40 hand-written cases', () => {
    expect(occurrenceCases.length + nextCases.length + invalidCases.length).toBeGreaterThanOrEqual(40);
  });
});
