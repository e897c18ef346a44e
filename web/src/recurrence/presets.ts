/**
 * The recurrence builder's model and its RRULE text. Parts are written in the order the
 * server's canonical form uses (FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, ..., BYMONTHDAY, BYDAY,
 * ..., BYSETPOS), so what the builder shows is what the server stores.
 */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const weekdayLabel: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export type PresetKind =
  'NONE' | 'DAILY' | 'WEEKDAYS' | 'WEEKLY' | 'MONTHLY_DAY' | 'MONTHLY_WEEKDAY' | 'YEARLY' | 'CUSTOM';

/** 1..4 = first..fourth, -1 = last. */
export type Ordinal = 1 | 2 | 3 | 4 | -1;
export const ordinalLabel: Record<Ordinal, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};

export interface RecurrenceModel {
  kind: PresetKind;
  /** Every N days/weeks/months/years (DAILY, WEEKLY, MONTHLY_*, YEARLY). */
  interval: number;
  /** WEEKLY: the chosen days. */
  days: Weekday[];
  /** MONTHLY_DAY: day of the month, 1..31, or -1 for the last day. */
  monthDay: number;
  /** MONTHLY_WEEKDAY: "the last Friday" = { ordinal: -1, weekday: 'FR' }. */
  ordinal: Ordinal;
  weekday: Weekday;
  /** CUSTOM: RRULE text as typed. */
  custom: string;
}

export const defaultModel: RecurrenceModel = {
  kind: 'NONE',
  interval: 1,
  days: ['MO'],
  monthDay: 1,
  ordinal: -1,
  weekday: 'FR',
  custom: 'FREQ=WEEKLY',
};

const withInterval = (freq: string, interval: number) =>
  interval > 1 ? `FREQ=${freq};INTERVAL=${interval}` : `FREQ=${freq}`;

/** RRULE text for a model (without `RRULE:`), or null for "does not repeat". */
export function rruleOf(model: RecurrenceModel): string | null {
  const interval = Math.max(1, Math.floor(model.interval) || 1);
  switch (model.kind) {
    case 'NONE':
      return null;
    case 'DAILY':
      return withInterval('DAILY', interval);
    case 'WEEKDAYS':
      return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    case 'WEEKLY': {
      const days = weekdays.filter((d) => model.days.includes(d));
      return days.length
        ? `${withInterval('WEEKLY', interval)};BYDAY=${days.join(',')}`
        : withInterval('WEEKLY', interval);
    }
    case 'MONTHLY_DAY':
      return `${withInterval('MONTHLY', interval)};BYMONTHDAY=${model.monthDay}`;
    case 'MONTHLY_WEEKDAY':
      return `${withInterval('MONTHLY', interval)};BYDAY=${model.ordinal}${model.weekday}`;
    case 'YEARLY':
      return withInterval('YEARLY', interval);
    case 'CUSTOM':
      return model.custom.trim().replace(/^RRULE:/i, '') || null;
  }
}

/**
 * The builder model for a stored rule: a preset when the rule is exactly one, else CUSTOM
 * with the text (so editing never loses parts the builder has no control for).
 */
export function modelOf(rrule: string | null | undefined): RecurrenceModel {
  if (!rrule) return defaultModel;
  const text = rrule.replace(/^RRULE:/i, '').trim();
  const parts = new Map(
    text
      .split(';')
      .filter(Boolean)
      .map((p) => {
        const [k, v = ''] = p.split('=');
        return [k!.toUpperCase(), v.toUpperCase()] as const;
      }),
  );
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY']);
  const custom: RecurrenceModel = { ...defaultModel, kind: 'CUSTOM', custom: text };
  if ([...parts.keys()].some((k) => !known.has(k)) || !Number.isInteger(interval) || interval < 1) return custom;
  const freq = parts.get('FREQ');
  const byDay = parts.get('BYDAY');
  const byMonthDay = parts.get('BYMONTHDAY');
  let model: RecurrenceModel | null = null;
  if (freq === 'DAILY' && !byDay && !byMonthDay) model = { ...defaultModel, kind: 'DAILY', interval };
  else if (freq === 'WEEKLY' && !byMonthDay) {
    const days = byDay ? byDay.split(',') : [];
    if (days.every((d): d is Weekday => (weekdays as readonly string[]).includes(d))) {
      model =
        interval === 1 && days.join(',') === 'MO,TU,WE,TH,FR'
          ? { ...defaultModel, kind: 'WEEKDAYS' }
          : { ...defaultModel, kind: 'WEEKLY', interval, days };
    }
  } else if (freq === 'MONTHLY' && byMonthDay && !byDay && /^-?\d+$/.test(byMonthDay)) {
    model = { ...defaultModel, kind: 'MONTHLY_DAY', interval, monthDay: Number(byMonthDay) };
  } else if (freq === 'MONTHLY' && byDay && !byMonthDay) {
    const m = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
    if (m)
      model = {
        ...defaultModel,
        kind: 'MONTHLY_WEEKDAY',
        interval,
        ordinal: Number(m[1]) as Ordinal,
        weekday: m[2] as Weekday,
      };
  } else if (freq === 'YEARLY' && !byDay && !byMonthDay) model = { ...defaultModel, kind: 'YEARLY', interval };
  // Only a preset that writes back exactly the same text counts (e.g. BYDAY order).
  return model && rruleOf(model) === text.toUpperCase() ? model : custom;
}
