/**
 * The chargeback section of the report view (`--by chargeback`, and by default once an allocation
 * rule moved spend): each line's showback, what the allocation rules moved onto or off it, and what
 * it is charged. Built from `result.chargeback` (src/report/allocation.ts).
 */
import type { Allocation } from '../report/allocation.js';
import type { ReportResult } from '../report/types.js';
import { formatMoney } from './numbers.js';
import { type ViewRow, type ViewSection, EMPTY, column, money, signedMoney, text } from './report-cells.js';

/** Whether a rule other than `shared` placed any spend, or an invoice added unlogged spend: then the chargeback differs from the showback. */
export function allocationMoved(result: ReportResult): boolean {
  return (result.chargeback?.pools ?? []).some((pool) => pool.rule !== 'shared' || pool.pool === 'unlogged');
}

/** `unattributed proportional +$0.04; unlogged to +$1.20`: how a line's allocations came about. */
export function allocationText(allocations: readonly Allocation[]): string {
  return allocations.map((a) => `${a.pool} ${a.rule} ${a.amountUsd > 0 ? '+' : ''}${formatMoney(a.amountUsd)}`).join('; ');
}

const COLUMNS = [
  column('key', 'Feature', 'key', 'key'),
  column('team', 'Team', 'team', 'text', 6),
  column('showback', 'Showback', 'showback_usd', 'sum', 7),
  column('allocated', 'Allocated', 'allocated_usd', 'sum', 6),
  column('charged', 'Chargeback', 'chargeback_usd', 'sum', 9),
  column('allocation', 'By rule', 'allocation', 'text', 3),
];

export function chargebackSection(result: ReportResult): ViewSection {
  const cb = result.chargeback;
  const rows: ViewRow[] = (cb?.byFeature ?? []).map((row) => {
    const rule = allocationText(row.allocations) || (row.pool ? `${row.pool.pool} ${row.pool.rule}` : '');
    return {
      kind: 'row',
      cells: [text(row.key), row.team === null ? EMPTY : text(row.team), money(row.showbackUsd), signedMoney(row.allocatedUsd), money(row.chargebackUsd), rule === '' ? EMPTY : text(rule)],
    };
  });
  const showback = result.totals.costUsd;
  const allocated = cb ? (Math.round(cb.totalUsd * 1e6) - Math.round(showback * 1e6)) / 1e6 : 0;
  rows.push({ kind: 'total', cells: [text('Total'), EMPTY, money(showback), signedMoney(allocated), money(cb?.totalUsd ?? showback), EMPTY] });
  const title = cb?.basis === 'invoice' ? 'Chargeback (invoice basis: logged plus unlogged spend)' : 'Chargeback (after allocation)';
  return { id: 'chargeback', title, notes: [], columns: COLUMNS, rows, noun: 'feature', hidden: 0 };
}
