/** The two small helpers every report builder shares (both engines, the forecast, the lists). */

/** Micro-dollars -> USD with 6 decimals (exact: an integer divided once). */
export const usd = (micros: number) => micros / 1e6;

/** Strings in code-unit order (the order every list of the report is sorted in, whatever the locale). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
