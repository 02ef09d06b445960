import type { Frame } from '../scope.js';
import { type RuntimeStep, setUsage } from '../step.js';
import { int, obj, text } from './usage.js';
import type { CallSpec } from './wrap.js';

/** OpenAI allows 16 metadata pairs, keys up to 64 characters, values up to 512. */
const MAX_PAIRS = 16;
const MAX_VALUE = 512;

/** The tags as OpenAI `metadata` (read by LiteLLM and other gateways): the caller's own keys win, within OpenAI's limits. */
function withMetadata(body: Record<string, unknown>, frame: Frame): Record<string, unknown> {
  const tags = (frame.metadata ??= tagMetadata(frame));
  const own = obj(body.metadata);
  if (!own) return { ...body, metadata: tags };
  const merged: Record<string, unknown> = { ...own };
  let pairs = Object.keys(merged).length;
  for (const key in tags) {
    if (pairs >= MAX_PAIRS) break;
    if (key in merged) continue;
    merged[key] = tags[key];
    pairs += 1;
  }
  return { ...body, metadata: merged };
}

function tagMetadata(frame: Frame): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  let pairs = 0;
  for (const key in frame.tags) {
    const value = frame.tags[key] as string;
    if (value.length > MAX_VALUE || pairs >= MAX_PAIRS) continue;
    out[key] = value;
    pairs += 1;
  }
  return Object.freeze(out);
}

/** Chat Completions usage: prompt_tokens counts all input (cached included); OpenAI bills no cache writes. */
function chatUsage(step: RuntimeStep, usage: unknown): void {
  const u = obj(usage);
  if (!u) return;
  setUsage(step, {
    inputTokens: int(u.prompt_tokens),
    cachedInputTokens: int(obj(u.prompt_tokens_details)?.cached_tokens) ?? 0,
    cacheWriteTokens: 0,
    outputTokens: int(u.completion_tokens) ?? 0,
  });
}

/** Responses API usage: input_tokens counts all input (cached included). */
function responsesUsage(step: RuntimeStep, usage: unknown): void {
  const u = obj(usage);
  if (!u) return;
  setUsage(step, {
    inputTokens: int(u.input_tokens),
    cachedInputTokens: int(obj(u.input_tokens_details)?.cached_tokens) ?? 0,
    cacheWriteTokens: 0,
    outputTokens: int(u.output_tokens) ?? 0,
  });
}

function model(step: RuntimeStep, data: Record<string, unknown> | undefined): void {
  const name = text(data?.model);
  if (name) step.model = name;
}

export function openaiSpecs(provider: string, metadata: boolean): Record<'chat' | 'responses' | 'completions' | 'embeddings', CallSpec> {
  const body = metadata ? withMetadata : undefined;
  return {
    chat: {
      operation: 'chat.completions.create',
      kind: 'model',
      provider,
      body,
      result(step, data) {
        model(step, obj(data));
        chatUsage(step, obj(data)?.usage);
      },
      event(step, event) {
        const chunk = obj(event);
        if (step.model === null || chunk?.usage) model(step, chunk);
        if (chunk?.usage) chatUsage(step, chunk.usage);
      },
    },
    responses: {
      operation: 'responses.create',
      kind: 'model',
      provider,
      body,
      result(step, data) {
        model(step, obj(data));
        responsesUsage(step, obj(data)?.usage);
      },
      event(step, event) {
        const e = obj(event);
        const type = e?.type;
        // The last event carries the whole response; `response.created` names the model early.
        if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed' || type === 'response.created') {
          const response = obj(e?.response);
          model(step, response);
          if (response?.usage) responsesUsage(step, response.usage);
        }
      },
    },
    completions: {
      operation: 'completions.create',
      kind: 'model',
      provider,
      result(step, data) {
        model(step, obj(data));
        chatUsage(step, obj(data)?.usage);
      },
      event(step, event) {
        const chunk = obj(event);
        if (chunk?.usage) {
          model(step, chunk);
          chatUsage(step, chunk.usage);
        }
      },
    },
    embeddings: {
      operation: 'embeddings.create',
      kind: 'embedding',
      provider,
      result(step, data) {
        model(step, obj(data));
        const u = obj(obj(data)?.usage);
        if (u) setUsage(step, { inputTokens: int(u.prompt_tokens), cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 });
      },
      event() {},
    },
  };
}
