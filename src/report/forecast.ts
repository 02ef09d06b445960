/**
 * How the month-end forecast projects a budget holder's spend. Once a week of the month has
 * elapsed, the recent daily run-rate leads: spend so far plus the average of the last 7 days with
 * data, for every day left (a feature that launched or was switched off mid-month is projected at
 * its current pace, not at its month average). Before that there is no week to average, and the
 * projection is linear: spend so far scaled by days in the month over days elapsed.
 *
 * Both engines build the forecast here, from the same input: spend per UTC day of each feature,
 * each team and the organisation (the JS engine from its day groups, the SQL engine from the
 * contract's day views), so they cannot differ on it.
 */
import type { Taxonomy } from '../taxonomy/types.js';
import { formatUsd } from '../util/money.js';
import { cmp, usd } from './numbers.js';
import { DAY, type Period, lastPeriodMonth } from './period.js';
import type { DaySpend } from './spikes.js';
import type { Flag, ForecastRow } from './types.js';

/** Days the run-rate averages; also the days that must have elapsed before it is used. */
export const RUN_RATE_DAYS = 7;

export type ForecastMethod = 'run-rate-7d' | 'linear';

export interface Projection {
  method: ForecastMethod;
  /** Micro-dollars projected for the month by `method`. */
  projected: number;
  /** The linear projection, whatever the method (what the forecast said before run-rates). */
  linear: number;
  /** Micro-dollars a day over the last RUN_RATE_DAYS days; null for `linear`. */
  runRateDaily: number | null;
}

/**
 * `costToDate`: micro-dollars from the month's first day to the last day with data (`elapsed`
 * days of the month's `days`); `lastWeek`: micro-dollars of the last RUN_RATE_DAYS of those days.
 */
export function projectMonth(costToDate: number, lastWeek: number, elapsed: number, days: number): Projection {
  const linear = Math.round((costToDate * days) / elapsed);
  if (elapsed < RUN_RATE_DAYS) return { method: 'linear', projected: linear, linear, runRateDaily: null };
  return { method: 'run-rate-7d', projected: costToDate + Math.round((lastWeek * (days - elapsed)) / RUN_RATE_DAYS), linear, runRateDaily: Math.round(lastWeek / RUN_RATE_DAYS) };
}

/**
 * Days of the period's last month elapsed when the data ends (`dataMax`, epoch ms) inside that month
 * but before the period does; undefined when there is nothing to project.
 */
export function forecastElapsed(period: Period, dataMax: number): number | undefined {
  const lastMonth = lastPeriodMonth(period);
  const periodEnd = Date.parse(`${period.to}T00:00:00Z`);
  const lastDay = Math.floor(dataMax / DAY) * DAY;
  if (!Number.isFinite(dataMax) || lastDay >= periodEnd || lastDay < lastMonth.start) return undefined;
  return Math.round((lastDay - lastMonth.start) / DAY) + 1;
}

export interface ForecastInput {
  period: Period;
  /** Epoch ms of the last counted step (-Infinity without any). */
  dataMax: number;
  taxonomy: Taxonomy;
  /** Spend per UTC day of each named feature and team (unattributed spend left out). */
  features: readonly DaySpend[];
  teams: readonly DaySpend[];
  /** Spend per UTC day of the whole organisation, unattributed included (keys are ignored). */
  org: readonly DaySpend[];
}

/**
 * When the data ends before the period's last month does, project that month for every budget
 * holder of the taxonomy (the last day with data counts as elapsed); a `projected-over` flag for
 * each projection above its budget prorated over the month's days in the period.
 */
export function monthForecast(input: ForecastInput): { rows: ForecastRow[]; flags: Flag[] } {
  const { period, taxonomy } = input;
  const elapsed = forecastElapsed(period, input.dataMax);
  if (elapsed === undefined) return { rows: [], flags: [] };
  const lastMonth = lastPeriodMonth(period);
  const monthFrom = lastMonth.start / DAY;
  const weekFrom = Math.floor(input.dataMax / DAY) - (RUN_RATE_DAYS - 1);
  /** Cost to date and of the run-rate's week, by key. */
  const sums = (days: readonly DaySpend[]) => {
    const byKey = new Map<string, { cost: number; week: number }>();
    for (const { key, day, micros } of days) {
      if (day < monthFrom) continue;
      let sum = byKey.get(key);
      if (!sum) byKey.set(key, (sum = { cost: 0, week: 0 }));
      sum.cost += micros;
      if (day >= weekFrom) sum.week += micros;
    }
    return byKey;
  };
  const rows: ForecastRow[] = [];
  const flags: Flag[] = [];
  const project = (scope: ForecastRow['scope'], key: string, sum: { cost: number; week: number } | undefined, monthlyUsd: number | undefined) => {
    const { cost, week } = sum ?? { cost: 0, week: 0 };
    const p = projectMonth(cost, week, elapsed, lastMonth.days);
    const projected = p.projected;
    const budget = monthlyUsd === undefined ? null : Math.round((Math.round(monthlyUsd * 1e6) * lastMonth.days) / lastMonth.daysInMonth);
    const over = budget !== null && projected > budget;
    rows.push({
      scope,
      key,
      month: lastMonth.month,
      costToDateUsd: usd(cost),
      projectedUsd: usd(projected),
      budgetUsd: budget === null ? null : usd(budget),
      projectedOver: over,
      method: p.method,
      linearProjectedUsd: usd(p.linear),
      runRateDailyUsd: p.runRateDaily === null ? null : usd(p.runRateDaily),
    });
    if (over) {
      flags.push({
        kind: 'projected-over',
        scope,
        key,
        message: `${scope === 'org' ? 'the organisation' : `${scope} ${key}`} is on course for ${formatUsd(usd(projected))} in ${lastMonth.month} (${elapsed} of ${lastMonth.days} days elapsed${p.runRateDaily === null ? ', projected linearly' : `, at the last ${RUN_RATE_DAYS} days' ${formatUsd(usd(p.runRateDaily))} a day`}), over its ${formatUsd(usd(budget))} budget`,
      });
    }
  };
  const features = sums(input.features);
  const teams = sums(input.teams);
  const org = sums(input.org.map((d) => ({ ...d, key: 'org' })));
  for (const [name, f] of taxonomy.features) project('feature', name, features.get(name), f.budget?.monthlyUsd);
  for (const [name, t] of taxonomy.teams) project('team', name, teams.get(name), t.budget?.monthlyUsd);
  project('org', 'org', org.get('org'), taxonomy.org.budget?.monthlyUsd);
  return { rows: rows.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.key, b.key)), flags };
}
