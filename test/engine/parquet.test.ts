import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { LEDGER_COLUMNS } from '../../src/export/ledger-columns.js';
import { loadDuckDB, openDuckDB } from '../../src/engine/duckdb.js';
import { ConfigError } from '../../src/util/errors.js';

const fixtures = path.join(repoRoot, 'fixtures');
/** A JSONL ledger row as the flat table has it: `tags.feature` -> `tags_feature`. */
const flatten = (row: Record<string, unknown>) =>
  Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.name, c.path.length === 1 ? row[c.path[0]] : (row[c.path[0]] as Record<string, unknown>)[c.path[1]]]));

describe('attrib export steps --format parquet', () => {
  it('writes the JSONL ledger, flattened, exactly: every row and value reads back in DuckDB', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-parquet-'));
    const file = path.join(dir, 'ledger.parquet');
    const jsonl = runCli(['export', 'steps'], { cwd: fixtures });
    const parquet = runCli(['export', 'steps', '--format', 'parquet', '--out', file], { cwd: fixtures });
    expect(parquet.code).toBe(0);
    const expected = jsonl.stdout.trim().split('\n').map((line) => flatten(JSON.parse(line)));
    expect(expected.length).toBeGreaterThan(1000);
    expect(parquet.stderr).toContain(`wrote ${expected.length} rows`);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    // to_json keeps BIGINT and DOUBLE as JSON numbers, so the comparison is of the very values written.
    const reader = await connection.runAndReadAll(`SELECT to_json(t)::VARCHAR AS j FROM read_parquet('${file}') t ORDER BY ledger_row`);
    const actual = reader.getRowObjectsJS().map((r) => JSON.parse(r.j as string));
    const types = (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`)).getRowObjectsJS();
    connection.closeSync();
    instance.closeSync();
    expect(actual.length).toBe(4388); // the bundled month's steps, as `cd fixtures && attrib report` counts them
    expect(actual).toEqual(expected);
    expect(types.map((t) => t.column_name)).toEqual(LEDGER_COLUMNS.map((c) => c.name));
    expect(types.find((t) => t.column_name === 'cost_micro_usd')!.column_type).toBe('BIGINT');
  });

  it('refuses without --out, and names the package to install when DuckDB is absent (exit 2)', async () => {
    const run = runCli(['export', 'steps', '--format', 'parquet'], { cwd: fixtures });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format parquet writes a file: pass --out');
    const missing = loadDuckDB('--format parquet', '@duckdb/not-installed-package');
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow('--format parquet needs the optional package @duckdb/not-installed-package, which is not installed');
  });

  it('the flat columns are the ledger schema, in its order', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/step-ledger.schema.json'), 'utf8'));
    const flat = (schema.required as string[]).flatMap((name) => (schema.properties[name].type === 'object' ? (schema.properties[name].required as string[]).map((key) => `${name}_${key}`) : [name]));
    expect(LEDGER_COLUMNS.map((c) => c.name)).toEqual(flat);
  });

  it('spills into the run\'s scratch folder, never into .tmp in the working directory', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'attrib-spill-'));
    const db = await openDuckDB('--engine duckdb', scratch);
    try {
      const reader = await db.connection.runAndReadAll("SELECT current_setting('temp_directory') AS dir");
      expect(reader.getRowObjectsJS()[0]!.dir).toBe(path.join(scratch, 'spill'));
    } finally {
      db.close();
    }
  });
});
