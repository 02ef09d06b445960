import { isRecord, parseTokens } from '../../step.js';
import type { StepKind } from '../../types.js';
import { readGenAi } from './genai.js';
import { type Dialect, type SpanView, type Tokens, count, jsonAttribute, prefixedTags, text } from './span.js';

/**
 * Vercel AI SDK telemetry, majors 4 to 7. Names read from vercel/ai: `packages/ai/core/**` (4.x),
 * `packages/ai/src/**` (5.x, 6.x) and `packages/otel/src/*` (7.x, `@ai-sdk/otel`, whose default mode
 * writes the GenAI conventions and whose legacy mode writes the 6.x names).
 */

/**
 * `ai.operationId` to kind. The outer operation (`ai.generateText`) carries the run's total usage
 * around its `doGenerate` calls: it is a wrapper, counted only when no call below it carries usage.
 */
const OPERATIONS: ReadonlyMap<string, { kind: StepKind; container: boolean }> = new Map(
  (
    [
      ['ai.generateText', 'model', true],
      ['ai.streamText', 'model', true],
      ['ai.generateObject', 'model', true],
      ['ai.streamObject', 'model', true],
      ['ai.generateText.doGenerate', 'model', false],
      ['ai.streamText.doStream', 'model', false],
      ['ai.generateObject.doGenerate', 'model', false],
      ['ai.streamObject.doStream', 'model', false],
      ['ai.embed', 'embedding', true],
      ['ai.embedMany', 'embedding', true],
      ['ai.embed.doEmbed', 'embedding', false],
      ['ai.embedMany.doEmbed', 'embedding', false],
      ['ai.rerank', 'retrieval', true],
      ['ai.rerank.doRerank', 'retrieval', false],
      ['ai.toolCall', 'tool', false],
    ] as const
  ).map(([id, kind, container]) => [id, { kind, container }]),
);

/**
 * Providers whose 4.x/5.x usage counts input without the cache (Anthropic's and Bedrock's APIs do):
 * the AI SDK passed their `input_tokens` through until 6.x made `inputTokens` the total.
 */
const EXCLUSIVE_INPUT = /^(?:anthropic|amazon-bedrock|bedrock)(?:\.|$)|(?:^|\.)anthropic(?:\.|$)/i;

function metadataCount(metadata: Record<string, unknown> | undefined, provider: string, field: string): number | undefined {
  const entry = metadata?.[provider];
  if (!isRecord(entry) || !Object.hasOwn(entry, field)) return undefined;
  const value = entry[field];
  return value === null ? undefined : parseTokens(value, `ai.response.providerMetadata.${provider}.${field}`);
}

function tokens(view: SpanView): Tokens | null {
  // Embeddings count `ai.usage.tokens`. 7.x's default mode writes the GenAI names instead (null here).
  const input = count(view, 'ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens');
  const output = count(view, 'ai.usage.outputTokens', 'ai.usage.completionTokens') ?? 0;
  if (input === undefined && !view.attrs.has('ai.usage.outputTokens') && !view.attrs.has('ai.usage.completionTokens')) return null;
  // 6.x and 7.x legacy mode: `inputTokens` is the total and the details are its parts.
  const noCache = count(view, 'ai.usage.inputTokenDetails.noCacheTokens');
  const cacheRead = count(view, 'ai.usage.inputTokenDetails.cacheReadTokens');
  const cacheWrite = count(view, 'ai.usage.inputTokenDetails.cacheWriteTokens');
  if (noCache !== undefined || cacheRead !== undefined || cacheWrite !== undefined) {
    const cached = cacheRead ?? count(view, 'ai.usage.cachedInputTokens') ?? 0;
    return { input: input ?? (noCache ?? 0) + cached + (cacheWrite ?? 0), cached, cacheWrite: cacheWrite ?? 0, output };
  }
  // 5.x: `inputTokens` and `cachedInputTokens`; 4.x: `promptTokens`, the cache only in provider metadata.
  const metadata = view.attrs.has('ai.response.providerMetadata') ? jsonAttribute(view, 'ai.response.providerMetadata') : undefined;
  let cached = count(view, 'ai.usage.cachedInputTokens');
  if (EXCLUSIVE_INPUT.test(text(view, 'ai.model.provider') ?? '')) {
    cached ??= metadataCount(metadata, 'anthropic', 'cacheReadInputTokens');
    const bedrock = metadata?.bedrock;
    const write = metadataCount(metadata, 'anthropic', 'cacheCreationInputTokens') ?? (isRecord(bedrock) ? metadataCount(bedrock, 'usage', 'cacheWriteInputTokens') : undefined) ?? 0;
    return { input: (input ?? 0) + (cached ?? 0) + write, cached: cached ?? 0, cacheWrite: write, output };
  }
  cached ??= metadataCount(metadata, 'openai', 'cachedPromptTokens');
  return { input: input ?? 0, cached: cached ?? 0, cacheWrite: 0, output };
}

export const aiSdk: Dialect = {
  name: 'ai-sdk',
  detect: (view) => view.namespaces.has('ai') || view.scope === 'ai',
  read(view) {
    const base = readGenAi(view);
    const operation = OPERATIONS.get(text(view, 'ai.operationId') ?? '');
    const kind = operation?.kind ?? (base.container ? undefined : base.kind);
    return {
      kind: kind ?? 'other',
      container: operation?.container ?? base.container,
      provider: text(view, 'ai.model.provider') ?? base.provider,
      model: text(view, 'ai.response.model') ?? text(view, 'ai.model.id') ?? base.model,
      tokens: tokens(view) ?? base.tokens,
      cost: base.cost,
      tool: kind === 'tool' ? (text(view, 'ai.toolCall.name') ?? base.tool) : null,
    };
  },
  tags(view, into) {
    prefixedTags(view, 'ai.telemetry.metadata.', into);
    // 7.x: the call's runtime context, flattened (`context: { feature: 'x' }` -> ai.settings.context.feature).
    prefixedTags(view, 'ai.settings.context.', into);
  },
};
