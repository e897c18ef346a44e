import { useId, useMemo } from 'react';
import type { RecurrenceAnchor } from '../gql/graphql';
import { formatDate, formatWeekdayDateTime } from '../format';
import {
  ordinalLabel,
  rruleOf,
  weekdayLabel,
  weekdays,
  type Ordinal,
  type PresetKind,
  type RecurrenceModel,
  type Weekday,
} from '../recurrence/presets';
import { previewOccurrences, type PreviewDue } from '../recurrence/preview';
import { FieldError } from './FieldError';

const presetLabels: Array<[PresetKind, string]> = [
  ['NONE', 'Does not repeat'],
  ['DAILY', 'Daily'],
  ['WEEKDAYS', 'Every weekday (Mon–Fri)'],
  ['WEEKLY', 'Weekly on chosen days'],
  ['MONTHLY_DAY', 'Monthly on a day'],
  ['MONTHLY_WEEKDAY', 'Monthly on a weekday (e.g. the last Friday)'],
  ['YEARLY', 'Yearly'],
  ['CUSTOM', 'Custom RRULE'],
];

const unitOf: Partial<Record<PresetKind, string>> = {
  DAILY: 'day(s)',
  WEEKLY: 'week(s)',
  MONTHLY_DAY: 'month(s)',
  MONTHLY_WEEKDAY: 'month(s)',
  YEARLY: 'year(s)',
};

export interface RecurrenceBuilderProps {
  model: RecurrenceModel;
  onChange(model: RecurrenceModel): void;
  anchor: RecurrenceAnchor;
  onAnchorChange(anchor: RecurrenceAnchor): void;
  timeZone: string;
  /** The task's due value as being edited: the series start the preview counts from. */
  due: PreviewDue | null;
  /** Server message for `recurrence.rrule` / `recurrence.timeZone`. */
  error?: string | undefined;
}

export function RecurrenceBuilder({
  model,
  onChange,
  anchor,
  onAnchorChange,
  timeZone,
  due,
  error,
}: RecurrenceBuilderProps) {
  const id = useId();
  const rrule = rruleOf(model);
  // Keyed by the due value, not the object: the task form builds a new one on every render.
  const dueDateTime = due && 'dateTime' in due ? due.dateTime : null;
  const dueDate = due && 'date' in due ? due.date : null;
  const preview = useMemo(() => {
    const start = dueDateTime !== null ? { dateTime: dueDateTime } : dueDate !== null ? { date: dueDate } : null;
    return rrule ? previewOccurrences(rrule, timeZone, start, 5) : null;
  }, [rrule, timeZone, dueDateTime, dueDate]);
  const set = (patch: Partial<RecurrenceModel>) => onChange({ ...model, ...patch });
  const unit = unitOf[model.kind];

  return (
    <fieldset className="recurrence" aria-describedby={`${id}-rule`}>
      <legend>Repeat</legend>
      <label>
        Repeats
        <select value={model.kind} onChange={(e) => set({ kind: e.target.value as PresetKind })} aria-label="Repeats">
          {presetLabels.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>

      {unit && (
        <label className="inline">
          Every
          <input
            type="number"
            min={1}
            max={999}
            value={model.interval}
            onChange={(e) => set({ interval: Number(e.target.value) || 1 })}
            aria-label="Interval"
            className="narrow"
          />
          {unit}
        </label>
      )}

      {model.kind === 'WEEKLY' && (
        <fieldset className="weekdays">
          <legend>On</legend>
          {weekdays.map((d) => (
            <label key={d} className="inline day">
              <input
                type="checkbox"
                checked={model.days.includes(d)}
                onChange={() =>
                  set({ days: model.days.includes(d) ? model.days.filter((x) => x !== d) : [...model.days, d] })
                }
                aria-label={weekdayLabel[d]}
              />
              {d.charAt(0) + d.charAt(1).toLowerCase()}
            </label>
          ))}
        </fieldset>
      )}

      {model.kind === 'MONTHLY_DAY' && (
        <label className="inline">
          On day
          <select
            value={model.monthDay}
            onChange={(e) => set({ monthDay: Number(e.target.value) })}
            aria-label="Day of month"
          >
            {Array.from({ length: 31 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            <option value={-1}>last day</option>
          </select>
        </label>
      )}

      {model.kind === 'MONTHLY_WEEKDAY' && (
        <span className="inline">
          <label className="inline">
            On the
            <select
              value={model.ordinal}
              onChange={(e) => set({ ordinal: Number(e.target.value) as Ordinal })}
              aria-label="Which week"
            >
              {([1, 2, 3, 4, -1] as Ordinal[]).map((o) => (
                <option key={o} value={o}>
                  {ordinalLabel[o]}
                </option>
              ))}
            </select>
          </label>
          <select
            value={model.weekday}
            onChange={(e) => set({ weekday: e.target.value as Weekday })}
            aria-label="Weekday"
          >
            {weekdays.map((d) => (
              <option key={d} value={d}>
                {weekdayLabel[d]}
              </option>
            ))}
          </select>
        </span>
      )}

      {model.kind === 'CUSTOM' && (
        <label>
          RRULE
          <input
            value={model.custom}
            onChange={(e) => set({ custom: e.target.value })}
            placeholder="FREQ=MONTHLY;BYDAY=-1FR"
            spellCheck={false}
            aria-invalid={!!error || (preview?.ok === false && preview.field === 'rrule')}
          />
        </label>
      )}

      {rrule && (
        <>
          <p className="hint" id={`${id}-rule`}>
            Rule: <code data-testid="rrule">{rrule}</code> ({timeZone})
          </p>
          <label>
            Next instance after completing
            <select value={anchor} onChange={(e) => onAnchorChange(e.target.value as RecurrenceAnchor)}>
              <option value="SCHEDULE">follows the schedule</option>
              <option value="COMPLETION">is counted from when I complete it</option>
            </select>
          </label>
          <FieldError message={error} />
          {preview && !preview.ok && <FieldError message={preview.message} />}
          {preview?.ok && (
            <div className="preview">
              <span id={`${id}-preview`}>Next {preview.occurrences.length} occurrences</span>
              <ol aria-labelledby={`${id}-preview`} data-testid="occurrence-preview">
                {preview.occurrences.map((iso) => (
                  <li key={iso} data-occurrence={iso}>
                    {due && 'date' in due ? formatDate(iso.slice(0, 10)) : formatWeekdayDateTime(iso)}
                  </li>
                ))}
              </ol>
              {preview.occurrences.length === 0 && <span className="hint">The rule yields no further dates.</span>}
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
