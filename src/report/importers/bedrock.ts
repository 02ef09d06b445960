import { BadRecord, type StepRecord, TAG_KEYS, blankStep, checkTokens, isRecord, own, parseTimestamp, parseTokens, str } from '../step.js';

/**
 * AWS Bedrock model invocation logs (CloudWatch Logs or S3, one JSON object per invocation,
 * `schemaType: "ModelInvocationLog"`). They carry no cost: every step is priced from the table.
 * Token counts are Anthropic-style: `input.inputTokenCount` excludes the cache reads and writes,
 * which are counted apart (`cacheReadInputTokenCount`, `cacheWriteInputTokenCount`).
 */
export function isBedrockRecord(obj: Record<string, unknown>): boolean {
  return own(obj, 'schemaType') === 'ModelInvocationLog' || ('modelId' in obj && 'requestId' in obj && isRecord(own(obj, 'input')));
}

/** Provider of every Bedrock step (report/providers.ts's id for it). */
const PROVIDER = 'bedrock';

/**
 * Geographic cross-region inference profiles (`us.anthropic.claude-...`) are billed at the model's
 * in-region price, so the prefix is routing, not a model: it is dropped. `global.` profiles are
 * priced differently (from Claude Sonnet 4.5 on, regional calls cost 10% more than global ones),
 * so they keep their prefix and have their own price entries.
 */
const GEO_PREFIX = /^(?:us|us-gov|eu|apac|au|ca|jp)\./;

/** The model id as priced: an inference-profile or foundation-model ARN's last segment, without a geographic prefix. */
export function bedrockModel(modelId: string): string {
  const slash = modelId.startsWith('arn:') ? modelId.lastIndexOf('/') : -1;
  const id = slash === -1 ? modelId : modelId.slice(slash + 1);
  return id.replace(GEO_PREFIX, '');
}

export function importBedrock(obj: Record<string, unknown>): StepRecord {
  const modelId = str(own(obj, 'modelId'));
  if (modelId === null) throw new BadRecord('missing modelId');
  const input = own(obj, 'input');
  const output = own(obj, 'output');
  const inRecord = isRecord(input) ? input : undefined;
  const outRecord = isRecord(output) ? output : undefined;
  const uncached = inRecord ? parseTokens(own(inRecord, 'inputTokenCount'), 'input.inputTokenCount') : 0;
  const cached = inRecord ? parseTokens(own(inRecord, 'cacheReadInputTokenCount'), 'input.cacheReadInputTokenCount') : 0;
  const cacheWrite = inRecord ? parseTokens(own(inRecord, 'cacheWriteInputTokenCount'), 'input.cacheWriteInputTokenCount') : 0;
  const outputTokens = outRecord ? parseTokens(own(outRecord, 'outputTokenCount'), 'output.outputTokenCount') : 0;
  const absent = own(inRecord ?? {}, 'inputTokenCount') == null && own(outRecord ?? {}, 'outputTokenCount') == null;
  const step = blankStep();
  step.ts = parseTimestamp(own(obj, 'timestamp'), 'timestamp');
  step.stepId = str(own(obj, 'requestId'));
  step.kind = /embed/i.test(modelId) ? 'embedding' : 'model';
  step.provider = PROVIDER;
  step.model = bedrockModel(modelId);
  step.inputTokens = uncached + cached + cacheWrite;
  step.cachedInputTokens = cached;
  step.cacheWriteTokens = cacheWrite;
  step.outputTokens = outputTokens;
  const metadata = own(obj, 'requestMetadata');
  step.tags = bedrockTags(metadata);
  // No run field in the schema; callers that pass one in requestMetadata name it traceId or session_id.
  step.traceId = isRecord(metadata) ? (str(own(metadata, 'traceId')) ?? str(own(metadata, 'session_id'))) : null;
  step.usageAbsent = absent;
  // An invocation that failed (`errorCode`) without token counts billed nothing.
  step.failed = own(obj, 'errorCode') != null && step.inputTokens + outputTokens === 0;
  return checkTokens(step);
}

/** `requestMetadata` (the caller's string map, set per request) holds the tags under their own names. */
function bedrockTags(metadata: unknown): StepRecord['tags'] {
  const tags: StepRecord['tags'] = {};
  if (!isRecord(metadata)) return tags;
  for (const key of TAG_KEYS) {
    const value = str(own(metadata, key));
    if (value !== null) tags[key] = value;
  }
  return tags;
}
