/**
 * The optional blocks of the table and markdown reports: invoice reconciliation (`--invoice`) and
 * why spend changed (`--compare`), as typed cells so each format renders them its own way (colour,
 * escaping), like the sections of report-sections.ts.
 */
import type { Comparison, ChangeRow } from '../report/compare.js';
import type { Reconciliation, ReconciliationFigures } from '../report/invoice.js';
import { type Cell, type Column, formatCount } from './report-sections.js';
import { formatUsd } from '../util/money.js';
import { pushAll } from '../util/arrays.js';

export interface Block {
  title: string;
  /** Lines under the title: what the figures mean, notes about the input. */
  notes: string[];
  columns: readonly Pick<Column, 'label' | 'align'>[];
  rows: Cell[][];
}

const EMPTY: Cell = { type: 'empty' };
const usd = (value: number | null): Cell => (value === null ? EMPTY : { type: 'usd', usd: value });
const signed = (value: number | null): Cell => (value === null ? EMPTY : { type: 'variance', usd: value });
const right = (label: string) => ({ label, align: 'right' as const });

function figures(scope: string, f: ReconciliationFigures): Cell[] {
  return [
    { type: 'text', text: scope },
    usd(f.invoiceUsd),
    usd(f.loggedUsd),
    signed(f.unloggedUsd),
    usd(f.attributedUsd),
    usd(f.unattributedUsd),
    usd(f.unownedUsd),
    f.unattributedOfInvoicePct === null ? EMPTY : { type: 'pct', pct: f.unattributedOfInvoicePct },
  ];
}

/** One row for the invoice as a whole, then one per provider it names (and logged providers it does not). */
export function reconciliationBlock(r: Reconciliation): Block {
  const notes = [
    'unlogged = invoice - logged (spend that never reached the logs); unowned = invoice - attributed; --fail-on unattributed uses the unowned share.',
  ];
  if (r.loggedNotInvoicedUsd !== 0) notes.push(`Logged spend of providers not on the invoice: ${formatUsd(r.loggedNotInvoicedUsd)} (not in the total row).`);
  if (r.outsidePeriodUsd !== 0) notes.push(`Invoice lines outside the report period, left out: ${formatUsd(r.outsidePeriodUsd)}.`);
  pushAll(notes, r.notes);
  return {
    title: `Invoice reconciliation (${r.file ?? 'amount given'})`,
    notes,
    columns: [{ label: 'Provider', align: 'left' }, right('Invoice'), right('Logged'), right('Unlogged'), right('Attributed'), right('Unattributed'), right('Unowned'), right('Unowned share')],
    rows: [figures(r.byProvider.length > 0 ? 'Invoiced providers' : 'Total', r), ...r.byProvider.map((p) => figures(p.provider, p))],
  };
}

const perRun = (value: number | null) => (value === null ? '–' : formatUsd(value));

function changeRow(row: ChangeRow): Cell[] {
  return [
    { type: 'text', text: row.key },
    signed(row.changeUsd),
    signed(row.volumeUsd),
    signed(row.unitCostUsd),
    signed(row.mixUsd),
    { type: 'text', text: `${formatCount(row.previousRuns)} -> ${formatCount(row.currentRuns)}` },
    { type: 'text', text: `${perRun(row.previousCostPerRunUsd)} -> ${perRun(row.currentCostPerRunUsd)}` },
  ];
}

/** The headline, then the top movers per feature and per team (the JSON has every row). */
export function comparisonBlocks(c: Comparison, top = 5): Block[] {
  const t = c.totals;
  const pct = t.changePct === null ? '' : ` (${t.changePct > 0 ? '+' : ''}${t.changePct.toFixed(1)}%)`;
  const headline = `${c.previousPeriod.from} to ${c.previousPeriod.to}: ${formatUsd(t.previousUsd)} -> ${c.currentPeriod.from} to ${c.currentPeriod.to}: ${formatUsd(t.currentUsd)}, change ${signedText(t.changeUsd)}${pct} = volume ${signedText(t.volumeUsd)} + unit cost ${signedText(t.unitCostUsd)} + model mix ${signedText(t.mixUsd)}`;
  const columns = (key: string) => [{ label: key, align: 'left' as const }, right('Change'), right('Volume'), right('Unit cost'), right('Model mix'), right('Runs'), right('Cost/run')];
  const blocks: Block[] = [];
  for (const [key, rows] of [
    ['Feature', c.byFeature],
    ['Team', c.byTeam],
  ] as const) {
    const movers = rows.filter((r) => r.changeUsd !== 0);
    const notes = key === 'Feature' ? [headline] : [];
    if (movers.length > top) notes.push(`Top ${top} of ${movers.length} ${key.toLowerCase()}s that changed; --format json lists every row.`);
    blocks.push({ title: `Why spend changed: by ${key.toLowerCase()}`, notes, columns: columns(key), rows: movers.slice(0, top).map(changeRow) });
  }
  return blocks;
}

function signedText(value: number): string {
  return value > 0 ? `+${formatUsd(value)}` : formatUsd(value);
}
