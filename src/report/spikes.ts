/**
 * `spend-spike`: a day whose spend for one feature or tenant is far above its own recent baseline.
 * The baseline is robust to the odd big day: the median of the days with spend among the previous
 * 14 days, and the median absolute deviation (MAD) around it. A day is a spike when
 *   - at least 7 of the previous 14 days had spend (the minimum history: a weekly job has no daily
 *     baseline to speak of),
 *   - it cost at least $5 (the floor: tiny spend never flags, however steady it was), and
 *   - it cost more than median + 5 x MAD. A MAD of 0 (perfectly steady spend) is taken as 10% of
 *     the median, so steady spend flags only above 1.5x its median.
 * Days without spend are left out of the baseline rather than counted as $0: a workload that runs
 * every other day would otherwise have a baseline of nothing and flag on every day it runs.
 */
import { formatUsd } from '../util/money.js';
import { dayString } from './period.js';
import type { Flag } from './types.js';

export const SPIKE_RULE = {
  /** Days before the day looked at that make its baseline. */
  windowDays: 14,
  /** Days with spend among those `windowDays` that a key needs before a day can be a spike. */
  minHistoryDays: 7,
  /** How many MADs above the median a spike is. */
  k: 5,
  /** A day below this never flags (micro-dollars: $5). */
  floorMicros: 5_000_000,
  /** A MAD of 0 becomes this share (percent) of the median. */
  steadyMadPct: 10,
} as const;

/** Spend of one key on one UTC day (`day`: days since the epoch). */
export interface DaySpend {
  key: string;
  day: number;
  micros: number;
}

function median(sorted: readonly number[]): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

const ascending = (a: number, b: number) => a - b;

/** Every spike of every key, in key then date order. */
export function spendSpikes(scope: 'feature' | 'tenant', days: readonly DaySpend[]): Flag[] {
  const byKey = new Map<string, Map<number, number>>();
  for (const { key, day, micros } of days) {
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = new Map()));
    series.set(day, (series.get(day) ?? 0) + micros);
  }
  const flags: Flag[] = [];
  const { windowDays, minHistoryDays, k, floorMicros, steadyMadPct } = SPIKE_RULE;
  for (const key of [...byKey.keys()].sort()) {
    const series = byKey.get(key)!;
    for (const day of [...series.keys()].sort(ascending)) {
      const cost = series.get(day)!;
      if (cost < floorMicros) continue;
      const window: number[] = [];
      for (let d = day - windowDays; d < day; d++) {
        const spent = series.get(d);
        if (spent !== undefined && spent > 0) window.push(spent);
      }
      if (window.length < minHistoryDays) continue;
      window.sort(ascending);
      const mid = median(window);
      const deviations = window.map((v) => Math.abs(v - mid)).sort(ascending);
      const mad = median(deviations) || (mid * steadyMadPct) / 100;
      const threshold = mid + k * mad;
      if (cost <= threshold) continue;
      const usd = (micros: number) => formatUsd(Math.round(micros) / 1e6);
      flags.push({
        kind: 'spend-spike',
        scope,
        key,
        date: dayString(day * 86_400_000),
        message: `${scope} ${key} spent ${usd(cost)} on ${dayString(day * 86_400_000)}, above its baseline of ${usd(mid)} a day (median of the ${window.length} days with spend among the previous ${windowDays}; spike threshold median + ${k} x MAD = ${usd(threshold)})`,
      });
    }
  }
  return flags;
}
