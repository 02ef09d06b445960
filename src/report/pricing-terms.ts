/**
 * Terms beyond list prices, read from the `providers:` and `credits:` sections of a pricing file:
 * negotiated discounts (per provider, per model), the batch price as a share of list when a model
 * has no batch rate of its own, and credits. Rules and their finance meaning: docs/report.md#pricing.
 */
import { type Node, isMap, isSeq } from 'yaml';
import { normaliseProvider } from './providers.js';
import { DAY } from './period.js';

/** Batch price as a share of list when neither the model nor the provider says: OpenAI Batch, Anthropic Message Batches, Gemini Batch and Bedrock batch inference all bill 50%. */
export const DEFAULT_BATCH_PCT = 50;
/** The most one credit can be: its micro-dollars stay an exact integer (and no AI credit is larger). */
export const MAX_CREDIT_USD = 1_000_000_000;

export interface ProviderTerms {
  /** Canonical provider id (providers.ts). */
  provider: string;
  /** The pricing file the terms were read from. */
  source: string;
  /** Negotiated discount off list, in percent (0-100), or null when only models have one. */
  discountPct: number | null;
  /** Batch price as a percent of list, for models without a `batch` rate; null: DEFAULT_BATCH_PCT. */
  batchPct: number | null;
  /** Per-model discounts by lower-case model name; they win over `discountPct`. */
  modelDiscounts: Map<string, { name: string; pct: number }>;
}

/** A credit (promotional, commitment, refund): reduces the billed cost of the spend it covers. */
export interface Credit {
  /** `credits[<i>]`, or the credit's `name`. */
  label: string;
  /** Canonical provider whose spend it covers, or null for any provider. */
  provider: string | null;
  amountMicros: number;
  /** Inclusive `YYYY-MM-DD` dates the credit covers. */
  from: string;
  to: string;
  fromMs: number;
  /** Exclusive end: midnight after `to`. */
  untilMs: number;
  source: string;
}

/** A node of the parsed document, for its position (null when the file's shape is not what it should be). */
export type At = Node | null | undefined;
/** Fail with a message at a node; `rule` names the check (printed after the message, as taxonomy findings are). */
export type Fail = (message: string, at?: At, rule?: string) => never;

export function child(node: At, key: string | number): At {
  if (isMap(node) || isSeq(node)) return node.get(key, true) as At;
  return undefined;
}

/**
 * A model's own discount under a provider's terms: by the name exactly without case, or without a
 * `provider/` prefix; never by a name prefix (`gpt-4o`'s discount is not `gpt-4o-mini`'s).
 */
export function modelDiscount(terms: ProviderTerms, name: string): { name: string; pct: number } | undefined {
  const lower = name.toLowerCase();
  return terms.modelDiscounts.get(lower) ?? terms.modelDiscounts.get(lower.slice(lower.lastIndexOf('/') + 1));
}

const PROVIDER_KEYS = new Set(['discount_pct', 'batch_pct', 'models']);
const CREDIT_KEYS = new Set(['name', 'provider', 'amount_usd', 'period', 'from', 'to']);
const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A percentage from 0 to 100 (fractions allowed: 12.5). */
function pct(value: unknown, where: string, at: At, fail: Fail, rule: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    fail(`${where} must be a percentage from 0 to 100${value === undefined ? '' : `, not ${String(value)}`}`, at, rule);
  }
  return value as number;
}

/** `providers:`: terms by provider name (normalised, so `azure.openai` is `openai`). */
export function parseProviders(value: unknown, node: At, source: string, fail: Fail): Map<string, ProviderTerms> {
  const terms = new Map<string, ProviderTerms>();
  if (!(value instanceof Map)) fail('`providers` must be a mapping of provider names to terms (discount_pct, batch_pct, models)', node, 'pricing-terms');
  for (const [rawName, rawSpec] of value as Map<unknown, unknown>) {
    const name = String(rawName);
    const at = child(node, name) ?? node;
    const provider = normaliseProvider(name);
    if (provider === null) fail('a provider name must not be empty', at, 'pricing-terms');
    if (terms.has(provider!)) fail(`providers.${name}: provider ${provider} is listed twice (names are normalised: azure.openai is openai)`, at, 'pricing-terms');
    if (!(rawSpec instanceof Map)) fail(`providers.${name} must be a mapping with discount_pct, batch_pct and/or models`, at, 'pricing-terms');
    const spec = rawSpec as Map<unknown, unknown>;
    for (const key of spec.keys()) {
      if (!PROVIDER_KEYS.has(String(key))) fail(`providers.${name}: unknown field \`${String(key)}\` (expected ${[...PROVIDER_KEYS].join(', ')})`, child(at, String(key)) ?? at, 'pricing-terms');
    }
    const discountPct = spec.has('discount_pct') ? pct(spec.get('discount_pct'), `providers.${name}.discount_pct`, child(at, 'discount_pct') ?? at, fail, 'pricing-discount') : null;
    const batchPct = spec.has('batch_pct') ? pct(spec.get('batch_pct'), `providers.${name}.batch_pct`, child(at, 'batch_pct') ?? at, fail, 'pricing-batch') : null;
    const modelDiscounts = new Map<string, { name: string; pct: number }>();
    const models = spec.get('models');
    const modelsAt = child(at, 'models') ?? at;
    if (models !== undefined) {
      if (!(models instanceof Map)) fail(`providers.${name}.models must be a mapping of model names to { discount_pct }`, modelsAt, 'pricing-discount');
      for (const [rawModel, rawTerms] of models as Map<unknown, unknown>) {
        const model = String(rawModel);
        const modelAt = child(modelsAt, model) ?? modelsAt;
        const where = `providers.${name}.models.${model}`;
        if (!(rawTerms instanceof Map) || rawTerms.size !== 1 || !rawTerms.has('discount_pct')) fail(`${where} must be a mapping with discount_pct only`, modelAt, 'pricing-discount');
        if (modelDiscounts.has(model.toLowerCase())) fail(`${where}: listed twice (model names are compared without case)`, modelAt, 'pricing-discount');
        const value = pct((rawTerms as Map<unknown, unknown>).get('discount_pct'), `${where}.discount_pct`, child(modelAt, 'discount_pct') ?? modelAt, fail, 'pricing-discount');
        modelDiscounts.set(model.toLowerCase(), { name: model, pct: value });
      }
    }
    terms.set(provider!, { provider: provider!, source, discountPct, batchPct, modelDiscounts });
  }
  return terms;
}

