import { anthropicSpec } from './anthropic.js';
import { openaiSpecs } from './openai.js';
import { wrapCall } from './wrap.js';

export interface InstrumentOptions {
  /** The provider recorded for the calls (default `openai` or `anthropic`; say `azure`, `groq`... for compatible endpoints). */
  provider?: string;
  /** OpenAI only: send the tags as request `metadata` too (default true; turn off for endpoints that reject it). */
  metadata?: boolean;
}

type Resource = Record<string, unknown> | undefined;

function resource(root: unknown, ...names: string[]): Resource {
  let at = root as Resource;
  for (const name of names) at = at?.[name] as Resource;
  return typeof at === 'object' && at !== null ? at : undefined;
}

/**
 * Instrument an OpenAI or Anthropic client (the `openai` / `@anthropic-ai/sdk` packages) in place
 * and return it. Every billable call then carries the scope's tags (headers `x-attrib-<tag>`, and
 * OpenAI `metadata`) and records one step. Helpers built on these methods (`.stream()`, `.parse()`,
 * `runTools()`) are covered through them.
 */
export function instrument<T extends object>(client: T, options: InstrumentOptions = {}): T {
  if (resource(client, 'chat', 'completions') && typeof resource(client, 'chat', 'completions')?.create === 'function') {
    const specs = openaiSpecs(options.provider ?? 'openai', options.metadata ?? true);
    wrapCall(resource(client, 'chat', 'completions'), 'create', specs.chat);
    wrapCall(resource(client, 'responses'), 'create', specs.responses);
    wrapCall(resource(client, 'completions'), 'create', specs.completions);
    wrapCall(resource(client, 'embeddings'), 'create', specs.embeddings);
    return client;
  }
  if (typeof resource(client, 'messages')?.create === 'function') {
    const provider = options.provider ?? 'anthropic';
    wrapCall(resource(client, 'messages'), 'create', anthropicSpec(provider, 'messages.create'));
    wrapCall(resource(client, 'beta', 'messages'), 'create', anthropicSpec(provider, 'beta.messages.create'));
    return client;
  }
  throw new TypeError('attrib: instrument() takes an OpenAI or Anthropic client (no chat.completions.create or messages.create found)');
}
