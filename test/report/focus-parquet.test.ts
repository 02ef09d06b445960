/**
 * `attrib report --format focus-parquet`: the FOCUS 1.2 rows of `--format focus` as Parquet, each
 * column typed as the spec's column files say (fixtures/focus/columns-1.2.json), read back by DuckDB.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeFocusParquet } from '../../src/export/focus-parquet.js';
import { FOCUS_COLUMNS, FOCUS_DATA_TYPES, formatFocus } from '../../src/formats/focus.js';
import { focusRows } from '../../src/report/focus.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { focusSampleLog, reportOn, step } from './helpers.js';

const spec = JSON.parse(readFileSync(path.join(repoRoot, 'fixtures/focus/columns-1.2.json'), 'utf8')) as { columns: { id: string; dataType: string; allowsNulls: boolean }[] };
/** The DuckDB type each FOCUS data type is written as. */
const PARQUET_TYPE: Record<string, string> = { Decimal: 'DECIMAL(38,6)', 'Date/Time': 'TIMESTAMP WITH TIME ZONE', String: 'VARCHAR', JSON: 'JSON' };

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
const scratch = () => mkdtempSync(path.join(tmpdir(), 'attrib-focus-parquet-'));

describe('FOCUS 1.2 as Parquet', () => {
  it('declares each column with the type of its FOCUS data type, as the spec files give it', () => {
    const types = new Map(spec.columns.map((c) => [c.id, c.dataType]));
    for (const column of FOCUS_COLUMNS) expect([column, FOCUS_DATA_TYPES[column]]).toEqual([column, types.get(column)]);
  });

  it('writes the CSV rows, typed, in the same order, with FOCUS nulls as nulls', async () => {
    const { analysis } = await reportOn({ 'm.jsonl': focusSampleLog() });
    const rows = focusRows(analysis);
    const file = path.join(scratch(), 'focus.parquet');
    await writeFocusParquet(file, rows, true);

    const described = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(described.map((d) => `${d.column_name} ${d.column_type}`)).toEqual(FOCUS_COLUMNS.map((c) => `${c} ${PARQUET_TYPE[FOCUS_DATA_TYPES[c]]}`));

    const read = await query(`SELECT ChargePeriodStart::VARCHAR AS start, SkuId, BilledCost::VARCHAR AS billed, ConsumedQuantity::VARCHAR AS quantity, ConsumedUnit, ChargeClass, BillingAccountName, Tags->>'team' AS team FROM read_parquet('${file}')`);
    // The hand sums of focusSampleLog: a + b, then e (no feature, so no team), d (the tool); c is day 4.
    expect(read).toEqual([
      { start: '2026-10-03 00:00:00+00', SkuId: 'gpt-4o-mini', billed: '0.100003', quantity: '116.000000', ConsumedUnit: 'Tokens', ChargeClass: null, BillingAccountName: null, team: 'mail' },
      { start: '2026-10-03 00:00:00+00', SkuId: 'gpt-4o-mini', billed: '0.500000', quantity: '2.000000', ConsumedUnit: 'Tokens', ChargeClass: null, BillingAccountName: null, team: null },
      { start: '2026-10-03 00:00:00+00', SkuId: 'reranker', billed: '0.001000', quantity: '1.000000', ConsumedUnit: 'Requests', ChargeClass: null, BillingAccountName: null, team: 'mail' },
      { start: '2026-10-04 00:00:00+00', SkuId: 'gpt-4o-mini', billed: '0.200000', quantity: '10.000000', ConsumedUnit: 'Tokens', ChargeClass: null, BillingAccountName: null, team: 'mail' },
    ]);
    const [header, ...csvRows] = parse(formatFocus(rows)) as string[][];
    expect(csvRows.map((r) => r[header!.indexOf('SkuId')])).toEqual(read.map((r) => r.SkuId));
  });

  it('keeps a log string as written (no formula guard: Parquet is no spreadsheet) but never a terminal escape', async () => {
    const { analysis } = await reportOn({ 'm.jsonl': step({ step_id: 'a', model: '=HYPERLINK("http://x")', provider: '@evil', cost_usd: 1, tags: { tenant: 'ws_\u001b[31mx' } }) });
    const file = path.join(scratch(), 'focus.parquet');
    await writeFocusParquet(file, focusRows(analysis), true);
    const [row] = await query(`SELECT SkuId, ProviderName, Tags::VARCHAR AS tags FROM read_parquet('${file}')`);
    expect(row).toMatchObject({ SkuId: '=HYPERLINK("http://x")', ProviderName: '@evil' });
    expect(String(row!.tags)).not.toContain('\u001b');
  });

  it('attrib report --format focus-parquet: BilledCost sums to the report total on the fixture month', async () => {
    const out = path.join(scratch(), 'month.parquet');
    const cwd = path.join(repoRoot, 'fixtures');
    const written = runCli(['report', '--format', 'focus-parquet', '--out', out], { cwd });
    expect(written.code).toBe(0);
    const json = JSON.parse(runCli(['report', '--format', 'json'], { cwd }).stdout) as { totals: { costUsd: number; billedCostUsd: number } };
    const [sum] = await query(`SELECT (SUM(BilledCost) * 1000000)::BIGINT AS billed, (SUM(EffectiveCost) * 1000000)::BIGINT AS effective, COUNT(*) AS rows FROM read_parquet('${out}')`);
    expect(Number(sum!.billed)).toBe(Math.round(json.totals.billedCostUsd * 1e6));
    expect(Number(sum!.effective)).toBe(Math.round(json.totals.costUsd * 1e6));
    expect(written.stderr).toContain(`wrote ${sum!.rows} FOCUS rows`);
  });

  it('exits 2 without --out, and with --engine duckdb', () => {
    const cwd = path.join(repoRoot, 'fixtures');
    const noOut = runCli(['report', '--format', 'focus-parquet'], { cwd });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format focus-parquet writes a file: pass --out');
    const engine = runCli(['report', '--format', 'focus-parquet', '--out', path.join(scratch(), 'x.parquet'), '--engine', 'duckdb'], { cwd });
    expect(engine.code).toBe(2);
    expect(engine.stderr).toContain('--engine duckdb does not do --format focus-parquet');
  });

  it('exits 2 naming TMPDIR, not the --out file, when no scratch directory can be made', () => {
    const out = path.join(scratch(), 'x.parquet');
    const run = runCli(['report', '--format', 'focus-parquet', '--out', out], { cwd: path.join(repoRoot, 'fixtures'), env: { TMPDIR: '/proc/attrib-none' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot make a scratch directory under /proc/attrib-none for FOCUS Parquet');
    expect(run.stderr).toContain('Set TMPDIR');
    expect(existsSync(out)).toBe(false);
  });
});
