import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { cachedDataVersionTag } from 'node:v8';
import { cacheFolderAbove, fnv1a } from '../util/cache-folder.js';

/**
 * `require()` a large CommonJS file with a V8 code cache, as Node 22's `module.enableCompileCache()`
 * does (Node 20 has no such switch). Compiling TypeScript's 9 MB bundle takes ~0.3 s on every run,
 * most of a pre-commit `attrib lint --staged`; from the cache it takes a third of that.
 *
 * The cache lives in `node_modules/.cache/attrib/` above the file (where babel, eslint and terser keep
 * theirs: owned by whoever installed the packages), keyed by the file's path, size and mtime and by
 * Node's V8 version; V8 itself rejects data that does not fit. Any problem (no such folder, read-only
 * install, rejected data) only means compiling as usual: the cache never changes what runs.
 */
export function requireWithCodeCache(file: string): unknown {
  const source = readFileSync(file, 'utf8');
  const stat = statSync(file);
  const cacheDir = cacheFolderAbove(file);
  const key = `${path.basename(file)}-${fnv1a(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${cachedDataVersionTag()}`)}.bin`;
  const cacheFile = cacheDir === undefined ? undefined : path.join(cacheDir, key);
  let cached: Buffer | undefined;
  try {
    if (cacheFile) cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cacheFile && cacheDir && (!cached || script.cachedDataRejected)) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed, so a concurrent run never reads half a cache.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // No cache this time.
    }
  }
  return module.exports;
}
