/**
 * The quick-add grammar as a table (issue "Capture and organise", item 1): each line with the
 * exact draft it gives, read on Thursday 2026-03-26 at 10:30 wall-clock time in three zones.
 * Europe/Berlin's clocks go forward on Sunday 2026-03-29, so for Berlin this is a DST-change
 * week; New York changed three weeks before, Tokyo never does. Due values are written as wall
 * time; the zone-by-zone instants of the DST-sensitive ones are checked separately below with
 * instants written out by hand. Every line must read the same in every zone and on any host zone.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../db/database.js';
import { parseQuickAdd, type QuickAddDraft } from './quick-add.parser.js';

const projects = [
  { id: 'p-inbox', name: 'Inbox' },
  { id: 'p-errands', name: 'Errands' },
  { id: 'p-big', name: 'Big Project' },
];
const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
const wallNow = Temporal.PlainDateTime.from('2026-03-26T10:30');

interface Expected {
  title: string;
  /** `YYYY-MM-DD` (all-day) or `YYYY-MM-DDTHH:mm` (wall time in the zone). */
  due?: string;
  priority?: Priority;
  tags?: string[];
  project?: string;
  rrule?: string;
  anchor?: 'COMPLETION';
  reminders?: number[];
  description?: string;
  /** `KIND text` of each part, in the line's order. */
  parts: string[];
}

