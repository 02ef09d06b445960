/**
 * The call-site section of the report view (`--by call_site`, and with `--lint`): spend per recorded
 * call site, the lint call site it met, its unattributed spend and the tags it lacked; with `--lint`
 * the notes say what the join found (unattributed spend per call site, blind spots, idle call sites).
 * Built from `result.byCallSite` and `result.callSiteJoin` (src/report/call-sites.ts).
 */
import type { CallSiteJoin } from '../report/call-sites.js';
import type { ReportResult } from '../report/types.js';
import { formatMoney, sharePct } from './numbers.js';
import { type ViewRow, type ViewSection, EMPTY, column, count, money, percent, text } from './report-cells.js';

/** Join sentences listed under the title; the JSON has them all. */
const NOTES_SHOWN = 10;

const COLUMNS = [
  column('key', 'Call site', 'key', 'key'),
  column('lint', 'Lint call site', 'lint_call_site', 'text', 4),
  column('cost', 'Cost', 'cost_usd', 'sum', 9),
  column('share', 'Share', 'share_pct', 'sum', 6),
  column('steps', 'Steps', 'steps', 'sum', 3),
  column('unattributed', 'Unattributed', 'unattributed_usd', 'sum', 7),
  column('missing', 'Missing tags', 'missing_tags', 'text', 5),
];

export function callSiteSection(result: ReportResult): ViewSection {
  const total = result.totals.costUsd;
  const join = result.callSiteJoin;
  const rows: ViewRow[] = (result.byCallSite ?? []).map((row) => ({
    kind: 'row',
    cells: [
      text(row.key),
      row.lint ? text(row.lint.callSiteId) : join && (row.id !== null || row.frames.length > 0) ? text('(not found by lint)') : EMPTY,
      money(row.costUsd),
      percent(sharePct(row.costUsd, total)),
      count(row.steps),
      money(row.unattributedCostUsd),
      row.missing.length === 0 ? EMPTY : text(row.missing.map((m) => `${m.tag} ${formatMoney(m.costUsd)}`).join(', ')),
    ],
  }));
  rows.push({ kind: 'total', cells: [text('Total'), EMPTY, money(total), percent(total === 0 ? 0 : 100), count(result.totals.steps), EMPTY, EMPTY] });
  return {
    id: 'call_site',
    title: 'By call site',
    notes: join ? joinNotes(join) : [],
    columns: COLUMNS,
    rows,
    noun: 'call site',
    hidden: 0,
    emptyText: 'No step carries a call site: attrib/runtime records one (see docs/call-sites.md).',
  };
}

function joinNotes(join: CallSiteJoin): string[] {
  const notes = [`Joined to ${join.lint}: ${formatMoney(join.joinedCostUsd)} of ${formatMoney(join.totalCostUsd)} came from call sites lint found.`];
  const flagged = join.flagged.reduce((sum, f) => sum + Math.round(f.costUsd * 1e6), 0) / 1e6;
  if (join.flagged.length > 0) notes.push(`${formatMoney(flagged)} came from ${join.flagged.length} call ${join.flagged.length === 1 ? 'site' : 'sites'} lint flagged (${join.flagged.map((f) => `${f.file}:${f.line} ${f.findings.map((x) => x.ruleId).join(', ') || f.status}`).slice(0, NOTES_SHOWN).join('; ')}).`);
  // The JSON sentence marks names with backticks; a note is plain text that renderers escape.
  for (const u of join.unattributed.slice(0, NOTES_SHOWN)) notes.push(`${u.message.replace(/`/g, '')}.`);
  if (join.unattributed.length > NOTES_SHOWN) notes.push(`… ${join.unattributed.length - NOTES_SHOWN} more call sites with unattributed spend (all in the JSON output).`);
  if (join.blindSpots.length > 0) {
    const cost = join.blindSpots.reduce((sum, b) => sum + Math.round(b.costUsd * 1e6), 0) / 1e6;
    notes.push(`Blind spots: ${join.blindSpots.length} call ${join.blindSpots.length === 1 ? 'site' : 'sites'} spent ${formatMoney(cost)} and lint never found ${join.blindSpots.length === 1 ? 'it' : 'them'}: ${join.blindSpots.slice(0, NOTES_SHOWN).map((b) => b.key).join('; ')}.`);
  }
  if (join.idle.length > 0) notes.push(`${join.idle.length} call ${join.idle.length === 1 ? 'site' : 'sites'} lint found spent nothing in the period.`);
  if (join.noCallSite.steps > 0) notes.push(`${formatMoney(join.noCallSite.costUsd)} (${join.noCallSite.steps} ${join.noCallSite.steps === 1 ? 'step' : 'steps'}) was recorded without a call site.`);
  return notes;
}
