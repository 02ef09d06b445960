/**
 * How the month-end forecast projects a budget holder's spend. Once a week of the month has
 * elapsed, the recent daily run-rate leads: spend so far plus the average of the last 7 days with
 * data, for every day left (a feature that launched or was switched off mid-month is projected at
 * its current pace, not at its month average). Before that there is no week to average, and the
 * projection is linear: spend so far scaled by days in the month over days elapsed.
 */

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
