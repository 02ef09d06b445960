/**
 * `attrib report --invoice`: the logged side of the reconciliation (spend per provider, split as the
 * report attributed it) and the `unattributed` gate measured against the invoice.
 */
import { applyChargeback } from './allocation.js';
import type { Analysis } from './index.js';
import { type Invoice, type LoggedSpend, type Reconciliation, reconcile } from './invoice.js';
import { type PriceTable, matchModel } from './pricing-table.js';
import { formatUsd } from '../util/money.js';

/** Provider name of spend whose provider the logs do not say and no price entry knows (tool calls). */
export const NO_PROVIDER = '(none)';

/**
 * Logged spend of the report's counted steps per provider, in integer micro-dollars. A step's provider
 * is the one it logged, else the provider of the price-table entry its model matches (Langfuse
 * generations name no provider), else `(none)`: spend no provider invoices, such as a paid tool call.
 */
export function loggedSpendByProvider(analysis: Analysis, table?: PriceTable): LoggedSpend[] {
  const spend = new Map<string, LoggedSpend>();
  const inferred = new Map<string, string>();
  for (let i = 0; i < analysis.size; i++) {
    const s = analysis.step(i);
    if (!s.counted) continue;
    let provider = s.provider?.toLowerCase() ?? null;
    if (provider === null && s.model !== null && table) {
      let known = inferred.get(s.model);
      if (known === undefined) {
        known = matchModel(table, s.model)?.entry.provider?.toLowerCase() ?? NO_PROVIDER;
        inferred.set(s.model, known);
      }
      provider = known;
    }
    provider ??= NO_PROVIDER;
    const row = spend.get(provider) ?? { provider, attributedMicros: 0, unattributedMicros: 0 };
    const cost = Math.round(s.costUsd * 1e6);
    if (s.status === 'attributed') row.attributedMicros += cost;
    else row.unattributedMicros += cost;
    spend.set(provider, row);
  }
  return [...spend.values()].sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
}

/**
 * Puts the reconciliation on the result and, when `--fail-on unattributed` was asked for, re-decides
 * that gate on the share of the invoice nobody owns (invoice - attributed) instead of the share of
 * the logs: spend that never reached the logs is unattributed too. When that share cannot be
 * measured (the attributed spend alone exceeds the invoice), the gate stays on the logs' share.
 */
export function applyInvoice(analysis: Analysis, invoice: Invoice, maxPct: number, table?: PriceTable): Reconciliation {
  const result = analysis.result;
  const reconciliation = reconcile(invoice, loggedSpendByProvider(analysis, table), result.period);
  result.reconciliation = reconciliation;
  const over = unattributedOverInvoice(reconciliation, maxPct);
  if (over) {
    const share = reconciliation.unattributedOfInvoicePct;
    result.flags.push({
      kind: 'unattributed',
      scope: 'invoice',
      key: 'invoice',
      message: `${share}% of the invoice (${formatUsd(reconciliation.unownedUsd)} of ${formatUsd(reconciliation.invoiceUsd)}) is unowned (unlogged or unattributed), above the ${maxPct}% the taxonomy allows`,
    });
  }
  if (result.gates.failOn.includes('unattributed') && reconciliation.unattributedOfInvoicePct !== null) {
    const others = result.gates.tripped.filter((g) => g !== 'unattributed');
    result.gates.tripped = result.gates.failOn.filter((g) => (g === 'unattributed' ? over : others.includes(g)));
  }
  // The unlogged pool exists now: the chargeback is recomputed with it, so it adds up to the invoice.
  applyChargeback(result, analysis.allocation);
  return reconciliation;
}

/** Whether the unowned share of the invoice breaches `org.unattributed_max_pct`. */
export function unattributedOverInvoice(reconciliation: Reconciliation, maxPct: number): boolean {
  return reconciliation.unattributedOfInvoicePct !== null && reconciliation.unattributedOfInvoicePct > maxPct;
}
