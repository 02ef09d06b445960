import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';
import { sanitizeInline } from '../util/terminal.js';

/** The path with symlinks resolved where it exists (so `ln -s attrib.yaml out.json` is caught too). */
function canonical(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Write a generated file for `--out FILE`, refusing to write over `protect` (the taxonomy the output
 * was generated from: overwriting it would destroy the source of truth). ConfigError when it cannot.
 */
export async function writeOutputFile(out: string, text: string, options: { cwd: string; protect?: string }): Promise<void> {
  const target = path.resolve(options.cwd, out);
  if (options.protect !== undefined && canonical(target) === canonical(options.protect)) {
    throw new ConfigError(`refusing to write over the taxonomy file ${sanitizeInline(out)}`, 'Pass another path to --out.');
  }
  try {
    await writeFile(target, text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot write ${sanitizeInline(out)}: ${code ?? (error as Error).message}`, 'Check that the folder exists and is writable.');
  }
}
