/** Scratch folders and commands for the integration tests that use attrib the way a user installs it. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command; the environment drops npm's own variables so a nested npm behaves as a user's. */
export function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const result = spawnSync(command, args, { cwd, env: { ...clean, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

export const scratch = (name: string) => mkdtempSync(path.join(tmpdir(), `attrib-${name}-`));

/** A git repository holding this checkout's tracked files as they are in the work tree, committed. */
export function snapshotRepository(): { dir: string; rev: string } {
  const dir = scratch('repo');
  const files = sh('git', ['ls-files', '-z'], repoRoot).stdout.split('\0').filter((f) => f !== '');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(repoRoot, file), path.join(dir, file));
    } catch {
      // Deleted in the work tree but not yet in the index: the snapshot leaves it out too.
    }
  }
  initRepository(dir);
  sh('git', ['add', '-A'], dir);
  sh('git', ['commit', '-qm', 'snapshot'], dir);
  return { dir, rev: sh('git', ['rev-parse', 'HEAD'], dir).stdout.trim() };
}

export function initRepository(dir: string): void {
  sh('git', ['init', '-q', '-b', 'main'], dir);
  sh('git', ['config', 'user.email', 'test@example.com'], dir);
  sh('git', ['config', 'user.name', 'attrib test'], dir);
  sh('git', ['config', 'commit.gpgsign', 'false'], dir);
}
