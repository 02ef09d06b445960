import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A path as attrib prints it: relative to `cwd` (`../shared/a.ts` outside it), always with `/`
 * separators; absolute only where no relative path exists (another drive on Windows).
 */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative === '' ? '.' : path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}

/** The nearest folder at or above `start` that holds `.git`, or undefined outside a repository. */
export function findRepoRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
