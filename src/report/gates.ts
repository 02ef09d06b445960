import { formatUsd } from '../util/money.js';
import type { Gate, ReportResult } from './types.js';

/**
 * What tripped a `--fail-on` gate, one phrase per budget holder or flag ("team legal $1,591.21 over
 * its $1,500.00 hard cap"), so a failed CI step says why without opening the report. Empty when the
 * gate holds.
 */
export function gateReasons(gate: Gate, result: ReportResult): string[] {
  const over = (scope: string, rows: readonly { key: string; costUsd: number; budgetUsd: number | null; status: string }[], cap: string) =>
    rows.filter((r) => r.status === 'over').map((r) => `${scope} ${r.key} ${formatUsd(r.costUsd)} over its ${formatUsd(r.budgetUsd ?? 0)} ${cap}`);
  const org = () => over('org', [{ key: 'total', ...result.org }], 'global cap');
  switch (gate) {
    case 'over-budget':
      return [...org(), ...over('team', result.byTeam, 'hard cap'), ...over('feature', result.byFeature, 'budget')];
    case 'hard-cap':
      return over('team', result.byTeam, 'hard cap');
    case 'global-cap':
      return org();
    case 'unattributed': {
      // With an invoice the gate is the unowned share of the invoice, when it can be measured (reconciliation-input.ts).
      const scope = result.reconciliation && result.reconciliation.unattributedOfInvoicePct !== null ? 'invoice' : 'org';
      return result.flags.filter((f) => f.kind === 'unattributed' && f.scope === scope).map((f) => f.message);
    }
    case 'projected-over':
      return result.forecast
        .filter((r) => r.projectedOver)
        .map((r) => `${r.scope} ${r.key} projected ${formatUsd(r.projectedUsd)} for ${r.month}, over its ${formatUsd(r.budgetUsd ?? 0)} budget`);
  }
}

/** Whether a `--fail-on` gate trips on this result. */
export function tripped(gate: Gate, result: ReportResult): boolean {
  return gateReasons(gate, result).length > 0;
}
