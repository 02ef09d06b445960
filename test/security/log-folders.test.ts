/**
 * Issue 10 (data loss): a log folder is walked with its symlinks followed, each real file read once,
 * and every entry named like a log that cannot be read (FIFO, device, broken link, loop) is named in
 * the `log-entries-not-read` warning instead of being dropped in silence. Before, a symlinked log
 * file in a folder was skipped without a word, and a file named twice was counted twice.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { fixtureTaxonomy, step, writeLogs } from '../report/helpers.js';

// gpt-4o-mini output: $0.60 per million tokens, so 1,000,000 output tokens cost $0.60 and 2,000,000 $1.20.
const oneStep = (id: string, outputTokens: number) => `${step({ step_id: id, output_tokens: outputTokens, tags: { feature: 'inbox-triage' } })}\n`;

async function run(cwd: string, paths: string[]) {
  return (await analyze({ cwd, taxonomy: fixtureTaxonomy(), paths, fallbackPricing: false })).result;
}

describe('log folders with links and special files', () => {
  it('reads a symlinked log file inside a folder, once, and counts an alias of a named file once', async () => {
    const dir = writeLogs({ 'store/a.jsonl': oneStep('a1', 1_000_000), 'logs/b.jsonl': oneStep('b1', 2_000_000) });
    symlinkSync(path.join(dir, 'store/a.jsonl'), path.join(dir, 'logs/a-link.jsonl'));
    const result = await run(dir, ['logs', 'store/a.jsonl', 'logs/b.jsonl']);
    expect(result.inputs.files).toEqual(['logs/a-link.jsonl', 'logs/b.jsonl']);
    expect(result.totals.steps).toBe(2);
    expect(result.totals.costUsd).toBeCloseTo(0.6 + 1.2, 6);
    expect(result.totals.skippedLines).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('walks a symlinked folder once, and a loop back to the folder ends', async () => {
    const dir = writeLogs({ 'real/day1.jsonl': oneStep('d1', 1_000_000), 'logs/day2.jsonl': oneStep('d2', 1_000_000) });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'logs/linked'));
    symlinkSync(path.join(dir, 'logs'), path.join(dir, 'logs/loop'));
    const result = await run(dir, ['logs', 'real']);
    expect(result.inputs.files).toEqual(['logs/day2.jsonl', 'logs/linked/day1.jsonl']);
    expect(result.totals.steps).toBe(2);
    expect(result.warnings).toEqual([]);
  });

  it('names a FIFO, a device link and a broken link with log names, reads the rest, and --strict fails', async () => {
    const dir = writeLogs({ 'logs/good.jsonl': oneStep('g1', 1_000_000), 'logs/notes.txt.bak': 'not a log' });
    execFileSync('mkfifo', [path.join(dir, 'logs/pipe.jsonl')]);
    symlinkSync('/dev/zero', path.join(dir, 'logs/zero.jsonl'));
    symlinkSync(path.join(dir, 'nowhere.jsonl'), path.join(dir, 'logs/dead.jsonl'));
    // A special file without a log's name is not a log: no word about it.
    execFileSync('mkfifo', [path.join(dir, 'logs/control')]);
    const result = await run(dir, ['logs']);
    expect(result.inputs.files).toEqual(['logs/good.jsonl']);
    expect(result.totals.costUsd).toBeCloseTo(0.6, 6);
    expect(result.warnings).toEqual([
      {
        code: 'log-entries-not-read',
        message:
          "3 files in the log folders have a log file's name but are not regular files, not read: logs/dead.jsonl (a symlink to nothing readable (ENOENT)), logs/pipe.jsonl (a FIFO (named pipe)), logs/zero.jsonl (a symlink to a character device)",
        hint: expect.stringContaining('copy them into regular files'),
        count: 3,
      },
    ]);
    const cli = runCli(['report', 'logs', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml'), '--strict', '--format', 'json'], { cwd: dir });
    expect(cli.stderr).toContain('(log-entries-not-read)');
    expect(cli.code).toBe(1);
  });

  it('a folder holding only unreadable log entries reports the warning, not "no log files"', async () => {
    const dir = writeLogs({ 'logs/.keep': '' });
    mkdirSync(path.join(dir, 'logs/sub'));
    execFileSync('mkfifo', [path.join(dir, 'logs/sub/pipe.jsonl')]);
    const result = await run(dir, ['logs']);
    expect(result.inputs.files).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['log-entries-not-read', 'no-steps']);
  });

  it('an empty folder is still a usage error naming what attrib reads', async () => {
    const dir = writeLogs({ 'logs/readme.md': '# logs' });
    await expect(run(dir, ['logs'])).rejects.toThrow('no log files in folder logs');
  });
});
