import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from '../../util/errors.js';
import { displayPath } from '../../util/paths.js';
import { readRegularFileSync } from '../../util/read-user-file.js';
import { cachedParse } from './parsed-cache.js';
import { parseRulePack } from './schema.js';
import type { RulePack } from './types.js';

/** The packs shipped with attrib: `rules/packs` at the package root (two levels above src/lint/packs or dist/lint/packs). */
export const BUNDLED_PACK_DIR = fileURLToPath(new URL('../../../rules/packs/', import.meta.url));

/**
 * Read every `*.yaml` / `*.yml` pack in the bundled folder, then in each extra folder. A later pack
 * with the same name replaces an earlier one, so a project can override a bundled pack.
 */
export function loadRulePacks(extraDirs: readonly string[], cwd: string): RulePack[] {
  const files = [BUNDLED_PACK_DIR, ...extraDirs.map((d) => path.resolve(cwd, d))].flatMap((dir) => packFiles(dir, cwd).map((file) => ({ file, text: readPackText(file, cwd) })));
  const data = cachedParse(files, (file, text) => parsePackYaml(file, text, cwd));
  const byName = new Map<string, RulePack>();
  for (const [i, { file }] of files.entries()) {
    const pack = parseRulePack(data[i], displayPath(file, cwd));
    byName.set(pack.name, pack);
  }
  const packs = [...byName.values()];
  checkReturnedClasses(packs);
  return packs;
}

/** A `returns` entry naming another pack's class needs that pack, with that class, among the loaded ones. */
function checkReturnedClasses(packs: readonly RulePack[]): void {
  const byName = new Map(packs.map((p) => [p.name, p]));
  for (const pack of packs) {
    for (const [i, r] of pack.returns.entries()) {
      if (!r.result || r.result.pack === pack.name) continue;
      const other = byName.get(r.result.pack);
      const problem = !other ? `names pack \`${r.result.pack}\`, which is not loaded` : !other.classes.some((c) => c.name === r.result!.class) ? `names \`${r.result.class}\`, which pack \`${other.name}\` does not list in \`classes\`` : undefined;
      if (problem) throw new ConfigError(`invalid rule pack ${pack.file}: returns[${i}] ${problem}`, 'See schemas/rule-pack.schema.json and docs/lint.md for the pack format.');
    }
  }
}

function packFiles(dir: string, cwd: string): string[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new ConfigError(`${displayPath(dir, cwd)} is not a folder`, 'Pass `--rules` a folder of *.yaml rule packs.');
    entries = readdirSync(dir);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read rule pack folder ${displayPath(dir, cwd)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'Check the `--rules` path.');
  }
  return entries.filter((e) => /\.ya?ml$/.test(e)).sort().map((e) => path.join(dir, e));
}

/** A rule pack is a page of YAML; a megabyte is far beyond any real one. */
const MAX_PACK_BYTES = 1024 * 1024;

function readPackText(file: string, cwd: string): string {
  try {
    return readRegularFileSync(file, MAX_PACK_BYTES).toString('utf8');
  } catch (error) {
    throw unreadablePack(file, cwd, error);
  }
}

function parsePackYaml(file: string, text: string, cwd: string): unknown {
  try {
    return parse(text, { maxAliasCount: 50 });
  } catch (error) {
    throw unreadablePack(file, cwd, error);
  }
}

function unreadablePack(file: string, cwd: string, error: unknown): ConfigError {
  return new ConfigError(`cannot read rule pack ${displayPath(file, cwd)}: ${(error as Error).message}`, 'Fix the YAML, or remove the file from the rules folder.');
}
