// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecurrenceRule } from '@taskwire/recurrence';
// The tasks subgraph's own resolver function for Task.nextOccurrences (what the server answers
// after saving), fed the row createTask writes for a new recurring task.
import { nextOccurrences as serverNextOccurrences } from '../../../subgraphs/tasks/src/modules/task/task.service.js';
import type { RecurrenceAnchor } from '../gql/graphql';
import { defaultModel, modelOf, rruleOf, type RecurrenceModel } from '../recurrence/presets';
import { previewOccurrences, type PreviewDue } from '../recurrence/preview';
import { RecurrenceBuilder } from './RecurrenceBuilder';

afterEach(cleanup);

/** The row the tasks subgraph stores for a NEW recurring task (series start = due value). */
function savedRow(rrule: string, timeZone: string, due: PreviewDue) {
  const dueAt = 'dateTime' in due ? new Date(due.dateTime) : null;
  const dueDate = 'date' in due ? due.date : null;
  return {
    id: 't1',
    user_id: 'u1',
    title: 'x',
    description: null,
    priority: 1,
    status: 'OPEN',
    completed_at: null,
    time_zone: timeZone,
    due_at: dueAt,
    due_date: dueDate,
    recurrence_rrule: parseRecurrenceRule(rrule, timeZone).rrule,
    recurrence_time_zone: timeZone,
    recurrence_anchor: 'SCHEDULE',
    series_id: 't1',
    occurrence: 1,
    series_start_at: dueAt,
    series_start_date: dueDate,
    created_at: new Date(),
    updated_at: new Date(),
    due_key: null,
  } as unknown as Parameters<typeof serverNextOccurrences>[0];
}

function Harness({ initial, timeZone, due }: { initial: RecurrenceModel; timeZone: string; due: PreviewDue | null }) {
  const [model, setModel] = useState(initial);
  const [anchor, setAnchor] = useState<RecurrenceAnchor>('SCHEDULE');
  return (
    <RecurrenceBuilder
      model={model}
      onChange={setModel}
      anchor={anchor}
      onAnchorChange={setAnchor}
      timeZone={timeZone}
      due={due}
    />
  );
}

const shownRule = () => screen.getByTestId('rrule').textContent;
const shownPreview = () =>
  within(screen.getByTestId('occurrence-preview'))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('data-occurrence'));

