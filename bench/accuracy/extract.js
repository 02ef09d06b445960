#!/usr/bin/env node
// Writes the HEAD tree of a bare git directory to a folder, for bench/accuracy/compare.js:
//
//   node bench/accuracy/extract.js /work/.mirror/cline+cline/repo /tmp/accuracy/cline
//
// `git archive HEAD | tar -x` would do, but a partial mirror lacks some large blobs (GIFs, JSON
// recordings) and git archive stops at the first one. This skips missing blobs, says how many, and
// records the commit in <folder>/.accuracy-commit so compare.js can check it measures the right tree.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const [gitDir, out] = process.argv.slice(2);
if (!gitDir || !out) {
  console.error('usage: node bench/accuracy/extract.js <bare git dir> <output folder>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });
const commit = git('rev-parse', 'HEAD').toString().trim();
const root = resolve(out);
const blobs = git('ls-tree', '-r', '-z', 'HEAD').toString().split('\0').filter(Boolean).flatMap((entry) => {
  const [meta, path] = entry.split('\t');
  const [mode, type, sha] = meta.split(' ');
  const dest = resolve(root, path);
  // Symlinks and submodules are not needed to lint; a path escaping the folder is refused.
  return type === 'blob' && mode !== '120000' && dest.startsWith(root + sep) ? [{ sha, dest }] : [];
});

const cat = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch']);
let buffer = Buffer.alloc(0);
let index = 0;
let missing = 0;
cat.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const eol = buffer.indexOf(10);
    if (eol < 0) return;
    const header = buffer.subarray(0, eol).toString().split(' ');
    if (header[1] === 'missing') {
      missing++;
      index++;
      buffer = buffer.subarray(eol + 1);
      continue;
    }
    const size = Number(header[2]);
    if (buffer.length < eol + 1 + size + 1) return;
    const { dest } = blobs[index++];
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, buffer.subarray(eol + 1, eol + 1 + size));
    buffer = buffer.subarray(eol + 1 + size + 1);
  }
});
cat.on('close', (code) => {
  if (code !== 0 || index !== blobs.length) {
    console.error(`extract: git cat-file stopped after ${index} of ${blobs.length} blobs (exit ${code})`);
    process.exit(1);
  }
  writeFileSync(join(root, '.accuracy-commit'), `${commit}\n`);
  console.log(`${root}: ${commit}, ${blobs.length - missing} files${missing ? `, ${missing} blobs missing from the mirror (skipped)` : ''}`);
});
cat.stdin.end(blobs.map((b) => b.sha).join('\n') + '\n');
