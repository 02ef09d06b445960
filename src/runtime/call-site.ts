import { findSourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One place in the app's source: `file` relative to the call-site root, `/` separators; 1-based line and column. */
export interface CallSiteFrame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Where a step was called from: the lint `callSiteId` the code named (`id`), or the app's own stack
 * frames, innermost first (the SDK's and attrib's frames left out). `attrib report --lint` joins
 * either to lint's call sites (docs/call-sites.md). One shared object per call site: steps from the
 * same place point at the same record.
 */
export interface CallSite {
  readonly id: string | null;
  readonly frames: readonly CallSiteFrame[];
}

/**
 * How many of the app's frames are kept. A call through the app's own helper (a `complete()` that
 * calls the SDK) is recorded with the helper's line and its caller's, so the report can join the
 * one lint lists (lint reports a wrapper's calls at each caller).
 */
export const CALL_SITE_FRAMES = 3;
/**
 * V8 frames captured: attrib's own (2-3), then the app's. Capture time grows with the frames walked
 * (bench/runtime.bench.js), so no deeper than the 3 app frames kept need; SDK frames in between
 * leave fewer app frames (the innermost ones, which the join tries first).
 */
const STACK_DEPTH = 6;
const MAX_ID = 500;

/** An explicit `callSite` option: the lint `callSiteId` the code names (see `attrib lint --format json`). */
export function explicitCallSite(id: unknown, option: string): CallSite {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`attrib: ${option} must be a non-empty string (a callSiteId from attrib lint --format json), not ${typeof id}`);
  return Object.freeze({ id: id.slice(0, MAX_ID), frames: Object.freeze([]) });
}

// attrib/runtime's own folder (this file's): its frames are never the app's call site.
const runtimeDir = path.dirname(fileURLToPath(import.meta.url)) + path.sep;
const runtimeUrl = new URL('.', import.meta.url).href;

/** A frame of the app (not Node's internals, a dependency, or attrib/runtime itself). */
function isAppFrame(fileName: string | undefined | null): fileName is string {
  if (!fileName || fileName.startsWith('node:') || fileName.includes('/node_modules/') || fileName.includes('\\node_modules\\')) return false;
  return !fileName.startsWith(runtimeUrl) && !fileName.startsWith(runtimeDir);
}

/** A trie over frames, innermost first: lookups of a seen chain compare numbers and strings and allocate nothing. */
interface Node {
  site: CallSite | null | undefined;
  readonly next: Map<string, Map<number, Node>>;
}

const structured = (_: Error, frames: NodeJS.CallSite[]) => frames;
let cache: { root: string; trie: Node } | undefined;

/**
 * The call site of the code running now, from V8's structured stack (no stack string is built).
 * Resolving a location (file URL to path, source map, relative path) happens once per distinct
 * chain of app frames; every later call from there gets the same object back.
 */
export function captureCallSite(root: string): CallSite | null {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let frames: NodeJS.CallSite[] | undefined;
  try {
    Error.prepareStackTrace = structured;
    Error.stackTraceLimit = STACK_DEPTH;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, captureCallSite);
    frames = holder.stack;
  } catch {
    frames = undefined;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  if (!Array.isArray(frames)) return null;
  if (cache?.root !== root) cache = { root, trie: { site: undefined, next: new Map() } };
  let node = cache.trie;
  let kept = 0;
  for (let i = 0; i < frames.length && kept < CALL_SITE_FRAMES; i++) {
    const f = frames[i]!;
    const fileName = f.getFileName();
    if (!isAppFrame(fileName)) continue;
    const position = (f.getLineNumber() ?? 0) * 1_000_000 + (f.getColumnNumber() ?? 0);
    let byPosition = node.next.get(fileName);
    if (!byPosition) node.next.set(fileName, (byPosition = new Map()));
    let child = byPosition.get(position);
    if (!child) byPosition.set(position, (child = { site: undefined, next: new Map() }));
    node = child;
    kept++;
  }
  if (kept === 0) return null;
  if (node.site === undefined) node.site = resolveChain(frames, root);
  return node.site;
}

/** The first app frames of `frames`, resolved: run once per distinct chain. */
function resolveChain(frames: NodeJS.CallSite[], root: string): CallSite {
  const out: CallSiteFrame[] = [];
  for (const f of frames) {
    if (out.length === CALL_SITE_FRAMES) break;
    const fileName = f.getFileName();
    if (isAppFrame(fileName)) out.push(resolveFrame(fileName, f.getLineNumber() ?? 0, f.getColumnNumber() ?? 0, root));
  }
  return Object.freeze({ id: null, frames: Object.freeze(out) });
}

/**
 * A V8 location as the source it came from: through the file's source map when Node has it
 * (`--enable-source-maps`, or a loader such as tsx that registers maps), so compiled JS reports the
 * `.ts` line lint saw; relative to `root` with `/` separators, as lint writes `file`.
 */
function resolveFrame(fileName: string, line: number, column: number, root: string): CallSiteFrame {
  let file = fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName;
  try {
    const map = findSourceMap(fileName) ?? findSourceMap(file);
    const entry = map?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalSource) {
      file = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
      line = (entry.originalLine ?? line - 1) + 1;
      column = (entry.originalColumn ?? column - 1) + 1;
    }
  } catch {
    // No usable source map: the generated location is still a location.
  }
  const relative = path.relative(root, file);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  return Object.freeze({ file: shown.split(path.sep).join('/'), line, column });
}
