/**
 * The peer tools `npm run bench:lint` times in the same run as attrib (issue 14): ast-grep and ESLint,
 * each asked only to find the corpus's model calls by pattern, which is less work than attrib does
 * (attrib also resolves clients across files and reads the tags that reach each call).
 *
 * They are not devDependencies of attrib (every hook install would download them): the first run
 * installs the pinned versions below into bench/.peers/ (gitignored) with `npm install`, and later
 * runs reuse it. `--no-peers` skips them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Pinned versions (`npm view` on 2026-12-02); the TypeScript parser is the one ESLint users run. */
export const PEER_VERSIONS = {
  '@ast-grep/cli': '0.51.1',
  eslint: '10.16.0',
  '@typescript-eslint/parser': '8.74.0',
  typescript: '6.0.3',
};

/**
 * The call shapes of bench/lint/generate.js and dense.js, as each peer spells a pattern (the dense
 * case's `completions.create` through a local alias included: a pattern tool cannot follow the alias,
 * so the rule names it). Each peer must find exactly the generated number of calls, so the timing is
 * of the same finding work.
 */
const AST_GREP_PATTERNS = ['$C.chat.completions.create($$$A)', 'completions.create($$$A)', '$C.responses.create($$$A)', '$C.messages.create($$$A)', 'generateText($$$A)'];
const ESLINT_SELECTOR = [
  "CallExpression[callee.property.name='create'][callee.object.property.name='completions'][callee.object.object.property.name='chat']",
  "CallExpression[callee.property.name='create'][callee.object.name='completions']",
  "CallExpression[callee.property.name='create'][callee.object.property.name='responses']",
  "CallExpression[callee.property.name='create'][callee.object.property.name='messages']",
  "CallExpression[callee.name='generateText']",
].join(', ');

/**
 * bench/.peers/ with the pinned peers installed, or the reason they are not there (no network).
 * @returns {{ dir: string } | { missing: string }}
 */
export function ensurePeers(root) {
  const dir = join(root, 'bench', '.peers');
  const stamp = join(dir, 'versions.json');
  const wanted = JSON.stringify(PEER_VERSIONS);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return { dir };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const specs = Object.entries(PEER_VERSIONS).map(([name, version]) => `${name}@${version}`);
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--silent', ...specs], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    return { missing: `npm install ${specs.join(' ')} failed in ${dir}: ${String(error.stderr ?? error.message).trim().split('\n')[0]}` };
  }
  writeFileSync(stamp, wanted);
  return { dir };
}

/** The ast-grep rule file (one rule, any of the patterns) written into `dir`; returns its path. */
function astGrepRule(dir) {
  const file = join(dir, 'model-calls.yml');
  const patterns = AST_GREP_PATTERNS.map((p) => `    - pattern: ${JSON.stringify(p)}`).join('\n');
  writeFileSync(file, `id: model-call\nlanguage: TypeScript\nseverity: warning\nmessage: model call\nrule:\n  any:\n${patterns}\n`);
  return file;
}

/** An ESLint flat config with the TypeScript parser and one `no-restricted-syntax` selector. */
function eslintConfig(dir) {
  const file = join(dir, 'eslint.config.mjs');
  const parser = join(dir, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js');
  writeFileSync(
    file,
    `import * as parser from ${JSON.stringify(parser)};\n` +
      `export default [{ files: ['**/*.ts'], languageOptions: { parser }, rules: { 'no-restricted-syntax': ['warn', ${JSON.stringify(ESLINT_SELECTOR)}] } }];\n`,
  );
  return file;
}

/**
 * The argv of each peer over `target` (a folder), and how to count what it found from its stdout.
 * ast-grep uses as many threads as the machine has cores (`-j`), as a user would run it.
 * @returns {{ label: string; argv: string[]; count: (stdout: string) => number }[]}
 */
export function peerCommands(peersDir, threads) {
  const bin = (name) => join(peersDir, 'node_modules', '.bin', name);
  return [
    {
      label: `ast-grep scan (${threads} thread${threads === 1 ? '' : 's'}), pattern rule`,
      argv: [bin('ast-grep'), 'scan', '-j', String(threads), '--rule', astGrepRule(peersDir), '--json=stream', '.'],
      count: (stdout) => stdout.split('\n').filter((l) => l.trim() !== '').length,
    },
    {
      label: 'eslint no-restricted-syntax (TS parser)',
      // --no-warn-ignored and an explicit config: the corpus has no ESLint setup of its own.
      argv: ['node', join(peersDir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', eslintConfig(peersDir), '-f', 'json', '--no-warn-ignored', '.'],
      count: (stdout) => JSON.parse(stdout).reduce((n, file) => n + file.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length, 0),
    },
  ];
}
