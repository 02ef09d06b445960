import { ConfigError } from '../util/errors.js';

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The times attrib accepts, in epoch milliseconds: the years 1970 to 9999 (UTC). Usage logs cannot
 * be older than the epoch, a later year is a corrupt or hostile value (1e20 s, a 26-digit
 * nanosecond string), and beyond 9999 a date has no `YYYY-MM-DD` form.
 */
export const MIN_TIME = 0;
export const MAX_TIME = Date.UTC(10000, 0, 1) - 1;
export const inTimeRange = (ms: number) => ms >= MIN_TIME && ms <= MAX_TIME;
export const TIME_RANGE = 'years 1970 to 9999, UTC';

/** An inclusive range of UTC days, `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}

/** Parse a `--since/--until` date (UTC, inclusive); ConfigError on anything else. */
export function parseDay(value: string, flag: string): number {
  const m = DATE.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC maps the years 0-99 to 1900-1999: the round trip below catches that, and the range
  // check keeps dates to the years attrib reads.
  if (!m || Number.isNaN(ms) || !inTimeRange(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new ConfigError(`${flag} must be a date like 2026-10-01, not ${JSON.stringify(value)}`, `Pass ${flag} YYYY-MM-DD (UTC, inclusive; ${TIME_RANGE}).`);
  }
  return ms;
}

export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Days of the calendar month containing `ms`. */
export function daysInMonth(ms: number): number {
  return Math.round((nextMonthStart(ms) - monthStart(ms)) / DAY);
}

/**
 * The report period: `--since/--until` when given, otherwise the whole calendar months the data
 * touches (from the first day of the first month to the last day of the last month). With no data
 * and no flags it is the month of `now`.
 */
export function resolvePeriod(since: number | undefined, until: number | undefined, dataMin: number | undefined, dataMax: number | undefined, now: number): Period {
  const first = since ?? monthStart(dataMin ?? until ?? now);
  const last = until ?? nextMonthStart(dataMax ?? since ?? now) - DAY;
  if (last < first) {
    throw new ConfigError(`--until (${dayString(last)}) is before --since (${dayString(first)})`, 'Swap the dates, or drop one of them.');
  }
  return { from: dayString(first), to: dayString(last) };
}

/** One month of a period: where its days inside the period start, how many they are, and of how many. */
export interface PeriodMonth {
  month: string;
  start: number;
  days: number;
  daysInMonth: number;
}

function periodBounds(period: Period): { from: number; to: number } {
  return { from: Date.parse(`${period.from}T00:00:00Z`), to: Date.parse(`${period.to}T00:00:00Z`) };
}

/** The part of the month starting at `m` that lies inside [from, to]. */
function monthSlice(m: number, from: number, to: number): PeriodMonth {
  const start = Math.max(m, from);
  const end = Math.min(nextMonthStart(m) - DAY, to);
  return { month: dayString(m).slice(0, 7), start, days: Math.round((end - start) / DAY) + 1, daysInMonth: daysInMonth(m) };
}

/** The last month of a period (the forecast month). */
export function lastPeriodMonth(period: Period): PeriodMonth {
  const { from, to } = periodBounds(period);
  return monthSlice(monthStart(to), from, to);
}

const monthNumber = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/**
 * A monthly budget (micro-dollars) prorated by the days of each month inside the period. Every month
 * between the first and the last is whole and costs exactly the monthly budget, so only the two ends
 * are prorated: constant work whatever the period's length (a step dated 9999 makes a period of
 * 96,000 months).
 */
export function proratedBudget(monthlyMicros: number, period: Period): number {
  const { from, to } = periodBounds(period);
  const share = (slice: PeriodMonth) => Math.round((monthlyMicros * slice.days) / slice.daysInMonth);
  const first = monthStart(from);
  const last = monthStart(to);
  if (first === last) return share(monthSlice(first, from, to));
  const whole = monthNumber(last) - monthNumber(first) - 1;
  return share(monthSlice(first, from, to)) + whole * monthlyMicros + share(monthSlice(last, from, to));
}

export { DAY };
