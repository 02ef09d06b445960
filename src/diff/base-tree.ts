import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../util/errors.js';

const run = promisify(execFile);
const HINT = 'Run attrib diff inside a git repository, with --base naming a commit, branch or tag (e.g. --base origin/main).';

async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    return (await run('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const detail = e.code === 'ENOENT' ? 'git is not installed' : (e.stderr || e.message).trim().split('\n')[0];
    throw new ConfigError(`attrib diff needs git: ${detail}`, HINT);
  }
}

/** The code at the base ref, checked out into a temporary folder (the repository itself is not touched). */
export interface BaseTree {
  /** The commit `--base` resolved to. */
  commit: string;
  /** Where to lint the base: the temporary copy of the working directory. */
  cwd: string;
  remove(): void;
}

/**
 * Copy the base's files into a temporary folder with `git archive | tar -x` (no worktree, no change
 * to the index or refs), limited to the working directory's part of the repository, so lint of the
 * base sees the same relative paths as lint of the working tree. `node_modules` is linked from the
 * working tree when the base has none, so imports resolve as they do in the working tree.
 */
export async function checkoutBase(cwd: string, ref: string): Promise<BaseTree> {
  if (ref.startsWith('-')) throw new ConfigError(`--base ${JSON.stringify(ref)} is not a ref`, HINT);
  const root = path.resolve((await git(cwd, ['rev-parse', '--show-toplevel'])).trim());
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  let commit: string;
  try {
    commit = (await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' })).stdout.trim();
  } catch {
    throw new ConfigError(`--base ${ref}: no such commit, branch or tag`, 'Name a ref git knows (`git log --oneline -1 REF`); in CI, fetch the base branch first (e.g. actions/checkout with fetch-depth: 0).');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attrib-diff-base-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await archive(root, commit, prefix, dir);
    const baseCwd = path.join(dir, prefix);
    const modules = path.join(root, 'node_modules');
    if (existsSync(modules) && !existsSync(path.join(dir, 'node_modules'))) symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
    if (prefix !== '' && existsSync(path.join(cwd, 'node_modules')) && existsSync(baseCwd) && !existsSync(path.join(baseCwd, 'node_modules'))) {
      symlinkSync(path.join(cwd, 'node_modules'), path.join(baseCwd, 'node_modules'), 'dir');
    }
    return { commit, cwd: baseCwd, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

function archive(root: string, commit: string, prefix: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (what: string) => reject(new ConfigError(`attrib diff could not copy the base (${commit.slice(0, 12)}): ${what}`, HINT));
    const gitArchive = spawn('git', ['archive', '--format=tar', commit, '--', prefix === '' ? '.' : prefix], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    gitArchive.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    gitArchive.on('error', (e) => fail(e.message));
    tar.on('error', (e) => fail(e.message));
    gitArchive.stdout.pipe(tar.stdin);
    const closed = (child: ReturnType<typeof spawn>) => new Promise<number | null>((done) => child.on('close', done));
    void Promise.all([closed(gitArchive), closed(tar)]).then(([gitCode, tarCode]) => {
      if (gitCode === 0 && tarCode === 0) resolve();
      // The working directory did not exist at the base: an empty base, not an error.
      else if (/did not match any files/.test(stderr)) resolve();
      else fail(stderr.trim().split('\n')[0] || `exit ${gitCode ?? tarCode}`);
    });
  });
}
