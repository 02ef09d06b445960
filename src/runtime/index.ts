/**
 * `attrib/runtime`: the attribution layer when there is no gateway. Scopes carry the tags
 * (AsyncLocalStorage), instrumented clients send them and record one step per call, sinks write
 * the steps (attrib step JSONL by default, OpenTelemetry GenAI spans on request). Dependency-free:
 * nothing here loads the CLI, ts-morph or an SDK. See docs/runtime.md.
 */
export { withAttribution, currentTags, type AttributionOptions } from './scope.js';
export type { CallSite, CallSiteFrame } from './call-site.js';
export { configure, flush, type RuntimeOptions } from './config.js';
export { instrument, type InstrumentOptions } from './clients/instrument.js';
export { tool, step } from './steps.js';
export { attribMiddleware, type AttribMiddlewareOptions } from './ai-sdk.js';
export { requireAttribution, requireAttributionMiddleware, tagsFromHeaders, type RequireAttributionOptions } from './middleware.js';
export { jsonlSink, type JsonlSinkOptions } from './sinks/jsonl.js';
export { otelSink, type OtelSinkOptions } from './sinks/otel.js';
export { memorySink, type Sink } from './sinks/sink.js';
export { stepLine } from './sinks/record.js';
export { AttributionError, ATTRIBUTION_TAGS, type Tags } from './tags.js';
export type { RuntimeStep, StepKind, StepError } from './step.js';
