/**
 * RFC 5545 §3.8.5.3's examples as a table (issue 19, "Recurrence conformance"): every example
 * of a kind the engine supports, with DTSTART at 09:00 America/New_York as in the RFC, gives
 * exactly the RFC's dates; the examples of refused kinds (sub-daily frequencies, BYWEEKNO)
 * are refused. A series' first occurrence is its start (the RFC's DTSTART), which is why the
 * "Friday the 13th" example, whose DTSTART is excluded there by EXDATE, starts on one.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { occurrencesBetween } from './occurrences.js';
import { parseRecurrenceRule, RecurrenceInputError } from './rule.js';

const zone = 'America/New_York';

interface Example {
  name: string;
  /** DTSTART's local date (09:00 in New York). */
  start: string;
  rrule: string;
  /** The RFC's dates (local), first ones when the series is longer; `total` when all are listed. */
  dates: string[];
  /** How many occurrences the series has in all (COUNT/UNTIL examples). */
  total?: number;
}

/** Dates written as in the RFC's listings: `1997 Sep 2,9` → 1997-09-02, 1997-09-09. */
function rfcDates(text: string): string[] {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const out: string[] = [];
  let year = '';
  for (const part of text.split(';')) {
    const m = /^\s*(?:(\d{4})\s+)?([A-Z][a-z]{2})\s+([\d,\s]+)$/.exec(part);
    if (!m) throw new Error(`bad date list part ${JSON.stringify(part)}`);
    if (m[1]) year = m[1];
    const month = String(months.indexOf(m[2]!) + 1).padStart(2, '0');
    for (const day of m[3]!.split(',')) out.push(`${year}-${month}-${day.trim().padStart(2, '0')}`);
  }
  return out;
}

