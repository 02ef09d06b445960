/** `attrib runs --top N` on a terminal: the most expensive runs as a cli-table3 table. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { RunSummary, TopRuns } from '../report/ledger.js';
import { formatCount } from './numbers.js';
import { formatUsd } from '../util/money.js';
import { sanitizeInline } from '../util/terminal.js';
import type { FormatOptions } from './types.js';
import { pushRows } from './table-rows.js';

export function formatTopRuns(top: TopRuns, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const scope = top.unattributed ? `runs with unattributed spend` : 'runs';
  const heading = `${c.bold(`Top ${formatCount(top.runs.length)} of ${formatCount(top.totals.runs)} ${scope}`)}  ${top.period.from} to ${top.period.to} · ${top.unattributed ? 'unattributed' : 'all runs'} ${formatUsd(top.totals.costUsd)}`;
  if (top.runs.length === 0) return `${heading}\nNo runs with steps in the period.\n`;
  const table = new Table({
    head: ['#', 'Run', 'Feature', 'Team', 'Tenant', 'Steps', 'Cost', 'First step'].map((h) => c.bold(h)),
    colAligns: ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'left'],
    style: { head: [], border: [], compact: true },
  });
  let mixed = false;
  const toRow = (run: RunSummary, i: number) => {
    const cell = (tag: 'feature' | 'team' | 'tenant') => {
      const value = run[tag] === null ? c.yellow('(none)') : sanitizeInline(run[tag]);
      if (!run.mixed.includes(tag)) return value;
      mixed = true;
      return `${value}${c.yellow('*')}`;
    };
    return [String(i + 1), sanitizeInline(run.run), cell('feature'), cell('team'), cell('tenant'), formatCount(run.steps), formatUsd(run.costUsd), firstStep(run)];
  };
  pushRows(table, top.runs, toRow, 8);
  const note = mixed ? `\n${c.dim('* the run has several values; the one carrying most of its cost is shown (attrib runs RUN_ID explains each step)')}` : '';
  return `${heading}\n${table.toString()}${note}\n`;
}

const firstStep = (run: RunSummary) => run.firstTs.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
