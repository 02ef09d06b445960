import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheFolderAbove } from '../../util/cache-folder.js';

/**
 * Parsed YAML of the rule packs (and of rules/known-sdks.yaml), cached as JSON: parsing ~35 packs with
 * `yaml` took ~0.4 s, a fifth of a pre-commit `attrib lint --staged` (issue 14); JSON.parse of the
 * same data takes a few ms.
 *
 * The key is a SHA-256 of every pack's path and text, so any edit (or another set of packs) misses;
 * the entry holds only what YAML parsing produced, and validation (`parseRulePack`) still runs on it.
 * The cache lives beside the TypeScript code cache in `node_modules/.cache/attrib/`; any problem
 * (no such folder, a read-only install, a broken entry) only means parsing the YAML as usual.
 */
export function cachedParse(files: readonly { file: string; text: string }[], parse: (file: string, text: string) => unknown): unknown[] {
  const hash = createHash('sha256').update(CACHE_FORMAT);
  for (const { file, text } of files) hash.update(`\0${file}\0${text.length}\0${text}`);
  const cacheFile = cacheDir === undefined ? undefined : path.join(cacheDir, `packs-${hash.digest('hex').slice(0, 32)}.json`);
  if (cacheFile) {
    try {
      const cached: unknown = JSON.parse(readFileSync(cacheFile, 'utf8'));
      if (Array.isArray(cached) && cached.length === files.length) return cached;
    } catch {
      // A miss: parse below.
    }
  }
  const parsed = files.map(({ file, text }) => parse(file, text));
  if (cacheFile && cacheDir && parsed.every(isPlainJson)) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed, so a concurrent run never reads half an entry.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(parsed));
      renameSync(partial, cacheFile);
    } catch {
      // No cache this time.
    }
  }
  return parsed;
}

/**
 * Whether JSON keeps a value exactly. YAML can say `.inf` or `.nan`, which JSON would turn into
 * null: such a pack is parsed every time rather than validated differently from the cache.
 */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainJson);
  return false;
}

/** Bumped when what is cached changes shape. */
const CACHE_FORMAT = 'attrib-packs-1';

/** `yaml` is a dependency, so it is always inside a node_modules folder: the cache goes above it. */
const cacheDir = (() => {
  try {
    return cacheFolderAbove(createRequire(import.meta.url).resolve('yaml'));
  } catch {
    return undefined;
  }
})();
