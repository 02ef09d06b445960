/**
 * The chargeback section of table, markdown and csv (`--by chargeback`, and by default once an
 * allocation rule moved spend): each line's showback, what the allocation rules moved onto or off
 * it, and what it is charged. Built from `result.chargeback` (src/report/allocation.ts).
 */
import type { Allocation } from '../report/allocation.js';
import type { ReportResult } from '../report/types.js';
import { formatUsd } from '../util/money.js';
import type { Cell, Column, Section } from './report-sections.js';

const EMPTY: Cell = { type: 'empty' };

/** Whether a rule other than `shared` placed any spend, or an invoice added unlogged spend: then the chargeback differs from the showback. */
export function allocationMoved(result: ReportResult): boolean {
  return (result.chargeback?.pools ?? []).some((pool) => pool.rule !== 'shared' || pool.pool === 'unlogged');
}

/** `unattributed proportional +$0.04; unlogged to +$1.20`: how a line's allocations came about. */
export function allocationText(allocations: readonly Allocation[]): string {
  return allocations.map((a) => `${a.pool} ${a.rule} ${a.amountUsd > 0 ? '+' : ''}${formatUsd(a.amountUsd)}`).join('; ');
}

export function chargebackSection(result: ReportResult, columns: readonly Column[]): Section {
  const cb = result.chargeback;
  const rows = (cb?.byFeature ?? []).map((row) =>
    columns.map((column): Cell => {
      switch (column.id) {
        case 'key':
          return { type: 'text', text: row.key };
        case 'team':
          return row.team === null ? EMPTY : { type: 'text', text: row.team };
        case 'showback':
          return { type: 'usd', usd: row.showbackUsd };
        case 'allocated':
          return { type: 'variance', usd: row.allocatedUsd };
        case 'charged':
          return { type: 'usd', usd: row.chargebackUsd };
        case 'allocation': {
          const text = allocationText(row.allocations) || (row.pool ? `${row.pool.pool} ${row.pool.rule}` : '');
          return text === '' ? EMPTY : { type: 'text', text };
        }
        default:
          return EMPTY;
      }
    }),
  );
  const showback = result.totals.costUsd;
  const total = columns.map((column): Cell => {
    if (column.id === 'key') return { type: 'text', text: 'Total' };
    if (column.id === 'showback') return { type: 'usd', usd: showback };
    if (column.id === 'allocated') return { type: 'variance', usd: cb ? (Math.round(cb.totalUsd * 1e6) - Math.round(showback * 1e6)) / 1e6 : 0 };
    if (column.id === 'charged') return { type: 'usd', usd: cb?.totalUsd ?? showback };
    return EMPTY;
  });
  return { dimension: 'chargeback', title: cb?.basis === 'invoice' ? 'Chargeback (invoice basis: logged plus unlogged spend)' : 'Chargeback (after allocation)', columns, rows, total };
}