const examples: Example[] = [
  {
    name: 'Daily for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;COUNT=10',
    dates: rfcDates('1997 Sep 2,3,4,5,6,7,8,9,10,11'),
    total: 10,
  },
  {
    name: 'Daily until December 24, 1997',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;UNTIL=19971224T000000Z',
    dates: rfcDates('1997 Sep 2,3,4,5,6,7,8,9,10'),
    total: 113,
  },
  {
    name: 'Every other day - forever',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;INTERVAL=2',
    dates: rfcDates('1997 Sep 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; Oct 2,4,6,8'),
  },
  {
    name: 'Every 10 days, 5 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=DAILY;INTERVAL=10;COUNT=5',
    dates: rfcDates('1997 Sep 2,12,22; Oct 2,12'),
    total: 5,
  },
  {
    name: 'Every day in January, for 3 years (yearly form)',
    start: '1998-01-01',
    rrule: 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    dates: rfcDates(
      '1998 Jan 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31; 1999 Jan 1,2',
    ),
    total: 93,
  },
  {
    name: 'Every day in January, for 3 years (daily form)',
    start: '1998-01-01',
    rrule: 'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    dates: rfcDates('1998 Jan 1,2,3'),
    total: 93,
  },
  {
    name: 'Weekly for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;COUNT=10',
    dates: rfcDates('1997 Sep 2,9,16,23,30; Oct 7,14,21,28; Nov 4'),
    total: 10,
  },
  {
    name: 'Weekly until December 24, 1997',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;UNTIL=19971224T000000Z',
    dates: rfcDates('1997 Sep 2,9,16,23,30; Oct 7,14,21,28; Nov 4,11,18,25; Dec 2,9,16,23'),
    total: 17,
  },
  {
    name: 'Every other week - forever',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;WKST=SU',
    dates: rfcDates('1997 Sep 2,16,30; Oct 14,28; Nov 11,25; Dec 9,23; 1998 Jan 6,20; Feb 3,17'),
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (UNTIL)',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
    dates: rfcDates('1997 Sep 2,4,9,11,16,18,23,25,30; Oct 2'),
    total: 10,
  },
  {
    name: 'Weekly on Tuesday and Thursday for five weeks (COUNT)',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH',
    dates: rfcDates('1997 Sep 2,4,9,11,16,18,23,25,30; Oct 2'),
    total: 10,
  },
  {
    name: 'Every other week on Monday, Wednesday, and Friday until December 24, 1997',
    start: '1997-09-01',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
    dates: rfcDates('1997 Sep 1,3,5,15,17,19,29; Oct 1,3,13,15,17,27,29,31; Nov 10,12,14,24,26,28; Dec 8,10,12,22'),
    total: 25,
  },
  {
    name: 'Every other week on Tuesday and Thursday, for 8 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
    dates: rfcDates('1997 Sep 2,4,16,18,30; Oct 2,14,16'),
    total: 8,
  },
  {
    name: 'Monthly on the first Friday for 10 occurrences',
    start: '1997-09-05',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    dates: rfcDates('1997 Sep 5; Oct 3; Nov 7; Dec 5; 1998 Jan 2; Feb 6; Mar 6; Apr 3; May 1; Jun 5'),
    total: 10,
  },
  {
    name: 'Monthly on the first Friday until December 24, 1997',
    start: '1997-09-05',
    rrule: 'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
    dates: rfcDates('1997 Sep 5; Oct 3; Nov 7; Dec 5'),
    total: 4,
  },
  {
    name: 'Every other month on the first and last Sunday of the month for 10 occurrences',
    start: '1997-09-07',
    rrule: 'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    dates: rfcDates('1997 Sep 7,28; Nov 2,30; 1998 Jan 4,25; Mar 1,29; May 3,31'),
    total: 10,
  },
  {
    name: 'Monthly on the second-to-last Monday of the month for 6 months',
    start: '1997-09-22',
    rrule: 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    dates: rfcDates('1997 Sep 22; Oct 20; Nov 17; Dec 22; 1998 Jan 19; Feb 16'),
    total: 6,
  },
  {
    name: 'Monthly on the third-to-the-last day of the month, forever',
    start: '1997-09-28',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-3',
    dates: rfcDates('1997 Sep 28; Oct 29; Nov 28; Dec 29; 1998 Jan 29; Feb 26'),
  },
  {
    name: 'Monthly on the 2nd and 15th of the month for 10 occurrences',
    start: '1997-09-02',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    dates: rfcDates('1997 Sep 2,15; Oct 2,15; Nov 2,15; Dec 2,15; 1998 Jan 2,15'),
    total: 10,
  },
  {
    name: 'Monthly on the first and last day of the month for 10 occurrences',
    start: '1997-09-30',
    rrule: 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    dates: rfcDates('1997 Sep 30; Oct 1,31; Nov 1,30; Dec 1,31; 1998 Jan 1,31; Feb 1'),
    total: 10,
  },
  {
    name: 'Every 18 months on the 10th thru 15th of the month for 10 occurrences',
    start: '1997-09-10',
    rrule: 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    dates: rfcDates('1997 Sep 10,11,12,13,14,15; 1999 Mar 10,11,12,13'),
    total: 10,
  },
  {
    name: 'Every Tuesday, every other month',
    start: '1997-09-02',
    rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    dates: rfcDates('1997 Sep 2,9,16,23,30; Nov 4,11,18,25; 1998 Jan 6,13,20,27; Mar 3,10,17,24,31'),
  },
  {
    name: 'Yearly in June and July for 10 occurrences',
    start: '1997-06-10',
    rrule: 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    dates: rfcDates(
      '1997 Jun 10; Jul 10; 1998 Jun 10; Jul 10; 1999 Jun 10; Jul 10; 2000 Jun 10; Jul 10; 2001 Jun 10; Jul 10',
    ),
    total: 10,
  },
  {
    name: 'Every other year on January, February, and March for 10 occurrences',
    start: '1997-03-10',
    rrule: 'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    dates: rfcDates(
      '1997 Mar 10; 1999 Jan 10; Feb 10; Mar 10; 2001 Jan 10; Feb 10; Mar 10; 2003 Jan 10; Feb 10; Mar 10',
    ),
    total: 10,
  },
  {
    name: 'Every third year on the 1st, 100th, and 200th day for 10 occurrences',
    start: '1997-01-01',
    rrule: 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
    dates: rfcDates('1997 Jan 1; Apr 10; Jul 19; 2000 Jan 1; Apr 9; Jul 18; 2003 Jan 1; Apr 10; Jul 19; 2006 Jan 1'),
    total: 10,
  },
  {
    name: 'Every 20th Monday of the year, forever',
    start: '1997-05-19',
    rrule: 'FREQ=YEARLY;BYDAY=20MO',
    dates: rfcDates('1997 May 19; 1998 May 18; 1999 May 17'),
  },
  {
    name: 'Every Thursday in March, forever',
    start: '1997-03-13',
    rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    dates: rfcDates('1997 Mar 13,20,27; 1998 Mar 5,12,19,26; 1999 Mar 4,11,18,25'),
  },
  {
    name: 'Every Thursday, but only during June, July, and August, forever',
    start: '1997-06-05',
    rrule: 'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    dates: rfcDates('1997 Jun 5,12,19,26; Jul 3,10,17,24,31; Aug 7,14,21,28; 1998 Jun 4,11,18,25; Jul 2,9,16,23,30'),
  },
  {
    name: 'Every Friday the 13th, forever (DTSTART on the first one)',
    start: '1998-02-13',
    rrule: 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    dates: rfcDates('1998 Feb 13; Mar 13; Nov 13; 1999 Aug 13; 2000 Oct 13'),
  },
  {
    name: 'The first Saturday that follows the first Sunday of the month, forever',
    start: '1997-09-13',
    rrule: 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    dates: rfcDates('1997 Sep 13; Oct 11; Nov 8; Dec 13; 1998 Jan 10; Feb 7; Mar 7; Apr 11; May 9; Jun 13'),
  },
  {
    name: 'Every 4 years, the first Tuesday after a Monday in November (U.S. Presidential Election day)',
    start: '1996-11-05',
    rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    dates: rfcDates('1996 Nov 5; 2000 Nov 7; 2004 Nov 2'),
  },
  {
    name: 'The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months',
    start: '1997-09-04',
    rrule: 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    dates: rfcDates('1997 Sep 4; Oct 7; Nov 6'),
    total: 3,
  },
  {
    name: 'The second-to-last weekday of the month',
    start: '1997-09-29',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    dates: rfcDates('1997 Sep 29; Oct 30; Nov 27; Dec 30; 1998 Jan 29; Feb 26; Mar 30'),
  },
  {
    name: 'WKST matters: WKST=MO',
    start: '1997-08-05',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    dates: rfcDates('1997 Aug 5,10,19,24'),
    total: 4,
  },
  {
    name: 'WKST matters: WKST=SU',
    start: '1997-08-05',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    dates: rfcDates('1997 Aug 5,17,19,31'),
    total: 4,
  },
  {
    name: 'An invalid date (February 30) is ignored',
    start: '2007-01-15',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    dates: rfcDates('2007 Jan 15,30; Feb 15; Mar 15,30'),
    total: 5,
  },
];

