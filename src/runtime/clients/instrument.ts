import { anthropicSpec } from './anthropic.js';
import { openaiSpecs } from './openai.js';
import { type CallSite, explicitCallSite } from '../call-site.js';
import { type CallSpec, wrapCall } from './wrap.js';

export interface InstrumentOptions {
  /** The provider recorded for the calls (default `openai` or `anthropic`; say `azure`, `groq`... for compatible endpoints). */
  provider?: string;
  /** OpenAI only: send the tags as request `metadata` too (default true; turn off for endpoints that reject it). */
  metadata?: boolean;
  /**
   * The lint `callSiteId` every call of this client records as its `call_site` (for a client that
   * serves one call site); a `withAttribution({ callSite })` scope still wins. See docs/call-sites.md.
   */
  callSite?: string;
}

const at = (spec: CallSpec, callSite: CallSite | null): CallSpec => (callSite === null ? spec : { ...spec, callSite });

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
  const callSite = options.callSite === undefined ? null : explicitCallSite(options.callSite, 'instrument(client, { callSite })');
  if (resource(client, 'chat', 'completions') && typeof resource(client, 'chat', 'completions')?.create === 'function') {
    const specs = openaiSpecs(options.provider ?? 'openai', options.metadata ?? true);
    wrapCall(resource(client, 'chat', 'completions'), 'create', at(specs.chat, callSite));
    wrapCall(resource(client, 'responses'), 'create', at(specs.responses, callSite));
    wrapCall(resource(client, 'completions'), 'create', at(specs.completions, callSite));
    wrapCall(resource(client, 'embeddings'), 'create', at(specs.embeddings, callSite));
    return client;
  }
  if (typeof resource(client, 'messages')?.create === 'function') {
    const provider = options.provider ?? 'anthropic';
    wrapCall(resource(client, 'messages'), 'create', at(anthropicSpec(provider, 'messages.create'), callSite));
    wrapCall(resource(client, 'beta', 'messages'), 'create', at(anthropicSpec(provider, 'beta.messages.create'), callSite));
    return client;
  }
  throw new TypeError('attrib: instrument() takes an OpenAI or Anthropic client (no chat.completions.create or messages.create found)');
}
