import {
  type StepRecord,
  TAG_KEYS,
  TAG_SET,
  checkTokens,
  isRecord,
  objectField,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
  tagsFromList,
} from '../step.js';

/** A row of LiteLLM_SpendLogs (`/spend/logs`): see ../shared/formats.md. */
export function isLiteLLMRecord(obj: Record<string, unknown>): boolean {
  return 'request_id' in obj && 'call_type' in obj && 'spend' in obj;
}

export function importLiteLLM(obj: Record<string, unknown>): StepRecord {
  const metadata = objectField(own(obj, 'metadata'));
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
  const usage = metadata ? own(metadata, 'usage_object') : undefined;
  const details = isRecord(usage) ? own(usage, 'prompt_tokens_details') : undefined;
  const callType = str(own(obj, 'call_type')) ?? '';
  const costUsd = parseCost(own(obj, 'spend'), 'spend');
  return checkTokens({
    ts: parseTimestamp(own(obj, 'startTime'), 'startTime'),
    stepId: str(own(obj, 'request_id')),
    parentStepId: null,
    kind: callType.includes('embedding') ? 'embedding' : 'model',
    provider: str(own(obj, 'custom_llm_provider')),
    model: str(own(obj, 'model')),
    inputTokens: parseTokens(own(obj, 'prompt_tokens'), 'prompt_tokens'),
    cachedInputTokens: isRecord(details) ? parseTokens(own(details, 'cached_tokens'), 'cached_tokens') : 0,
    cacheWriteTokens: 0,
    outputTokens: parseTokens(own(obj, 'completion_tokens'), 'completion_tokens'),
    costUsd,
    tool: null,
    toolOwner: null,
    tags,
    traceId: str(own(obj, 'session_id')),
    structural: false,
    leafOnly: false,
    usageAbsent: own(obj, 'prompt_tokens') == null && own(obj, 'completion_tokens') == null && costUsd === null,
  });
}