/** The RFC examples of kinds refused here (docs/recurrence.md says why). */
const refused = [
  'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
  'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
  'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
  'FREQ=MINUTELY;INTERVAL=90;COUNT=4',
];

/** The series' occurrences as local dates in New York, each checked to be at 09:00 there. */
function localDates(example: Example, count: number): string[] {
  const rule = parseRecurrenceRule(example.rrule, zone);
  const start = Temporal.PlainDateTime.from(`${example.start}T09:00`).toZonedDateTime(zone);
  const startInstant = new Date(start.epochMilliseconds);
  const before = new Date(start.epochMilliseconds - 86_400_000);
  return occurrencesBetween(rule, { dateTime: startInstant }, before, count).map((due) => {
    const local = Temporal.Instant.fromEpochMilliseconds(due.dateTime!.getTime()).toZonedDateTimeISO(zone);
    expect(local.toPlainTime().toString(), example.name).toBe('09:00:00');
    return local.toPlainDate().toString();
  });
}

describe('RFC 5545 §3.8.5.3 examples', () => {
  it.each(examples)('$name', (example) => {
    expect(localDates(example, example.dates.length)).toEqual(example.dates);
    if (example.total !== undefined) {
      const all = localDates(example, example.total + 5);
      expect(all).toHaveLength(example.total);
    }
  });

  it.each(refused)('%s is refused with a reason', (rrule) => {
    expect(() => parseRecurrenceRule(rrule, zone)).toThrow(RecurrenceInputError);
  });
});