/** A real calendar date (`2025-02-30` is refused: Date.parse would roll it over). */
function realDate(value: unknown): string | null {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : null;
  if (text === null || !DATE.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text ? text : null;
}

/** `credits:`: a list of { amount_usd, provider?, period: YYYY-MM | from + to, name? }, in the order they are applied. */
export function parseCredits(value: unknown, node: At, source: string, fail: Fail): Credit[] {
  if (!Array.isArray(value)) fail('`credits` must be a list of credits ({ amount_usd, provider, period })', node, 'pricing-credit');
  return (value as unknown[]).map((raw, i) => {
    const at = child(node, i) ?? node;
    const where = `credits[${i}]`;
    if (!(raw instanceof Map)) fail(`${where} must be a mapping with amount_usd and period (or from and to)`, at, 'pricing-credit');
    const spec = raw as Map<unknown, unknown>;
    for (const key of spec.keys()) {
      if (!CREDIT_KEYS.has(String(key))) fail(`${where}: unknown field \`${String(key)}\` (expected ${[...CREDIT_KEYS].join(', ')})`, child(at, String(key)) ?? at, 'pricing-credit');
    }
    const amount = spec.get('amount_usd');
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > MAX_CREDIT_USD) {
      fail(`${where}.amount_usd must be a positive number of USD up to ${MAX_CREDIT_USD}${amount === undefined ? '' : `, not ${String(amount)}`}`, child(at, 'amount_usd') ?? at, 'pricing-credit');
    }
    const name = spec.get('name');
    if (name !== undefined && typeof name !== 'string') fail(`${where}.name must be a string`, child(at, 'name') ?? at, 'pricing-credit');
    const rawProvider = spec.get('provider');
    if (rawProvider !== undefined && (typeof rawProvider !== 'string' || normaliseProvider(rawProvider) === null)) fail(`${where}.provider must be a provider name`, child(at, 'provider') ?? at, 'pricing-credit');
    const { from, to } = creditDates(spec, where, at, fail);
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    return {
      label: (name as string | undefined) ?? where,
      provider: rawProvider === undefined ? null : normaliseProvider(rawProvider as string),
      amountMicros: Math.round((amount as number) * 1e6),
      from,
      to,
      fromMs,
      untilMs: Date.parse(`${to}T00:00:00Z`) + DAY,
      source,
    };
  });
}

function creditDates(spec: Map<unknown, unknown>, where: string, at: At, fail: Fail): { from: string; to: string } {
  const period = spec.get('period');
  if (period !== undefined) {
    if (spec.has('from') || spec.has('to')) fail(`${where}: give period or from and to, not both`, at, 'pricing-credit');
    const m = typeof period === 'string' ? MONTH.exec(period) : null;
    const month = m === null ? NaN : Number(m[2]);
    if (m === null || month < 1 || month > 12) fail(`${where}.period must be a month (YYYY-MM)`, child(at, 'period') ?? at, 'pricing-credit');
    const year = Number(m![1]);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { from: `${m![1]}-${m![2]}-01`, to: `${m![1]}-${m![2]}-${String(last).padStart(2, '0')}` };
  }
  const from = realDate(spec.get('from'));
  const to = realDate(spec.get('to'));
  if (from === null) fail(`${where} needs period (YYYY-MM) or from and to (YYYY-MM-DD): from is ${spec.has('from') ? 'not a date' : 'missing'}`, child(at, 'from') ?? at, 'pricing-credit');
  if (to === null) fail(`${where}.to must be a date (YYYY-MM-DD), the last day the credit covers`, child(at, 'to') ?? at, 'pricing-credit');
  if (to! < from!) fail(`${where}: to (${to}) is before from (${from})`, child(at, 'to') ?? at, 'pricing-credit');
  return { from: from!, to: to! };
}
