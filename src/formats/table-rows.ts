import type Table from 'cli-table3';
import { formatCount } from './numbers.js';

/**
 * Rows a terminal table shows. cli-table3 hands every row of a table with a header to one call as
 * arguments (`push.apply`), which overflows the stack from about 125k rows; a table that long is
 * not read on a terminal anyway. The rest are counted in a last row (json and csv list them all).
 */
export const MAX_TABLE_ROWS = 1000;

/** Push `items` as rows (at most MAX_TABLE_ROWS, then one row counting the others). */
export function pushRows<T>(table: Table.Table, items: readonly T[], toRow: (item: T, index: number) => string[], width: number): void {
  const shown = Math.min(items.length, MAX_TABLE_ROWS);
  for (let i = 0; i < shown; i++) table.push(toRow(items[i]!, i));
  if (items.length > shown) {
    const rest = items.length - shown;
    table.push([{ colSpan: width, content: `… ${formatCount(rest)} more ${rest === 1 ? 'row' : 'rows'} (--format json or csv lists them all)` }]);
  }
}