describe('recurrence presets → RRULE', () => {
  const cases: Array<[string, Partial<RecurrenceModel>, string]> = [
    ['daily', { kind: 'DAILY' }, 'FREQ=DAILY'],
    ['every 3 days', { kind: 'DAILY', interval: 3 }, 'FREQ=DAILY;INTERVAL=3'],
    ['weekdays', { kind: 'WEEKDAYS' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    [
      'weekly on chosen days (in week order)',
      { kind: 'WEEKLY', days: ['FR', 'MO', 'WE'] },
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    ],
    ['every 2 weeks on Tuesday', { kind: 'WEEKLY', interval: 2, days: ['TU'] }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
    ['monthly on the 15th', { kind: 'MONTHLY_DAY', monthDay: 15 }, 'FREQ=MONTHLY;BYMONTHDAY=15'],
    ['monthly on the last day', { kind: 'MONTHLY_DAY', monthDay: -1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['monthly on the last Friday', { kind: 'MONTHLY_WEEKDAY', ordinal: -1, weekday: 'FR' }, 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['monthly on the second Monday', { kind: 'MONTHLY_WEEKDAY', ordinal: 2, weekday: 'MO' }, 'FREQ=MONTHLY;BYDAY=2MO'],
    ['yearly', { kind: 'YEARLY' }, 'FREQ=YEARLY'],
    [
      'custom',
      { kind: 'CUSTOM', custom: 'RRULE:FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=1' },
      'FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=1',
    ],
  ];
  it.each(cases)('%s', (_, patch, expected) => {
    const rrule = rruleOf({ ...defaultModel, ...patch });
    expect(rrule).toBe(expected);
    // ...and it is already in the server's canonical form, so what is shown is what is stored.
    expect(parseRecurrenceRule(rrule!, 'Europe/Berlin').rrule).toBe(expected);
    // A stored rule opens in the builder as the same preset.
    expect(rruleOf(modelOf(expected))).toBe(expected);
  });

  it('"does not repeat" has no rule; an unknown shape opens as custom text', () => {
    expect(rruleOf(defaultModel)).toBeNull();
    expect(modelOf('FREQ=WEEKLY;BYDAY=MO;COUNT=3')).toMatchObject({
      kind: 'CUSTOM',
      custom: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3',
    });
    expect(modelOf('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR').kind).toBe('WEEKDAYS');
  });

  it('builds "the last Friday" through the controls, by keyboard-reachable selects', () => {
    render(<Harness initial={defaultModel} timeZone="Europe/Berlin" due={{ dateTime: '2026-11-27T17:00:00.000Z' }} />);
    fireEvent.change(screen.getByLabelText('Repeats'), { target: { value: 'MONTHLY_WEEKDAY' } });
    fireEvent.change(screen.getByLabelText('Which week'), { target: { value: '-1' } });
    fireEvent.change(screen.getByLabelText('Weekday'), { target: { value: 'FR' } });
    expect(shownRule()).toBe('FREQ=MONTHLY;BYDAY=-1FR');
  });

  it('builds weekly on chosen days through the checkboxes', () => {
    render(<Harness initial={defaultModel} timeZone="UTC" due={{ dateTime: '2026-11-30T09:00:00.000Z' }} />);
    fireEvent.change(screen.getByLabelText('Repeats'), { target: { value: 'WEEKLY' } });
    fireEvent.click(screen.getByLabelText('Thursday'));
    fireEvent.click(screen.getByLabelText('Monday')); // MO was preselected: now off
    fireEvent.click(screen.getByLabelText('Tuesday'));
    expect(shownRule()).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
  });
});

describe('preview before saving = Task.nextOccurrences after saving', () => {
  const cases: Array<[string, string, string, PreviewDue]> = [
    ['weekly TU,TH in Berlin', 'FREQ=WEEKLY;BYDAY=TU,TH', 'Europe/Berlin', { dateTime: '2026-12-01T08:00:00.000Z' }],
    [
      'last Friday monthly in New York',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'America/New_York',
      { dateTime: '2026-11-27T14:30:00.000Z' },
    ],
    ['daily across the spring DST change', 'FREQ=DAILY', 'Europe/Berlin', { dateTime: '2027-03-26T08:00:00.000Z' }],
    ['weekdays, all-day, in Tokyo', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Asia/Tokyo', { date: '2026-12-04' }],
    ['monthly on the 31st, all-day', 'FREQ=MONTHLY;BYMONTHDAY=31', 'UTC', { date: '2027-01-31' }],
    ['yearly from Feb 29', 'FREQ=YEARLY', 'Europe/London', { dateTime: '2028-02-29T10:00:00.000Z' }],
  ];

  it.each(cases)('%s', (_, rrule, timeZone, due) => {
    const server = serverNextOccurrences(savedRow(rrule, timeZone, due), 5);
    expect(server).toHaveLength(5);
    const preview = previewOccurrences(rrule, timeZone, due, 5);
    expect(preview).toEqual({ ok: true, occurrences: server, rrule });

    // The rendered builder lists exactly those instants.
    render(<Harness initial={modelOf(rrule)} timeZone={timeZone} due={due} />);
    expect(shownRule()).toBe(rrule);
    expect(shownPreview()).toEqual(server);
  });

  it('follows the due value as it is edited, and reports a rule the server would refuse', () => {
    const first = previewOccurrences('FREQ=WEEKLY', 'UTC', { dateTime: '2026-12-01T08:00:00.000Z' });
    const moved = previewOccurrences('FREQ=WEEKLY', 'UTC', { dateTime: '2026-12-02T08:00:00.000Z' });
    expect(first.ok && first.occurrences[0]).toBe('2026-12-08T08:00:00.000Z');
    expect(moved.ok && moved.occurrences[0]).toBe('2026-12-09T08:00:00.000Z');
    expect(previewOccurrences('FREQ=HOURLY', 'UTC', { dateTime: '2026-12-01T08:00:00.000Z' })).toMatchObject({
      ok: false,
      field: 'rrule',
    });
    expect(previewOccurrences('FREQ=DAILY', 'UTC', null)).toMatchObject({ ok: false, field: 'due' });

    render(
      <Harness
        initial={{ ...defaultModel, kind: 'CUSTOM', custom: 'FREQ=SOMETIMES' }}
        timeZone="UTC"
        due={{ dateTime: '2026-12-01T08:00:00.000Z' }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/FREQ/);
  });
});
