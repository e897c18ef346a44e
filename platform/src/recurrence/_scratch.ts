import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
const z = (s: string) => Temporal.ZonedDateTime.from(s);
function show(label: string, f: () => RRuleTemporal, n = 8) {
  try { console.log(label, f().all((_, i) => i < n).map(d => d.toString())); } catch (e) { console.log(label, 'ERR', String((e as Error).message).slice(0, 200)); }
}
const d = z('2026-01-30T09:00[UTC]');
for (const s of ['FREQ=FOO', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=WEEKLY;BYDAY=9MO', 'FREQ=MONTHLY;BYDAY=9MO', 'FREQ=WEEKLY;FOO=1', 'FREQ=WEEKLY;COUNT=2;UNTIL=20260101T000000Z', 'FREQ=WEEKLY;INTERVAL=0', 'FREQ=WEEKLY;INTERVAL=x', 'FREQ=MONTHLY;BYMONTHDAY=40', 'FREQ=MONTHLY;BYMONTH=13', 'FREQ=MONTHLY;BYSETPOS=1', 'FREQ=DAILY;COUNT=-1', 'FREQ=DAILY;UNTIL=garbage', 'FREQ=DAILY;WKST=XX', 'INTERVAL=2', 'FREQ=DAILY;;', 'FREQ=DAILY;UNTIL=20260205', 'FREQ=DAILY;UNTIL=20260205T000000'])
  show(s, () => new RRuleTemporal({ rruleString: s, dtstart: d, temporal: Temporal }), 3);
const r = new RRuleTemporal({ rruleString: 'FREQ=DAILY', dtstart: d, temporal: Temporal });
const x = r.next(z('2026-02-03T00:00[UTC]'));
console.log(x instanceof Temporal.ZonedDateTime, x?.constructor.name);
