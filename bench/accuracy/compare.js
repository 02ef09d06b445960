#!/usr/bin/env node
// Compares `attrib lint` with the hand reference in bench/accuracy/<repo>.tsv (method: docs/accuracy.md).
//
//   node bench/accuracy/compare.js /tmp/accuracy/cline /tmp/accuracy/continue   # these checkouts
//   ATTRIB_ACCURACY_DIR=/tmp/accuracy node bench/accuracy/compare.js            # every repo in repos.tsv
//
// A checkout is a folder named like the repo (gemini-cli, cline, ...). Each is linted with this
// worktree's bin/run.js on the folders listed in repos.tsv, with the working directory at the checkout
// (so reported files are relative to the repo root, like the reference). A reported call site matches a
// reference row when the file is the same and the line is within ±1; each row matches at most once.
// Test files (TEST_FILE below) are left out of both sides. Exit 0 on success, 2 on any setup error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const attribBin = join(here, '..', '..', 'bin', 'run.js');
const taxonomy = join(here, 'attrib.yaml');
const TEST_FILE =
  /(^|\/)(__tests__|__mocks__|__fixtures__|test|tests|integration-tests|e2e|test-utils|mocks|fixtures|evals?)\/|\.(test|spec|vitest|e2e|stories|test-d)\.[cm]?[jt]sx?$/;
const LINE_TOLERANCE = 1;
const COUNTED = new Map([['direct', 'direct'], ['inherited-candidate', 'direct'], ['entry', 'entry']]);

function fail(message) {
  console.error(`accuracy: ${message}`);
  process.exit(2);
}

function readTsv(file) {
  if (!existsSync(file)) fail(`missing reference file ${file}`);
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const keys = header.split('\t');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== keys.length) fail(`${file}:${i + 2}: expected ${keys.length} columns, got ${cells.length}`);
    return Object.fromEntries(keys.map((k, j) => [k, cells[j]]));
  });
}

function checkoutsToMeasure(repos) {
  const byName = new Map(repos.map((r) => [r.repo.split('/')[1], r]));
  const args = process.argv.slice(2);
  const dir = process.env.ATTRIB_ACCURACY_DIR;
  if (args.length === 0 && !dir) fail('give checkout paths as arguments, or set ATTRIB_ACCURACY_DIR to a folder with one subfolder per repo');
  const pairs = args.length > 0
    ? args.map((p) => {
        const repo = byName.get(basename(resolve(p)));
        if (!repo) fail(`${p}: its folder name is none of ${[...byName.keys()].join(', ')}`);
        return [repo, resolve(p)];
      })
    : repos.map((r) => [r, resolve(dir, r.repo.split('/')[1])]);
  for (const [repo, path] of pairs) {
    if (!existsSync(path)) fail(`checkout of ${repo.repo} not found at ${path} (see "Reproduce" in docs/accuracy.md)`);
    const marker = join(path, '.accuracy-commit');
    if (!existsSync(marker)) console.warn(`accuracy: warning: ${path} has no .accuracy-commit; cannot check it is ${repo.commit}`);
    else if (readFileSync(marker, 'utf8').trim() !== repo.commit) {
      fail(`${path} is commit ${readFileSync(marker, 'utf8').trim()}, the reference is for ${repo.commit}`);
    }
  }
  return pairs;
}

