import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
 * (no such folder, a read-only install, a broken entry) only means parsing the YAML as usual. It
 * keeps the KEPT_ENTRIES entries used last (see prune).
 */
export function cachedParse(files: readonly { file: string; text: string }[], parse: (file: string, text: string) => unknown): unknown[] {
  const hash = createHash('sha256').update(CACHE_FORMAT);
  for (const { file, text } of files) hash.update(`\0${file}\0${text.length}\0${text}`);
  const cacheFile = cacheDir === undefined ? undefined : path.join(cacheDir, `packs-${hash.digest('hex').slice(0, 32)}.json`);
  if (cacheFile) {
    try {
      const cached: unknown = JSON.parse(readFileSync(cacheFile, 'utf8'));
      if (Array.isArray(cached) && cached.length === files.length) {
        touch(cacheFile);
        return cached;
      }
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
      prune(cacheDir, Date.now());
    } catch {
      // No cache this time.
    }
  }
  return parsed;
}

/** Entries kept: the bundled packs and the few `--rules` sets a project uses, with room to spare. */
export const KEPT_ENTRIES = 16;
const ENTRY = /^packs-[0-9a-f]{32}\.json$/;
const PARTIAL = /^packs-[0-9a-f]{32}\.json\.\d+\.tmp$/;
/** A partial entry this old was left by a run that died while writing it. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** A hit marks the entry as used now, so pruning keeps the entries in use (least recently used go first). */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves; it is just never pruned by use.
  }
}

/**
 * Every pack edit and every `--rules` set writes a new entry: without pruning the folder only grows
 * (a test suite left hundreds). Only this cache's own file names are touched, only in its folder.
 */
export function prune(dir: string, now: number, keep = KEPT_ENTRIES): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const entries: { file: string; used: number }[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const entry = ENTRY.test(name);
    if (!entry && !PARTIAL.test(name)) continue;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      if (entry) entries.push({ file, used: stat.mtimeMs });
      else if (now - stat.mtimeMs > STALE_PARTIAL_MS) unlinkSync(file);
    } catch {
      // Gone already (a concurrent run pruned it), or not ours to remove.
    }
  }
  entries.sort((a, b) => b.used - a.used);
  for (const { file } of entries.slice(keep)) {
    try {
      unlinkSync(file);
    } catch {
      // As above.
    }
  }
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
