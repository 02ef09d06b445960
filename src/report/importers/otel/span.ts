import { BadRecord, type TagKey, TAG_KEYS, isRecord, objectField, parseTokens, str, tagsFromList, TAG_SET } from '../../step.js';
import type { StepKind } from '../../types.js';

/** Decoded OTLP attributes (keys come from data: a Map, never an object). */
export type Attributes = Map<string, unknown>;

/** One span as the dialects see it: its attributes, its resource's, and where it came from. */
export interface SpanView {
  attrs: Attributes;
  resource: Attributes;
  /** Instrumentation scope name (`ai`, `langfuse-sdk`, `pydantic-ai`, ...), or ''. */
  scope: string;
  /** Span name, or ''. */
  name: string;
  /** The first dotted segment of every attribute key (`gen_ai`, `ai`, `traceloop`, ...). */
  namespaces: ReadonlySet<string>;
}

/** Token counts in attrib's buckets: input includes cached and cache-written, output includes reasoning. */
export interface Tokens {
  input: number;
  cached: number;
  cacheWrite: number;
  output: number;
}

/** What a dialect reads from one span; the envelope (../otel.ts) turns it into a step. */
export interface SpanReading {
  kind: StepKind;
  /**
   * The span describes a wrapper (agent, chain, workflow, the AI SDK's `ai.generateText` around its
   * `doGenerate`): structural unless it carries non-zero usage or a non-zero cost.
   */
  container: boolean;
  /** As written; normalised by the envelope (report/providers.ts). */
  provider: string | null;
  model: string | null;
  /** null: the span has no token attribute at all (not zeros: absent). */
  tokens: Tokens | null;
  /** The span's own cost in USD (authoritative), or null to price it. */
  cost: number | null;
  tool: string | null;
}

/** Tag values a dialect found, by tag name (the names are attrib's fixed TAG_KEYS). */
export type Tags = Partial<Record<TagKey, string>>;

/** One emitter's attribute names. */
export interface Dialect {
  /** Reported in docs and tests; also the order of precedence in ./dialects.ts. */
  name: string;
  /** True when the span carries attributes only this emitter writes. */
  detect(view: SpanView): boolean;
  read(view: SpanView): SpanReading;
  /** Fill the tags this emitter writes that are still missing from `into`. */
  tags?(view: SpanView, into: Tags): void;
  /** The environment this emitter writes, used when no `environment` tag is found. */
  environment?(view: SpanView): string | null;
}

export function spanView(attrs: Attributes, resource: Attributes, scope: string, name: string): SpanView {
  const namespaces = new Set<string>();
  for (const key of attrs.keys()) {
    const dot = key.indexOf('.');
    namespaces.add(dot === -1 ? key : key.slice(0, dot));
  }
  return { attrs, resource, scope, name, namespaces };
}

/** A string attribute, or null. */
export function text(view: SpanView, key: string): string | null {
  return str(view.attrs.get(key));
}

/** The first of `keys` that is present, read as a token count (a bad value makes the span unusable). */
export function count(view: SpanView, ...keys: string[]): number | undefined {
  for (const key of keys) {
    if (view.attrs.has(key)) {
      const value = view.attrs.get(key);
      if (value !== undefined && value !== null) return parseTokens(value, key);
    }
  }
  return undefined;
}

/** Tokens from optional parts: null when none was present. */
export function tokensOf(input: number | undefined, cached: number | undefined, cacheWrite: number | undefined, output: number | undefined): Tokens | null {
  if (input === undefined && cached === undefined && cacheWrite === undefined && output === undefined) return null;
  return { input: input ?? 0, cached: cached ?? 0, cacheWrite: cacheWrite ?? 0, output: output ?? 0 };
}

/** Fill `into` from `<prefix><tag>` string attributes. */
export function prefixedTags(view: SpanView, prefix: string, into: Tags, decode: (value: unknown) => string | null = str): void {
  for (const key of TAG_KEYS) {
    if (into[key] !== undefined) continue;
    const value = decode(view.attrs.get(prefix + key));
    if (value !== null) into[key] = value;
  }
}

/** Fill `into` from an object's own `<tag>` fields (a parsed JSON metadata string). */
export function objectTags(value: unknown, into: Tags): void {
  const obj = objectField(value);
  if (obj === undefined) return;
  for (const key of TAG_KEYS) {
    if (into[key] !== undefined || !Object.hasOwn(obj, key)) continue;
    const tag = str(obj[key]);
    if (tag !== null) into[key] = tag;
  }
}

/** Fill `into` from a list of `key:value` strings (OpenInference `tag.tags`, `langfuse.trace.tags`, `logfire.tags`). */
export function listTags(value: unknown, into: Tags): void {
  const found: Record<string, string> = Object.create(null) as Record<string, string>;
  tagsFromList(value, TAG_SET, found);
  for (const key of TAG_KEYS) if (into[key] === undefined && found[key] !== undefined) into[key] = found[key];
}

/** A JSON document in a string attribute (`"{...}"`), or undefined when absent; malformed JSON makes the span unusable. */
export function jsonAttribute(view: SpanView, key: string): Record<string, unknown> | undefined {
  const value = view.attrs.get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isRecord(parsed)) return parsed;
    } catch {
      // fall through to the message below
    }
  }
  throw new BadRecord(`${key} is not a JSON object`);
}
