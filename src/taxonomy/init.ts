import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { writeOutput } from '../util/write-output.js';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { TAXONOMY_FILE_NAMES } from './load.js';
import { STARTER_TAXONOMY } from './starter.js';

export interface InitOptions {
  cwd: string;
  /** Where to write; default `attrib.yaml` in cwd. */
  file?: string;
  /** Overwrite an existing file. */
  force?: boolean;
}

/** Write the starter taxonomy; refuses to overwrite (or to shadow another taxonomy file) without force. */
export async function initTaxonomy(options: InitOptions): Promise<{ file: string; overwritten: boolean }> {
  const file = path.resolve(options.cwd, options.file ?? 'attrib.yaml');
  const shown = displayPath(file, options.cwd);
  const exists = existsSync(file);
  if (exists && !options.force) {
    throw new ConfigError(`${shown} already exists; attrib init does not overwrite it`, 'Pass --force to replace it with the starter taxonomy.');
  }
  if (!options.force && options.file === undefined) {
    const other = TAXONOMY_FILE_NAMES.map((name) => path.join(options.cwd, name)).find((p) => p !== file && existsSync(p));
    if (other) {
      throw new ConfigError(`${displayPath(other, options.cwd)} already exists here; a second taxonomy file would be confusing`, 'Edit that file, or pass --force to write attrib.yaml anyway.');
    }
  }
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new ConfigError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check that the folder exists and is writable.');
  }
  await writeOutput(file, STARTER_TAXONOMY, { cwd: options.cwd, what: 'taxonomy file', inputs: [] });
  return { file, overwritten: exists };
}
