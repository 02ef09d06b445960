import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { displayPath } from './paths.js';

/**
 * The one way attrib writes a file it was asked to (`--out`, `--update-baseline`): it never writes over
 * one of the run's own inputs (`report l.jsonl --out l.jsonl` would destroy the log it just read), and
 * it writes a temporary file beside the target and renames it into place, so a run that fails midway,
 * or two runs at once, never leave half a file.
 */
export interface WriteOutputOptions {
  cwd: string;
  /** What the file is, for messages: `--out file`, `baseline file`. */
  what: string;
  /**
   * Every file the run read (absolute or relative to cwd; `-` and names that are not files are
   * ignored). A named input (`{ file, what: 'taxonomy file' }`) is named in the refusal.
   */
  inputs: readonly (string | undefined | { file: string | undefined; what: string })[];
}

/** `dev:ino` of an existing file (links followed), so two spellings of one file compare equal. */
function identity(file: string): string | undefined {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

export async function writeOutput(target: string, text: string, options: WriteOutputOptions): Promise<void> {
  await writeOutputWith(target, (file, exclusive) => writeFile(file, text, exclusive ? { flag: 'wx' } : {}), options);
}

/**
 * The same guarantees for output too large for one string (a step ledger) or written by another
 * library (DuckDB's Parquet writer): `produce` writes the whole file at the path it is given. That
 * path is a fresh temporary file (`exclusive`) renamed into place afterwards, or, when the target is a
 * stream the user named (/dev/stdout, a FIFO), the target itself. `regularOnly` refuses such streams,
 * for writers that must seek.
 */
export async function writeOutputWith(
  target: string,
  produce: (file: string, exclusive: boolean) => Promise<void>,
  options: WriteOutputOptions & { regularOnly?: boolean },
): Promise<void> {
  const absolute = path.resolve(options.cwd, target);
  const shown = displayPath(absolute, options.cwd);
  const hint = 'Check that the folder exists and is writable.';
  const existing = identity(absolute);
  if (existing !== undefined) {
    for (const input of options.inputs) {
      if (input === undefined || input === '-') continue;
      const file = typeof input === 'string' ? input : input.file;
      if (file === undefined) continue;
      if (identity(path.resolve(options.cwd, file)) !== existing) continue;
      if (typeof input !== 'string') throw new ConfigError(`refusing to write over the ${input.what} ${target}`, 'Pass another path to --out.');
      throw new ConfigError(`refusing to write the ${options.what} ${shown}: it is also an input of this run (${input}), which it would overwrite`, 'Write the output to another file.');
    }
  }
  // A stream the user named (/dev/stdout, a FIFO) is written as is: there is no half file to leave.
  const info = existing === undefined ? undefined : statSync(absolute);
  if (info !== undefined && !info.isFile()) {
    if (info.isDirectory()) throw new ConfigError(`cannot write the ${options.what} ${shown}: it is a folder`, 'Name a file.');
    if (options.regularOnly) throw new ConfigError(`cannot write the ${options.what} ${shown}: it is not a regular file`, 'This format is written to a file: name one.');
    await failing(produce(absolute, false), options.what, shown, hint);
    return;
  }
  // Through a link, the file it points at is replaced, not the link.
  const real = info === undefined ? absolute : realpathSync(absolute);
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await failing(produce(temp, true), options.what, shown, hint);
    await failing(rename(temp, real), options.what, shown, hint);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function failing<T>(work: Promise<T>, what: string, shown: string, hint: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot write the ${what} ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, hint);
  }
}