function lint(repo, checkout) {
  const folders = repo.folders.split(' ');
  const started = Date.now();
  const run = spawnSync(process.execPath, [attribBin, 'lint', ...folders, '--format', 'json', '--taxonomy', taxonomy], {
    cwd: checkout, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (run.error) fail(`${repo.repo}: could not run attrib: ${run.error.message}`);
  if (run.status !== 0 && run.status !== 1) fail(`${repo.repo}: attrib lint exited ${run.status}:\n${run.stderr}`);
  let result;
  try {
    result = JSON.parse(run.stdout);
  } catch {
    fail(`${repo.repo}: attrib lint printed no JSON:\n${run.stderr}`);
  }
  return { result, seconds: (Date.now() - started) / 1000 };
}

function bucketOfReported(site) {
  return site.kind === 'agent' ? 'entry' : 'direct';
}

function compare(reference, sites) {
  const byFile = new Map();
  for (const row of reference) {
    if (!byFile.has(row.file)) byFile.set(row.file, []);
    byFile.get(row.file).push({ row, line: Number(row.line), matched: false });
  }
  const tally = emptyTally();
  const falsePositives = [];
  const otherCallee = [];
  for (const site of sites) {
    const candidates = (byFile.get(site.file) ?? []).filter((c) => !c.matched && Math.abs(c.line - site.line) <= LINE_TOLERANCE);
    candidates.sort((a, b) => Math.abs(a.line - site.line) - Math.abs(b.line - site.line));
    const counted = candidates.find((c) => COUNTED.has(c.row.class));
    if (counted) {
      counted.matched = true;
      // A match on position alone could pair two different calls on adjacent lines: show those.
      if (lastName(counted.row.callee) !== lastName(site.callee)) otherCallee.push({ site, row: counted.row });
      continue;
    }
    const listed = candidates[0];
    falsePositives.push({ site, reason: listed ? `reference: ${listed.row.class}, ${listed.row.note}` : 'not in the reference' });
    tally[bucketOfReported(site)].fp++;
  }
  const misses = [];
  for (const c of [...byFile.values()].flat()) {
    const bucket = COUNTED.get(c.row.class);
    if (!bucket) continue;
    tally[bucket].total++;
    if (c.row.class === 'inherited-candidate') tally.inherited.total++;
    if (c.matched) {
      tally[bucket].found++;
      if (c.row.class === 'inherited-candidate') tally.inherited.found++;
    } else misses.push(c.row);
  }
  return { tally, misses, falsePositives, otherCallee };
}

// `inherited` is the part of `direct` that a framework runs on behalf of an entry point.
function emptyTally() {
  return { direct: { found: 0, total: 0, fp: 0 }, entry: { found: 0, total: 0, fp: 0 }, inherited: { found: 0, total: 0 } };
}

function lastName(callee) {
  return callee.replace(/\(.*\)/g, '').split('.').filter(Boolean).at(-1);
}

const pct = (n, d) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n, d) => `${n}/${d}`.padStart(7);
function row(name, t) {
  const cell = (b) => `${ratio(b.found, b.total)} ${pct(b.found, b.total)}  ${pct(b.found, b.found + b.fp)}`;
  return `${name.padEnd(24)} ${cell(t.direct)}   ${cell(t.entry)}   ${ratio(t.inherited.found, t.inherited.total)}`;
}

const repos = readTsv(join(here, 'repos.tsv'));
const pairs = checkoutsToMeasure(repos);
const total = emptyTally();
const lines = [];
const details = [];
for (const [repo, checkout] of pairs) {
  const name = repo.repo.split('/')[1];
  const reference = readTsv(join(here, `${name}.tsv`)).filter((r) => !TEST_FILE.test(r.file));
  const { result, seconds } = lint(repo, checkout);
  const all = result.callSites ?? [];
  const sites = all.filter((s) => !TEST_FILE.test(s.file));
  const { tally, misses, falsePositives, otherCallee } = compare(reference, sites);
  for (const [bucket, counts] of Object.entries(tally)) for (const [k, n] of Object.entries(counts)) total[bucket][k] += n;
  lines.push(row(name, tally));
  details.push(`\n## ${repo.repo} @ ${repo.commit.slice(0, 12)}: ${result.summary?.files ?? '?'} files linted in ${seconds.toFixed(1)} s, ` +
    `${sites.length} call sites reported (${all.length - sites.length} more in test files, not counted), ` +
    `${result.summary?.parseErrors ?? 0} parse errors`);
  details.push(`misses (${misses.length}):`);
  for (const m of misses) details.push(`  ${m.file}:${m.line}  ${m.class}  ${m.sdk}  ${m.callee}  -- ${m.note}`);
  details.push(`false positives (${falsePositives.length}):`);
  for (const { site, reason } of falsePositives) {
    details.push(`  ${site.file}:${site.line}:${site.column}  ${site.kind}  ${site.sdk}  ${site.callee}  -- ${reason}`);
  }
  if (otherCallee.length > 0) details.push(`matched by position, callee written differently (check by hand) (${otherCallee.length}):`);
  for (const { site, row: r } of otherCallee) details.push(`  ${site.file}:${site.line}  reported ${site.callee}, reference ${r.callee}`);
}
console.log(`Matching: same file, line within ±${LINE_TOLERANCE}. Direct = direct + inherited-candidate rows.`);
console.log(`${'repo'.padEnd(24)} ${'direct found  recall  precision'.padEnd(33)}${'entry found  recall  precision'.padEnd(33)}inherited-candidate found (in direct)`);
for (const l of lines) console.log(l);
console.log(row('TOTAL', total));
console.log(details.join('\n'));
