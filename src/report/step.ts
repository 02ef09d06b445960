import { TIME_RANGE, inTimeRange } from './period.js';
import type { StepKind } from './types.js';

/** The tags attribution resolves, in report order (`parent_run_id` is the run, handled apart). */
export const ATTRIBUTION_TAGS = ['feature', 'team', 'workload_class', 'tenant', 'environment'] as const;
export type AttributionTag = (typeof ATTRIBUTION_TAGS)[number];
/** Every tag an importer reads from a record: the attribution tags plus the run (`parent_run_id`). */
export const TAG_KEYS = [...ATTRIBUTION_TAGS, 'parent_run_id'] as const;
export type TagKey = (typeof TAG_KEYS)[number];
/** TAG_KEYS as a set, for `key:value` tag lists. */
export const TAG_SET: ReadonlySet<string> = new Set(TAG_KEYS);
export const STEP_KINDS: readonly StepKind[] = ['model', 'embedding', 'tool', 'retrieval', 'other'];

/**
 * One record as an importer hands it over, before pricing and attribution. Every source format
 * (attrib JSONL/CSV, LiteLLM, Langfuse, OTLP) is mapped to this.
 */
export interface StepRecord {
  /** Epoch milliseconds, UTC. */
  ts: number;
  stepId: string | null;
  parentStepId: string | null;
  kind: StepKind;
  provider: string | null;
  model: string | null;
  /** All input tokens, cached and cache-written included. */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Cost the source gave (authoritative, even 0), or null to price from the table. */
  costUsd: number | null;
  tool: string | null;
  toolOwner: string | null;
  /** Tag values by name (`feature`, `team`, ..., `parent_run_id`); empty strings are left out. */
  tags: Partial<Record<TagKey, string>>;
  /** The source's own run (trace or session id), used when there is no `parent_run_id` tag. */
  traceId: string | null;
  /** A span or observation that describes an agent or a chain: tags only, never counted. */
  structural: boolean;
  /** OTel: only leaf usage counts, so a span whose descendants carry usage becomes structural. */
  leafOnly: boolean;
  /**
   * The record has no usage field and no cost at all (not zeros: absent), as in an export made
   * without its usage columns. Counted at $0, and the report warns (see report/warnings.ts).
   */
  usageAbsent: boolean;
  /**
   * A request that failed and carries no usage and no cost (LiteLLM `status: failure`, an HTTP error
   * in Helicone): not a billable step, only counted (`inputs.failedRequests`).
   */
  failed?: boolean;
  /**
   * Units of work a tool step reports, by unit name (`results`, `gb`...), for tool prices that are
   * per unit (see pricing-table.ts `ToolPrice`); null when the record gives none. Null-prototype.
   */
  toolUnits?: Readonly<Record<string, number>> | null;
  /**
   * Sent through a provider's batch API (OpenAI Batch, Anthropic Message Batches): priced at the
   * batch rate when the step carries no cost of its own (pricing.ts).
   */
  batch?: boolean;
  /** Where the step was called from (attrib/runtime `call_site`), as a key of report/call-site-record.ts; null when not recorded. */
  callSite?: string | null;
}

/** A step with every field present (tags included, as undefined): the one shape importers fill. */
export function blankStep(): StepRecord {
  return {
    ts: 0,
    stepId: null,
    parentStepId: null,
    kind: 'model',
    provider: null,
    model: null,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    costUsd: null,
    tool: null,
    toolOwner: null,
    tags: { feature: undefined, team: undefined, workload_class: undefined, tenant: undefined, environment: undefined, parent_run_id: undefined },
    traceId: null,
    structural: false,
    leafOnly: false,
    usageAbsent: false,
    failed: false,
    toolUnits: null,
    batch: false,
    callSite: null,
  };
}

/** What an importer returns for one raw record: steps (a TracesData holds many) or why it was skipped. */
export type ImportResult = { steps: StepRecord[] } | { skip: string };

/** Thrown inside importers for a field that makes the record unusable; turned into a skipped line. */
export class BadRecord extends Error {}

