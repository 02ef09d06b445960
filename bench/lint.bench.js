#!/usr/bin/env node
/**
 * `npm run bench:lint`: the performance targets of `attrib lint` (issue 3), measured in one run.
 *
 *   1. `attrib lint` on a synthetic 2,000-file, ~200k-line code base vs `tsc --noEmit -p` on the same
 *      tree: at most half of tsc's time, at least 100k lines/s.
 *   2. `attrib lint --staged` with 5 changed files in a git repository of that code base: under 1 s.
 *   3. `attrib --version`: under 150 ms (median).
 *   4. Peak memory of each, printed.
 *
 * Runs the built CLI (`node bin/run.js`), so `npm run build` first. Options: `--runs N` repeats the
 * whole-tree timings and reports medians (default 1; tsc alone takes tens of seconds), `--regenerate`
 * rebuilds the corpus even when it is current. Exit code 1 when a target is missed, 2 on a setup problem.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusStamp, generateCorpus } from './lint/generate.js';
import { median, memorySource, run } from './lint/measure.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, 'bench', '.corpus');
const STAMP = join(CORPUS, '.stamp.json');
const BIN = join(ROOT, 'bin', 'run.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PARAMS = { files: 2000, callSites: 300, seed: 20261128 };
const STAGED_FILES = 5;
const STAGED_RUNS = 5;
const VERSION_RUNS = 11;

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '1' }, regenerate: { type: 'boolean', default: false } },
});
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, not ${flags.runs}`);

function fail(message) {
  console.error(`bench:lint: ${message}`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);

/** git with a fixed identity, so commits work on machines without a git config. */
function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The corpus, regenerated only when its parameters, the taxonomy or the generator changed. It is a git
 * repository of its own, as a code base is: attrib honours `.gitignore` up to the repository root,
 * and attrib's own `.gitignore` lists bench/.corpus/.
 */
function ensureCorpus() {
  const taxonomy = readFileSync(join(ROOT, 'fixtures', 'attrib.yaml'), 'utf8');
  const stamp = corpusStamp({ ...PARAMS, taxonomy });
  if (!flags.regenerate && existsSync(STAMP)) {
    const saved = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (saved.stamp === stamp) return saved;
  }
  log(`generating ${PARAMS.files} files into ${CORPUS} ...`);
  const stats = { stamp, ...generateCorpus({ dir: CORPUS, ...PARAMS, taxonomy }) };
  git(CORPUS, 'init', '-q');
  git(CORPUS, 'add', '-A');
  git(CORPUS, 'commit', '-q', '-m', 'corpus');
  writeFileSync(STAMP, `${JSON.stringify(stats, null, 2)}\n`);
  return stats;
}

function lintSummary(label, result) {
  try {
    return JSON.parse(result.stdout).summary;
  } catch {
    throw new Error(`${label} exited with ${result.status} without printing JSON:\n${result.stdout.slice(0, 300)}\n${result.stderr.slice(0, 1000)}`);
  }
}

