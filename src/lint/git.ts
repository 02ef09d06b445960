import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../util/errors.js';

const run = promisify(execFile);
/** The most of git's output attrib reads (a staged file's content, a file list). */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;
/** A submodule's entry in the index: a commit, not a file, whatever its name (`vendor/x.ts`). */
const GITLINK_MODE = '160000';

/** Run git in `cwd`; a failure becomes a ConfigError naming what attrib needed git for. */
async function git(cwd: string, args: readonly string[], purpose: string): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: MAX_GIT_OUTPUT, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const detail =
      e.code === 'ENOENT'
        ? 'git is not installed'
        : e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
          ? `git printed more than ${MAX_GIT_OUTPUT / 1024 / 1024} MiB (git ${args.join(' ')}): a file that large is no source file to lint`
          : (e.stderr || e.message).trim().split('\n')[0];
    throw new ConfigError(`${purpose} needs git: ${detail}`, 'Run attrib inside a git repository, or lint paths instead.');
  }
}

const splitZ = (out: string) => out.split('\0').filter((s) => s !== '');

/**
 * The paths of `git diff --raw -z` whose staged entry is a file: `:<old mode> <new mode> <old> <new>
 * <status>` then the path, each NUL-terminated. Gitlinks (submodules) are skipped: `git show` of one
 * is "bad object".
 */
function stagedBlobs(raw: string): string[] {
  const parts = splitZ(raw);
  const names: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const newMode = parts[i]!.slice(1).split(' ')[1];
    if (newMode !== GITLINK_MODE) names.push(parts[i + 1]!);
  }
  return names;
}

export async function gitRoot(cwd: string, purpose: string): Promise<string> {
  return path.resolve((await git(cwd, ['rev-parse', '--show-toplevel'], purpose)).trim());
}

/** Absolute paths of files staged for commit (added, copied, modified, renamed), with their staged content. */
export async function stagedFiles(cwd: string): Promise<Map<string, string>> {
  const purpose = '--staged';
  const root = await gitRoot(cwd, purpose);
  const names = stagedBlobs(await git(root, ['diff', '--cached', '--raw', '--no-renames', '--diff-filter=ACM', '-z'], purpose));
  const contents = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      contents.set(path.join(root, name), await git(root, ['show', `:${name}`], purpose));
    }),
  );
  return contents;
}

/**
 * Absolute paths of files changed since `base` (default HEAD): committed on this branch since its
 * merge base with `base`, modified in the work tree, or untracked and not ignored.
 */
export async function changedFiles(cwd: string, base: string | undefined): Promise<string[]> {
  const purpose = '--changed';
  const root = await gitRoot(cwd, purpose);
  if (base !== undefined) await verifyRef(root, base);
  const since = base === undefined ? 'HEAD' : (await git(root, ['merge-base', base, 'HEAD'], `--base ${base}`)).trim();
  const [diff, untracked] = await Promise.all([
    git(root, ['diff', '--name-only', '--diff-filter=ACMR', '-z', since], purpose),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z'], purpose),
  ]);
  return [...new Set([...splitZ(diff), ...splitZ(untracked)])].map((name) => path.join(root, name));
}

/** A `--base` that names nothing is the user's typo (or a shallow CI checkout), not a missing repository. */
async function verifyRef(root: string, ref: string): Promise<void> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
  } catch {
    throw new ConfigError(
      `--base ${ref} is not a commit, branch or tag of this repository`,
      'Check the name, or fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0).',
    );
  }
}
