import {
  type StepRecord,
  TAG_KEYS,
  TAG_SET,
  checkTokens,
  isRecord,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
  tagsFromList,
} from '../step.js';
import type { StepKind } from '../types.js';
import { langfuseUsage } from './langfuse-usage.js';

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

export function importLangfuse(obj: Record<string, unknown>): StepRecord {
  const type = str(own(obj, 'type')) ?? '';
  const details = field(obj, 'usageDetails', 'usage_details');
  const usage = own(obj, 'usage');
  let input = 0;
  let cached = 0;
  let cacheWrite = 0;
  let output = 0;
  let hasUsage = false;
  if (isRecord(details) && Object.keys(details).length > 0) {
    hasUsage = true;
    ({ input, cached, cacheWrite, output } = langfuseUsage(details, 'usageDetails'));
  } else if (isRecord(usage) && (usage.input != null || usage.output != null)) {
    hasUsage = true;
    input = parseTokens(own(usage, 'input'), 'usage.input');
    output = parseTokens(own(usage, 'output'), 'usage.output');
  }
  const costDetails = field(obj, 'costDetails', 'cost_details');
  const cost =
    (isRecord(costDetails) ? parseCost(own(costDetails, 'total'), 'costDetails.total') : null) ??
    parseCost(field(obj, 'calculatedTotalCost', 'calculated_total_cost'), 'calculatedTotalCost') ??
    parseCost(field(obj, 'totalCost', 'total_cost'), 'totalCost');
  const kind = KINDS[type];
  const structural = kind === undefined && !hasUsage && cost === null;

  const metadata = own(obj, 'metadata');
  const fromList: Record<string, string> = Object.create(null) as Record<string, string>;
  tagsFromList(field(obj, 'traceTags', 'trace_tags'), TAG_SET, fromList);
  tagsFromList(own(obj, 'tags'), TAG_SET, fromList);
  const tags: StepRecord['tags'] = {};
  for (const key of TAG_KEYS) {
    const value = str(isRecord(metadata) ? own(metadata, key) : undefined) ?? fromList[key];
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
    leafOnly: false,
    usageAbsent: !hasUsage && cost === null,
  });
}
