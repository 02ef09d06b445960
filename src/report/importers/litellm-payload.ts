import { type StepRecord, own, parseCost, str } from '../step.js';
import { importLiteLLMRecord } from './litellm.js';

/**
 * LiteLLM's StandardLoggingPayload: what its S3, GCS and generic-API loggers write, one object per
 * call (`litellm/types/utils.py`). Usage and tags as in SpendLogs (litellm.ts); the id is `id`, the
 * cost `response_cost`, the run `trace_id` (LiteLLM's id for the calls of one request, retries and
 * fallbacks included).
 */
export function isLiteLLMPayloadRecord(obj: Record<string, unknown>): boolean {
  return 'id' in obj && 'call_type' in obj && 'response_cost' in obj;
}

export function importLiteLLMPayload(obj: Record<string, unknown>): StepRecord {
  const debug = own(obj, 'response_cost_failure_debug_info');
  return importLiteLLMRecord(obj, {
    stepId: str(own(obj, 'id')),
    cost: parseCost(own(obj, 'response_cost'), 'response_cost'),
    // Set when LiteLLM's cost calculation failed: response_cost is then 0 or a guess, not a price.
    costUnknown: debug !== null && debug !== undefined,
    run: str(own(obj, 'trace_id')),
  });
}
