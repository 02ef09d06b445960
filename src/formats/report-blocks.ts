/**
 * The sections of the report view that `--by` does not pick: invoice reconciliation (`--invoice`)
 * and why spend changed (`--compare`). The core returns the figures; the words are here.
 */
import type { Comparison, ChangeRow } from '../report/compare.js';
import type { Reconciliation, ReconciliationFigures } from '../report/invoice.js';
import { formatCount, formatMoney, formatSignedMoney, formatSignedPct } from './numbers.js';
import { type ViewCell, type ViewRow, type ViewSection, EMPTY, column, money, signedMoney, text } from './report-cells.js';
import { pushAll } from '../util/arrays.js';

/**
 * The unowned share of the invoice, or in words why there is none: when the logs exceed the
 * invoice, `invoice - attributed` is negative and a percentage of it (-608.1%) means nothing.
 */
function unownedShare(f: ReconciliationFigures): ViewCell {
  if (f.unownedUsd !== null && f.unownedUsd < 0) return text(`none: attributed logs exceed the invoice by ${formatMoney(-f.unownedUsd)}`);
  return f.unattributedOfInvoicePct === null ? EMPTY : { type: 'percent', pct: f.unattributedOfInvoicePct };
}

function figures(scope: string, f: ReconciliationFigures, kind: ViewRow['kind']): ViewRow {
  return {
    kind,
    cells: [text(scope), money(f.invoiceUsd), money(f.loggedUsd), signedMoney(f.unloggedUsd), money(f.attributedUsd), money(f.unattributedUsd), money(f.unownedUsd), unownedShare(f)],
  };
}

const RECONCILIATION_COLUMNS = [
  column('provider', 'Provider', 'provider', 'key'),
  column('invoice', 'Invoice', 'invoice_usd', 'sum', 9),
  column('logged', 'Logged', 'logged_usd', 'sum', 8),
  column('unlogged', 'Unlogged', 'unlogged_usd', 'sum', 7),
  column('attributed', 'Attributed', 'attributed_usd', 'sum', 5),
  column('unattributed', 'Unattributed', 'unattributed_usd', 'sum', 4),
  column('unowned', 'Unowned', 'unowned_usd', 'sum', 6),
  column('unownedShare', 'Unowned share', 'unowned_share_pct', 'number', 7),
];

/** One row per provider the invoice names (and logged providers it does not), then the invoice as a whole. */
export function reconciliationSection(r: Reconciliation): ViewSection {
  const notes = [
    'unlogged = invoice - logged (spend that never reached the logs); unowned = invoice - attributed; --fail-on unattributed uses the unowned share.',
  ];
  if (r.unloggedUsd < 0) notes.push(`The logs exceed the invoice by ${formatMoney(-r.unloggedUsd)}: the invoice may be incomplete, or cover a shorter period than the logs.`);
  if (r.loggedNotInvoicedUsd !== 0) notes.push(`Logged spend of providers not on the invoice: ${formatMoney(r.loggedNotInvoicedUsd)} (not in the total row).`);
  if (r.outsidePeriodUsd !== 0) notes.push(`Invoice lines outside the report period, left out: ${formatMoney(r.outsidePeriodUsd)}.`);
  pushAll(notes, r.notes);
  const rows = r.byProvider.map((p) => figures(p.provider, p, 'row'));
  rows.push(figures(r.byProvider.length > 0 ? 'Invoiced providers' : 'Total', r, 'total'));
  return { id: 'reconciliation', title: `Invoice reconciliation (${r.file ?? 'amount given'})`, notes, columns: RECONCILIATION_COLUMNS, rows, noun: 'provider', hidden: 0 };
}

const perRun = (value: number | null) => (value === null ? '–' : formatMoney(value));

function changeRow(row: ChangeRow): ViewRow {
  return {
    kind: 'row',
    cells: [
      text(row.key),
      money(row.previousUsd),
      money(row.currentUsd),
      signedMoney(row.changeUsd),
      row.changePct === null ? EMPTY : { type: 'percent', pct: row.changePct, signed: true },
      signedMoney(row.volumeUsd),
      signedMoney(row.unitCostUsd),
      signedMoney(row.mixUsd),
      text(`${formatCount(row.previousRuns)} → ${formatCount(row.currentRuns)}`),
      text(`${perRun(row.previousCostPerRunUsd)} → ${perRun(row.currentCostPerRunUsd)}`),
    ],
  };
}

function changeColumns(key: string) {
  return [
    column('key', key, 'key', 'key'),
    column('previous', 'Before', 'previous_usd', 'sum', 3),
    column('current', 'After', 'current_usd', 'sum', 4),
    column('change', 'Change', 'change_usd', 'sum', 9),
    column('changePct', 'Change %', 'change_pct', 'number', 5),
    column('volume', 'Volume', 'volume_usd', 'sum', 7),
    column('unitCost', 'Unit cost', 'unit_cost_usd', 'sum', 7),
    column('mix', 'Model mix', 'mix_usd', 'sum', 7),
    column('runs', 'Runs', 'runs', 'text', 2),
    column('costPerRun', 'Cost/run', 'cost_per_run', 'text', 2),
  ];
}

/** The headline of a comparison: before, after, and the change split into its three effects. */
export function comparisonHeadline(c: Comparison): string {
  const t = c.totals;
  const pct = t.changePct === null ? '' : ` (${formatSignedPct(t.changePct)})`;
  return `${c.previousPeriod.from} to ${c.previousPeriod.to}: ${formatMoney(t.previousUsd)} → ${c.currentPeriod.from} to ${c.currentPeriod.to}: ${formatMoney(t.currentUsd)}, change ${formatSignedMoney(t.changeUsd)}${pct} = volume ${formatSignedMoney(t.volumeUsd)} + unit cost ${formatSignedMoney(t.unitCostUsd)} + model mix ${formatSignedMoney(t.mixUsd)}`;
}

/** The features and the teams whose spend changed, biggest movers first (the JSON has every row). */
export function comparisonSections(c: Comparison): ViewSection[] {
  return (
    [
      ['feature', 'Feature', c.byFeature],
      ['team', 'Team', c.byTeam],
    ] as const
  ).map(([noun, key, rows]) => ({
    id: `comparison-${noun}`,
    title: `Why spend changed: by ${noun}`,
    notes: noun === 'feature' ? [comparisonHeadline(c)] : [],
    columns: changeColumns(key),
    rows: rows.filter((r) => r.changeUsd !== 0).map(changeRow),
    noun,
    hidden: 0,
    emptyText: 'No changes.',
  }));
}
