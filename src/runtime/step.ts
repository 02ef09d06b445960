import { type CallSite, captureCallSite } from './call-site.js';
import type { RuntimeConfig } from './config.js';
import { type Frame, currentFrame } from './scope.js';
import { AttributionError, type TagMap } from './tags.js';

export type StepKind = 'model' | 'embedding' | 'tool' | 'retrieval' | 'other';

export interface StepError {
  /** The error's class name (`RateLimitError`, `APIConnectionError`, `AbortError`...). */
  type: string;
  message: string;
  /** The HTTP status when the provider answered with one. */
  status: number | null;
}

/** One step as the runtime records it; sinks turn it into their own form. */
export interface RuntimeStep {
  /** Start, epoch milliseconds. */
  ts: number;
  stepId: string;
  parentStepId: string | null;
  kind: StepKind;
  provider: string | null;
  model: string | null;
  /** What was called: `chat.completions.create`, `messages.create`, `doStream`, the step's name... */
  operation: string | null;
  tool: string | null;
  stream: boolean;
  /** Token counts as the provider reported them (input includes cached and cache-written); null when it reported none. */
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  durationMs: number;
  status: 'ok' | 'error';
  error: StepError | null;
  tags: TagMap;
  /** Required tags the call did not carry (recorded as missing, never filled in). */
  missingTags: readonly string[];
  /** Where the step was called from (docs/call-sites.md); null when not recorded (`callSites: false`, no app frame). */
  callSite: CallSite | null;
  /** performance.now() (or the injected clock) at the start, for the duration; not written. */
  startedAt: number;
  /** Set once the sinks have it: a stream that errors and is then closed is still one step. */
  ended: boolean;
  /** The config the step started under (its sinks get its end). */
  config: RuntimeConfig;
}

export interface Usage {
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
}

function isProduction(frame: Frame): boolean {
  return (frame.tags.environment ?? frame.config.environment) === 'production';
}

/**
 * Start a step in the current frame. In strict mode a production call without its required tags
 * throws here, before anything is sent. The call site is the scope's explicit one, else the
 * client's (`instrument(client, { callSite })`), else the stack's.
 */
export function beginStep(
  kind: StepKind,
  operation: string | null,
  provider: string | null,
  model: string | null,
  frame: Frame = currentFrame(),
  clientCallSite: CallSite | null = null,
): RuntimeStep {
  const { config, missing } = frame;
  if (missing.length > 0) {
    if (config.strict && isProduction(frame)) {
      throw new AttributionError(`attrib: ${operation ?? kind} in production without required tags: ${missing.join(', ')}`, missing);
    }
    config.warn(`missing:${missing.join(',')}`, `attrib: calls without required tags (${missing.join(', ')}) are recorded with those tags missing`);
  }
  // An injected clock is read once, for both the start time and the duration's origin.
  const clockStart = config.clock ? config.clock() : null;
  const step: RuntimeStep = {
    ts: clockStart ?? Date.now(),
    stepId: config.ids.step(),
    parentStepId: frame.stepId,
    kind,
    provider,
    model,
    operation,
    tool: null,
    stream: false,
    inputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    outputTokens: null,
    durationMs: 0,
    status: 'ok',
    error: null,
    tags: frame.tags,
    missingTags: missing,
    callSite: frame.callSite ?? clientCallSite ?? (config.callSites ? captureCallSite(config.callSiteRoot) : null),
    startedAt: clockStart ?? performance.now(),
    ended: false,
    config,
  };
  for (const sink of config.sinks) {
    if (!sink.start) continue;
    try {
      sink.start(step);
    } catch (err) {
      config.warn(`sink-start:${sink.name}`, `attrib: sink ${sink.name} failed to start a step (${(err as Error).message}); the call goes on`);
    }
  }
  return step;
}

export function setUsage(step: RuntimeStep, usage: Usage): void {
  step.inputTokens = usage.inputTokens;
  step.cachedInputTokens = usage.cachedInputTokens;
  step.cacheWriteTokens = usage.cacheWriteTokens;
  step.outputTokens = usage.outputTokens;
}

export function errorOf(err: unknown): StepError {
  if (err instanceof Error) {
    const status = (err as { status?: unknown }).status;
    return { type: err.name === 'Error' ? err.constructor.name : err.name, message: err.message.slice(0, 500), status: typeof status === 'number' ? status : null };
  }
  return { type: typeof err, message: String(err).slice(0, 500), status: null };
}

/** Finish a step (once) and hand it to the sinks. */
export function endStep(step: RuntimeStep, error?: unknown): void {
  if (step.ended) return;
  step.ended = true;
  step.durationMs = Math.round(((step.config.clock ? step.config.clock() : performance.now()) - step.startedAt) * 1000) / 1000;
  if (error !== undefined) {
    step.status = 'error';
    step.error = errorOf(error);
  }
  const { config } = step;
  for (const sink of config.sinks) {
    try {
      sink.end(step);
    } catch (err) {
      config.warn(`sink-end:${sink.name}`, `attrib: sink ${sink.name} failed to record a step (${(err as Error).message}); the call goes on`);
    }
  }
}
