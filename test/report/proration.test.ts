import { describe, expect, it } from 'vitest';
import { lastPeriodMonth, proratedBudget } from '../../src/report/period.js';

/** The definition, walked month by month: the share of each month's days inside the period. */
function walked(monthly: number, from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  let total = 0;
  for (let y = new Date(start).getUTCFullYear(), m = new Date(start).getUTCMonth(); Date.UTC(y, m, 1) <= end; m === 11 ? ((m = 0), y++) : m++) {
    const first = Math.max(Date.UTC(y, m, 1), start);
    const last = Math.min(Date.UTC(y, m + 1, 0), end);
    total += Math.round((monthly * ((last - first) / 86_400_000 + 1)) / new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  }
  return total;
}

describe('proratedBudget', () => {
  it.each([
    ['2026-10-01', '2026-10-31'],
    ['2026-10-10', '2026-10-20'],
    ['2026-01-31', '2026-03-01'],
    ['2024-02-15', '2025-02-14'],
    ['2023-12-31', '2027-01-01'],
  ])('equals the month-by-month definition from %s to %s', (from, to) => {
    for (const monthly of [1_000_000_000, 7, 333_333_333]) expect(proratedBudget(monthly, { from, to })).toBe(walked(monthly, from, to));
  });

  it('prorates only the two ends of a 96,000-month period (1970-01-15 to 9999-12-10), by hand', () => {
    // January 1970: 17 of 31 days; December 9999: 10 of 31 days; 12 x 8,030 years = 96,360 months in
    // all, so 96,358 whole months between the two ends.
    const monthly = 3_100_000_000; // $3,100 a month: $100 a day in a 31-day month
    const expected = 17 * 100_000_000 + (96_360 - 2) * monthly + 10 * 100_000_000;
    expect(proratedBudget(monthly, { from: '1970-01-15', to: '9999-12-10' })).toBe(expected);
  });

  it('the last month of a period is its forecast month, cut at the period end', () => {
    expect(lastPeriodMonth({ from: '1970-01-01', to: '9999-12-10' })).toEqual({ month: '9999-12', start: Date.UTC(9999, 11, 1), days: 10, daysInMonth: 31 });
    expect(lastPeriodMonth({ from: '2026-10-12', to: '2026-10-20' })).toMatchObject({ month: '2026-10', days: 9 });
  });
});
