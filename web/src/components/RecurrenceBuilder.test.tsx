// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecurrenceRule } from '@taskwire/recurrence';
import type { RecurrenceAnchor } from '../gql/graphql';
import { defaultModel, modelOf, rruleOf, type RecurrenceModel } from '../recurrence/presets';
import { previewOccurrences, type PreviewDue } from '../recurrence/preview';
import { RecurrenceBuilder } from './RecurrenceBuilder';

afterEach(cleanup);

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
  // What Task.nextOccurrences answers once a NEW series with this rule and due value is saved
  // (the series starts at its due value; all-day instances are local midnight in the zone).
  // The tasks subgraph computes them with the same @taskwire/recurrence engine; test/recurrence.e2e.test.ts
  // checks its answers through the gateway.
  const cases: Array<[string, string, string, PreviewDue, string[]]> = [
    [
      'weekly TU,TH in Berlin',
      'FREQ=WEEKLY;BYDAY=TU,TH',
      'Europe/Berlin',
      { dateTime: '2026-12-01T08:00:00.000Z' },
      [
        '2026-12-03T08:00:00.000Z',
        '2026-12-08T08:00:00.000Z',
        '2026-12-10T08:00:00.000Z',
        '2026-12-15T08:00:00.000Z',
        '2026-12-17T08:00:00.000Z',
      ],
    ],
    [
      'last Friday monthly in New York (09:30 local, across the March DST change)',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'America/New_York',
      { dateTime: '2026-11-27T14:30:00.000Z' },
      [
        '2026-12-25T14:30:00.000Z',
        '2027-01-29T14:30:00.000Z',
        '2027-02-26T14:30:00.000Z',
        '2027-03-26T13:30:00.000Z',
        '2027-04-30T13:30:00.000Z',
      ],
    ],
    [
      'daily across the spring DST change',
      'FREQ=DAILY',
      'Europe/Berlin',
      { dateTime: '2027-03-26T08:00:00.000Z' },
      [
        '2027-03-27T08:00:00.000Z',
        '2027-03-28T07:00:00.000Z',
        '2027-03-29T07:00:00.000Z',
        '2027-03-30T07:00:00.000Z',
        '2027-03-31T07:00:00.000Z',
      ],
    ],
    [
      'weekdays, all-day, in Tokyo',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      'Asia/Tokyo',
      { date: '2026-12-04' },
      [
        '2026-12-07T00:00:00+09:00',
        '2026-12-08T00:00:00+09:00',
        '2026-12-09T00:00:00+09:00',
        '2026-12-10T00:00:00+09:00',
        '2026-12-11T00:00:00+09:00',
      ],
    ],
    [
      'monthly on the 31st, all-day (months without a 31st are skipped)',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'UTC',
      { date: '2027-01-31' },
      [
        '2027-03-31T00:00:00+00:00',
        '2027-05-31T00:00:00+00:00',
        '2027-07-31T00:00:00+00:00',
        '2027-08-31T00:00:00+00:00',
        '2027-10-31T00:00:00+00:00',
      ],
    ],
    [
      'yearly from Feb 29 (leap years only)',
      'FREQ=YEARLY',
      'Europe/London',
      { dateTime: '2028-02-29T10:00:00.000Z' },
      [
        '2032-02-29T10:00:00.000Z',
        '2036-02-29T10:00:00.000Z',
        '2040-02-29T10:00:00.000Z',
        '2044-02-29T10:00:00.000Z',
        '2048-02-29T10:00:00.000Z',
      ],
    ],
  ];

  it.each(cases)('%s', (_, rrule, timeZone, due, server) => {
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
