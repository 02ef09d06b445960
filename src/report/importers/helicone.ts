import { type StepRecord, TAG_SET, blankStep, checkTokens, objectField, own, parseCost, parseTimestamp, parseTokens, str, zeroMeansUnpriced } from '../step.js';
import { normaliseProvider } from '../providers.js';

/**
 * Helicone request exports: the `{ data, error }` answer of its request API
 * (`POST /v1/request/query-clickhouse`, rows of `HeliconeRequest`) and the JSONL/JSON/CSV written
 * by its exporter (`npx @helicone/export`, the same rows). Every row is one model call.
 * Helicone counts input Anthropic-style: `prompt_tokens` excludes the cache reads and writes.
 */
export function isHeliconeRecord(obj: Record<string, unknown>): boolean {
  return 'request_created_at' in obj && ('request_id' in obj || 'response_status' in obj);
}

const PROPERTY_PREFIX = 'helicone-property-';
const SESSION_ID = 'helicone-session-id';

export function importHelicone(obj: Record<string, unknown>): StepRecord {
  const properties = heliconeProperties(obj);
  const uncached = heliconeTokens(own(obj, 'prompt_tokens'), 'prompt_tokens');
  const cached = heliconeTokens(own(obj, 'prompt_cache_read_tokens'), 'prompt_cache_read_tokens');
  const cacheWrite = heliconeTokens(own(obj, 'prompt_cache_write_tokens'), 'prompt_cache_write_tokens');
  const output = heliconeTokens(own(obj, 'completion_tokens'), 'completion_tokens');
  const tokens = (uncached ?? 0) + (cached ?? 0) + (cacheWrite ?? 0) + (output ?? 0);
  const given = parseCost(own(obj, 'cost'), 'cost') ?? parseCost(own(obj, 'costUSD'), 'costUSD');
  // Helicone stores 0 for a model its cost registry does not know.
  const costUsd = zeroMeansUnpriced(given, tokens);
  const step = blankStep();
  step.ts = parseTimestamp(own(obj, 'request_created_at'), 'request_created_at');
  step.stepId = str(own(obj, 'request_id'));
  // Helicone writes its provider enum (`OPENAI`, `ANTHROPIC`, `BEDROCK`...).
  step.provider = normaliseProvider(str(own(obj, 'provider')));
  step.model = str(own(obj, 'model')) ?? str(own(obj, 'model_override')) ?? str(own(obj, 'response_model')) ?? str(own(obj, 'request_model'));
  step.inputTokens = (uncached ?? 0) + (cached ?? 0) + (cacheWrite ?? 0);
  step.cachedInputTokens = cached ?? 0;
  step.cacheWriteTokens = cacheWrite ?? 0;
  step.outputTokens = output ?? 0;
  step.costUsd = costUsd;
  for (const [key, value] of properties) {
    if (TAG_SET.has(key) && value.length > 0) step.tags[key as keyof StepRecord['tags']] = value;
  }
  if (step.tags.tenant === undefined) step.tags.tenant = str(own(obj, 'request_user_id')) ?? undefined;
  step.traceId = properties.get(SESSION_ID) ?? null;
  step.usageAbsent = uncached === undefined && output === undefined && costUsd === null;
  const status = Number(own(obj, 'response_status'));
  step.failed = Number.isFinite(status) && (status < 200 || status > 299) && tokens === 0 && !((given ?? 0) > 0);
  return checkTokens(step);
}

/**
 * Token counts; Helicone writes -1 when it could not count them (a stream without usage), which
 * is "unknown", not a bad record.
 */
function heliconeTokens(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '' || value === -1 || value === '-1') return undefined;
  return parseTokens(value, field);
}

/**
 * `request_properties` (API) or `properties`: an object, or JSON text in the exporter's CSV. Keys
 * are header names without `Helicone-Property-` (Helicone strips it, lower-case as HTTP headers
 * arrive); a key that still has it loses it, `-` becomes `_` (`Workload-Class`), and Helicone's own
 * session keys stay whole. A Map, so no key from the data can reach a prototype.
 */
function heliconeProperties(obj: Record<string, unknown>): Map<string, string> {
  const raw = propertiesCell(own(obj, 'request_properties')) ?? propertiesCell(own(obj, 'properties'));
  const properties = new Map<string, string>();
  if (raw === undefined) return properties;
  for (const [rawKey, rawValue] of Object.entries(raw)) {
    const value = str(rawValue);
    if (value === null) continue;
    let key = rawKey.toLowerCase();
    if (key.startsWith(PROPERTY_PREFIX)) key = key.slice(PROPERTY_PREFIX.length);
    if (!key.startsWith('helicone-')) key = key.replaceAll('-', '_');
    if (!properties.has(key)) properties.set(key, value);
  }
  return properties;
}

/**
 * An object, or its JSON text. Helicone's exporter escapes the quotes of a JSON cell twice in its CSV
 * (examples/export/typescript/index.ts `convertToCSVRow`), so after CSV decoding the text reads
 * `{""feature"":""x""}`: undone here rather than losing the tags.
 */
function propertiesCell(value: unknown): Record<string, unknown> | undefined {
  const parsed = objectField(value);
  if (parsed !== undefined || typeof value !== 'string') return parsed;
  if (value.startsWith('{""')) return objectField(value.replaceAll('""', '"'));
  if (value.startsWith("{'")) return pythonDict(value);
  return undefined;
}

/** One `'key': value` pair of a Python dict's repr: a quoted key, then a quoted string or None. */
const PY_ENTRY = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(None))\s*(,|\})/y;

/**
 * Helicone's Python export example (examples/export/python/export.py) writes its CSV with pandas,
 * so `request_properties` is the repr of a dict of strings and None: `{'feature': 'x', 'agent': None}`.
 * Only that flat shape is read (backslash escapes kept as the character they escape); anything
 * else is not guessed at.
 */
function pythonDict(text: string): Record<string, unknown> | undefined {
  const out = Object.create(null) as Record<string, unknown>;
  if (text === '{}') return out;
  PY_ENTRY.lastIndex = 1;
  for (;;) {
    const m = PY_ENTRY.exec(text);
    if (m === null) return undefined;
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    const key = unescape(m[1] ?? m[2]!);
    out[key] = m[5] === undefined ? unescape(m[3] ?? m[4]!) : null;
    if (m[6] === '}') return PY_ENTRY.lastIndex === text.length ? out : undefined;
  }
}
