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

function lintSummary(stdout) {
  try {
    return JSON.parse(stdout).summary;
  } catch {
    throw new Error(`attrib lint --format json printed no JSON:\n${stdout.slice(0, 500)}`);
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

const lintTimes = [];
const tscTimes = [];
let lintRss = 0;
let tscRss = 0;
let found;
for (let i = 1; i <= runs; i++) {
  // Interleaved, so that load from other processes on the machine hits both alike.
  if (haveLint) {
    log(`run ${i}/${runs}: attrib lint ...`);
    const lint = run(['node', BIN, 'lint', '--format', 'json'], { cwd: CORPUS, okStatus: [0, 1] });
    lintTimes.push(lint.ms);
    lintRss = Math.max(lintRss, lint.rssKb ?? 0);
    found = lintSummary(lint.stdout);
  }
  log(`run ${i}/${runs}: tsc --noEmit ...`);
  const tsc = run(['node', TSC, '--noEmit', '-p', 'tsconfig.json'], { cwd: CORPUS });
  tscTimes.push(tsc.ms);
  tscRss = Math.max(tscRss, tsc.rssKb ?? 0);
}

let staged;
if (haveLint) {
  log(`--staged: ${STAGED_FILES} changed files in a git repository of the corpus ...`);
  const repo = stagedRepo(corpus);
  try {
    const results = [];
    for (let i = 0; i < STAGED_RUNS; i++) {
      results.push(run(['node', BIN, 'lint', '--staged', '--format', 'json'], { cwd: repo.dir, okStatus: [0, 1] }));
    }
    staged = {
      ms: median(results.map((r) => r.ms)),
      rssKb: Math.max(...results.map((r) => r.rssKb ?? 0)),
      summary: lintSummary(results[0].stdout),
    };
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

log('attrib --version ...');
const versionTimes = [];
for (let i = 0; i < VERSION_RUNS; i++) versionTimes.push(run(['node', BIN, '--version'], { cwd: ROOT }).ms);

// ---- report -------------------------------------------------------------------------------------
const rows = [];
const row = (measure, result, target = '', pass) =>
  rows.push([measure, result, target, pass === undefined ? '' : pass ? 'PASS' : 'MISS']);
const tscMs = median(tscTimes);
const per = runs > 1 ? ` (median of ${runs})` : '';
row(`tsc --noEmit -p (same tree)${per}`, seconds(tscMs));
if (haveLint) {
  const lintMs = median(lintTimes);
  const linesPerSecond = corpus.lines / (lintMs / 1000);
  row(`attrib lint, whole tree${per}`, seconds(lintMs));
  row('attrib lint / tsc', `${(lintMs / tscMs).toFixed(2)}x`, '<= 0.50x', lintMs / tscMs <= 0.5);
  row('attrib lint throughput', `${thousands(linesPerSecond)} lines/s`, '>= 100,000 lines/s', linesPerSecond >= 100_000);
  row(`attrib lint --staged, ${STAGED_FILES} files (median of ${STAGED_RUNS})`, seconds(staged.ms), '< 1 s', staged.ms < 1000);
} else {
  row('attrib lint, whole tree', 'not built (dist/commands/lint.js)', '<= 0.50x tsc', false);
  row(`attrib lint --staged, ${STAGED_FILES} files`, 'not built', '< 1 s', false);
}
const versionMs = median(versionTimes);
row(`attrib --version (median of ${VERSION_RUNS})`, `${Math.round(versionMs)} ms`, '< 150 ms', versionMs < 150);
if (haveLint) row('peak RSS, attrib lint whole tree', megabytes(lintRss));
row('peak RSS, tsc --noEmit', megabytes(tscRss));
if (haveLint) row('peak RSS, attrib lint --staged', megabytes(staged.rssKb));

const header = ['measure', 'result', 'target', 'status'];
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
    ...(haveLint
      ? [
          `attrib lint found ${found.callSites} call sites in ${found.files} files (${found.violations} violations, ${found.errors} errors, ${found.warnings} warnings, ${found.parseErrors} parse errors).`,
          `--staged linted ${staged.summary.files} files, ${staged.summary.callSites} call sites.`,
        ]
      : ['attrib lint is not built yet: only tsc and --version were measured.']),
  ].join('\n'),
);
process.exitCode = rows.some((r) => r[3] === 'MISS') ? 1 : 0;
