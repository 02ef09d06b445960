import { AsyncLocalStorage } from 'node:async_hooks';
import { type RuntimeConfig, currentConfig } from './config.js';
import { type CallSite, explicitCallSite } from './call-site.js';
import { type TagMap, type Tags, missingTags, mergeTags } from './tags.js';

/** What an instrumented call finds in its async context: the tags in force and the enclosing step. */
export interface Frame {
  readonly tags: TagMap;
  /** Required tags the scope lacks (computed once per scope, not per call). */
  readonly missing: readonly string[];
  /** The step the code runs inside (a `tool()` or `step()`), the parent of every call made there. */
  readonly stepId: string | null;
  /** The config the frame was computed for (a `configure()` after it recomputes `missing`). */
  readonly config: RuntimeConfig;
  /** The `callSite` a scope named (inner scopes inherit it); its calls record it instead of their stack. */
  readonly callSite: CallSite | null;
  /** `x-attrib-<tag>` headers for this frame's tags, built on first use and shared by its calls. */
  headers?: Readonly<Record<string, string>>;
  /** `{ headers }` request options for calls that pass none, shared by the frame's calls. */
  requestOptions?: { headers: Readonly<Record<string, string>> };
  /** OpenAI `metadata` of the frame's tags, shared by the frame's calls. */
  metadata?: Readonly<Record<string, string>>;
}

const storage = new AsyncLocalStorage<Frame>();
let rootFrame: Frame | undefined;

function frameOf(tags: TagMap, stepId: string | null, config: RuntimeConfig, callSite: CallSite | null): Frame {
  return { tags, missing: missingTags(tags, config.required), stepId, config, callSite };
}

export interface AttributionOptions {
  /**
   * The lint `callSiteId` of the call this scope makes (`attrib lint --format json`), recorded as
   * the steps' `call_site` instead of their stack location. For calls lint cannot place by line:
   * generated code, a bundle without source maps, a helper shared by many call sites.
   */
  callSite?: string;
}

/** The frame in force: the innermost scope's, or the defaults' outside every scope. */
export function currentFrame(): Frame {
  const config = currentConfig();
  const frame = storage.getStore();
  if (frame) return frame.config === config ? frame : frameOf(frame.tags, frame.stepId, config, frame.callSite);
  if (rootFrame?.config !== config) rootFrame = frameOf(config.defaults, null, config, null);
  return rootFrame;
}

/**
 * Run `fn` with `tags` added to (and overriding) the tags in force. Every instrumented call inside,
 * across awaits, callbacks, timers and concurrent runs, carries them. The outermost scope creates a
 * `parent_run_id` when the tags bring none. `options.callSite` names the lint call site of the calls
 * inside (see AttributionOptions).
 */
export function withAttribution<T>(tags: Tags, fn: () => T, options?: AttributionOptions): T {
  const outer = storage.getStore();
  const callSite = options?.callSite === undefined ? (outer?.callSite ?? null) : explicitCallSite(options.callSite, 'withAttribution({ callSite })');
  const config = currentConfig();
  let merged = mergeTags(outer?.tags ?? config.defaults, tags);
  if (merged.parent_run_id === undefined) merged = mergeTags(merged, { parent_run_id: config.ids.run() });
  return storage.run(frameOf(merged, outer?.stepId ?? null, config, callSite), fn);
}

/** Run `fn` inside the step `stepId` (same tags): the calls it makes become the step's children. */
export function runInStep<T>(frame: Frame, stepId: string, fn: () => T): T {
  return storage.run({ tags: frame.tags, missing: frame.missing, stepId, config: frame.config, callSite: frame.callSite, headers: frame.headers, requestOptions: frame.requestOptions, metadata: frame.metadata }, fn);
}

/** The tags in force here (a copy), e.g. to hand to a tracer or a queue message. */
export function currentTags(): Record<string, string> {
  return { ...currentFrame().tags };
}
