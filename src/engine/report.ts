/**
 * `attrib report --engine duckdb`: the attribution contract run as SQL (src/sql/contract.ts, the text
 * `attrib sql --dialect duckdb` prints) in embedded DuckDB, over a step table loaded from step
 * ledgers (JSONL or Parquet, read by DuckDB itself) or
 * from logs in any format attrib reads (normalised by the JS ingest into the ledger first).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Taxonomy } from '../taxonomy/types.js';
import { type Analysis, checkAllocation } from '../report/index.js';
import { applyChargeback } from '../report/allocation.js';
import { tripped } from '../report/gates.js';
import { parseDay, resolvePeriod } from '../report/period.js';
import type { Gate, ReportResult } from '../report/types.js';
import { reportWarnings } from '../report/warnings.js';
import { ledgerJsonl, ledgerRows } from '../export/steps.js';
import { LEDGER_COLUMNS } from '../export/ledger-columns.js';
import { type Contract, SUMMARY_VIEWS, type SummaryViewName, type ViewName, buildContract } from '../sql/contract.js';
import { writeChunks } from '../util/write-chunks.js';
import { ConfigError } from '../util/errors.js';
import { flatLedgerFromJsonl, flatLedgerFromParquet, openDuckDB, runDuck } from './duckdb.js';
import { type Row, reportFromViews } from './result.js';

export type EngineInput =
  /** Logs already read by the JS ingest (it normalises every format into the ledger). */
  | { kind: 'analysis'; analysis: Analysis }
  /** Step ledgers written by `attrib export steps` (.parquet, or JSONL). */
  | { kind: 'ledgers'; files: readonly { path: string; display: string }[] };

export interface EngineOptions {
  taxonomy: Taxonomy;
  since?: string;
  until?: string;
  outlierFactor: number;
  failOn: readonly Gate[];
  now?: Date;
}

const STEP_TABLE = 'attrib_steps';

