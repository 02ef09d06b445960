import { readFileSync } from 'node:fs';
import path from 'node:path';
import sqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { DIALECTS, checkIdentifier, dialects, stringLiteral } from '../../src/sql/dialects.js';
import { buildContract } from '../../src/sql/contract.js';
import { fixtureTaxonomy } from '../report/helpers.js';
import { ConfigError } from '../../src/util/errors.js';

const golden = (dialect: string) => readFileSync(path.join(repoRoot, 'test/sql/golden', `fixtures-${dialect}.sql`), 'utf8');
const sqlOf = (dialect: string, extra: string[] = []) => runCli(['sql', '--dialect', dialect, '--since', '2026-10-01', '--until', '2026-10-31', ...extra], { cwd: path.join(repoRoot, 'fixtures') });
/** The query of each CREATE statement (the DDL differs by engine and is not what a parser checks here). */
const queries = (script: string) =>
  script
    .split(/;\n/)
    .map((s) => s.replace(/^(--.*\n|\n)+/, '').trim())
    .filter((s) => s.startsWith('CREATE'))
    .map((s) => s.replace(/^CREATE[^\n]*AS\n/, ''));

describe('attrib sql', () => {
  it.each(DIALECTS)('%s: prints the golden script for the fixture taxonomy', (dialect) => {
    const run = sqlOf(dialect);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(golden(dialect));
  });

  it('writes the budgets prorated over the period, in integer micro-dollars', () => {
    // inbox-triage has $240 a month: 10 of October's 31 days are 240e6 * 10 / 31 = 77,419,354.8 -> 77419355.
    const run = runCli(['sql', '--dialect', 'postgres', '--since', '2026-10-01', '--until', '2026-10-10'], { cwd: path.join(repoRoot, 'fixtures') });
    expect(run.stdout).toContain("SELECT CAST('inbox-triage' AS TEXT) AS name, CAST('mail' AS TEXT) AS team, CAST(77419355 AS BIGINT) AS budget_micro_usd");
    expect(run.stdout).toContain("r.ts < '2026-10-11T00:00:00.000Z'");
    // The org's $900 over the whole month is exactly 9e8.
    expect(sqlOf('postgres').stdout).toContain('CAST(900000000 AS BIGINT) AS budget_micro_usd, CASE WHEN CAST(900000000 AS BIGINT) IS NULL');
  });

  it('refuses a table name that is not one, and a missing dialect (exit 2)', () => {
    const bad = sqlOf('duckdb', ['--table', 'steps; DROP TABLE x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--table must be a table name');
    expect(runCli(['sql'], { cwd: path.join(repoRoot, 'fixtures') }).code).toBe(2);
    expect(sqlOf('spark', ['--prefix', 'analytics.attrib_']).stdout).toContain('CREATE OR REPLACE VIEW analytics.attrib_by_feature AS');
  });

  it('quotes strings per dialect: a quote is doubled, a backslash doubled where it escapes, NUL refused', () => {
    const hostile = "o'neil\\'; DROP TABLE x; --";
    expect(stringLiteral(dialects.postgres, hostile)).toBe("'o''neil\\''; DROP TABLE x; --'");
    expect(stringLiteral(dialects.bigquery, hostile)).toBe("'o''neil\\\\''; DROP TABLE x; --'");
    expect(() => stringLiteral(dialects.duckdb, 'a\u0000b')).toThrow(ConfigError);
    expect(() => checkIdentifier('a.b.c.d', '--table')).toThrow(ConfigError);
    expect(checkIdentifier('project.dataset.steps', '--table')).toBe('project.dataset.steps');
  });

  it('an empty registry is a typed empty values table, not a syntax error', () => {
    const taxonomy = { ...fixtureTaxonomy(), features: new Map(), teams: new Map() };
    const contract = buildContract({ dialect: 'postgres', taxonomy, period: { from: '2026-10-01', to: '2026-10-31' } });
    expect(contract.views.find((v) => v.name === 'features')!.create[0]).toContain('SELECT CAST(NULL AS TEXT) AS name, CAST(NULL AS TEXT) AS team, CAST(NULL AS BIGINT) AS budget_micro_usd WHERE 1 = 0');
  });

  // node-sql-parser has grammars for BigQuery, Snowflake and Hive (Spark SQL's ancestor), none for
  // ClickHouse; PostgreSQL and DuckDB are executed for real in test/engine/differential.test.ts.
  it.each([
    ['bigquery', 'BigQuery'],
    ['snowflake', 'Snowflake'],
    ['spark', 'Hive'],
  ] as const)('%s: every view query parses with node-sql-parser (%s grammar)', (dialect, database) => {
    const parser = new sqlParser.Parser();
    const all = queries(golden(dialect));
    expect(all.length).toBe(23);
    // The parser's BigQuery grammar has no WITH RECURSIVE (BigQuery itself has): that query is checked on the other two.
    const checked = dialect === 'bigquery' ? all.filter((q) => !q.startsWith('WITH RECURSIVE')) : all;
    const failures = checked.flatMap((q) => {
      try {
        parser.astify(q, { database });
        return [];
      } catch (error) {
        return [`${q.slice(0, 60)}: ${(error as Error).message.slice(0, 200)}`];
      }
    });
    expect(failures).toEqual([]);
    expect(checked.length).toBe(dialect === 'bigquery' ? 22 : 23);
  });
});
