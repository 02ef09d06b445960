import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ts } from './ts.js';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { globFrom } from '../util/glob.js';
import { UnreadableFile, readRegularFileSync, userFileError } from '../util/read-user-file.js';
import { changedFiles, stagedFiles } from './git.js';
import { SOURCE_EXTENSIONS } from './project.js';
import { tsconfigHost } from './tsconfig-paths.js';
import { pushAll } from '../util/arrays.js';

export interface FileSelection {
  /** Absolute paths to lint, sorted. */
  files: string[];
  /** Content to use instead of the disk (staged content). */
  overrides: Map<string, string>;
  /** What was skipped and why (a `.gitignore` that is a FIFO, a named path that is a device). */
  warnings: string[];
}

export interface SelectOptions {
  cwd: string;
  paths?: readonly string[];
  staged?: boolean;
  changed?: boolean;
  base?: string;
}

/**
 * Folders never searched: dependencies, build output, and the dot folders of tools (git, package
 * managers' stores, framework caches, downloaded editors). Other dot folders are source (Remix's
 * `app/.server/`, `.github/scripts/`) and are searched, as ESLint 9 does.
 */
const SKIPPED_DIRS = ['node_modules', 'dist', '.git', '.hg', '.svn', '.yarn', '.pnpm-store', '.next', '.nuxt', '.svelte-kit', '.turbo', '.vercel', '.output', '.cache', '.vscode-test'];
/** tinyglobby options shared by every search: dot folders included, the skipped ones pruned. */
const SEARCH = { absolute: true, dot: true, ignore: SKIPPED_DIRS.map((d) => `**/${d}/**`) } as const;
/** Caps for the config files a repository brings: far above any real one, far below CI memory. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;
const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** A JavaScript or TypeScript source file (declaration files hold no calls). */
export function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.some((e) => file.endsWith(e)) && !/\.d\.[cm]?ts$/.test(file);
}

/** Inside node_modules or dist below the working directory. */
function inSkippedDir(cwd: string, abs: string): boolean {
  return path.relative(cwd, abs).split(path.sep).some((seg) => SKIPPED_DIRS.includes(seg));
}

/**
 * The files to lint: explicit paths, folders and globs; else the project of `./tsconfig.json`; else
 * every source file under the working directory. `--staged` and `--changed` narrow to what git
 * reports (further narrowed by any paths). `.gitignore`, node_modules, dist and `.d.ts` are skipped.
 */
export async function selectFiles(options: SelectOptions): Promise<FileSelection> {
  const { cwd } = options;
  const paths = options.paths ?? [];
  const tsconfig = projectConfig(cwd, paths);
  const project = tsconfig ? readTsconfig(tsconfig, paths.length === 0 && !options.staged && !options.changed) : undefined;
  const warnings: string[] = [];
  const ignored = gitignore(cwd, warnings);
  const keep = (abs: string) => isSource(abs) && !inSkippedDir(cwd, abs) && !ignored(abs);
  const overrides = new Map<string, string>();
  let files: string[];

  if (options.staged || options.changed) {
    let candidates: string[];
    if (options.staged) {
      const staged = await stagedFiles(cwd);
      for (const [file, text] of staged) overrides.set(file, text);
      candidates = [...staged.keys()];
    } else candidates = await changedFiles(cwd, options.base);
    const within = pathFilter(cwd, paths);
    files = candidates.filter((f) => keep(f) && within(f) && (options.staged || existsSync(f)));
  } else if (paths.length > 0) {
    files = [];
    for (const p of paths) pushAll(files, await expand(cwd, p, keep, warnings));
  } else if (project && project.files.length > 0) {
    files = project.files.filter(keep);
  } else {
    files = (await glob(SOURCE_GLOB, { cwd, ...SEARCH })).filter(keep);
  }
  return { files: oncePerRealPath(files), overrides, warnings };
}

/**
 * Each file once, however many paths lead to it: a symlink loop (`src/loop -> .`) or a linked folder
 * would otherwise lint the same file twice and double its findings. The path kept is the real one
 * when it was found, else the shortest. Sorted.
 */
function oncePerRealPath(files: readonly string[]): string[] {
  const byReal = new Map<string, string>();
  for (const file of files.map((f) => path.resolve(f))) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      real = file; // staged content of a file deleted from the disk
    }
    const kept = byReal.get(real);
    if (kept === undefined || file === real || (kept !== real && file.length < kept.length)) byReal.set(real, file);
  }
  return [...byReal.values()].sort();
}

/**
 * The tsconfig.json whose `paths` resolve imports: for `attrib lint some/project`, the one in the
 * folder being linted (that is the project); otherwise the working directory's.
 */
function projectConfig(cwd: string, paths: readonly string[]): string | undefined {
  if (paths.length === 1 && !isDynamicPattern(paths[0]!)) {
    const folder = path.join(path.resolve(cwd, paths[0]!), 'tsconfig.json');
    if (existsSync(folder)) return folder;
  }
  const own = path.join(cwd, 'tsconfig.json');
  return existsSync(own) ? own : undefined;
}