export async function duckdbReport(input: EngineInput, options: EngineOptions): Promise<ReportResult> {
  const since = options.since === undefined ? undefined : parseDay(options.since, '--since');
  const until = options.until === undefined ? undefined : parseDay(options.until, '--until');
  const scratch = await mkdtemp(path.join(tmpdir(), 'attrib-engine-'));
  const db = await openDuckDB('--engine duckdb', scratch);
  try {
    await loadSteps(db.connection, input, scratch);
    const contract = (period: { from: string; to: string }) => buildContract({ dialect: 'duckdb', taxonomy: options.taxonomy, period, since: options.since, until: options.until, table: STEP_TABLE });
    // The period needs the counted steps' first and last day; the totals view (with any period) has them.
    const probe = contract({ from: '1970-01-01', to: '1970-01-01' });
    await createViews(db.connection, probe);
    const duplicates = await rows(db.connection, 'checks');
    if (Number(duplicates[0]!.duplicate_step_ids) > 0) {
      throw new ConfigError(`the step table holds ${Number(duplicates[0]!.duplicate_step_ids)} step ids more than once: parents would be ambiguous`, 'Pass ledgers of separate exports one at a time, or export them together (attrib counts a duplicate step id once).');
    }
    const first = await rows(db.connection, 'totals');
    const ms = (cell: Row[string] | undefined) => (cell === null || cell === undefined ? undefined : Date.parse(String(cell)));
    const period = resolvePeriod(since, until, ms(first[0]!.first_ts), ms(first[0]!.last_ts), (options.now ?? new Date()).getTime());
    // Only budgets depend on the period: the attributed steps made for the probe stand.
    await createViews(db.connection, contract(period), 'attributed');
    const views = Object.create(null) as Record<SummaryViewName, Row[]>;
    for (const name of SUMMARY_VIEWS) views[name] = await rows(db.connection, name);

    const analysis = input.kind === 'analysis' ? input.analysis : undefined;
    const skippedLines = analysis?.result.totals.skippedLines ?? 0;
    const body = reportFromViews(views, { taxonomy: options.taxonomy, period, outlierFactor: options.outlierFactor, skippedLines });
    checkAllocation(body);
    const totals = views.totals[0]!;
    const outsidePeriod = Number(totals.outside_period);
    const failOn = [...new Set(options.failOn)];
    const result: ReportResult = {
      ...body,
      skipped: analysis?.result.skipped ?? [],
      inputs: {
        files: analysis?.result.inputs.files ?? (input.kind === 'ledgers' ? input.files.map((f) => f.display) : []),
        records: Number(totals.records),
        structuralRecords: Number(totals.structural_records),
        outsidePeriod,
        failedRequests: analysis?.result.inputs.failedRequests ?? 0,
      },
      gates: { failOn, tripped: [] },
      warnings: [],
    };
    result.warnings = reportWarnings({ steps: body.totals.steps, outsidePeriod, periodFiltered: since !== undefined || until !== undefined, usageAbsent: analysis?.usageAbsent ?? new Map(), notRead: analysis?.notRead ?? [] }, body);
    result.warnings.push(NOT_COMPUTED);
    applyChargeback(result, options.taxonomy.allocation);
    result.gates.tripped = failOn.filter((gate) => tripped(gate, result));
    return result;
  } finally {
    db.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function createViews(connection: DuckDBConnection, contract: Contract, keep?: ViewName): Promise<void> {
  for (const view of contract.views) {
    if (view.name === keep) continue;
    for (const statement of view.create) await runDuck(connection, statement, `create ${view.qualified}`);
  }
}

/** Every row of one contract view, cells as DuckDB gives them (BIGINT and sums as bigint). */
async function rows(connection: DuckDBConnection, view: SummaryViewName): Promise<Row[]> {
  const reader = await runDuck(connection, `SELECT * FROM attrib_${view}`, `read the view attrib_${view}`);
  return reader.getRowObjectsJS() as Row[];
}

async function loadSteps(connection: DuckDBConnection, input: EngineInput, scratch: string): Promise<void> {
  let selects: string[];
  if (input.kind === 'analysis') {
    const file = path.join(scratch, 'ledger.jsonl');
    await writeChunks(file, ledgerJsonl(ledgerRows(input.analysis)), true);
    selects = [flatLedgerFromJsonl(file)];
  } else {
    selects = input.files.map((f) => (f.path.toLowerCase().endsWith('.parquet') ? flatLedgerFromParquet(f.path) : flatLedgerFromJsonl(f.path)));
  }
  // Several ledgers: rows are renumbered so ledger_row stays unique (a parent is found by step id).
  const source = selects.length === 1 ? selects[0]! : `SELECT * REPLACE (CAST(ROW_NUMBER() OVER () - 1 AS BIGINT) AS ledger_row) FROM (${selects.join(' UNION ALL ')})`;
  await runDuck(connection, `CREATE TABLE ${STEP_TABLE} AS ${source}`, 'read the step ledger');
  const columns = (await runDuck(connection, `SELECT COUNT(*) AS n FROM (DESCRIBE ${STEP_TABLE})`, 'describe the step table')).getRowObjectsJS()[0]!.n;
  if (Number(columns) !== LEDGER_COLUMNS.length) throw new Error(`the step table has ${String(columns)} columns, not ${LEDGER_COLUMNS.length}`);
}

/** Result fields the SQL contract does not compute yet (empty lists in its result). */
export const NOT_COMPUTED_FIELDS = ['byTenantFeature', 'byTenantModel', 'unattributedBy'] as const;

/** What the SQL contract does not compute yet: a loud warning, never a silent empty list. */
const NOT_COMPUTED = {
  code: 'engine-partial',
  message: `--engine duckdb does not compute ${NOT_COMPUTED_FIELDS.slice(0, -1).join(', ')} or ${NOT_COMPUTED_FIELDS.at(-1)} yet: they are empty in this result`,
  hint: 'Run without --engine duckdb for the tenant crosses and the unattributed breakdown (docs/warehouse.md).',
  count: 0,
};
