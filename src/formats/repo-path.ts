import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where CI formats (SARIF, GitHub workflow commands, JUnit) make paths relative to. CI systems
 * resolve a path against the root of the checkout, not the folder attrib ran in (a job step with
 * `working-directory: packages/app`), so every CI format is repository-relative.
 */
export interface RepoPathOptions {
  /** Absolute working directory: the result's paths are relative to it. */
  cwd: string;
  /** Absolute repository root. Defaults to `cwd`. */
  srcRoot?: string;
}

/** `file` (relative to `cwd`) as a repository-relative POSIX path, without `./` or empty segments. */
export function repoRelativePath(file: string, options: RepoPathOptions): string {
  const root = options.srcRoot ?? options.cwd;
  let rel = isAbsolute(root) ? relative(root, resolve(options.cwd, file)) : file;
  if (sep !== '/') rel = rel.split(sep).join('/');
  return rel
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}
