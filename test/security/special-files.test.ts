/**
 * Security 3 (issue 10): a repository in CI is untrusted, and any file it holds can be a symlink to
 * /dev/zero, a FIFO or a huge file. Every user file goes through one reader (src/util/read-user-file.ts)
 * that refuses what is not a regular file, counts the bytes it reads against the cap, and never blocks
 * on a FIFO. Each test would hang or exhaust memory without it (the test timeout catches the hang).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreadableFile, readRegularFile, readRegularFileSync, readUserFile } from '../../src/util/read-user-file.js';
import { lint } from '../../src/lint/index.js';
import { loadTaxonomy, validateTaxonomyFile } from '../../src/taxonomy/index.js';
import { loadPricing } from '../../src/report/pricing-table.js';
import { readBaseline } from '../../src/lint/baseline.js';
import { TEST_TAXONOMY } from '../lint/rule-tester.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { analyze } from '../../src/report/index.js';
import { fixtureTaxonomy } from '../report/helpers.js';

const root = mkdtempSync(path.join(tmpdir(), 'attrib-special-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fifo(name: string): string {
  const file = path.join(root, name);
  execFileSync('mkfifo', [file]);
  return file;
}
function zeroLink(name: string): string {
  const file = path.join(root, name);
  symlinkSync('/dev/zero', file);
  return file;
}

async function reason(read: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (error instanceof UnreadableFile) return `${error.reason}: ${error.problem}`;
    throw error;
  }
  return 'read';
}

describe('the shared reader', () => {
  it('refuses a link to /dev/zero, a FIFO (without blocking) and a folder, async and sync', async () => {
    const zero = zeroLink('zero.yaml');
    const pipe = fifo('pipe.yaml');
    for (const read of [readRegularFile, readRegularFileSync]) {
      expect(await reason(() => read(zero))).toBe('special: is a character device, not a regular file');
      expect(await reason(() => read(pipe))).toBe('special: is a FIFO (named pipe), not a regular file');
      expect(await reason(() => read(root))).toBe('folder: is a folder');
      expect(await reason(() => read(path.join(root, 'missing')))).toBe('not-found: not found');
    }
  });

  it('counts the cap in bytes: a 10-byte file with a 9-byte cap is refused, with a 10-byte cap read', async () => {
    const file = path.join(root, 'ten.txt');
    writeFileSync(file, '0123456789');
    expect(await reason(() => readRegularFile(file, 9))).toBe('too-large: is 10 bytes; attrib reads at most 9');
    expect((await readRegularFile(file, 10)).toString()).toBe('0123456789');
    expect(readRegularFileSync(file, 10).toString()).toBe('0123456789');
  });

  it('turns each refusal into a ConfigError naming the file and what it is', async () => {
    const zero = zeroLink('invoice.csv');
    await expect(readUserFile(zero, { cwd: root, what: 'invoice file', hint: 'h' })).rejects.toThrow('invoice file invoice.csv is a character device, not a regular file');
  });
});

describe('every user file reads through it', () => {
  it('taxonomy, pricing and baseline files that are special files are a ConfigError, not a hang', async () => {
    const tax = fifo('attrib.yaml');
    await expect(loadTaxonomy({ cwd: root, path: tax })).rejects.toThrow('taxonomy file attrib.yaml is a FIFO (named pipe), not a regular file');
    await expect(validateTaxonomyFile(zeroLink('t2.yaml'), root)).rejects.toThrow('is a character device');
    await expect(loadPricing({ cwd: root, file: zeroLink('pricing.yaml') })).rejects.toThrow('pricing file pricing.yaml is a character device, not a regular file');
    await expect(readBaseline(fifo('baseline.json'), root)).rejects.toThrow('baseline file baseline.json is a FIFO (named pipe), not a regular file');
  });

  it('a usage log that is a link to /dev/zero or a FIFO is a ConfigError at once, with the way to read a pipe', async () => {
    const logs = path.join(root, 'logs');
    mkdirSync(logs);
    symlinkSync('/dev/zero', path.join(logs, 'zero.jsonl'));
    execFileSync('mkfifo', [path.join(logs, 'pipe.jsonl')]);
    const taxonomy = fixtureTaxonomy();
    await expect(analyze({ cwd: logs, taxonomy, paths: ['zero.jsonl'], fallbackPricing: false })).rejects.toThrow(
      'log file zero.jsonl is a character device, not a regular file',
    );
    await expect(analyze({ cwd: logs, taxonomy, paths: ['pipe.jsonl'], fallbackPricing: false })).rejects.toThrow('log file pipe.jsonl is a FIFO (named pipe), not a regular file');
    const cli = runCli(['report', 'pipe.jsonl', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: logs });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('send a pipe or a device on standard input instead: `cmd | attrib report -`');
  });

  it('lint skips special source files and a special .gitignore with a warning, and lints the rest', async () => {
    const cwd = path.join(root, 'repo');
    mkdirSync(path.join(cwd, 'src'), { recursive: true });
    writeFileSync(path.join(cwd, 'src/a.ts'), `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage' } });\n`);
    symlinkSync('/dev/zero', path.join(cwd, 'src/zero.ts'));
    execFileSync('mkfifo', [path.join(cwd, 'src/pipe.ts')]);
    symlinkSync('/dev/zero', path.join(cwd, '.gitignore'));
    const result = await lint({ cwd, taxonomy: TEST_TAXONOMY });
    expect(result.warnings.sort()).toEqual([
      '.gitignore is a character device, not a regular file: its rules are not applied',
      'src/zero.ts is a character device, not a regular file: not linted',
    ]);
    // The folder walk lists regular files and links only, so the FIFO is never a candidate.
    expect(result.callSites.map((s) => s.file)).toEqual(['src/a.ts']);
    // Named on the command line, a special file is skipped the same way.
    const named = await lint({ cwd, taxonomy: TEST_TAXONOMY, paths: ['src/zero.ts', 'src/pipe.ts', 'src/a.ts'] });
    expect(named.warnings.filter((w) => w.startsWith('src/'))).toEqual(['src/zero.ts is not a regular file: not linted', 'src/pipe.ts is not a regular file: not linted']);
    expect(named.callSites).toHaveLength(1);
  });

  it("inside a tsconfig project's include, a link to /dev/zero and a FIFO are skipped with a warning, not dropped in silence", async () => {
    const cwd = path.join(root, 'project');
    mkdirSync(path.join(cwd, 'src/lib'), { recursive: true });
    writeFileSync(path.join(cwd, 'tsconfig.json'), JSON.stringify({ include: ['src'] }));
    writeFileSync(path.join(cwd, 'src/a.ts'), `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage' } });\n`);
    writeFileSync(path.join(cwd, 'src/lib/b.ts'), 'export const b = 1;\n');
    symlinkSync(path.join(cwd, 'src/lib/b.ts'), path.join(cwd, 'src/b-link.ts'));
    symlinkSync(path.join(cwd, 'src/lib'), path.join(cwd, 'src/linked-lib'));
    symlinkSync('/dev/zero', path.join(cwd, 'src/zero.ts'));
    execFileSync('mkfifo', [path.join(cwd, 'src/lib/pipe.ts')]);
    symlinkSync(path.join(cwd, 'missing.ts'), path.join(cwd, 'src/dead.ts'));
    const result = await lint({ cwd, taxonomy: TEST_TAXONOMY });
    expect(result.warnings.sort()).toEqual([
      'src/lib/pipe.ts is a FIFO (named pipe), not a regular file: not linted',
      'src/zero.ts is a character device, not a regular file: not linted',
    ]);
    expect(result.callSites.map((s) => s.file)).toEqual(['src/a.ts']);
    // Each real file once: b.ts is reached three ways (its folder, a file link, a folder link).
    expect(result.summary.files).toBe(2);
  });

  it('a tsconfig.json that is a special file, or nested too deeply for the parser, is a ConfigError', async () => {
    const zeroProject = path.join(root, 'zero-project');
    mkdirSync(zeroProject);
    writeFileSync(path.join(zeroProject, 'a.ts'), 'export {};\n');
    symlinkSync('/dev/zero', path.join(zeroProject, 'tsconfig.json'));
    await expect(lint({ cwd: zeroProject, taxonomy: TEST_TAXONOMY })).rejects.toThrow('tsconfig file tsconfig.json is a character device, not a regular file');
    const deep = path.join(root, 'deep-project');
    mkdirSync(deep);
    writeFileSync(path.join(deep, 'a.ts'), 'export {};\n');
    writeFileSync(path.join(deep, 'tsconfig.json'), `{"compilerOptions": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    await expect(lint({ cwd: deep, taxonomy: TEST_TAXONOMY })).rejects.toThrow('nested too deeply to be a tsconfig.json');
  });

  it('the CLI says which file is special and exits 2 (lint: warns and goes on)', () => {
    const cwd = path.join(root, 'cli');
    mkdirSync(path.join(cwd, 'src'), { recursive: true });
    writeFileSync(path.join(cwd, 'src/a.ts'), 'export const a = 1;\n');
    symlinkSync('/dev/zero', path.join(cwd, 'src/zero.ts'));
    symlinkSync('/dev/zero', path.join(cwd, 'attrib.yaml'));
    const tax = runCli(['taxonomy', 'validate', 'attrib.yaml'], { cwd });
    expect([tax.code, tax.stderr.trim().split('\n')[0]]).toEqual([2, 'attrib: taxonomy file attrib.yaml is a character device, not a regular file']);
    writeFileSync(path.join(cwd, 'real.yaml'), 'version: 1\ntags:\n  feature: {}\n');
    const run = runCli(['lint', '--taxonomy', 'real.yaml'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('attrib: warning: src/zero.ts is a character device, not a regular file: not linted');
  });
});
