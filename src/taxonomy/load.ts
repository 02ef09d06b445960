import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { decodeText } from '../util/text.js';
import { UnreadableFile, readRegularFile, userFileError } from '../util/read-user-file.js';
import type { Taxonomy } from './types.js';
import { MAX_TAXONOMY_BYTES, parseTaxonomy, tooLarge, validateTaxonomy, type TaxonomyValidation } from './validate.js';

/** File names attrib looks for, in this order, in each folder it walks through. */
export const TAXONOMY_FILE_NAMES = ['attrib.yaml', 'attrib.yml', '.attrib.yaml'] as const;

export interface LocateOptions {
  /** Working directory: the search starts here, and relative paths resolve against it. */
  cwd: string;
  /** `--taxonomy PATH`: an explicit file, no search. */
  path?: string;
  /** Further places to search from when nothing is found from `cwd` (e.g. the paths being linted). */
  searchFrom?: readonly string[];
  /** How this command names a file explicitly, for the hint when none is found (default `--taxonomy PATH`). */
  explicitPath?: string;
}

/**
 * The taxonomy file in `start` or the nearest folder above it, stopping at the repository root
 * (the first folder holding `.git`) or the file-system root.
 */
export function findTaxonomyFile(start: string): string | undefined {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    for (const name of TAXONOMY_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

/** The absolute path of the taxonomy file to use; ConfigError when there is none. */
export function locateTaxonomy(options: LocateOptions): string {
  if (options.path !== undefined) return path.resolve(options.cwd, options.path);
  const found = [options.cwd, ...(options.searchFrom ?? []).map((p) => path.resolve(options.cwd, p))]
    .map(findTaxonomyFile)
    .find((file) => file !== undefined);
  if (found) return found;
  throw new ConfigError(
    `no taxonomy file found: looked for ${TAXONOMY_FILE_NAMES.join(', ')} from ${displayPath(options.cwd, options.cwd) === '.' ? 'the working directory' : options.cwd} up to the repository root`,
    `Run \`attrib init\` to write a starter attrib.yaml, or ${options.explicitPath ?? 'pass `--taxonomy PATH`'}.`,
  );
}

/** Read a taxonomy file's text; ConfigError (exit 2) when it is missing, a folder, a special file or unreadable. */
export async function readTaxonomyText(file: string, cwd: string): Promise<{ text: string } | { tooLarge: number }> {
  const shown = displayPath(file, cwd);
  try {
    return { text: decodeText(await readRegularFile(file, MAX_TAXONOMY_BYTES)) };
  } catch (error) {
    if (error instanceof UnreadableFile && error.reason === 'too-large') return { tooLarge: error.size! };
    const hint = error instanceof UnreadableFile && error.reason === 'not-found' ? 'Check the path, or run `attrib init` to write a starter attrib.yaml.' : 'Pass the path of attrib.yaml itself, a regular file you may read.';
    throw userFileError(error, 'taxonomy file', shown, hint);
  }
}

/**
 * Find, read and validate the taxonomy. Any error (not warnings) makes it unusable: a ConfigError lists
 * the first ones with file:line:col and points at `attrib taxonomy validate` for the rest.
 */
export async function loadTaxonomy(options: LocateOptions): Promise<Taxonomy> {
  const file = locateTaxonomy(options);
  const shown = displayPath(file, options.cwd);
  const read = await readTaxonomyText(file, options.cwd);
  if ('tooLarge' in read) {
    throw new ConfigError(`taxonomy file ${shown} is ${read.tooLarge} bytes; attrib reads at most ${MAX_TAXONOMY_BYTES}`, 'Is this the right file?');
  }
  const { taxonomy, findings } = parseTaxonomy(read.text, shown);
  if (taxonomy) return { ...taxonomy, file };
  const errors = findings.filter((f) => f.severity === 'error');
  const listed = errors.slice(0, 3).map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} (${f.ruleId})`);
  const more = errors.length > 3 ? `\n  … and ${errors.length - 3} more` : '';
  throw new ConfigError(
    `the taxonomy is invalid:\n  ${listed.join('\n  ')}${more}`,
    `Run \`attrib taxonomy validate ${shown}\` for every problem.`,
  );
}

/** Read and validate one taxonomy file (what `attrib taxonomy validate` does). */
export async function validateTaxonomyFile(file: string, cwd: string): Promise<TaxonomyValidation> {
  const shown = displayPath(file, cwd);
  const read = await readTaxonomyText(file, cwd);
  if ('tooLarge' in read) {
    return { schemaVersion: 1, file: shown, valid: false, summary: { errors: 1, warnings: 0 }, findings: [tooLarge(shown, read.tooLarge)] };
  }
  return validateTaxonomy(read.text, shown);
}
