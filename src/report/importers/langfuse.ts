import {
  type StepRecord,
  TAG_KEYS,
  TAG_SET,
  checkTokens,
  objectField,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
  tagsFromList,
} from '../step.js';
import type { StepKind } from '../types.js';
import { langfuseCost, langfuseUsage } from './langfuse-usage.js';

const KINDS: Readonly<Record<string, StepKind>> = { GENERATION: 'model', EMBEDDING: 'embedding', TOOL: 'tool', RETRIEVER: 'retrieval' };

/** A Langfuse observation (public API / UI export in camelCase, or the snake_case blob export). */
export function isLangfuseRecord(obj: Record<string, unknown>): boolean {
  return ('traceId' in obj && 'type' in obj) || ('trace_id' in obj && ('usage_details' in obj || 'type' in obj));
}

/** Read the camelCase field, else its snake_case twin. */
function field(obj: Record<string, unknown>, camel: string, snake: string): unknown {
  const v = own(obj, camel);
  return v === undefined ? own(obj, snake) : v;
}

/** An object field, or the JSON text of one (the blob export's CSV cells hold `usage_details`, `cost_details`, `metadata` as JSON). */
function objectOf(obj: Record<string, unknown>, camel: string, snake: string): Record<string, unknown> | undefined {
  return objectField(field(obj, camel, snake));
}

export function importLangfuse(obj: Record<string, unknown>): StepRecord {
  const type = str(own(obj, 'type')) ?? '';
  const details = objectOf(obj, 'usageDetails', 'usage_details');
  const usage = objectOf(obj, 'usage', 'usage');
  let input = 0;
  let cached = 0;
  let cacheWrite = 0;
  let output = 0;
  let hasUsage = false;
  if (details !== undefined && Object.keys(details).length > 0) {
    hasUsage = true;
    ({ input, cached, cacheWrite, output } = langfuseUsage(details, 'usageDetails'));
  } else if (details === undefined && usage !== undefined) {
    // The deprecated `usage` only where `usageDetails` is absent (old exports): the v1 API fills it
    // with zeros on every observation, so zeros there say nothing.
    input = parseTokens(own(usage, 'input'), 'usage.input');
    output = parseTokens(own(usage, 'output'), 'usage.output');
    hasUsage = input + output > 0;
  }
  const costDetails = objectOf(obj, 'costDetails', 'cost_details');
  const calculated =
    (costDetails !== undefined ? langfuseCost(costDetails, 'costDetails') : null) ??
    parseCost(field(obj, 'calculatedTotalCost', 'calculated_total_cost'), 'calculatedTotalCost') ??
    parseCost(field(obj, 'totalCost', 'total_cost'), 'totalCost');
  // Langfuse writes a cost of 0 when it has no price for the model (the v1 API on every
  // observation): only a cost the caller provided is authoritative at 0.
  const provided = objectOf(obj, 'providedCostDetails', 'provided_cost_details');
  const cost = calculated === 0 && (provided === undefined || Object.keys(provided).length === 0) ? null : calculated;
  const kind = KINDS[type];
  // "Carries usage or cost" means non-zero ones: the v1 API gives every observation `usage` and a 0 cost.
  const structural = kind === undefined && input + output === 0 && !((cost ?? 0) > 0);

  const metadata = objectOf(obj, 'metadata', 'metadata');
  const fromList: Record<string, string> = Object.create(null) as Record<string, string>;
  tagsFromList(field(obj, 'traceTags', 'trace_tags'), TAG_SET, fromList);
  tagsFromList(own(obj, 'tags'), TAG_SET, fromList);
  const tags: StepRecord['tags'] = {};
  for (const key of TAG_KEYS) {
    const value = str(metadata !== undefined ? own(metadata, key) : undefined) ?? fromList[key];
    if (value !== undefined && value !== null) tags[key] = value;
  }
  if (tags.environment === undefined) {
    const env = str(own(obj, 'environment'));
    if (env !== null) tags.environment = env;
  }
  return checkTokens({
    ts: parseTimestamp(field(obj, 'startTime', 'start_time'), 'startTime'),
    stepId: str(own(obj, 'id')),
    parentStepId: str(field(obj, 'parentObservationId', 'parent_observation_id')),
    kind: kind ?? 'other',
    provider: null,
    model: str(own(obj, 'model')) ?? str(field(obj, 'providedModelName', 'provided_model_name')),
    inputTokens: input,
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    costUsd: cost,
    tool: kind === 'tool' ? str(own(obj, 'name')) : null,
    toolOwner: null,
    tags,
    traceId: str(field(obj, 'traceId', 'trace_id')),
    structural,
    // A wrapper (SPAN, AGENT, CHAIN...) with usage of its own counts only when nothing below it carries usage.
    leafOnly: kind === undefined && !structural,
    usageAbsent: !hasUsage && cost === null,
    toolUnits: kind === 'tool' && details !== undefined ? toolUnits(details) : null,
  });
}

/** The usage keys that are token buckets or their sums (see langfuseUsage), not units of work. */
const TOKEN_KEY = /^(?:total|total_tokens|input|output|prompt_tokens|completion_tokens|input_.*|output_.*|cache_read_input_tokens|cache_creation_input_tokens.*)$/;

/**
 * A TOOL observation's usage keys other than the token buckets (Langfuse accepts any usage type,
 * e.g. `{ "results": 25 }`): the units a per-unit tool price counts.
 */
function toolUnits(details: Record<string, unknown>): Record<string, number> | null {
  let units: Record<string, number> | null = null;
  for (const [key, value] of Object.entries(details)) {
    if (TOKEN_KEY.test(key)) continue;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < 0) continue;
    units ??= Object.create(null) as Record<string, number>;
    units[key] = n;
  }
  return units;
}
