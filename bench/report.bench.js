/**
 * `npm run bench:report`: how fast and how lean `attrib report` rolls up a month of logs.
 *
 * 1. Generates (or reuses) 1,000,000 attrib step records, ~330 MB of JSONL, under bench/.corpus-report/.
 * 2. Times the ingest floor in-process: attrib's line splitter vs readline, splitter + JSON.parse.
 * 3. Times, as separate processes over the same file in the same run, `attrib report FILE --format
 *    json` (with `--threads 1` and, alternating with it, `--threads BENCH_THREADS`) against reference group-bys: DuckDB `read_json` (@duckdb/node-api) and a one-pass jq
 *    `reduce inputs`. Best wall time of BENCH_RUNS runs (jq: BENCH_JQ_RUNS), peak RSS of each.
 * 4. Checks the outputs (attrib counted every record; DuckDB and jq agree) and prints PASS/MISS
 *    against the targets of issue 4.
 *
 * Environment: BENCH_RECORDS (default 1000000), BENCH_RUNS (3), BENCH_JQ_RUNS (1),
 * BENCH_SKIP_JQ=1, BENCH_THREADS (workers of the paired `--threads` run; default one per core). Needs `npm run build` for the attrib parts (they are skipped, with a note, until
 * the report command is built). MB = 10^6 bytes.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './report/generate.js';
import { measure, rssMethod } from './report/measure.js';
import { loadSplitter, readOnly, readlineCount, splitterCount, splitterParse } from './report/lines.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const HERE = join(ROOT, 'bench', 'report');
/**
 * Not bench/.corpus/: that folder is the lint benchmark's corpus, which it wipes when it rebuilds.
 * ensureCorpus drops a `*` .gitignore in this one, so git never sees the 330 MB file.
 */
const CORPUS_DIR = join(ROOT, 'bench', '.corpus-report');
const DIST = join(ROOT, 'dist');
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const JQ_RUNS = Number(process.env.BENCH_JQ_RUNS ?? 1);
const SKIP_JQ = process.env.BENCH_SKIP_JQ === '1';
/** Worker threads for the paired `--threads` run (default: one per core). */
const THREADS = Number(process.env.BENCH_THREADS ?? availableParallelism());
/** A smaller corpus, to show that attrib's peak memory does not grow with the input. */
const SMALL_RECORDS = Math.max(1, Math.floor(RECORDS / 10));

const TARGETS = { throughputMBs: 100, jqSpeedup: 2.5, duckdbSlowdown: 2, peakRssMB: 300, splitterSpeedup: 4 / 3 };

