import type { RuntimeStep } from '../step.js';

/**
 * One line of attrib step JSONL (schemas/step-record.schema.json), as `attrib report` reads it
 * with no flag. Tokens the provider did not report stay null (the report warns about model steps
 * without usage instead of counting a guess). `cost_usd` is null: the report prices from its table.
 * `call_site` is where the call came from (docs/call-sites.md), null when not recorded.
 */
export function stepLine(step: RuntimeStep): string {
  return JSON.stringify({
    ts: new Date(step.ts).toISOString(),
    step_id: step.stepId,
    parent_step_id: step.parentStepId,
    kind: step.kind,
    provider: step.provider,
    model: step.model,
    input_tokens: step.inputTokens,
    cached_input_tokens: step.cachedInputTokens,
    cache_write_tokens: step.cacheWriteTokens,
    output_tokens: step.outputTokens,
    cost_usd: null,
    tool: step.tool,
    tags: step.tags,
    operation: step.operation,
    stream: step.stream,
    duration_ms: step.durationMs,
    status: step.status,
    error: step.error,
    missing_tags: step.missingTags,
    call_site: step.callSite,
  });
}
