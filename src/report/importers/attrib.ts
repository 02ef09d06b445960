import {
  ATTRIBUTION_TAGS,
  BadRecord,
  STEP_KINDS,
  type StepRecord,
  checkTokens,
  clip,
  isRecord,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
} from '../step.js';
import type { StepKind } from '../types.js';

/** attrib's own step record (JSONL, or CSV with `tags.<tag>` or bare `<tag>` columns). */
export function isAttribRecord(obj: Record<string, unknown>): boolean {
  return 'step_id' in obj && 'ts' in obj;
}

/**
 * The hot path of `attrib report` (once per line of a step log), so fields are read by literal
 * name: each read then has its own inline cache, which stays fast because every line of a log
 * shares one or two shapes. A generic `own(obj, key)` sees every key and every shape at one site
 * and was the biggest cost after JSON.parse. None of these names is a member of Object.prototype,
 * so a plain read never returns an inherited value (see `own`).
 */
type Fields = Record<string, unknown> & {
  ts?: unknown;
  step_id?: unknown;
  parent_step_id?: unknown;
  kind?: unknown;
  provider?: unknown;
  model?: unknown;
  input_tokens?: unknown;
  cached_input_tokens?: unknown;
  cache_write_tokens?: unknown;
  output_tokens?: unknown;
  cost_usd?: unknown;
  tool?: unknown;
  tool_owner?: unknown;
  tags?: unknown;
};
type TagFields = Partial<Record<(typeof ATTRIBUTION_TAGS)[number] | 'parent_run_id', unknown>>;
const NO_TAGS: TagFields = Object.freeze({});

export function importAttrib(obj: Fields): StepRecord {
  const kindValue = obj.kind ?? 'model';
  if (typeof kindValue !== 'string' || !(STEP_KINDS as readonly string[]).includes(kindValue)) {
    throw new BadRecord(`kind must be one of ${STEP_KINDS.join(', ')}, not ${clip(JSON.stringify(kindValue) ?? String(kindValue))}`);
  }
  const tagObj = obj.tags;
  if (tagObj !== undefined && tagObj !== null && !isRecord(tagObj)) throw new BadRecord('tags must be an object');
  const t: TagFields = tagObj ?? NO_TAGS;
  // Nested `tags` object (JSONL), then flattened `tags.<tag>` and bare `<tag>` columns (CSV), in
  // ATTRIBUTION_TAGS order, then the run.
  const tags: StepRecord['tags'] = {};
  let v: string | null;
  if ((v = str(t.feature) ?? str(obj['tags.feature']) ?? str(obj.feature)) !== null) tags.feature = v;
  if ((v = str(t.team) ?? str(obj['tags.team']) ?? str(obj.team)) !== null) tags.team = v;
  if ((v = str(t.workload_class) ?? str(obj['tags.workload_class']) ?? str(obj.workload_class)) !== null) tags.workload_class = v;
  if ((v = str(t.tenant) ?? str(obj['tags.tenant']) ?? str(obj.tenant)) !== null) tags.tenant = v;
  if ((v = str(t.environment) ?? str(obj['tags.environment']) ?? str(obj.environment)) !== null) tags.environment = v;
  if ((v = str(t.parent_run_id) ?? str(obj['tags.parent_run_id']) ?? str(obj.parent_run_id)) !== null) tags.parent_run_id = v;
  return checkTokens({
    ts: parseTimestamp(obj.ts, 'ts'),
    stepId: str(obj.step_id),
    parentStepId: str(obj.parent_step_id),
    kind: kindValue as StepKind,
    provider: str(obj.provider),
    model: str(obj.model),
    inputTokens: parseTokens(obj.input_tokens, 'input_tokens'),
    cachedInputTokens: parseTokens(obj.cached_input_tokens, 'cached_input_tokens'),
    cacheWriteTokens: parseTokens(obj.cache_write_tokens, 'cache_write_tokens'),
    outputTokens: parseTokens(obj.output_tokens, 'output_tokens'),
    costUsd: parseCost(obj.cost_usd, 'cost_usd'),
    tool: str(obj.tool),
    toolOwner: str(obj.tool_owner),
    tags,
    traceId: null,
    structural: false,
    leafOnly: false,
  });
}