const mb = (bytes) => bytes / 1e6;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes, ms) => mb(bytes) / (ms / 1000);
const fmtRate = (bytes, ms) => `${rate(bytes, ms).toFixed(1)} MB/s`;
const fmtRss = (kb) => (kb === null ? 'n/a' : `${mb(kb * 1024).toFixed(0)} MB`);

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) => `  ${row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** Best of `runs` for two commands run alternately (A B A B ...): a paired comparison on a shared machine. */
async function paired(runs, fnA, fnB) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(await best(1, fnA));
    b.push(await best(1, fnB));
  }
  const pick = (list) => list.find((r) => r.code !== 0) ?? { ...list.reduce((x, y) => (y.wallMs < x.wallMs ? y : x)), peakRssKb: Math.max(...list.map((r) => r.peakRssKb ?? 0)) || null };
  return [pick(a), pick(b)];
}

async function best(runs, fn) {
  let fastest;
  let peakRssKb = null;
  for (let i = 0; i < runs; i++) {
    const run = await fn();
    if (run.code !== undefined && run.code !== 0) return run;
    if (run.maxRssKb != null) peakRssKb = Math.max(peakRssKb ?? 0, run.maxRssKb);
    if (!fastest || (run.wallMs ?? run.ms) < (fastest.wallMs ?? fastest.ms)) fastest = run;
  }
  return { ...fastest, peakRssKb };
}

function version(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

const failures = [];
function verify(ok, what) {
  if (!ok) failures.push(what);
}

/** Sort-stable comparison of the two reference group-bys: same features, steps, cost (to 1e-6). */
function sameGroups(a, b) {
  if (a.length !== b.length) return false;
  return a.every((row, i) => row.feature === b[i].feature && row.steps === b[i].steps && Math.abs(row.costUsd - b[i].costUsd) < 1e-6);
}

async function main() {
  const attribBuilt = existsSync(join(DIST, 'commands', 'report.js'));
  const splitLines = await loadSplitter(DIST);

  console.log('attrib report benchmark');
  let started = performance.now();
  const corpus = ensureCorpus(CORPUS_DIR, RECORDS);
  const taxonomy = join(CORPUS_DIR, 'attrib.yaml');
  copyFileSync(join(HERE, 'attrib.yaml'), taxonomy);
  const corpusNote = corpus.generated ? `generated in ${secs(performance.now() - started)}` : 'reused';
  console.log(`  corpus   ${relative(ROOT, corpus.file)}: ${RECORDS.toLocaleString('en-US')} records, ${mb(corpus.bytes).toFixed(1)} MB (${corpusNote})`);
  const duckdbVersion = JSON.parse(execFileSync('npm', ['ls', '@duckdb/node-api', '--json'], { cwd: ROOT, encoding: 'utf8' })).dependencies?.['@duckdb/node-api']?.version;
  console.log(`  machine  ${availableParallelism()} cores, node ${process.version}, @duckdb/node-api ${duckdbVersion ?? '?'}, ${version('jq', ['--version']) ?? 'no jq'}`);
  console.log(`  memory   peak RSS via ${rssMethod}`);
  // The figures are wall times: on a shared machine, say how busy it was.
  console.log(`  load     ${loadavg().map((n) => n.toFixed(2)).join(' ')} (1, 5, 15 min averages) at the start`);

  // 1. Ingest floor, in-process. The plain read first also warms the page cache for every run after.
  console.log('\ningest floor (in-process, best of %d)', RUNS);
  const read = await best(RUNS, () => readOnly(corpus.file));
  const floorRows = [['step', 'time', 'throughput', 'note'], ['read only (1 MiB chunks)', secs(read.ms), fmtRate(corpus.bytes, read.ms), 'I/O ceiling']];
  const readline = await best(RUNS, () => readlineCount(corpus.file));
  floorRows.push(['node:readline', secs(readline.ms), fmtRate(corpus.bytes, readline.ms), `${readline.lines.toLocaleString('en-US')} lines`]);
  let splitterSpeedup;
  if (splitLines) {
    const split = await best(RUNS, () => splitterCount(splitLines, corpus.file));
    splitterSpeedup = readline.ms / split.ms;
    verify(split.lines === readline.lines && split.lines === RECORDS, `line counts: splitter ${split.lines}, readline ${readline.lines}, records ${RECORDS}`);
    floorRows.push(['attrib line splitter', secs(split.ms), fmtRate(corpus.bytes, split.ms), `${splitterSpeedup.toFixed(2)}x readline's speed`]);
    const parse = await best(RUNS, () => splitterParse(splitLines, corpus.file));
    floorRows.push(['splitter + JSON.parse', secs(parse.ms), fmtRate(corpus.bytes, parse.ms), 'the floor of any JSONL importer']);
  } else {
    floorRows.push(['attrib line splitter', '-', '-', 'not built: run `npm run build` (dist/report/lines.js)']);
  }
  console.log(table(floorRows));

  // 2. Whole group-bys, each a separate process over the same file.
  console.log('\ngroup-by over the whole file (separate processes; best wall time of the runs, peak RSS over them)');
  const rows = [['tool', 'runs', 'time', 'throughput', 'peak RSS']];
  let attrib;
  let threaded;
  let attribSmall;
  if (attribBuilt) {
    const args = [join(ROOT, 'bin', 'run.js'), 'report', corpus.file, '--format', 'json'];
    // Paired A/B: one thread and worker threads alternate, so both see the same load.
    [attrib, threaded] = await paired(
      RUNS,
      () => measure(process.execPath, [...args, '--threads', '1'], { cwd: CORPUS_DIR }),
      () => measure(process.execPath, [...args, '--threads', String(THREADS)], { cwd: CORPUS_DIR }),
    );
    if (attrib.code !== 0) {
      verify(false, `attrib report exited ${attrib.code}: ${attrib.stderr.slice(0, 500)}`);
      attrib = undefined;
    } else {
      const result = JSON.parse(attrib.stdout);
      verify(result.totals.steps === RECORDS, `attrib counted ${result.totals.steps} steps of ${RECORDS} records`);
      verify(result.totals.skippedLines === 0, `attrib skipped ${result.totals.skippedLines} lines`);
      const featureSum = result.byFeature.reduce((sum, row) => sum + row.costUsd, 0);
      verify(Math.abs(featureSum - result.totals.costUsd) < 1e-6 * (result.byFeature.length + 1), `byFeature sums to ${featureSum}, totals.costUsd is ${result.totals.costUsd}`);
      rows.push(['attrib report --format json', RUNS, secs(attrib.wallMs), fmtRate(corpus.bytes, attrib.wallMs), fmtRss(attrib.peakRssKb)]);
      if (threaded.code !== 0) verify(false, `attrib report --threads ${THREADS} exited ${threaded.code}: ${threaded.stderr.slice(0, 500)}`);
      else {
        verify(threaded.stdout === attrib.stdout, `attrib report --threads ${THREADS} printed another report than --threads 1`);
        rows.push([`  same, --threads ${THREADS} (paired: ${(attrib.wallMs / threaded.wallMs).toFixed(2)}x the speed)`, RUNS, secs(threaded.wallMs), fmtRate(corpus.bytes, threaded.wallMs), fmtRss(threaded.peakRssKb)]);
      }
      // Same command on a tenth of the records: peak memory should barely move.
      const small = ensureCorpus(CORPUS_DIR, SMALL_RECORDS);
      attribSmall = await best(1, () => measure(process.execPath, [args[0], 'report', small.file, '--format', 'json'], { cwd: CORPUS_DIR }));
      rows.push([`  same, ${SMALL_RECORDS.toLocaleString('en-US')} records`, 1, secs(attribSmall.wallMs), fmtRate(small.bytes, attribSmall.wallMs), fmtRss(attribSmall.peakRssKb)]);
    }
  } else {
    rows.push(['attrib report --format json', '-', '-', '-', 'not built: run `npm run build` (dist/commands/report.js)']);
  }
  const duckScript = join(HERE, 'duckdb-groupby.js');
  const duckdb = await best(RUNS, () => measure(process.execPath, [duckScript, corpus.file], { cwd: ROOT }));
  verify(duckdb.code === 0, `DuckDB exited ${duckdb.code}: ${duckdb.stderr.slice(0, 500)}`);
  rows.push([`DuckDB read_json (${availableParallelism()} threads)`, RUNS, secs(duckdb.wallMs), fmtRate(corpus.bytes, duckdb.wallMs), fmtRss(duckdb.peakRssKb)]);
  const duckdb1 = await best(RUNS, () => measure(process.execPath, [duckScript, corpus.file, '1'], { cwd: ROOT }));
  rows.push(['DuckDB read_json (1 thread)', RUNS, secs(duckdb1.wallMs), fmtRate(corpus.bytes, duckdb1.wallMs), fmtRss(duckdb1.peakRssKb)]);
  let jq;
  if (!SKIP_JQ) {
    jq = await best(JQ_RUNS, () => measure('jq', ['-n', '-c', '-f', join(HERE, 'jq-groupby.jq'), corpus.file], { cwd: ROOT }));
    verify(jq.code === 0, `jq exited ${jq.code}: ${jq.stderr.slice(0, 500)}`);
    rows.push(['jq -n reduce inputs', JQ_RUNS, secs(jq.wallMs), fmtRate(corpus.bytes, jq.wallMs), fmtRss(jq.peakRssKb)]);
  }
  console.log(table(rows));

  const duckGroups = duckdb.code === 0 ? JSON.parse(duckdb.stdout) : [];
  verify(duckGroups.reduce((sum, row) => sum + row.steps, 0) === RECORDS, 'DuckDB did not count every record');
  if (jq && jq.code === 0) verify(sameGroups(duckGroups, JSON.parse(jq.stdout)), 'DuckDB and jq disagree on steps or cost by feature');

  // 3. Targets.
  const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');
  const targetRows = [['target', 'goal', 'measured', 'result']];
  const throughput = attrib && rate(corpus.bytes, attrib.wallMs);
  targetRows.push(['throughput', `>= ${TARGETS.throughputMBs} MB/s`, throughput ? `${throughput.toFixed(1)} MB/s` : '-', verdict(throughput && throughput >= TARGETS.throughputMBs)]);
  const jqSpeedup = attrib && jq?.code === 0 ? jq.wallMs / attrib.wallMs : undefined;
  targetRows.push(['vs jq', `>= ${TARGETS.jqSpeedup}x faster`, jqSpeedup ? `${jqSpeedup.toFixed(2)}x faster` : '-', verdict(jqSpeedup && jqSpeedup >= TARGETS.jqSpeedup)]);
  const duckSlowdown = attrib && duckdb.code === 0 ? attrib.wallMs / duckdb.wallMs : undefined;
  targetRows.push(['vs DuckDB', `<= ${TARGETS.duckdbSlowdown}x its time`, duckSlowdown ? `${duckSlowdown.toFixed(2)}x its time` : '-', verdict(duckSlowdown && duckSlowdown <= TARGETS.duckdbSlowdown)]);
  const peakMB = attrib?.peakRssKb != null ? mb(attrib.peakRssKb * 1024) : undefined;
  targetRows.push([`peak RSS at ${RECORDS.toLocaleString('en-US')}`, `< ${TARGETS.peakRssMB} MB`, peakMB ? `${peakMB.toFixed(0)} MB` : '-', verdict(peakMB && peakMB < TARGETS.peakRssMB)]);
  targetRows.push([
    'splitter vs readline',
    `>= ${TARGETS.splitterSpeedup.toFixed(2)}x (a third faster)`,
    splitterSpeedup ? `${splitterSpeedup.toFixed(2)}x` : '-',
    verdict(splitterSpeedup && splitterSpeedup >= TARGETS.splitterSpeedup),
  ]);
  console.log('\ntargets (issue 4)');
  console.log(table(targetRows));

  if (failures.length > 0) {
    console.log('\nVERIFICATION FAILED (the timings above are not to be trusted):');
    for (const failure of failures) console.log(`  - ${failure}`);
    process.exitCode = 1;
  } else {
    const checked = [attrib && 'attrib counted every record, skipped no line, and its feature list sums to its total', jq && 'DuckDB and jq agree'];
    console.log(`\nverified: ${['DuckDB counted every record', ...checked.filter(Boolean)].join('; ')}`);
  }
}

await main();
