import { normaliseProvider } from '../providers.js';
import { BadRecord, type StepRecord, TAG_KEYS, checkTokens, isRecord, own, parseTimestamp, str } from '../step.js';
import { DIALECTS, dialectOf } from './otel/dialects.js';
import { type Attributes, type Tags, spanView } from './otel/span.js';

/**
 * The OTLP/JSON envelope (TracesData -> resource -> scope -> span, AnyValue decoding, ids) and the
 * step every span becomes. What each emitter's attributes mean is read by its dialect (./otel/*).
 */

/** OTLP/JSON `TracesData`: see ../shared/formats.md. */
export function isOtelRecord(obj: Record<string, unknown>): boolean {
  return Array.isArray(own(obj, 'resourceSpans'));
}

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

/** The other type names of JSON values, for skip reasons. */
const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * An envelope member that holds the next level: absent is nothing (no spans to lose); anything but
 * an array is a skipped part with its path, so no span disappears without a count.
 */
function listAt(container: Record<string, unknown>, keys: readonly string[], path: string, skips: string[]): { list: unknown[]; key: string } {
  for (const key of keys) {
    const value = own(container, key);
    if (value === undefined) continue;
    if (Array.isArray(value)) return { list: value, key };
    skips.push(`${path}.${key}: expected an array, got ${typeOf(value)}: its spans are not read`);
    return { list: [], key };
  }
  return { list: [], key: keys[0]! };
}

/**
 * The steps of one TracesData, and the reasons for what had to be skipped: a span that is not a
 * valid span costs that span, a resourceSpans or scopeSpans element that is not an object costs
 * what it holds; each with its path (`resourceSpans[0].scopeSpans[1].spans[2]`).
 */
export function importOtel(obj: Record<string, unknown>): { steps: StepRecord[]; skips: string[] } {
  const steps: StepRecord[] = [];
  const skips: string[] = [];
  (own(obj, 'resourceSpans') as unknown[]).forEach((rs, r) => {
    const rsPath = `resourceSpans[${r}]`;
    if (!isRecord(rs)) {
      skips.push(`${rsPath}: expected an object, got ${typeOf(rs)}`);
      return;
    }
    const resource = attributes(isRecord(rs.resource) ? rs.resource.attributes : undefined);
    const scopes = listAt(rs, ['scopeSpans', 'instrumentationLibrarySpans'], rsPath, skips);
    scopes.list.forEach((ss, s) => {
      const ssPath = `${rsPath}.${scopes.key}[${s}]`;
      if (!isRecord(ss)) {
        skips.push(`${ssPath}: expected an object, got ${typeOf(ss)}`);
        return;
      }
      const scopeInfo = isRecord(ss.scope) ? ss.scope : isRecord(ss.instrumentationLibrary) ? ss.instrumentationLibrary : undefined;
      const scope = str(scopeInfo?.name) ?? '';
      listAt(ss, ['spans'], ssPath, skips).list.forEach((span, k) => {
        if (!isRecord(span)) {
          skips.push(`${ssPath}.spans[${k}]: expected an object, got ${typeOf(span)}`);
          return;
        }
        try {
          steps.push(importSpan(span, resource, scope));
        } catch (error) {
          if (!(error instanceof BadRecord)) throw error;
          skips.push(`span ${str(span.spanId) ?? `${ssPath}.spans[${k}]`}: ${error.message}`);
        }
      });
    });
  });
  return { steps, skips };
}

/** `attrib.<tag>`, in TAG_KEYS order. */
const ATTRIB_KEYS = TAG_KEYS.map((key) => `attrib.${key}`);

function importSpan(span: Record<string, unknown>, resource: Attributes, scope: string): StepRecord {
  const view = spanView(attributes(span.attributes), resource, scope, str(span.name) ?? '');
  const dialect = dialectOf(view);
  const reading = dialect.read(view);
  const { tokens, cost } = reading;
  // Non-zero, as the contract says: some emitters write zeros (or `{}`) on every span.
  const carriesUsage = (tokens !== null && (tokens.input > 0 || tokens.output > 0)) || (cost !== null && cost > 0);

  const found: Tags = {};
  dialect.tags?.(view, found);
  for (const other of DIALECTS) if (other !== dialect) other.tags?.(view, found);
  const tags: StepRecord['tags'] = {};
  for (let i = 0; i < TAG_KEYS.length; i++) {
    const key = TAG_KEYS[i]!;
    const value = str(view.attrs.get(ATTRIB_KEYS[i]!)) ?? found[key] ?? str(resource.get(ATTRIB_KEYS[i]!));
    if (value !== undefined && value !== null) tags[key] = value;
  }
  if (tags.environment === undefined) {
    let env = dialect.environment?.(view) ?? null;
    for (const other of DIALECTS) env ??= other.environment?.(view) ?? null;
    env ??= str(resource.get('deployment.environment.name')) ?? str(resource.get('deployment.environment'));
    if (env !== null) tags.environment = env;
  }
  return checkTokens({
    ts: parseTimestamp(span.startTimeUnixNano, 'startTimeUnixNano'),
    stepId: normaliseId(span.spanId),
    parentStepId: normaliseId(span.parentSpanId),
    kind: reading.kind,
    provider: normaliseProvider(reading.provider),
    model: reading.model,
    inputTokens: tokens?.input ?? 0,
    cachedInputTokens: tokens?.cached ?? 0,
    cacheWriteTokens: tokens?.cacheWrite ?? 0,
    outputTokens: tokens?.output ?? 0,
    costUsd: cost,
    tool: reading.tool,
    toolOwner: null,
    tags,
    traceId: normaliseId(span.traceId),
    structural: reading.container && !carriesUsage,
    // A span with usage whose descendants carry usage too is a wrapper (demoted in ReportStore.link).
    leafOnly: carriesUsage,
    usageAbsent: tokens === null && cost === null,
  });
}