// prettier-ignore
const table: Array<[string, Expected]> = [
  ['Call mom tomorrow 9am', { title: 'Call mom', due: '2026-03-27T09:00', parts: ['DUE tomorrow 9am'] }],
  ['Report next fri', { title: 'Report', due: '2026-04-03', parts: ['DUE next fri'] }],
  ['Water plants in 3 days', { title: 'Water plants', due: '2026-03-29', parts: ['DUE in 3 days'] }],
  ['Party dec 24 18:00', { title: 'Party', due: '2026-12-24T18:00', parts: ['DUE dec 24 18:00'] }],
  ['Pay rent every 1st at 9am #home !p1', { title: 'Pay rent', due: '2026-04-01T09:00', priority: 'URGENT', tags: ['home'], rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', parts: ['REPEAT every 1st', 'DUE at 9am', 'TAG #home', 'PRIORITY !p1'] }],
  ['Standup every weekday at 9:30', { title: 'Standup', due: '2026-03-27T09:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', parts: ['REPEAT every weekday', 'DUE at 9:30'] }],
  ['Gym every 2 weeks on mon, thu', { title: 'Gym', due: '2026-03-26', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', parts: ['REPEAT every 2 weeks on mon, thu'] }],
  ['Review every last friday', { title: 'Review', due: '2026-03-27', rrule: 'FREQ=MONTHLY;BYDAY=-1FR', parts: ['REPEAT every last friday'] }],
  ['Cat food every! 3 days', { title: 'Cat food', due: '2026-03-26', rrule: 'FREQ=DAILY;INTERVAL=3', anchor: 'COMPLETION', parts: ['REPEAT every! 3 days'] }],
  ['Buy milk', { title: 'Buy milk', parts: [] }],
  ['Buy milk today', { title: 'Buy milk', due: '2026-03-26', parts: ['DUE today'] }],
  ['Buy milk tomorrow', { title: 'Buy milk', due: '2026-03-27', parts: ['DUE tomorrow'] }],
  ['Dentist friday at 10am', { title: 'Dentist', due: '2026-03-27T10:00', parts: ['DUE friday at 10am'] }],
  ['Lunch with Ann thursday noon', { title: 'Lunch with Ann', due: '2026-03-26T12:00', parts: ['DUE thursday noon'] }],
  ['Taxes by april 15 !p2 #admin', { title: 'Taxes', due: '2026-04-15', priority: 'HIGH', tags: ['admin'], parts: ['DUE by april 15', 'PRIORITY !p2', 'TAG #admin'] }],
  ['Ship v2 in 2 weeks remind 1d before', { title: 'Ship v2', due: '2026-04-09', reminders: [1440], parts: ['DUE in 2 weeks', 'REMINDER remind 1d before'] }],
  ['Invoice every 3 months on the 15th', { title: 'Invoice', due: '2026-04-15', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', parts: ['REPEAT every 3 months on the 15th'] }],
  ['Birthday every jan 5', { title: 'Birthday', due: '2027-01-05', rrule: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5', parts: ['REPEAT every jan 5'] }],
  ['Gifts every year on dec 24', { title: 'Gifts', due: '2026-12-24', rrule: 'FREQ=YEARLY', parts: ['REPEAT every year', 'DUE on dec 24'] }],
  ['Laundry every saturday', { title: 'Laundry', due: '2026-03-28', rrule: 'FREQ=WEEKLY;BYDAY=SA', parts: ['REPEAT every saturday'] }],
  ['Sync every other week', { title: 'Sync', due: '2026-03-26', rrule: 'FREQ=WEEKLY;INTERVAL=2', parts: ['REPEAT every other week'] }],
  ['Standup every weekday 9am starting apr 6', { title: 'Standup', due: '2026-04-06T09:00', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', parts: ['REPEAT every weekday', 'DUE 9am', 'DUE starting apr 6'] }],
  ['Pills every day for 5 times', { title: 'Pills', due: '2026-03-26', rrule: 'FREQ=DAILY;COUNT=5', parts: ['REPEAT every day', 'REPEAT for 5 times'] }],
  ['Email boss every monday 9am until may 31', { title: 'Email boss', due: '2026-03-30T09:00', rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260531', parts: ['REPEAT every monday', 'DUE 9am', 'REPEAT until may 31'] }],
  ['Meeting at 3pm due tomorrow', { title: 'Meeting', due: '2026-03-27T15:00', parts: ['DUE at 3pm', 'DUE due tomorrow'] }],
  ['Read every book', { title: 'Read every book', parts: [] }],
  ['Buy 2 apples', { title: 'Buy 2 apples', parts: [] }],
  ['Fix bug #work #urgent !p1', { title: 'Fix bug', priority: 'URGENT', tags: ['work', 'urgent'], parts: ['TAG #work', 'TAG #urgent', 'PRIORITY !p1'] }],
  ['Plan trip ~Errands', { title: 'Plan trip', project: 'Errands', parts: ['PROJECT ~Errands'] }],
  ['Plan trip ~errands #travel', { title: 'Plan trip', tags: ['travel'], project: 'Errands', parts: ['PROJECT ~errands', 'TAG #travel'] }],
  ['Plan trip ~"Big Project"', { title: 'Plan trip', project: 'Big Project', parts: ['PROJECT ~"Big Project"'] }],
  ['Plan trip ~Big Project tomorrow', { title: 'Plan trip', due: '2026-03-27', project: 'Big Project', parts: ['PROJECT ~Big Project', 'DUE tomorrow'] }],
  ['Plan trip ~Nowhere', { title: 'Plan trip ~Nowhere', parts: [] }],
  ['Write notes // with the agenda for monday', { title: 'Write notes', description: 'with the agenda for monday', parts: ['DESCRIPTION // with the agenda for monday'] }],
  ['Call Bob in 2 hours', { title: 'Call Bob', due: '2026-03-26T12:30', parts: ['DUE in 2 hours'] }],
  ['Call Bob in 30 minutes', { title: 'Call Bob', due: '2026-03-26T11:00', parts: ['DUE in 30 minutes'] }],
  ['Send report on monday', { title: 'Send report', due: '2026-03-30', parts: ['DUE on monday'] }],
  ['Send report on the 1st of may', { title: 'Send report', due: '2026-05-01', parts: ['DUE on the 1st of may'] }],
  ['Send report may 1', { title: 'Send report', due: '2026-05-01', parts: ['DUE may 1'] }],
  ['Send report 1 may', { title: 'Send report', due: '2026-05-01', parts: ['DUE 1 may'] }],
  ['Send report 2026-04-10', { title: 'Send report', due: '2026-04-10', parts: ['DUE 2026-04-10'] }],
  ['Check tyres next week', { title: 'Check tyres', due: '2026-04-02', parts: ['DUE next week'] }],
  ['Renew passport in 2 months', { title: 'Renew passport', due: '2026-05-26', parts: ['DUE in 2 months'] }],
  ['Clean garage this weekend', { title: 'Clean garage', due: '2026-03-28', parts: ['DUE this weekend'] }],
  ['Vote sunday', { title: 'Vote', due: '2026-03-29', parts: ['DUE sunday'] }],
  ['Vote sunday 8am', { title: 'Vote', due: '2026-03-29T08:00', parts: ['DUE sunday 8am'] }],
  ['Yoga every tuesday and thursday at 7pm', { title: 'Yoga', due: '2026-03-26T19:00', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', parts: ['REPEAT every tuesday and thursday', 'DUE at 7pm'] }],
  ['Yoga every tue, thu 7pm #health', { title: 'Yoga', due: '2026-03-26T19:00', tags: ['health'], rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', parts: ['REPEAT every tue, thu', 'DUE 7pm', 'TAG #health'] }],
  ['Backup every day at 23:00', { title: 'Backup', due: '2026-03-26T23:00', rrule: 'FREQ=DAILY', parts: ['REPEAT every day', 'DUE at 23:00'] }],
  ['Mow lawn every 2 weeks', { title: 'Mow lawn', due: '2026-03-26', rrule: 'FREQ=WEEKLY;INTERVAL=2', parts: ['REPEAT every 2 weeks'] }],
  ['Pay card every month on the 28th', { title: 'Pay card', due: '2026-03-28', rrule: 'FREQ=MONTHLY;BYMONTHDAY=28', parts: ['REPEAT every month on the 28th'] }],
  ['Pay card every 28th', { title: 'Pay card', due: '2026-03-28', rrule: 'FREQ=MONTHLY;BYMONTHDAY=28', parts: ['REPEAT every 28th'] }],
  ['Pay card every month on the last day', { title: 'Pay card', due: '2026-03-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', parts: ['REPEAT every month on the last day'] }],
  ['Rent every last day of the month', { title: 'Rent', due: '2026-03-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', parts: ['REPEAT every last day of the month'] }],
  ['Review every first monday', { title: 'Review', due: '2026-04-06', rrule: 'FREQ=MONTHLY;BYDAY=1MO', parts: ['REPEAT every first monday'] }],
  ['Review every 2nd tuesday', { title: 'Review', due: '2026-04-14', rrule: 'FREQ=MONTHLY;BYDAY=2TU', parts: ['REPEAT every 2nd tuesday'] }],
  ['Retro every other friday at 4pm', { title: 'Retro', due: '2026-03-27T16:00', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', parts: ['REPEAT every other friday', 'DUE at 4pm'] }],
  ['Quarterly tax every 3 months', { title: 'Quarterly tax', due: '2026-03-26', rrule: 'FREQ=MONTHLY;INTERVAL=3', parts: ['REPEAT every 3 months'] }],
  ['Anniversary every year', { title: 'Anniversary', due: '2026-03-26', rrule: 'FREQ=YEARLY', parts: ['REPEAT every year'] }],
  ['Cut hair every! 4 weeks', { title: 'Cut hair', due: '2026-03-26', rrule: 'FREQ=WEEKLY;INTERVAL=4', anchor: 'COMPLETION', parts: ['REPEAT every! 4 weeks'] }],
  ['Replace filter every! 2 months', { title: 'Replace filter', due: '2026-03-26', rrule: 'FREQ=MONTHLY;INTERVAL=2', anchor: 'COMPLETION', parts: ['REPEAT every! 2 months'] }],
  ['Water cactus every! 10 days remind at due time', { title: 'Water cactus', due: '2026-03-26', rrule: 'FREQ=DAILY;INTERVAL=10', anchor: 'COMPLETION', reminders: [0], parts: ['REPEAT every! 10 days', 'REMINDER remind at due time'] }],
  ['Submit form tomorrow 9am remind 30m before', { title: 'Submit form', due: '2026-03-27T09:00', reminders: [30], parts: ['DUE tomorrow 9am', 'REMINDER remind 30m before'] }],
  ['Submit form tomorrow 9am remind 1h before remind 10 min before', { title: 'Submit form', due: '2026-03-27T09:00', reminders: [10, 60], parts: ['DUE tomorrow 9am', 'REMINDER remind 1h before', 'REMINDER remind 10 min before'] }],
  ['Submit form tomorrow remind 1d before', { title: 'Submit form', due: '2026-03-27', reminders: [1440], parts: ['DUE tomorrow', 'REMINDER remind 1d before'] }],
  ['Prepare talk !p3', { title: 'Prepare talk', priority: 'MEDIUM', parts: ['PRIORITY !p3'] }],
  ['Archive mail !p4', { title: 'Archive mail', priority: 'LOW', parts: ['PRIORITY !p4'] }],
  ['Priority test !p5', { title: 'Priority test !p5', parts: [] }],
  ['Urgent task !P1', { title: 'Urgent task', priority: 'URGENT', parts: ['PRIORITY !P1'] }],
  ['Tag with dash #to-do', { title: 'Tag with dash', tags: ['to-do'], parts: ['TAG #to-do'] }],
  ['Tag at end #done.', { title: 'Tag at end.', tags: ['done'], parts: ['TAG #done'] }],
  ['Email a#b', { title: 'Email a#b', parts: [] }],
  ['Price is ~5 dollars', { title: 'Price is ~5 dollars', parts: [] }],
  ['Meet at 6pm', { title: 'Meet', due: '2026-03-26T18:00', parts: ['DUE at 6pm'] }],
  ['Meet tonight', { title: 'Meet', due: '2026-03-26', parts: ['DUE tonight'] }],
  ['Call at noon tomorrow', { title: 'Call', due: '2026-03-27T12:00', parts: ['DUE at noon tomorrow'] }],
  ['Deadline apr 1 5pm !p2 ~Errands #work', { title: 'Deadline', due: '2026-04-01T17:00', priority: 'HIGH', tags: ['work'], project: 'Errands', parts: ['DUE apr 1 5pm', 'PRIORITY !p2', 'PROJECT ~Errands', 'TAG #work'] }],
  ['Pay rent every 1st', { title: 'Pay rent', due: '2026-04-01', rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', parts: ['REPEAT every 1st'] }],
  ['Standup every weekday', { title: 'Standup', due: '2026-03-26', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', parts: ['REPEAT every weekday'] }],
  ['Sync every 2 weeks on monday starting next monday', { title: 'Sync', due: '2026-03-30', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', parts: ['REPEAT every 2 weeks on monday', 'DUE starting next monday'] }],
  ['Gym every mon, wed and fri at 6:30am', { title: 'Gym', due: '2026-03-27T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', parts: ['REPEAT every mon, wed and fri', 'DUE at 6:30am'] }],
  ['Gym every weekend', { title: 'Gym', due: '2026-03-28', rrule: 'FREQ=WEEKLY;BYDAY=SA,SU', parts: ['REPEAT every weekend'] }],
  ['Report every week on friday', { title: 'Report', due: '2026-03-27', rrule: 'FREQ=WEEKLY;BYDAY=FR', parts: ['REPEAT every week on friday'] }],
  ['Trash out every! week', { title: 'Trash out', due: '2026-03-26', rrule: 'FREQ=WEEKLY', anchor: 'COMPLETION', parts: ['REPEAT every! week'] }],
  ['Hike every sat 7am until jun 30', { title: 'Hike', due: '2026-03-28T07:00', rrule: 'FREQ=WEEKLY;BYDAY=SA;UNTIL=20260630', parts: ['REPEAT every sat', 'DUE 7am', 'REPEAT until jun 30'] }],
  ['Doctor friday 2:30pm remind 2h before // bring card', { title: 'Doctor', due: '2026-03-27T14:30', reminders: [120], description: 'bring card', parts: ['DUE friday 2:30pm', 'REMINDER remind 2h before', 'DESCRIPTION // bring card'] }],
  ['Every day', { title: '', due: '2026-03-26', rrule: 'FREQ=DAILY', parts: ['REPEAT Every day'] }],
  ['Nothing special here', { title: 'Nothing special here', parts: [] }],
  ['Retro every 2 fridays', { title: 'Retro', due: '2026-03-27', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', parts: ['REPEAT every 2 fridays'] }],
  ['Note #ideas, then think', { title: 'Note, then think', tags: ['ideas'], parts: ['TAG #ideas'] }],
];

function instantAt(zone: string, wall: Temporal.PlainDateTime): Date {
  return new Date(wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** The draft with instants as wall time in `zone`, in the table's terms. */
function inTableTerms(draft: QuickAddDraft, zone: string): Expected {
  const due = draft.due?.date ?? (draft.due?.dateTime ? wallOf(draft.due.dateTime, zone) : undefined);
  const out: Expected = { title: draft.title, parts: draft.parts.map((p) => `${p.kind} ${p.text}`) };
  if (due) out.due = due;
  if (draft.priority) out.priority = draft.priority;
  if (draft.tagNames.length > 0) out.tags = [...draft.tagNames];
  if (draft.project) out.project = draft.project.name;
  if (draft.recurrence) {
    out.rrule = draft.recurrence.rrule;
    if (draft.recurrence.anchor === 'COMPLETION') out.anchor = 'COMPLETION';
    expect(draft.recurrence.timeZone).toBe(zone);
  }
  if (draft.reminderOffsetsMinutes.length > 0) out.reminders = [...draft.reminderOffsetsMinutes];
  if (draft.description) out.description = draft.description;
  return out;
}

function wallOf(instant: Date, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

describe('quick add: the phrase table', () => {
  it('has at least 80 phrases', () => {
    expect(table.length).toBeGreaterThanOrEqual(80);
    expect(new Set(table.map(([text]) => text)).size).toBe(table.length);
  });

  describe.each(zones)('in %s', (zone) => {
    const now = instantAt(zone, wallNow);
    it.each(table)('%s', (text, expected) => {
      const draft = parseQuickAdd(text, { timeZone: zone, now, projects });
      expect(inTableTerms(draft, zone)).toEqual({ ...expected, title: expected.title });
      expect(draft.timeZone).toBe(zone);
      for (const part of draft.parts) expect(text.slice(part.start, part.end)).toBe(part.text);
      const spans = [...draft.parts].sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i += 1) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    });
  });
});

describe('quick add: instants around the DST change, written out', () => {
  const at = (zone: string, wall: string): Date => instantAt(zone, Temporal.PlainDateTime.from(wall));
  const cases: Array<[string, string, string, string]> = [
    // zone, wall-clock now, line, expected dueAt (UTC)
    ['Europe/Berlin', '2026-03-26T10:30', 'Vote sunday 8am', '2026-03-29T06:00:00.000Z'],
    ['Europe/Berlin', '2026-03-26T10:30', 'Call mom tomorrow 9am', '2026-03-27T08:00:00.000Z'],
    ['Europe/Berlin', '2026-03-26T10:30', 'Backup every day at 23:00', '2026-03-26T22:00:00.000Z'],
    // 02:30 does not exist on that Sunday in Berlin: the clock reads 03:30 an hour after 01:30.
    ['Europe/Berlin', '2026-03-26T10:30', 'Bake sunday 2:30am', '2026-03-29T01:30:00.000Z'],
    // Three real hours from 23:30 CET on Saturday is 03:30 CEST, not 02:30.
    ['Europe/Berlin', '2026-03-28T23:30', 'Check in 3 hours', '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', '2026-10-24T12:00', 'Sleep in sunday 9am', '2026-10-25T08:00:00.000Z'],
    ['America/New_York', '2026-03-26T10:30', 'Vote sunday 8am', '2026-03-29T12:00:00.000Z'],
    ['America/New_York', '2026-03-06T12:00', 'Brunch sunday 11am', '2026-03-08T15:00:00.000Z'],
    ['Asia/Tokyo', '2026-03-26T10:30', 'Vote sunday 8am', '2026-03-28T23:00:00.000Z'],
  ];
  it.each(cases)('%s, %s: %s', (zone, wall, text, dueAt) => {
    const draft = parseQuickAdd(text, { timeZone: zone, now: at(zone, wall), projects });
    expect(draft.due?.dateTime?.toISOString()).toBe(dueAt);
  });
});

describe('quick add: undoing a part', () => {
  const now = instantAt('Europe/Berlin', wallNow);
  it('leaves the words of each part whose start is kept in the title, and reads the rest', () => {
    const text = 'Pay rent every 1st at 9am #home !p1';
    const all = parseQuickAdd(text, { timeZone: 'Europe/Berlin', now, projects });
    const priority = all.parts.find((p) => p.kind === 'PRIORITY')!;
    const repeat = all.parts.find((p) => p.kind === 'REPEAT')!;
    const kept = parseQuickAdd(text, {
      timeZone: 'Europe/Berlin',
      now,
      projects,
      keepAsText: new Set([priority.start, repeat.start]),
    });
    expect(kept.title).toBe('Pay rent every 1st !p1');
    expect(kept.priority).toBeNull();
    expect(kept.recurrence).toBeNull();
    expect(kept.tagNames).toEqual(['home']);
    expect(kept.parts.map((p) => p.kind)).toEqual(['DUE', 'TAG']);
  });

  it('hides an undone part from the other grammars: "every monday" kept is no date "monday"', () => {
    const text = 'Gym every monday tomorrow';
    const all = parseQuickAdd(text, { timeZone: 'Europe/Berlin', now, projects });
    expect(all.recurrence?.rrule).toBe('FREQ=WEEKLY;BYDAY=MO');
    const kept = parseQuickAdd(text, { timeZone: 'Europe/Berlin', now, projects, keepAsText: new Set([4]) });
    expect(kept).toMatchObject({ title: 'Gym every monday', recurrence: null, due: { date: '2026-03-27' } });
  });

  it('never throws, whatever the line', () => {
    const lines = [
      '',
      ' ',
      '~',
      '#',
      '!p',
      '//',
      'every',
      'every!',
      'every 0 days',
      'every feb 30',
      'remind 9999999m before',
    ];
    for (const line of lines) expect(() => parseQuickAdd(line, { timeZone: 'UTC', now, projects })).not.toThrow();
    expect(parseQuickAdd('every 0 days', { timeZone: 'UTC', now, projects }).recurrence).toBeNull();
    expect(parseQuickAdd('every feb 30', { timeZone: 'UTC', now, projects }).title).toBe('every feb 30');
  });
});
