/**
 * The differential test of issue 14: the JS engine, `--engine duckdb` (over the logs, and over the
 * ledger read back from JSONL and from Parquet) and the generated PostgreSQL SQL run on a real
 * PostgreSQL server must give the same report, every total, group and flag, to the micro-dollar, on
 * the bundled month (every log format) and on generated months with deep chains, conflicts and cycles.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../../src/report/index.js';
import type { ReportResult } from '../../src/report/types.js';
import { ledgerJsonl, ledgerRows } from '../../src/export/steps.js';
import { writeLedgerParquet } from '../../src/export/steps-parquet.js';
import { LEDGER_COLUMNS } from '../../src/export/ledger-columns.js';
import { flatLedgerFromJsonl } from '../../src/engine/duckdb.js';
import { duckdbReport } from '../../src/engine/report.js';
import { type Row, type ViewRows, reportFromViews } from '../../src/engine/result.js';
import { SUMMARY_VIEWS, buildContract, contractScript } from '../../src/sql/contract.js';
import { GRANULARITIES, buildSeries } from '../../src/report/series.js';
import { repoRoot } from '../helpers/cli.js';
import { fixtureTaxonomy } from '../report/helpers.js';
import { type MonthOptions, generateMonth } from './generated-month.js';
import { type Postgres, startPostgres } from './postgres.js';

const taxonomy = fixtureTaxonomy();
const PG_TYPES = { text: 'TEXT', bigint: 'BIGINT', double: 'DOUBLE PRECISION', boolean: 'BOOLEAN' } as const;

interface Case {
  name: string;
  cwd: string;
  paths: string[];
  since?: string;
  until?: string;
  /** The spend-spike flags the JS engine must find (`scope key date`), so both engines agreeing on none means nothing. */
  spikes: string[];
  /** The month-end forecast's method, when the data ends before the period does. */
  forecast?: 'run-rate-7d' | 'linear';
}

function generatedCase(name: string, seed: number, extra: Partial<Case> & Pick<Case, 'spikes'>, month: Partial<MonthOptions> = {}): Case {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-diff-'));
  writeFileSync(path.join(dir, 'month.jsonl'), generateMonth({ seed, runs: 200, deepChain: 200, ...month }).jsonl);
  return { name, cwd: dir, paths: ['month.jsonl'], ...extra };
}

// The generator's one spike (fixtures/logs/generate.mjs: a support-agent release retrying in a loop on Oct 22, spread over the tenants in their usual shares, so no tenant spikes).
const BUNDLED_SPIKES = ['feature support-agent 2026-10-22'];

const cases: Case[] = [
  { name: 'the bundled month, every log format', cwd: path.join(repoRoot, 'fixtures'), paths: ['logs/'], spikes: BUNDLED_SPIKES },
  generatedCase('a generated month (seed 1)', 1, { spikes: [] }),

  // Only part of the month counts: steps outside are read (and pass their tags on) but not counted.
  generatedCase('a generated month, --since/--until inside it', 3, { since: '2026-11-05', until: '2026-11-30', spikes: [] }),

  // The data stops on Nov 20 (the month end is projected at the 7-day run-rate), with a $95 day on
  // Nov 17 among $8-10 days: the previous 14 days hold 8, 9 and 10 (median 9, MAD 1, threshold $14).
  generatedCase('a generated month that stops on Nov 20, with a spike', 7, { spikes: ['feature semantic-search 2026-11-17', 'tenant ws_initech 2026-11-17'], forecast: 'run-rate-7d' }, { lastDay: 20, spike: 17 }),
];

/** The body of a report (what the SQL computes), without what describes the run of the command. */
const body = (r: ReportResult) => {
  const { skipped, inputs, gates, warnings, chargeback, byTenantFeature, byTenantModel, unattributedBy, ...rest } = r;
  return rest;
};

/**
 * A whole report without what the SQL contract does not compute yet (the tenant crosses and the
 * unattributed breakdown): the SQL engine leaves them empty and says so in one warning.
 */
const contract = (r: ReportResult) => {
  const { byTenantFeature, byTenantModel, unattributedBy, ...rest } = r;
  return { ...rest, warnings: r.warnings.filter((w) => w.code !== 'engine-partial') };
};

let pg: Postgres;
beforeAll(() => {
  pg = startPostgres();
}, 240_000);
afterAll(() => pg?.stop());

