/**
 * Data loss 1 (issue 10): `--out` and `--update-baseline` never write over an input of the run, and
 * always write through a temporary file renamed into place (src/util/write-output.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/util/write-output.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'attrib-out-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeOutput', () => {
  const dir = path.join(root, 'unit');
  mkdirSync(dir);
  const input = path.join(dir, 'log.jsonl');
  writeFileSync(input, 'precious\n');
  symlinkSync(input, path.join(dir, 'link.jsonl'));

  it('refuses an input however it is spelled: same path, ./ path, a symlink to it', async () => {
    for (const target of ['log.jsonl', './log.jsonl', 'link.jsonl', input]) {
      await expect(writeOutput(target, 'x', { cwd: dir, what: '--out file', inputs: ['log.jsonl'] })).rejects.toThrow('it is also an input of this run (log.jsonl)');
    }
    expect(readFileSync(input, 'utf8')).toBe('precious\n');
  });

  it('replaces another file whole, leaving no temporary file behind', async () => {
    writeFileSync(path.join(dir, 'report.md'), 'old report, longer than the new one\n');
    await writeOutput('report.md', 'new\n', { cwd: dir, what: '--out file', inputs: ['log.jsonl', '-', undefined] });
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a link to the file it points at, and fails cleanly in a missing folder', async () => {
    writeFileSync(path.join(dir, 'real.md'), 'old\n');
    symlinkSync(path.join(dir, 'real.md'), path.join(dir, 'alias.md'));
    await writeOutput('alias.md', 'new\n', { cwd: dir, what: '--out file', inputs: [] });
    expect(readFileSync(path.join(dir, 'real.md'), 'utf8')).toBe('new\n');
    await expect(writeOutput('missing/x.md', 'x', { cwd: dir, what: '--out file', inputs: [] })).rejects.toThrow('cannot write the --out file missing/x.md: ENOENT');
  });
});

describe('the commands refuse to overwrite their inputs (exit 2, input unchanged)', () => {
  const cwd = path.join(root, 'cli');
  mkdirSync(path.join(cwd, 'src'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), path.join(cwd, 'attrib.yaml'));
  copyFileSync(path.join(repoRoot, 'fixtures/logs/attrib-2026-10.jsonl'), path.join(cwd, 'l.jsonl'));
  copyFileSync(path.join(repoRoot, 'fixtures/invoices/invoice-2026-10.csv'), path.join(cwd, 'inv.csv'));
  copyFileSync(path.join(repoRoot, 'rules/pricing.yaml'), path.join(cwd, 'p.yaml'));
  writeFileSync(path.join(cwd, 'src/a.ts'), `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});\n`);
  const snapshot = () => Object.fromEntries(['attrib.yaml', 'l.jsonl', 'inv.csv', 'p.yaml', 'src/a.ts'].map((f) => [f, readFileSync(path.join(cwd, f), 'utf8')]));
  const before = snapshot();

  it.each([
    ['report over its log', ['report', 'l.jsonl', '--out', 'l.jsonl'], 'l.jsonl'],
    ['report over the taxonomy', ['report', 'l.jsonl', '--out', 'attrib.yaml'], 'attrib.yaml'],
    ['report over the pricing file', ['report', 'l.jsonl', '--pricing', 'p.yaml', '--out', 'p.yaml'], 'p.yaml'],
    ['report over the invoice', ['report', 'l.jsonl', '--invoice', 'inv.csv', '--out', 'inv.csv'], 'inv.csv'],
    ['runs over its log', ['runs', '--top', '3', 'l.jsonl', '--out', './l.jsonl'], 'l.jsonl'],
    ['lint --update-baseline over a linted source file', ['lint', 'src', '--baseline', 'src/a.ts', '--update-baseline'], 'src/a.ts'],
    ['lint --update-baseline over the taxonomy', ['lint', 'src', '--baseline', 'attrib.yaml', '--update-baseline'], 'attrib.yaml'],
  ])('%s', (_, args, target) => {
    const run = runCli(args, { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`refusing to write the (--out|baseline) file|refusing to write the baseline to ${target.replace('.', '\\.')}`));
    expect(snapshot()).toEqual(before);
  });

  it('still writes --out to a new file', () => {
    const run = runCli(['report', 'l.jsonl', '--format', 'csv', '--out', 'out.csv'], { cwd });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(cwd, 'out.csv'), 'utf8')).toMatch(/^key,/);
  });
});
