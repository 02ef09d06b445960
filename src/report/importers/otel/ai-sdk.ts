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
 * Providers whose 4.x/5.x usage counts input without the cache (Anthropic's and Bedrock's APIs do,
 * and the AI SDK passed their count through until 6.x made `inputTokens` the total).
 */
const EXCLUSIVE_INPUT = /^(?:anthropic|amazon-bedrock|bedrock)(?:\.|$)|(?:^|\.)anthropic(?:\.|$)/i;

/** A token count at `path` inside the parsed `ai.response.providerMetadata`, or undefined. */
function metadataCount(metadata: Record<string, unknown> | undefined, path: readonly string[]): number | undefined {
  let node: unknown = metadata;
  for (const key of path) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node === null || node === undefined ? undefined : parseTokens(node, `ai.response.providerMetadata.${path.join('.')}`);
}

function tokens(view: SpanView): Tokens | null {
  // Embeddings count `ai.usage.tokens`; the GenAI names are on the leaves (and all 7.x writes).
  const written = count(view, 'ai.usage.inputTokens', 'ai.usage.promptTokens', 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'ai.usage.tokens');
  const output = count(view, 'ai.usage.outputTokens', 'ai.usage.completionTokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens');
  if (written === undefined && output === undefined) return null;
  const genAiRead = count(view, 'gen_ai.usage.cache_read.input_tokens');
  const genAiWrite = count(view, 'gen_ai.usage.cache_creation.input_tokens');
  // 6.x, 7.x: `inputTokens` is the total and `inputTokenDetails` its parts.
  const noCache = count(view, 'ai.usage.inputTokenDetails.noCacheTokens');
  const detailRead = count(view, 'ai.usage.inputTokenDetails.cacheReadTokens');
  const detailWrite = count(view, 'ai.usage.inputTokenDetails.cacheWriteTokens');
  if (noCache !== undefined || detailRead !== undefined || detailWrite !== undefined) {
    const cached = detailRead ?? count(view, 'ai.usage.cachedInputTokens') ?? genAiRead ?? 0;
    const write = detailWrite ?? genAiWrite ?? 0;
    return { input: written ?? (noCache ?? 0) + cached + write, cached, cacheWrite: write, output: output ?? 0 };
  }
  // 4.x and 5.x: the cache reads in `cachedInputTokens` (5.x) or the provider metadata (4.x), the
  // cache writes only in the provider metadata.
  const metadata = view.attrs.has('ai.response.providerMetadata') ? jsonAttribute(view, 'ai.response.providerMetadata') : undefined;
  const cached =
    count(view, 'ai.usage.cachedInputTokens') ??
    genAiRead ??
    metadataCount(metadata, ['anthropic', 'cacheReadInputTokens']) ??
    metadataCount(metadata, ['anthropic', 'usage', 'cache_read_input_tokens']) ??
    metadataCount(metadata, ['bedrock', 'usage', 'cacheReadInputTokens']) ??
    metadataCount(metadata, ['openai', 'cachedPromptTokens']) ??
    0;
  const write =
    genAiWrite ??
    metadataCount(metadata, ['anthropic', 'cacheCreationInputTokens']) ??
    metadataCount(metadata, ['anthropic', 'usage', 'cache_creation_input_tokens']) ??
    metadataCount(metadata, ['bedrock', 'usage', 'cacheWriteInputTokens']) ??
    0;
  const input = written ?? 0;
  // Does the input count include the cache? The provider's own count, when the metadata has it,
  // says: equal to it means without. Else it is known per provider.
  const raw = metadataCount(metadata, ['anthropic', 'usage', 'input_tokens']) ?? metadataCount(metadata, ['bedrock', 'usage', 'inputTokens']);
  const parts = cached + write;
  const exclusive = parts > 0 && (raw !== undefined && (input === raw || input === raw + parts) ? input === raw : EXCLUSIVE_INPUT.test(text(view, 'ai.model.provider') ?? ''));
  return { input: exclusive ? input + parts : input, cached, cacheWrite: write, output: output ?? 0 };
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
