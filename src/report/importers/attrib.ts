import {
  ATTRIBUTION_TAGS,
  BadRecord,
  STEP_KINDS,
  type StepRecord,
  blankStep,
  checkTokenSums,
  clip,
  preview,
  isRecord,
  objectField,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
} from '../step.js';
import type { StepKind } from '../types.js';
import { callSiteKey } from '../call-site-record.js';

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
  tool_units?: unknown;
  batch?: unknown;
  service_tier?: unknown;
  tags?: unknown;
  call_site?: unknown;
};
type TagFields = Partial<Record<(typeof ATTRIBUTION_TAGS)[number] | 'parent_run_id', unknown>>;
const NO_TAGS: TagFields = Object.freeze({});

/**
 * Fill `into` (a fresh step by default) from one attrib record. Every field is written, so the
 * ingest loop passes one reused step and no object is built per record on the hot path.
 */
export function importAttrib(obj: Fields, into: StepRecord = blankStep()): StepRecord {
  const kindValue = obj.kind ?? 'model';
  if (typeof kindValue !== 'string' || !(STEP_KINDS as readonly string[]).includes(kindValue)) {
    throw new BadRecord(`kind must be one of ${STEP_KINDS.join(', ')}, not ${preview(kindValue)}`);
  }
  const tagObj = obj.tags;
  if (tagObj !== undefined && tagObj !== null && !isRecord(tagObj)) throw new BadRecord('tags must be an object');
  const t: TagFields = tagObj ?? NO_TAGS;
  // Every field is read before `into` is touched: a bad record throws and leaves it as it was.
  const ts = parseTimestamp(obj.ts, 'ts');
  const inputTokens = parseTokens(obj.input_tokens, 'input_tokens');
  const cachedInputTokens = parseTokens(obj.cached_input_tokens, 'cached_input_tokens');
  const cacheWriteTokens = parseTokens(obj.cache_write_tokens, 'cache_write_tokens');
  const outputTokens = parseTokens(obj.output_tokens, 'output_tokens');
  const costUsd = parseCost(obj.cost_usd, 'cost_usd');
  const toolUnits = obj.tool_units == null || obj.tool_units === '' ? null : parseToolUnits(obj.tool_units);
  const batch = parseBatch(obj.batch, obj.service_tier);
  checkTokenSums(inputTokens, cachedInputTokens, cacheWriteTokens);
  const callSite = callSiteKey(obj.call_site);
  // Nested `tags` object (JSONL), then flattened `tags.<tag>` and bare `<tag>` columns (CSV), in
  // TAG_KEYS order.
  const tags = into.tags;
  tags.feature = str(t.feature) ?? str(obj['tags.feature']) ?? str(obj.feature) ?? undefined;
  tags.team = str(t.team) ?? str(obj['tags.team']) ?? str(obj.team) ?? undefined;
  tags.workload_class = str(t.workload_class) ?? str(obj['tags.workload_class']) ?? str(obj.workload_class) ?? undefined;
  tags.tenant = str(t.tenant) ?? str(obj['tags.tenant']) ?? str(obj.tenant) ?? undefined;
  tags.environment = str(t.environment) ?? str(obj['tags.environment']) ?? str(obj.environment) ?? undefined;
  tags.parent_run_id = str(t.parent_run_id) ?? str(obj['tags.parent_run_id']) ?? str(obj.parent_run_id) ?? undefined;
  into.ts = ts;
  into.stepId = str(obj.step_id);
  into.parentStepId = str(obj.parent_step_id);
  into.kind = kindValue as StepKind;
  into.provider = str(obj.provider);
  into.model = str(obj.model);
  into.inputTokens = inputTokens;
  into.cachedInputTokens = cachedInputTokens;
  into.cacheWriteTokens = cacheWriteTokens;
  into.outputTokens = outputTokens;
  into.costUsd = costUsd;
  into.tool = str(obj.tool);
  into.toolOwner = str(obj.tool_owner);
  into.toolUnits = toolUnits;
  into.batch = batch;
  into.traceId = null;
  into.structural = false;
  into.leafOnly = false;
  into.callSite = callSite;
  into.usageAbsent = obj.input_tokens == null && obj.output_tokens == null && costUsd === null;
  return into;
}

/** `tool_units`: an object (or its JSON text, in CSV) of non-negative unit counts by unit name. */
function parseToolUnits(value: unknown): Record<string, number> {
  const obj = objectField(value);
  if (obj === undefined) throw new BadRecord(`tool_units must be an object of unit counts, e.g. {"results": 25}, not ${clip(JSON.stringify(value) ?? String(value))}`);
  const units = Object.create(null) as Record<string, number>;
  for (const [unit, count] of Object.entries(obj)) {
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) throw new BadRecord(`tool_units.${clip(unit, 30)} must be a non-negative number, not ${clip(JSON.stringify(count) ?? String(count))}`);
    units[unit] = count;
  }
  return units;
}

/**
 * `batch: true` (CSV: `true`/`false`), or `service_tier: "batch"` as Anthropic's usage object
 * writes it for Message Batches results (other tiers, `standard`, `priority`, OpenAI's `default`,
 * `flex`..., are not batch). A `batch` that is neither boolean nor absent is refused, not guessed.
 */
function parseBatch(batch: unknown, serviceTier: unknown): boolean {
  if (batch === true || batch === 'true') return true;
  if (batch !== undefined && batch !== null && batch !== '' && batch !== false && batch !== 'false') throw new BadRecord(`batch must be true or false, not ${preview(batch)}`);
  return batch !== false && batch !== 'false' && typeof serviceTier === 'string' && serviceTier.toLowerCase() === 'batch';
}
