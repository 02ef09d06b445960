import {
  BadRecord,
  type StepRecord,
  TAG_KEYS,
  checkTokens,
  isRecord,
  own,
  parseCost,
  parseTimestamp,
  parseTokens,
  str,
} from '../step.js';
import type { StepKind } from '../types.js';

const KINDS: Readonly<Record<string, StepKind>> = {
  chat: 'model',
  text_completion: 'model',
  generate_content: 'model',
  embeddings: 'embedding',
  execute_tool: 'tool',
  retrieval: 'retrieval',
};

/** OTLP/JSON `TracesData`: see ../shared/formats.md. */
export function isOtelRecord(obj: Record<string, unknown>): boolean {
  return Array.isArray(own(obj, 'resourceSpans'));
}

type Attributes = Map<string, unknown>;

/**
 * Decode an OTLP AnyValue (`intValue` is a decimal string in OTLP/JSON). An array is decoded one
 * level deep (a list of tags), never recursively: an attribute nested 100k deep must not cost the
 * stack. Deeper values, like maps, are not read.
 */
function anyValue(value: unknown): unknown {
  if (isRecord(value) && 'arrayValue' in value && isRecord(value.arrayValue) && Array.isArray(value.arrayValue.values)) {
    return value.arrayValue.values.map(scalarValue);
  }
  return scalarValue(value);
}

function scalarValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return typeof value.intValue === 'string' ? Number(value.intValue) : value.intValue;
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  return undefined;
}

function attributes(list: unknown): Attributes {
  const map: Attributes = new Map();
  if (!Array.isArray(list)) return map;
  for (const kv of list) {
    if (isRecord(kv) && typeof kv.key === 'string') map.set(kv.key, anyValue(kv.value));
  }
  return map;
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Span and trace ids are hex in OTLP/JSON; some exporters write base64: normalise to lower-case hex. */
export function normaliseId(value: unknown): string | null {
  const id = str(value);
  if (id === null) return null;
  if (HEX.test(id) && (id.length === 16 || id.length === 32)) return id.toLowerCase();
  if (BASE64.test(id) && id.length % 4 === 0) return Buffer.from(id, 'base64').toString('hex');
  return id;
}

/** The steps of one TracesData, and the reasons for the spans that had to be skipped. */
export function importOtel(obj: Record<string, unknown>): { steps: StepRecord[]; skips: string[] } {
  const steps: StepRecord[] = [];
  const skips: string[] = [];
  for (const rs of own(obj, 'resourceSpans') as unknown[]) {
    if (!isRecord(rs)) continue;
    const resource = attributes(isRecord(rs.resource) ? rs.resource.attributes : undefined);
    const scopeSpans = Array.isArray(rs.scopeSpans) ? rs.scopeSpans : Array.isArray(rs.instrumentationLibrarySpans) ? rs.instrumentationLibrarySpans : [];
    for (const ss of scopeSpans) {
      if (!isRecord(ss) || !Array.isArray(ss.spans)) continue;
      for (const span of ss.spans) {
        if (!isRecord(span)) continue;
        try {
          steps.push(importSpan(span, resource));
        } catch (error) {
          if (!(error instanceof BadRecord)) throw error;
          skips.push(`span ${str(span.spanId) ?? '?'}: ${error.message}`);
        }
      }
    }
  }
  return { steps, skips };
}

function importSpan(span: Record<string, unknown>, resource: Attributes): StepRecord {
  const attrs = attributes(span.attributes);
  const num = (key: string) => (attrs.has(key) ? parseTokens(attrs.get(key), key) : undefined);
  const operation = str(attrs.get('gen_ai.operation.name')) ?? '';
  const input = num('gen_ai.usage.input_tokens') ?? num('gen_ai.usage.prompt_tokens');
  const output = num('gen_ai.usage.output_tokens') ?? num('gen_ai.usage.completion_tokens');
  const cost = parseCost(attrs.get('gen_ai.usage.cost'), 'gen_ai.usage.cost');
  const hasUsage = input !== undefined || output !== undefined || cost !== null;
  const kind = KINDS[operation];
  const tags: StepRecord['tags'] = {};
  for (const key of TAG_KEYS) {
    const value = str(attrs.get(`attrib.${key}`)) ?? str(attrs.get(`ai.telemetry.metadata.${key}`)) ?? str(resource.get(`attrib.${key}`));
    if (value !== null) tags[key] = value;
  }
  if (tags.environment === undefined) {
    const env = str(resource.get('deployment.environment.name')) ?? str(resource.get('deployment.environment'));
    if (env !== null) tags.environment = env;
  }
  return checkTokens({
    ts: parseTimestamp(span.startTimeUnixNano, 'startTimeUnixNano'),
    stepId: normaliseId(span.spanId),
    parentStepId: normaliseId(span.parentSpanId),
    kind: kind ?? 'other',
    provider: str(attrs.get('gen_ai.provider.name')) ?? str(attrs.get('gen_ai.system')),
    model: str(attrs.get('gen_ai.response.model')) ?? str(attrs.get('gen_ai.request.model')),
    inputTokens: input ?? 0,
    cachedInputTokens: num('gen_ai.usage.cache_read.input_tokens') ?? 0,
    cacheWriteTokens: num('gen_ai.usage.cache_creation.input_tokens') ?? 0,
    outputTokens: output ?? 0,
    costUsd: cost,
    tool: kind === 'tool' ? str(attrs.get('gen_ai.tool.name')) : null,
    toolOwner: null,
    tags,
    traceId: normaliseId(span.traceId),
    structural: kind === undefined && !hasUsage,
    leafOnly: hasUsage,
    usageAbsent: !hasUsage,
  });
}
