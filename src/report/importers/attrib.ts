import {
  ATTRIBUTION_TAGS,
  BadRecord,
  STEP_KINDS,
  type StepRecord,
  checkTokens,
  clip,
  isRecord,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
} from '../step.js';
import type { StepKind } from '../types.js';

const TAG_KEYS = [...ATTRIBUTION_TAGS, 'parent_run_id'] as const;

/** attrib's own step record (JSONL, or CSV with `tags.<tag>` or bare `<tag>` columns). */
export function isAttribRecord(obj: Record<string, unknown>): boolean {
  return 'step_id' in obj && 'ts' in obj;
}

export function importAttrib(obj: Record<string, unknown>): StepRecord {
  const kindValue = own(obj, 'kind') ?? 'model';
  if (typeof kindValue !== 'string' || !(STEP_KINDS as readonly string[]).includes(kindValue)) {
    throw new BadRecord(`kind must be one of ${STEP_KINDS.join(', ')}, not ${clip(JSON.stringify(kindValue) ?? String(kindValue))}`);
  }
  const tagObj = own(obj, 'tags');
  if (tagObj !== undefined && tagObj !== null && !isRecord(tagObj)) throw new BadRecord('tags must be an object');
  const tags: StepRecord['tags'] = {};
  for (const key of TAG_KEYS) {
    // Nested `tags` object (JSONL), then flattened `tags.<tag>` and bare `<tag>` columns (CSV).
    const value = str(tagObj ? own(tagObj, key) : undefined) ?? str(own(obj, `tags.${key}`)) ?? str(own(obj, key));
    if (value !== null) tags[key] = value;
  }
  return checkTokens({
    ts: parseTimestamp(own(obj, 'ts'), 'ts'),
    stepId: str(own(obj, 'step_id')),
    parentStepId: str(own(obj, 'parent_step_id')),
    kind: kindValue as StepKind,
    provider: str(own(obj, 'provider')),
    model: str(own(obj, 'model')),
    inputTokens: parseTokens(own(obj, 'input_tokens'), 'input_tokens'),
    cachedInputTokens: parseTokens(own(obj, 'cached_input_tokens'), 'cached_input_tokens'),
    cacheWriteTokens: parseTokens(own(obj, 'cache_write_tokens'), 'cache_write_tokens'),
    outputTokens: parseTokens(own(obj, 'output_tokens'), 'output_tokens'),
    costUsd: parseCost(own(obj, 'cost_usd'), 'cost_usd'),
    tool: str(own(obj, 'tool')),
    toolOwner: str(own(obj, 'tool_owner')),
    tags,
    traceId: null,
    structural: false,
    leafOnly: false,
  });
}