/** One command-line path: a file (linted even if ignored, as named), a folder, or a glob. */
async function expand(cwd: string, p: string, keep: (abs: string) => boolean, warnings: string[]): Promise<string[]> {
  const abs = path.resolve(cwd, p);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    stat = undefined;
  }
  if (stat?.isFile()) {
    if (!isSource(abs)) throw new ConfigError(`${p} is not a JavaScript or TypeScript source file`, `attrib lints ${SOURCE_EXTENSIONS.join(' ')} files (not .d.ts).`);
    return [abs];
  }
  if (stat && !stat.isDirectory()) {
    // Named, but a FIFO, a device or a socket (or a link to one): never opened, said so.
    warnings.push(`${p} is not a regular file: not linted`);
    return [];
  }
  if (stat?.isDirectory()) return (await glob(SOURCE_GLOB, { cwd: abs, ...SEARCH })).filter(keep);
  if (isDynamicPattern(p)) {
    const matched = (await globFrom(cwd, p, SEARCH)).filter(keep);
    if (matched.length === 0) throw new ConfigError(`no source files match ${p}`, 'Check the pattern (quote it so the shell does not expand it).');
    return matched;
  }
  throw new ConfigError(`no such file or folder: ${p}`, 'Check the path; attrib lint takes files, folders and globs.');
}

/** With --staged/--changed, paths narrow the selection: a file is kept if it is, or is under, a path, or matches a glob. */
function pathFilter(cwd: string, paths: readonly string[]): (abs: string) => boolean {
  if (paths.length === 0) return () => true;
  const tests = paths.map((p) => {
    if (isDynamicPattern(p)) {
      const match = picomatch(p, { dot: true });
      return (abs: string) => match(displayPath(abs, cwd));
    }
    const base = path.resolve(cwd, p);
    return (abs: string) => abs === base || abs.startsWith(base + path.sep);
  });
  return (abs) => tests.some((t) => t(abs));
}

type FileSystemEntries = { files: string[]; directories: string[] };
/** TypeScript's own include/exclude matcher (internal, but what `ts.sys.readDirectory` runs). */
type MatchFiles = (root: string, extensions: readonly string[] | undefined, excludes: readonly string[] | undefined, includes: readonly string[] | undefined, caseSensitive: boolean, cwd: string, depth: number | undefined, entries: (dir: string) => FileSystemEntries, realpath: (p: string) => string) => string[];
const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;

/**
 * A folder's entries for the tsconfig matcher. TypeScript's own listing drops what is neither a file
 * nor a folder, so a `src/x.ts` link to /dev/zero would leave the project in silence; here it is a
 * file, and the safe reader skips it with a warning, as the folder walk does. Broken links stay out.
 */
function projectEntries(dir: string): FileSystemEntries {
  const entries: FileSystemEntries = { files: [], directories: [] };
  let dirents;
  try {
    dirents = readdirSync(dir || '.', { withFileTypes: true });
  } catch {
    return entries;
  }
  for (const dirent of dirents) {
    let folder = dirent.isDirectory();
    if (!folder && !dirent.isFile()) {
      const target = statSync(path.join(dir, dirent.name), { throwIfNoEntry: false });
      if (target === undefined) continue;
      folder = target.isDirectory();
    }
    (folder ? entries.directories : entries.files).push(dirent.name);
  }
  entries.files.sort();
  entries.directories.sort();
  return entries;
}

function readProjectDirectory(root: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[], depth?: number): string[] {
  if (!matchFiles) return ts.sys.readDirectory(root, extensions, excludes, includes, depth);
  return matchFiles(root, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, process.cwd(), depth, projectEntries, (p) => ts.sys.realpath?.(p) ?? p);
}

/**
 * The project's file list (only when needed: it walks the folders); a tsconfig that cannot be read is
 * a config error here. Its `paths` and `baseUrl` are read per importing file (tsconfig-paths.ts).
 */
function readTsconfig(file: string, wantFiles: boolean): { files: string[] } {
  const dir = path.dirname(file);
  const hint = 'Fix tsconfig.json, or pass the paths to lint.';
  const host = tsconfigHost(readProjectDirectory, (name, error) => {
    throw userFileError(error, 'tsconfig file', displayPath(name, dir), hint);
  });
  let files: string[] = [];
  try {
    const read = ts.readConfigFile(file, host.readFile);
    if (read.error) throw new ConfigError(`cannot read ${displayPath(file, dir)}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`, hint);
    if (wantFiles) {
      const parsed = ts.parseJsonConfigFileContent(read.config, host, dir, undefined, file);
      files = parsed.fileNames;
    }
  } catch (error) {
    // TypeScript's JSON reader recurses once per nesting level: `[[[[...]]]]` overflows the stack.
    if (error instanceof RangeError) throw new ConfigError(`cannot read ${displayPath(file, dir)}: it is nested too deeply to be a tsconfig.json (${error.message})`, hint);
    throw error;
  }
  return { files };
}

/** `.gitignore` files from the working directory up to the repository root, each applied relative to its folder. */
function gitignore(cwd: string, warnings: string[]): (abs: string) => boolean {
  const rules: { dir: string; ig: Ignore }[] = [];
  for (let dir = path.resolve(cwd); ; ) {
    const file = path.join(dir, '.gitignore');
    try {
      rules.push({ dir, ig: ignore().add(readRegularFileSync(file, MAX_GITIGNORE_BYTES).toString('utf8')) });
    } catch (error) {
      if (!(error instanceof UnreadableFile) || error.reason !== 'not-found') {
        warnings.push(`${displayPath(file, cwd)} ${error instanceof UnreadableFile ? error.problem : String(error)}: its rules are not applied`);
      }
    }
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir) break;
    dir = parent;
  }
  return (abs) =>
    rules.some(({ dir, ig }) => {
      const rel = path.relative(dir, abs);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && ig.ignores(rel.split(path.sep).join('/'));
    });
}