/** Load the ledger into PostgreSQL through CSV (DuckDB writes it; NULL and '' stay apart), run the postgres contract, read every view. */
async function postgresViews(analysis: Analysis, c: Case, period: ReportResult['period']): Promise<ViewRows> {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-pg-load-'));
  const jsonl = path.join(dir, 'ledger.jsonl');
  const csv = path.join(dir, 'ledger.csv');
  writeFileSync(jsonl, [...ledgerJsonl(ledgerRows(analysis))].join(''));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (${flatLedgerFromJsonl(jsonl)}) TO '${csv}' (FORMAT csv, HEADER)`);
  connection.closeSync();
  instance.closeSync();
  const contract = buildContract({ dialect: 'postgres', taxonomy, period, since: c.since, until: c.until });
  pg.run(
    [
      'DROP TABLE IF EXISTS attrib_steps CASCADE;',
      `CREATE TABLE attrib_steps (${LEDGER_COLUMNS.map((col) => `${col.name} ${PG_TYPES[col.type]}`).join(', ')});`,
      `\\copy attrib_steps FROM '${csv}' WITH (FORMAT csv, HEADER true)`,
      contractScript(contract, ['differential test']),
    ].join('\n'),
  );
  const views = Object.create(null) as Record<string, Row[]>;
  for (const name of SUMMARY_VIEWS) views[name] = JSON.parse(pg.value(`SELECT COALESCE(json_agg(v), '[]'::json) FROM attrib_${name} AS v`)) as Row[];
  return views as unknown as ViewRows;
}

describe.each(cases)('$name', (c) => {
  let analysis: Analysis;
  let js: ReportResult;
  beforeAll(async () => {
    analysis = await analyze({ cwd: c.cwd, taxonomy, paths: c.paths, since: c.since, until: c.until, keepOwnTags: true, now: new Date('2026-12-01T00:00:00Z') });
    js = analysis.result;
  }, 240_000);

  it('has what makes attribution hard (so the equality below means something)', () => {
    const kinds = new Set(js.flags.map((f) => f.kind));
    expect(kinds).toContain('conflicting-tags');
    expect(kinds).toContain('environment-mixing');
    expect(kinds).toContain('feature-team-mismatch');
    expect(js.totals.unattributed.conflict).toBeGreaterThan(0);
    expect(js.totals.unattributed.unknownValue).toBeGreaterThan(0);
    expect(js.tools.length).toBeGreaterThan(0);
    expect(js.flags.filter((f) => f.kind === 'spend-spike').map((f) => `${f.scope} ${f.key} ${f.date}`)).toEqual(c.spikes);
    expect([...new Set(js.forecast.map((r) => r.method))]).toEqual(c.forecast === undefined ? [] : [c.forecast]);
  });

  it('--engine duckdb over the logs gives the JS engine\'s report, field for field', async () => {
    const duck = await duckdbReport({ kind: 'analysis', analysis }, { taxonomy, since: c.since, until: c.until, outlierFactor: 10, failOn: ['over-budget', 'unattributed'], now: new Date('2026-12-01T00:00:00Z') });
    const again = await analyze({ cwd: c.cwd, taxonomy, paths: c.paths, since: c.since, until: c.until, failOn: ['over-budget', 'unattributed'], now: new Date('2026-12-01T00:00:00Z') });
    expect(contract(duck)).toEqual(contract(again.result));
    // --by day|week|month series are made from the day rows (daily, dailyFeatures) compared above.
    for (const granularity of GRANULARITIES) expect(buildSeries(duck, granularity)).toEqual(buildSeries(again.result, granularity));
    expect(duck.warnings.map((w) => w.code)).toContain('engine-partial');
    expect([duck.byTenantFeature, duck.byTenantModel, duck.unattributedBy.model]).toEqual([[], [], []]);
  }, 240_000);

  it('--engine duckdb over the ledger read back from JSONL and from Parquet gives the same body', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-diff-ledger-'));
    const jsonl = path.join(dir, 'ledger.jsonl');
    const parquet = path.join(dir, 'ledger.parquet');
    writeFileSync(jsonl, [...ledgerJsonl(ledgerRows(analysis))].join(''));
    await writeLedgerParquet(parquet, ledgerJsonl(ledgerRows(analysis)), true);
    for (const file of [jsonl, parquet]) {
      const duck = await duckdbReport({ kind: 'ledgers', files: [{ path: file, display: path.basename(file) }] }, { taxonomy, since: c.since, until: c.until, outlierFactor: 10, failOn: [], now: new Date('2026-12-01T00:00:00Z') });
      // A ledger holds the records attrib kept: the lines it skipped are not in it.
      expect(body(duck)).toEqual({ ...body(js), totals: { ...js.totals, skippedLines: 0 } });
      expect(duck.inputs).toMatchObject({ records: js.inputs.records, structuralRecords: js.inputs.structuralRecords, outsidePeriod: js.inputs.outsidePeriod });
    }
  }, 240_000);

  it('the generated postgres SQL on a PostgreSQL server gives the same body', async () => {
    const views = await postgresViews(analysis, c, js.period);
    const fromPostgres = reportFromViews(views, { taxonomy, period: js.period, outlierFactor: 10, skippedLines: js.totals.skippedLines });
    const { byTenantFeature, byTenantModel, unattributedBy, ...fromSql } = fromPostgres;
    expect(fromSql).toEqual(body(js));
    expect(fromPostgres.totals.costUsd).toBeGreaterThan(0);
  }, 240_000);
});
