/**
 * `--by day|week|month`: spend per period for every feature and team, and a trend per row.
 *
 * Periods are UTC days, ISO weeks (Monday to Sunday, labelled `2026-W41`) or calendar months, cut to
 * the report period (a week that starts before it counts only its days inside). Every period of the
 * report is listed, spend or not. Sums are made in integer micro-dollars from the result's day rows
 * (`daily` by team, `dailyFeatures` by feature), so each period's features, and its teams, add up to
 * that period's total exactly, whichever engine made the day rows.
 *
 * The trend compares like with like: the period holding the last day with data, up to that day
 * (say October 1-20), against the same number of days from the start of the period before (September
 * 1-20; a shorter previous month counts to its end). It needs that previous stretch inside the report
 * period: a one-month report has no previous month, so its month trend is empty. A key without spend
 * in the previous stretch is `new` when it spent in the current one.
 */
import { byCost } from './aggregate.js';
import { usd } from './numbers.js';
import { DAY, type Period, dayString } from './period.js';
import type { DaySpend } from './spikes.js';
import type { DailyFeatureRow, DailyRow } from './types.js';

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface SeriesPeriod {
  /** `2026-10-05`, `2026-W41` or `2026-10`. */
  label: string;
  /** First and last UTC day of the period inside the report period (inclusive). */
  start: string;
  end: string;
  costUsd: number;
}

export interface SeriesRow {
  key: string;
  /** Spend over the whole report period. */
  costUsd: number;
  /** Spend per period, in the order of `periods`. */
  valuesUsd: number[];
  /** Spend in the compared stretches (`compared`); null when there is nothing to compare. */
  currentUsd: number | null;
  previousUsd: number | null;
  /** Change of current over previous in percent (1 decimal); null without a previous stretch or with $0 in it. */
  trendPct: number | null;
}

export interface SeriesBlock {
  granularity: Granularity;
  periods: SeriesPeriod[];
  /** The stretches the trend compares (inclusive UTC days); null when the report holds no previous one. */
  compared: { current: { start: string; end: string }; previous: { start: string; end: string } } | null;
  /** Features (`(unattributed)` included) and teams, costliest first; each period's values sum to its `costUsd`. */
  byFeature: SeriesRow[];
  byTeam: SeriesRow[];
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** The first day of the period holding `day` (days since the epoch). */
function periodStart(granularity: Granularity, day: number): number {
  if (granularity === 'day') return day;
  if (granularity === 'week') return day - ((new Date(day * DAY).getUTCDay() + 6) % 7);
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
}

/** The first day of the period after the one starting on `start`. */
function nextStart(granularity: Granularity, start: number): number {
  if (granularity === 'day') return start + 1;
  if (granularity === 'week') return start + 7;
  const d = new Date(start * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY;
}

/** The first day of the period before the one starting on `start`. */
function previousStart(granularity: Granularity, start: number): number {
  if (granularity === 'day') return start - 1;
  if (granularity === 'week') return start - 7;
  const d = new Date(start * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1) / DAY;
}

function label(granularity: Granularity, start: number): string {
  if (granularity === 'day') return dayString(start * DAY);
  if (granularity === 'month') return dayString(start * DAY).slice(0, 7);
  // ISO week: the week belongs to the year of its Thursday, and is numbered from that year's first Thursday.
  const thursday = new Date((start + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The series of one granularity over a result's day rows. */
export function buildSeries(result: { period: Period; daily: readonly DailyRow[]; dailyFeatures: readonly DailyFeatureRow[] }, granularity: Granularity): SeriesBlock {
  const from = dayOf(result.period.from);
  const to = dayOf(result.period.to);
  const starts: number[] = [];
  for (let start = from; start <= to; start = nextStart(granularity, periodStart(granularity, start))) starts.push(start);
  /** The period of a day inside the report period: the last start at or before it (binary search). */
  const indexOf = (day: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= day) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const micros = (usdValue: number) => Math.round(usdValue * 1e6);
  const teams: DaySpend[] = result.daily.map((r) => ({ key: r.team, day: dayOf(r.date), micros: micros(r.costUsd) }));
  const features: DaySpend[] = result.dailyFeatures.map((r) => ({ key: r.feature, day: dayOf(r.date), micros: micros(r.costUsd) }));
  const inPeriod = (d: DaySpend) => d.day >= from && d.day <= to;

  const totals = starts.map(() => 0);
  for (const d of teams) if (inPeriod(d)) totals[indexOf(d.day)]! += d.micros;
  const periods: SeriesPeriod[] = starts.map((start, i) => ({
    label: label(granularity, periodStart(granularity, start)),
    start: dayString(start * DAY),
    end: dayString(Math.min(to, nextStart(granularity, periodStart(granularity, start)) - 1) * DAY),
    costUsd: usd(totals[i]!),
  }));

  // The compared stretches: the last period with data up to its last day with data, and as many days of the one before.
  const lastDay = Math.max(-Infinity, ...teams.filter(inPeriod).map((d) => d.day));
  let compared: SeriesBlock['compared'] = null;
  let windows: { current: [number, number]; previous: [number, number] } | null = null;
  if (Number.isFinite(lastDay)) {
    const currentStart = periodStart(granularity, lastDay);
    const prevStart = previousStart(granularity, currentStart);
    const prevEnd = Math.min(prevStart + (lastDay - currentStart), currentStart - 1);
    if (prevStart >= from) {
      windows = { current: [currentStart, lastDay], previous: [prevStart, prevEnd] };
      const day = (d: number) => dayString(d * DAY);
      compared = { current: { start: day(currentStart), end: day(lastDay) }, previous: { start: day(prevStart), end: day(prevEnd) } };
    }
  }

  const rows = (days: readonly DaySpend[]): SeriesRow[] => {
    const byKey = new Map<string, { values: number[]; current: number; previous: number }>();
    for (const d of days) {
      if (!inPeriod(d)) continue;
      let row = byKey.get(d.key);
      if (!row) byKey.set(d.key, (row = { values: starts.map(() => 0), current: 0, previous: 0 }));
      row.values[indexOf(d.day)]! += d.micros;
      if (windows && d.day >= windows.current[0] && d.day <= windows.current[1]) row.current += d.micros;
      if (windows && d.day >= windows.previous[0] && d.day <= windows.previous[1]) row.previous += d.micros;
    }
    return [...byKey]
      .map(([key, row]) => ({
        key,
        costUsd: usd(row.values.reduce((a, b) => a + b, 0)),
        valuesUsd: row.values.map(usd),
        currentUsd: windows ? usd(row.current) : null,
        previousUsd: windows ? usd(row.previous) : null,
        trendPct: windows && row.previous > 0 ? Math.round(((row.current - row.previous) * 1000) / row.previous) / 10 : null,
      }))
      .sort(byCost((r) => r.key));
  };
  return { granularity, periods, compared, byFeature: rows(features), byTeam: rows(teams) };
}