/** A throwaway clone of the corpus with `STAGED_FILES` call-site files changed and staged. */
function stagedRepo(corpus) {
  const dir = mkdtempSync(join(tmpdir(), 'attrib-bench-staged-'));
  execFileSync('git', ['clone', '-q', CORPUS, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const changed = corpus.callSiteFiles.slice(0, STAGED_FILES);
  for (const file of changed) appendFileSync(join(dir, file), '\nexport const touchedByBench = true;\n');
  git(dir, 'add', '--', ...changed);
  return { dir, changed };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const thousands = (n) => Math.round(n).toLocaleString('en-US');

if (!existsSync(join(ROOT, 'dist')) || !existsSync(join(ROOT, 'oclif.manifest.json'))) {
  fail('attrib is not built: run `npm run build` first (the benchmark times the shipped CLI).');
}
if (!existsSync(TSC)) fail(`TypeScript is not installed at ${TSC}: run \`npm install\`.`);
const haveLint = existsSync(join(ROOT, 'dist', 'commands', 'lint.js'));

const corpus = ensureCorpus();
log(`corpus: ${corpus.files} files, ${thousands(corpus.lines)} lines, ${corpus.callSites} call sites (${CORPUS})`);

const lintRuns = [];
const tscRuns = [];
for (let i = 1; i <= runs; i++) {
  // Interleaved, so that load from other processes on the machine hits both alike.
  if (haveLint) {
    log(`run ${i}/${runs}: attrib lint ...`);
    lintRuns.push(run(['node', BIN, 'lint', '--format', 'json'], { cwd: CORPUS, okStatus: [0, 1] }));
  }
  log(`run ${i}/${runs}: tsc --noEmit ...`);
  tscRuns.push(run(['node', TSC, '--noEmit', '-p', 'tsconfig.json'], { cwd: CORPUS }));
}

const stagedRuns = [];
if (haveLint) {
  log(`--staged: ${STAGED_FILES} changed files in a git repository of the corpus ...`);
  const repo = stagedRepo(corpus);
  try {
    for (let i = 0; i < STAGED_RUNS; i++) {
      stagedRuns.push(run(['node', BIN, 'lint', '--staged', '--format', 'json'], { cwd: repo.dir, okStatus: [0, 1] }));
    }
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

log('attrib --version ...');
const versionRuns = [];
for (let i = 0; i < VERSION_RUNS; i++) versionRuns.push(run(['node', BIN, '--version'], { cwd: ROOT }));

// ---- report -------------------------------------------------------------------------------------
/** Median wall and CPU time and the highest peak memory of a series of runs. */
function summarise(series) {
  const cpu = series.map((r) => r.cpuMs).filter((ms) => ms !== undefined);
  return {
    ms: median(series.map((r) => r.ms)),
    cpuMs: cpu.length > 0 ? median(cpu) : undefined,
    rssKb: Math.max(0, ...series.map((r) => r.rssKb ?? 0)) || undefined,
  };
}
/** What a lint run found: the check that the timed run did the real work. */
function findings(label, series) {
  const s = lintSummary(label, series[0]);
  return `${label} checked ${s.files} files: ${s.callSites} call sites, ${s.violations} violations, ${s.errors} errors, ${s.warnings} warnings, ${s.parseErrors} parse errors.`;
}
const cpuOf = (s) => (s.cpuMs === undefined ? 'n/a' : seconds(s.cpuMs));
const rows = [];
const row = (measure, wall, cpu, target = '', pass) =>
  rows.push([measure, wall, cpu, target, pass === undefined ? '' : pass ? 'PASS' : 'MISS']);
const per = runs > 1 ? ` (median of ${runs})` : '';
const tsc = summarise(tscRuns);
row(`tsc --noEmit -p, same tree${per}`, seconds(tsc.ms), cpuOf(tsc));
let lint;
let staged;
if (haveLint) {
  lint = summarise(lintRuns);
  staged = summarise(stagedRuns);
  const linesPerSecond = corpus.lines / (lint.ms / 1000);
  row(`attrib lint, whole tree${per}`, seconds(lint.ms), cpuOf(lint));
  row(
    'attrib lint / tsc',
    `${(lint.ms / tsc.ms).toFixed(2)}x`,
    lint.cpuMs === undefined || tsc.cpuMs === undefined ? 'n/a' : `${(lint.cpuMs / tsc.cpuMs).toFixed(2)}x`,
    '<= 0.50x',
    lint.ms / tsc.ms <= 0.5,
  );
  row(
    'attrib lint throughput',
    `${thousands(linesPerSecond)} lines/s`,
    lint.cpuMs === undefined ? 'n/a' : `${thousands(corpus.lines / (lint.cpuMs / 1000))} lines/s`,
    '>= 100,000 lines/s',
    linesPerSecond >= 100_000,
  );
  row(`attrib lint --staged, ${STAGED_FILES} files (median of ${STAGED_RUNS})`, seconds(staged.ms), cpuOf(staged), '< 1 s', staged.ms < 1000);
} else {
  row('attrib lint, whole tree', 'not built', '', '<= 0.50x tsc', false);
  row(`attrib lint --staged, ${STAGED_FILES} files`, 'not built', '', '< 1 s', false);
}
const version = summarise(versionRuns);
row(`attrib --version (median of ${VERSION_RUNS})`, `${Math.round(version.ms)} ms`, version.cpuMs === undefined ? 'n/a' : `${Math.round(version.cpuMs)} ms`, '< 150 ms', version.ms < 150);
if (haveLint) row('peak RSS, attrib lint whole tree', megabytes(lint.rssKb), '');
row('peak RSS, tsc --noEmit', megabytes(tsc.rssKb), '');
if (haveLint) row('peak RSS, attrib lint --staged', megabytes(staged.rssKb), '');

const header = ['measure', 'wall', 'cpu', 'target', 'status'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
const cpu = cpus();
console.log(
  [
    `attrib lint benchmark: ${corpus.files} files, ${thousands(corpus.lines)} lines, ${corpus.callSites} generated call sites`,
    `node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, memory via ${memorySource}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'wall: elapsed time, the targets; cpu: user + system time, steadier when the machine is busy.',
    ...(haveLint ? [findings('attrib lint', lintRuns), findings('attrib lint --staged', stagedRuns)] : ['attrib lint is not built yet: only tsc and --version were measured.']),
  ].join('\n'),
);
process.exitCode = rows.some((r) => r[4] === 'MISS') ? 1 : 0;
