import {
  type StepRecord,
  TAG_KEYS,
  TAG_SET,
  blankStep,
  checkTokens,
  objectField,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
  tagsFromList,
  zeroMeansUnpriced,
} from '../step.js';
import { normaliseProvider } from '../providers.js';

/**
 * LiteLLM writes two record shapes with the same usage and tag fields: the proxy's SpendLogs rows
 * (`/spend/logs`, this module) and the StandardLoggingPayload of its S3/GCS/generic-API loggers
 * (litellm-payload.ts). Both are read by `importLiteLLMRecord`; only ids, cost and run differ.
 * Field facts: ../shared/formats.md and LiteLLM's `SpendLogsPayload` / `StandardLoggingPayload`.
 */

/** A row of LiteLLM_SpendLogs (`/spend/logs`). */
export function isLiteLLMRecord(obj: Record<string, unknown>): boolean {
  return 'request_id' in obj && 'call_type' in obj && 'spend' in obj;
}

export function importLiteLLM(obj: Record<string, unknown>): StepRecord {
  return importLiteLLMRecord(obj, { stepId: str(own(obj, 'request_id')), cost: parseCost(own(obj, 'spend'), 'spend'), costUnknown: false, run: str(own(obj, 'session_id')) });
}

/** What the two LiteLLM shapes name differently. */
export interface LiteLLMIds {
  stepId: string | null;
  /** The record's cost field as written (`spend` or `response_cost`). */
  cost: number | null;
  /** The record itself says its cost could not be computed (StandardLoggingPayload's `response_cost_failure_debug_info`). */
  costUnknown: boolean;
  /** The source's run when there is no `parent_run_id` tag. */
  run: string | null;
}

export function importLiteLLMRecord(obj: Record<string, unknown>, ids: LiteLLMIds): StepRecord {
  const metadata = objectField(own(obj, 'metadata'));
  const usage = usageObject(obj, metadata);
  const details = usage ? objectField(own(usage, 'prompt_tokens_details')) : undefined;
  const inputTokens = parseTokens(own(obj, 'prompt_tokens'), 'prompt_tokens');
  const outputTokens = parseTokens(own(obj, 'completion_tokens'), 'completion_tokens');
  const tokens = inputTokens + outputTokens;
  const absent = own(obj, 'prompt_tokens') == null && own(obj, 'completion_tokens') == null;
  // LiteLLM writes 0 (SpendLogs) or a cost with a failure note (payload) when it has no price.
  const costUsd = ids.costUnknown ? null : zeroMeansUnpriced(ids.cost, tokens);
  const step = blankStep();
  step.ts = parseTimestamp(own(obj, 'startTime'), 'startTime');
  step.stepId = ids.stepId;
  step.kind = (str(own(obj, 'call_type')) ?? '').includes('embedding') ? 'embedding' : 'model';
  const provider = str(own(obj, 'custom_llm_provider'));
  step.provider = normaliseProvider(provider);
  step.model = liteLLMModel(obj, provider);
  step.inputTokens = inputTokens;
  // Cache reads: `prompt_tokens_details.cached_tokens` (OpenAI shape), else Anthropic's name; cache
  // writes only have Anthropic's. LiteLLM's prompt_tokens already include both.
  step.cachedInputTokens = details?.cached_tokens != null ? parseTokens(own(details, 'cached_tokens'), 'cached_tokens') : usage ? parseTokens(own(usage, 'cache_read_input_tokens'), 'cache_read_input_tokens') : 0;
  step.cacheWriteTokens = usage ? parseTokens(own(usage, 'cache_creation_input_tokens'), 'cache_creation_input_tokens') : 0;
  step.outputTokens = outputTokens;
  step.costUsd = costUsd;
  step.tags = liteLLMTags(obj, metadata);
  step.traceId = ids.run;
  step.usageAbsent = absent && costUsd === null;
  // A failed call (no usage, no cost) is not a billable step, only counted.
  step.failed = str(own(obj, 'status')) === 'failure' && tokens === 0 && !((ids.cost ?? 0) > 0);
  return checkTokens(step);
}

/** Usage with cache details: `metadata.usage_object` (SpendLogs, newer payloads), else the payload's `response.usage`. */
function usageObject(obj: Record<string, unknown>, metadata: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const fromMetadata = metadata ? objectField(own(metadata, 'usage_object')) : undefined;
  if (fromMetadata) return fromMetadata;
  const response = objectField(own(obj, 'response'));
  return response ? objectField(own(response, 'usage')) : undefined;
}

/**
 * The model as priced: `model` without its `<custom_llm_provider>/` routing prefix (a live row logs
 * `anthropic/claude-3-5-sonnet-20241022`); `model_group` (the proxy's public alias, often a name
 * of the team's choosing) only when `model` is missing, since the alias need not name a real model.
 */
function liteLLMModel(obj: Record<string, unknown>, provider: string | null): string | null {
  const model = str(own(obj, 'model'));
  if (model === null) return str(own(obj, 'model_group'));
  if (provider !== null && model.length > provider.length + 1 && model.startsWith(`${provider}/`)) return model.slice(provider.length + 1);
  return model;
}

/**
 * Per tag, the first of `metadata.spend_logs_metadata.<tag>`, a `request_tags` item `<tag>:value`,
 * `metadata.requester_metadata.<tag>`; the tenant falls back to `end_user`. LiteLLM's `team_id`
 * describes the API key, not the feature's owner, so it is not the team.
 */
function liteLLMTags(obj: Record<string, unknown>, metadata: Record<string, unknown> | undefined): StepRecord['tags'] {
  const spendMeta = metadata ? objectField(own(metadata, 'spend_logs_metadata')) : undefined;
  const requester = metadata ? objectField(own(metadata, 'requester_metadata')) : undefined;
  const fromList: Record<string, string> = Object.create(null) as Record<string, string>;
  tagsFromList(own(obj, 'request_tags'), TAG_SET, fromList);
  const tags: StepRecord['tags'] = {};
  for (const key of TAG_KEYS) {
    const value = str(spendMeta ? own(spendMeta, key) : undefined) ?? fromList[key] ?? str(requester ? own(requester, key) : undefined);
    if (value !== undefined && value !== null) tags[key] = value;
  }
  if (tags.tenant === undefined) {
    const endUser = str(own(obj, 'end_user'));
    if (endUser !== null) tags.tenant = endUser;
  }
  return tags;
}