const ZONE = /(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/;
const DIGITS = /^\d+(?:\.\d+)?$/;

/**
 * Parse the timestamps the formats use: ISO 8601 (no zone means UTC), `YYYY-MM-DD HH:MM:SS.fff`,
 * epoch seconds (number, or milliseconds when it is beyond the year 5000 in seconds), and epoch
 * digit strings (nanoseconds from 17 digits on as in OTLP, milliseconds from 13, else seconds).
 */
export function parseTimestamp(value: unknown, field: string): number {
  const ms = timestampMillis(value, field);
  if (!inTimeRange(ms)) throw new BadRecord(`${field} is out of range: ${preview(value)} (attrib reads ${TIME_RANGE})`);
  return ms;
}

function timestampMillis(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new BadRecord(`${field} is not a valid time: ${value}`);
    return value > 1e11 ? value : value * 1000;
  }
  if (typeof value !== 'string' || value.length === 0) throw new BadRecord(`missing ${field}`);
  // Fast path for the common `2026-10-03T12:00:00.000Z`.
  if (value.length === 24) {
    const ms = canonicalIsoMillis(value);
    if (ms >= 0) return ms;
  }
  if (DIGITS.test(value)) {
    const intPart = value.split('.')[0]!;
    if (intPart.length >= 17) return Number(intPart.slice(0, intPart.length - 6));
    return intPart.length >= 13 ? Number(value) : Number(value) * 1000;
  }
  if (!ISO_DATE.test(value)) throw new BadRecord(`${field} is not a timestamp: ${clip(value)}`);
  let text = value.charCodeAt(10) === 32 ? `${value.slice(0, 10)}T${value.slice(11)}` : value;
  if (text.length > 10 && !ZONE.test(text)) text += 'Z';
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new BadRecord(`${field} is not a timestamp: ${clip(value)}`);
  return ms;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` (what JavaScript's toISOString writes) read digit by digit: several
 * times cheaper than Date.parse, which was a visible share of a million-line report. Returns -1
 * for anything else, including out-of-range fields, so those take the Date.parse path and get
 * exactly its answer; for the values accepted here the arithmetic gives Date.parse's milliseconds.
 * The date part is only read when it differs from the last valid one (consecutive records mostly
 * share a day).
 */
function canonicalIsoMillis(v: string): number {
  if (v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 46 || v.charCodeAt(23) !== 90) return -1;
  let dayMillis: number;
  if (lastDate.length === 10 && v.startsWith(lastDate)) dayMillis = lastDateMillis;
  else {
    if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return -1;
    const year = digits(v, 0, 4);
    const month = digits(v, 5, 2);
    const day = digits(v, 8, 2);
    // Years before 100 (and any bad digit, -1) are left to Date.parse, as a guard for old dates.
    if (year < 100 || month < 1 || month > 12 || day < 1) return -1;
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return -1;
    dayMillis = daysFromCivil(year, month, day) * 86_400_000;
    lastDate = v.slice(0, 10);
    lastDateMillis = dayMillis;
  }
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  const milli = digits(v, 20, 3);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return -1;
  return dayMillis + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

/** The last valid date part read (`YYYY-MM-DD`) and its epoch millis: a log's records mostly share their day. */
let lastDate = '';
let lastDateMillis = 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil); exact, no Date call. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The decimal number in `count` ASCII digits from `start`, or -1 when one is not a digit. */
function digits(v: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Token counts: absent or null is 0; numeric strings are accepted (CSV); anything else is bad. */
export function parseTokens(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : typeof value === 'string' && DIGITS_SIGNED.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new BadRecord(`${field} is not a number: ${typeof value === 'string' ? clip(value) : preview(value)}`);
  if (n < 0) throw new BadRecord(`${field} is negative: ${n}`);
  if (!Number.isInteger(n) || n > MAX_TOKENS) throw new BadRecord(`${field} is not a whole token count: ${n}`);
  return n;
}
const DIGITS_SIGNED = /^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;
/** Token counts are stored in 32-bit columns; one request never comes near this. */
export const MAX_TOKENS = 0xffffffff;

/** A USD cost: absent/null/empty means "not given"; negative or non-numeric is bad. */
export function parseCost(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && DIGITS_SIGNED.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new BadRecord(`${field} is not a number: ${typeof value === 'string' ? clip(value) : preview(value)}`);
  if (n < 0) throw new BadRecord(`${field} is negative: ${n}`);
  if (n > MAX_STEP_COST_USD) throw new BadRecord(`${field} is ${n}: over $${MAX_STEP_COST_USD.toLocaleString('en-US')} for one step, which is no usage record`);
  return n;
}
/**
 * No single model or tool call costs this much; a larger value is corrupt or hostile, and would make
 * integer micro-dollar totals (exact up to about $9 billion) lose precision.
 */
export const MAX_STEP_COST_USD = 1_000_000;

/** A string field: numbers are stringified (ids are sometimes numeric), empty and non-strings are null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field of a parsed record, never an inherited one. The field names attrib reads are not members
 * of Object.prototype, and every inherited member is a function (JSON never yields one), so a
 * typeof check is as safe as hasOwnProperty and much cheaper on the hot path.
 */
export function own(obj: Record<string, unknown>, key: string): unknown {
  const value = obj[key];
  return typeof value === 'function' ? undefined : value;
}

/** Check the input-token buckets add up, then return the step. */
export function checkTokens(step: StepRecord): StepRecord {
  checkTokenSums(step.inputTokens, step.cachedInputTokens, step.cacheWriteTokens);
  return step;
}

/** Cached plus cache-written input tokens are part of the input tokens, so they cannot exceed them. */
export function checkTokenSums(inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number): void {
  if (cachedInputTokens + cacheWriteTokens > inputTokens) {
    throw new BadRecord(`cached (${cachedInputTokens}) plus cache-write (${cacheWriteTokens}) tokens exceed input tokens (${inputTokens})`);
  }
}

/** Tags from a list of `key:value` strings, for the keys that are taxonomy tag names. */
export function tagsFromList(list: unknown, tagNames: ReadonlySet<string>, into: Record<string, string>): void {
  if (typeof list === 'string') {
    // LiteLLM CSV exports hold lists as JSON text.
    if (!list.startsWith('[')) return;
    try {
      list = JSON.parse(list);
    } catch {
      return;
    }
  }
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    const key = item.slice(0, colon);
    const value = item.slice(colon + 1);
    if (value.length > 0 && tagNames.has(key) && into[key] === undefined) into[key] = value;
  }
}

/**
 * A source cost that may mean "could not price": some sources write 0 when they have no price for
 * the model (Langfuse's calculated costs, LiteLLM's spend, Helicone's cost). Such a 0 on a record
 * that has tokens is not an authoritative $0: it becomes null, so the step is priced from the table
 * (or counted unpriced). A 0 on a record without tokens stays $0.
 */
export function zeroMeansUnpriced(cost: number | null, tokens: number): number | null {
  return cost === 0 && tokens > 0 ? null : cost;
}

/** Read a JSON-string-or-object field (LiteLLM's `metadata`, JSON text in CSV cells). */
export function objectField(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A value as a skip reason shows it: JSON-like, at most `max` characters. Containers are walked at
 * most PREVIEW_DEPTH levels deep and only until the text is long enough, so a value nested 100k
 * deep (or a 64 MB string) costs neither the stack nor the memory of serialising it.
 */
export function preview(value: unknown, max = 60): string {
  const parts: string[] = [];
  let length = 0;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const walk = (v: unknown, depth: number): void => {
    if (length > max) return;
    if (typeof v === 'string') add(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    else if (v === null || typeof v !== 'object') add(String(v));
    else if (depth >= PREVIEW_DEPTH) add(Array.isArray(v) ? '[…]' : '{…}');
    else if (Array.isArray(v)) {
      add('[');
      for (let i = 0; i < v.length && length <= max; i++) {
        if (i > 0) add(',');
        walk(v[i], depth + 1);
      }
      add(']');
    } else {
      add('{');
      let first = true;
      for (const key in v) {
        if (length > max) break;
        if (!Object.hasOwn(v, key)) continue;
        add(`${first ? '' : ','}${JSON.stringify(key.length > max ? key.slice(0, max) : key)}:`);
        first = false;
        walk((v as Record<string, unknown>)[key], depth + 1);
      }
      add('}');
    }
  };
  walk(value, 0);
  return clip(parts.join(''), max);
}
const PREVIEW_DEPTH = 8;

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
