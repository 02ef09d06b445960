import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { displayPath } from './paths.js';

export interface UserFile {
  /** Absolute path. */
  file: string;
  /** The path as messages show it (relative to cwd). */
  shown: string;
  text: string;
}

/**
 * Read a file the user named (taxonomy, pricing, baseline, invoice): every way it can fail becomes a
 * ConfigError (exit 2) naming `what` and the path, with `hint` saying what to do next. With
 * `maxBytes`, a larger file is refused before it is read.
 */
export async function readUserFile(
  given: string,
  options: { cwd: string; what: string; hint: string; maxBytes?: number },
): Promise<UserFile> {
  const file = path.resolve(options.cwd, given);
  const shown = displayPath(file, options.cwd);
  const fail = (problem: string) => new ConfigError(problem, options.hint);
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw fail(`${shown} is a folder, not a ${options.what}`);
    size = info.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `${options.what} not found: ${shown}` : `cannot read ${options.what} ${shown}: ${code ?? (error as Error).message}`);
  }
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    throw fail(`${options.what} ${shown} is ${size} bytes; attrib reads at most ${options.maxBytes}`);
  }
  try {
    return { file, shown, text: await readFile(file, 'utf8') };
  } catch (error) {
    throw fail(`cannot read ${options.what} ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
