import { ATTRIBUTION_TAGS, NO_TAGS, type TagMap, type Tags, mergeTags } from './tags.js';
import type { Sink } from './sinks/sink.js';
import { jsonlSink } from './sinks/jsonl.js';
import { newRunId, newStepId } from './ids.js';

/** Ids the runtime makes: a step's `step_id` and an outermost scope's `parent_run_id`. */
export interface RuntimeIds {
  step: () => string;
  run: () => string;
}

export interface RuntimeOptions {
  /** Where steps go (default: one `jsonlSink()` into `$ATTRIB_LOG_DIR`, else `./attrib-logs`). */
  sinks?: readonly Sink[];
  /** Tags every call must carry (default: feature, team, workload_class, tenant, environment, parent_run_id). */
  required?: readonly string[];
  /** Throw an `AttributionError` before a production request is sent when a required tag is missing. */
  strict?: boolean;
  /**
   * The environment a call runs in when its scope has no `environment` tag, used only to decide
   * whether `strict` applies (never recorded as a tag). Default: `$ATTRIB_ENVIRONMENT`, else `$NODE_ENV`.
   */
  environment?: string;
  /** Tags every call starts from (a service's fixed `team`, say); scopes add to and override them. */
  defaults?: Tags;
  /**
   * Record where each step was called from (`call_site`, from the app's stack frames, resolved once
   * per call site). Default true. An explicit `callSite` option on `withAttribution` or
   * `instrument` is recorded either way. See docs/call-sites.md.
   */
  callSites?: boolean;
  /** The folder call-site files are relative to, as lint's `file` is to where lint ran (default: the working directory). */
  callSiteRoot?: string;
  /** Where warnings go (default: `process.emitWarning` with code `ATTRIB_RUNTIME`). Each kind is said once. */
  onWarning?: (message: string) => void;
  /**
   * Epoch milliseconds, read when a step starts (`ts`) and ends (`duration_ms`). Default: `Date.now()`
   * for `ts` and `performance.now()` for the duration. For reproducible records (fixtures, tests).
   */
  clock?: () => number;
  /** Make step and run ids (default: a random per-process prefix and a counter; `run_<uuid>`). For reproducible records. */
  ids?: Partial<RuntimeIds>;
}

export interface RuntimeConfig {
  sinks: readonly Sink[];
  required: readonly string[];
  strict: boolean;
  environment: string | undefined;
  defaults: TagMap;
  callSites: boolean;
  callSiteRoot: string;
  /** The injected clock, or null for the wall clock (ts) and the monotonic one (duration). */
  clock: (() => number) | null;
  ids: RuntimeIds;
  warn: (kind: string, message: string) => void;
}

let config: RuntimeConfig | undefined;

function emitWarning(message: string): void {
  process.emitWarning(message, { code: 'ATTRIB_RUNTIME' });
}

/** One warning per kind for the life of the config: a broken sink or a bad tag must not flood the log. */
export function onceWarner(onWarning: (message: string) => void = emitWarning): (kind: string, message: string) => void {
  const said = new Set<string>();
  return (kind, message) => {
    if (said.has(kind)) return;
    said.add(kind);
    try {
      onWarning(message);
    } catch {
      // A warning handler that throws must not break the caller's request.
    }
  };
}

/** Set the runtime's options (replacing earlier ones). Returns the config now in force. */
export function configure(options: RuntimeOptions = {}): RuntimeConfig {
  const warn = onceWarner(options.onWarning);
  config = {
    sinks: options.sinks ?? [jsonlSink({ onWarning: options.onWarning })],
    required: options.required ?? ATTRIBUTION_TAGS,
    strict: options.strict ?? false,
    environment: options.environment ?? process.env.ATTRIB_ENVIRONMENT ?? process.env.NODE_ENV,
    defaults: options.defaults ? mergeTags(NO_TAGS, options.defaults) : NO_TAGS,
    callSites: options.callSites ?? true,
    callSiteRoot: options.callSiteRoot ?? process.cwd(),
    clock: options.clock ?? null,
    ids: { step: options.ids?.step ?? newStepId, run: options.ids?.run ?? newRunId },
    warn,
  };
  return config;
}

/** The config in force (the defaults on first use). */
export function currentConfig(): RuntimeConfig {
  return config ?? configure();
}

/** Write out every sink's buffered steps (call before a short-lived process exits). */
export async function flush(): Promise<void> {
  if (!config) return;
  await Promise.all(config.sinks.map((s) => s.flush?.()));
}
