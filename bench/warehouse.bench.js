/**
 * `npm run bench:warehouse`: `attrib report --engine duckdb` against the JS engine, in the same run,
 * on the same generated month (bench/report/generate.js: runs of agent steps with parent chains,
 * tags on roots, tools; not committed, under bench/.corpus-warehouse/).
 *
 * Measured as separate processes (best wall time of BENCH_RUNS, peak RSS of each):
 *   js            attrib report FILE --format json
 *   duckdb-logs   attrib report FILE --format json --engine duckdb   (JS ingest -> ledger -> SQL)
 *   duckdb-ledger attrib report ledger.parquet --format json --engine duckdb   (DuckDB reads the ledger)
 * and checks that the three reports are equal (files and skipped lines aside). The Parquet ledger is
 * written once by `attrib export steps --format parquet` (timed too).
 *
 * Environment: BENCH_RECORDS (comma-separated, default 300000), BENCH_RUNS (default 1). Needs `npm run build`.
 */
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './report/generate.js';
import { measure, rssMethod } from './report/measure.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CORPUS_DIR = join(ROOT, 'bench', '.corpus-warehouse');
const RUN_JS = join(ROOT, 'bin', 'run.js');
const SIZES = (process.env.BENCH_RECORDS ?? '300000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const TAXONOMY = join(ROOT, 'bench', 'report', 'attrib.yaml');

if (!existsSync(join(ROOT, 'dist', 'engine', 'report.js'))) {
  console.error('bench:warehouse: run `npm run build` first');
  process.exit(2);
}

async function best(args) {
  let result;
  for (let r = 0; r < RUNS; r++) {
    const m = await measure(process.execPath, [RUN_JS, ...args], { cwd: ROOT });
    if (m.code !== 0) throw new Error(`attrib ${args.join(' ')} exited ${m.code}: ${m.stderr.slice(0, 500)}`);
    if (!result || m.wallMs < result.wallMs) result = m;
  }
  return result;
}

const { NOT_COMPUTED_FIELDS } = await import(join(ROOT, 'dist', 'engine', 'report.js'));

/** JSON with keys sorted at every level: the engines build objects in different key orders. */
const canonical = (value) =>
  Array.isArray(value) ? value.map(canonical) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])])) : value;

/**
 * What both engines compute: files and skipped lines aside (the ledger has neither), and the fields
 * the SQL engine says it does not compute (its `engine-partial` warning) left out of every report.
 */
const body = (text) => {
  const { skipped, inputs, totals, warnings, ...rest } = JSON.parse(text);
  for (const field of NOT_COMPUTED_FIELDS) delete rest[field];
  return JSON.stringify(canonical({ ...rest, totals: { ...totals, skippedLines: 0 }, warnings: warnings.filter((w) => w.code !== 'engine-partial') }));
};

console.log(`bench:warehouse: ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}, peak memory by ${rssMethod}`);
for (const records of SIZES) {
  const { file, bytes } = ensureCorpus(CORPUS_DIR, records);
  const taxonomy = existsSync(TAXONOMY) ? ['-t', TAXONOMY] : [];
  const ledger = join(CORPUS_DIR, `ledger-${records}.parquet`);
  rmSync(ledger, { force: true });
  const exported = await best(['export', 'steps', file, ...taxonomy, '--format', 'parquet', '--out', ledger]);
  const rows = [
    ['js', await best(['report', file, ...taxonomy, '--format', 'json'])],
    ['duckdb-logs', await best(['report', file, ...taxonomy, '--format', 'json', '--engine', 'duckdb'])],
    ['duckdb-ledger', await best(['report', ledger, ...taxonomy, '--format', 'json', '--engine', 'duckdb'])],
  ];
  const same = rows.every(([, m]) => body(m.stdout) === body(rows[0][1].stdout));
  console.log(`\n${records.toLocaleString('en-US')} records (${(bytes / 1e6).toFixed(0)} MB JSONL); export to Parquet ${(exported.wallMs / 1000).toFixed(1)} s, ${exported.maxRssKb === null ? '?' : (exported.maxRssKb / 1024).toFixed(0)} MiB`);
  console.log('engine          wall s   records/s   peak MiB');
  for (const [name, m] of rows) {
    console.log(`${name.padEnd(14)} ${(m.wallMs / 1000).toFixed(1).padStart(7)} ${Math.round(records / (m.wallMs / 1000)).toLocaleString('en-US').padStart(11)} ${(m.maxRssKb === null ? '?' : (m.maxRssKb / 1024).toFixed(0)).padStart(10)}`);
  }
  console.log(same ? 'reports equal: yes' : 'reports equal: NO (a difference between the engines)');
  if (!same) process.exitCode = 1;
}
