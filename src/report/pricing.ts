import { calcPrice } from '@pydantic/genai-prices';
import { type MatchKind, type ModelPrice, type PriceTable, type Rate, type ToolPrice, matchModel, rateAt } from './pricing-table.js';
import { DEFAULT_BATCH_PCT, modelDiscount } from './pricing-terms.js';
import { normaliseProvider } from './providers.js';
import type { StepRecord } from './step.js';

/** Reported name of the fallback catalogue (package and version, so a price is reproducible). */
export const FALLBACK_CATALOGUE = '@pydantic/genai-prices@0.1.8';

/**
 * Where one logged model's price came from. `none`: a tool or retrieval step with no cost, no
 * tokens and no tool price, counted at $0 (reported as `record` in `pricing`, as `unpriced` in
 * the `tools` section). `tool`: a `tools:` price of the table (entry `tools.<name>`).
 */
export type PriceSource =
  | { kind: 'record' }
  | { kind: 'none' }
  | { kind: 'table'; source: string; entry: string; effectiveFrom: string | null; match: MatchKind; terms: AppliedTerms }
  | { kind: 'tool'; source: string; entry: string }
  | { kind: 'fallback'; source: string; entry: string; effectiveFrom: string | null; terms: AppliedTerms }
  | { kind: 'unpriced'; reason?: string };

/**
 * What, beyond the list price, priced a step (pricing file `providers:`; docs/report.md#pricing).
 * `batch`: a batch request, at the model's published batch rate (`rate: table`) or at `pct` percent
 * of list (`rate: multiplier`); its list cost is that batch price. `discount`: the negotiated
 * percentage off list (a model's own wins over its provider's), which makes the effective cost.
 */
export interface AppliedTerms {
  batch: { rate: 'table'; pct: null } | { rate: 'multiplier'; pct: number } | null;
  discount: { pct: number; scope: 'provider' | 'model'; provider: string; model: string | null } | null;
}

/** A step's price: effective micro-dollars (-1: unpriced), list micro-dollars, and its PriceRef. */
export interface StepPrice {
  micros: number;
  listMicros: number;
  ref: number;
}

/** List price: no batch share, no discount. */
export const NO_TERMS: AppliedTerms = Object.freeze({ batch: null, discount: null });

/** One distinct (logged model or priced tool, price) pair; steps point at these by index. */
export interface PriceRef {
  model: string | null;
  provider: string | null;
  /** The tool, for refs of a tool price (priced, or unpriced for want of its units). */
  tool?: string;
  price: PriceSource;
}

type Resolution =
  | { kind: 'table'; entry: ModelPrice; match: MatchKind; discount: AppliedTerms['discount']; batchPct: number; refs: Map<Rate, number>; batchRefs: Map<Rate, number> }
  | { kind: 'fallback'; discount?: AppliedTerms['discount']; batchPct?: number }
  | { kind: 'none' };

/**
 * Prices steps deterministically and offline: the record's own cost, else the price table (rules/
 * pricing.yaml + `--pricing`), else the bundled @pydantic/genai-prices catalogue, else unpriced.
 * Costs are integer micro-dollars, rounded half-up once per step; every sum after that is exact.
 */
export class Pricer {
  readonly refs: PriceRef[] = [];
  private readonly resolutions = new Map<string, Resolution>();
  private readonly refIndex = new Map<string, number>();

  constructor(
    private readonly table: PriceTable,
    private readonly useFallback = true,
  ) {}

  /**
   * Cost of the step in micro-dollars (effective: after discounts; -1: unpriced), its list cost,
   * and the index of its PriceRef. A record's own cost is authoritative: it is both list and
   * effective (the source already says what the call cost).
   */
  price(step: StepRecord): StepPrice {
    if (step.costUsd !== null) {
      const micros = Math.round(step.costUsd * 1e6);
      return { micros, listMicros: micros, ref: this.ref(step, { kind: 'record' }) };
    }
    if (step.kind === 'tool' && step.tool !== null && this.table.tools.size > 0) {
      const tool = this.table.tools.get(step.tool.toLowerCase());
      if (tool !== undefined) return this.priceTool(step, tool);
    }
    if (step.model === null) {
      // Tool and retrieval steps without tokens and without a tool price cost $0 (`none`).
      const free = step.inputTokens === 0 && step.outputTokens === 0;
      return free ? { micros: 0, listMicros: 0, ref: this.ref(step, { kind: 'none' }) } : this.unpriced(step);
    }
    const key = `${step.provider ?? ''}\u0000${step.model}`;
    let resolution = this.resolutions.get(key);
    if (resolution === undefined) {
      resolution = this.resolve(step.model, step.provider, step.ts);
      this.resolutions.set(key, resolution);
    }
    if (resolution.kind === 'table') return this.priceTable(step, resolution);
    if (resolution.kind === 'fallback') {
      const priced = this.fallback(step, resolution);
      if (priced) return priced;
    }
    return this.unpriced(step);
  }

  private unpriced(step: StepRecord): StepPrice {
    return { micros: -1, listMicros: -1, ref: this.ref(step, { kind: 'unpriced' }) };
  }

  /**
   * The rate in force on the step's date; for a batch step the model's batch rate when it has one
   * and the current price is in force (a batch rate is the batch price of the current list price),
   * else that list rate x the provider's batch share.
   */
  private priceTable(step: StepRecord, resolution: Extract<Resolution, { kind: 'table' }>): StepPrice {
    const { entry } = resolution;
    const listRate = rateAt(entry, step.ts);
    const batchRate = step.batch === true && entry.batch !== null && listRate === entry.rates[entry.rates.length - 1] ? entry.batch : null;
    const rate = batchRate ?? listRate;
    const batch: AppliedTerms['batch'] = step.batch !== true ? null : batchRate !== null ? { rate: 'table', pct: null } : { rate: 'multiplier', pct: resolution.batchPct };
    const refs = step.batch === true ? resolution.batchRefs : resolution.refs;
    let ref = refs.get(rate);
    if (ref === undefined) {
      const terms = batch === null && resolution.discount === null ? NO_TERMS : { batch, discount: resolution.discount };
      ref = this.ref(step, { kind: 'table', source: entry.source, entry: entry.name, effectiveFrom: rate.from, match: resolution.match, terms });
      refs.set(rate, ref);
    }
    const raw = rawCost(step, rate);
    const batchShare = batch?.rate === 'multiplier' ? batch.pct / 100 : 1;
    return withTerms(raw / 1e6, batchShare, resolution.discount, ref);
  }

  /**
   * A provider's negotiated discount for a model: the model's own, else the provider's. A model
   * discount names the price that priced the step (the table entry or one of its aliases, or the
   * catalogue's model id) or the logged name (see modelDiscount).
   */
  private termsOf(provider: string | null, names: readonly (string | null)[]): { discount: AppliedTerms['discount']; batchPct: number } {
    const terms = provider === null ? undefined : this.table.providers.get(provider);
    if (terms === undefined) return { discount: null, batchPct: DEFAULT_BATCH_PCT };
    const batchPct = terms.batchPct ?? DEFAULT_BATCH_PCT;
    for (const name of names) {
      const found = name === null ? undefined : modelDiscount(terms, name);
      if (found) return { discount: { pct: found.pct, scope: 'model', provider: terms.provider, model: found.name }, batchPct };
    }
    return { discount: terms.discountPct === null ? null : { pct: terms.discountPct, scope: 'provider', provider: terms.provider, model: null }, batchPct };
  }

  /**
   * per_call + per_unit x units / unit_size, rounded once. A price per unit needs the step's count
   * of that unit: without it the step is unpriced (a per-call-only guess would be silently low).
   */
  private priceTool(step: StepRecord, tool: ToolPrice): StepPrice {
    const entry = `tools.${tool.name}`;
    let micros = tool.perCall;
    if (tool.unit !== null) {
      const units = step.toolUnits?.[tool.unit.name];
      if (units === undefined) {
        const reason = `its price is per ${tool.unit.name}, but the steps do not say how many (tool_units.${tool.unit.name})`;
        return { micros: -1, listMicros: -1, ref: this.refIndexOf(step, { kind: 'unpriced', reason }, `\u0000tool\u0000${entry}\u0000unpriced`, step.tool!) };
      }
      micros += (tool.unit.price * units) / tool.unit.size;
    }
    const ref = this.refIndexOf(step, { kind: 'tool', source: tool.source, entry }, `\u0000tool\u0000${entry}\u0000${tool.source}`, step.tool!);
    return { micros: Math.round(micros), listMicros: Math.round(micros), ref };
  }

  private resolve(model: string, provider: string | null, ts: number): Resolution {
    const found = matchModel(this.table, model);
    if (found) {
      const { discount, batchPct } = this.termsOf(normaliseProvider(provider) ?? normaliseProvider(found.entry.provider), [found.entry.name, ...found.entry.aliases, model]);
      return { kind: 'table', entry: found.entry, match: found.match, discount, batchPct, refs: new Map(), batchRefs: new Map() };
    }
    if (this.useFallback && this.fallbackPrice(model, provider, 1, 0, 0, 1, new Date(ts)) !== null) return { kind: 'fallback' };
    return { kind: 'none' };
  }

  private fallbackPrice(model: string, provider: string | null, input: number, cached: number, cacheWrite: number, output: number, at: Date) {
    const usage = { input_tokens: input, cache_read_tokens: cached, cache_write_tokens: cacheWrite, output_tokens: output };
    try {
      return (provider ? calcPrice(usage, model, { providerId: provider, timestamp: at }) : null) ?? calcPrice(usage, model, { timestamp: at });
    } catch {
      return null;
    }
  }

  /** The catalogue's price; batch and discounts as for the table (the catalogue has list prices only, so batch is always list x share). */
  private fallback(step: StepRecord, resolution: Extract<Resolution, { kind: 'fallback' }>): StepPrice | undefined {
    const result = this.fallbackPrice(step.model!, step.provider, step.inputTokens, step.cachedInputTokens, step.cacheWriteTokens, step.outputTokens, new Date(step.ts));
    if (!result) return undefined;
    if (resolution.discount === undefined) {
      // The catalogue names the provider it matched; the same (provider, model) always matches the same one.
      Object.assign(resolution, this.termsOf(normaliseProvider(step.provider) ?? normaliseProvider(result.provider.id), [result.model.id, step.model]));
    }
    const discount = resolution.discount ?? null;
    const batch: AppliedTerms['batch'] = step.batch === true ? { rate: 'multiplier', pct: resolution.batchPct! } : null;
    const terms = batch === null && discount === null ? NO_TERMS : { batch, discount };
    const prices = result.model.prices;
    const dated = Array.isArray(prices) ? prices.find((p) => p.prices === result.model_price)?.constraint : undefined;
    const effectiveFrom = dated && dated.type === 'start_date' ? dated.start_date.slice(0, 10) : null;
    const ref = this.ref(step, { kind: 'fallback', source: FALLBACK_CATALOGUE, entry: `${result.provider.id}/${result.model.id}`, effectiveFrom, terms });
    return withTerms(result.total_price * 1e6, batch === null ? 1 : batch.pct / 100, discount, ref);
  }

  /** Record-cost and unpriced refs by model, then provider: looked up once per step, so no key strings are built. */
  private readonly plainRefs = {
    record: new Map<string | null, Map<string | null, number>>(),
    none: new Map<string | null, Map<string | null, number>>(),
    unpriced: new Map<string | null, Map<string | null, number>>(),
  };

  private ref(step: StepRecord, price: PriceSource): number {
    if (price.kind === 'record' || price.kind === 'none' || price.kind === 'unpriced') {
      const byModel = this.plainRefs[price.kind];
      let byProvider = byModel.get(step.model);
      if (byProvider === undefined) byModel.set(step.model, (byProvider = new Map()));
      let index = byProvider.get(step.provider);
      if (index === undefined) {
        index = this.refIndexOf(step, price, `${step.model ?? ''}\u0000${step.provider ?? ''}\u0000${price.kind}`);
        byProvider.set(step.provider, index);
      }
      return index;
    }
    return this.refIndexOf(step, price, `${step.model ?? ''}\u0000${step.provider ?? ''}\u0000${JSON.stringify(price)}`);
  }

  private refIndexOf(step: StepRecord, price: PriceSource, key: string, tool?: string): number {
    let index = this.refIndex.get(key);
    if (index === undefined) {
      index = this.refs.length;
      // A tool price's ref is the tool's, whatever model a step names.
      this.refs.push(tool === undefined ? { model: step.model, provider: step.provider, price } : { model: null, provider: null, tool, price });
      this.refIndex.set(key, index);
    }
    return index;
  }
}

/**
 * (input - cached - cache_write) x input + cached x cached_input + cache_write x cache_write +
 * output x output, per 1M tokens. Rates are micro-dollars per 1M tokens, so the sum is an integer
 * number of micro-micro-dollars; one division and a half-up rounding give the step's micro-dollars.
 */
export function costMicros(step: Pick<StepRecord, 'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens'>, rate: Rate): number {
  return Math.round(rawCost(step, rate) / 1e6);
}

/** The unrounded cost in micro-micro-dollars (an integer: token counts times integer rates). */
function rawCost(step: Pick<StepRecord, 'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens'>, rate: Rate): number {
  const uncached = step.inputTokens - step.cachedInputTokens - step.cacheWriteTokens;
  return uncached * rate.input + step.cachedInputTokens * rate.cachedInput + step.cacheWriteTokens * rate.cacheWrite + step.outputTokens * rate.output;
}

/**
 * List cost = unrounded micro-dollars x batch share; effective = list x (100 - discount) / 100.
 * Each is rounded half-up once from the unrounded amount (never from the other rounded figure), so
 * with no terms both are exactly the plain price.
 */
function withTerms(micros: number, batchShare: number, discount: AppliedTerms['discount'], ref: number): StepPrice {
  const list = micros * batchShare;
  const listMicros = Math.round(list);
  return { micros: discount === null ? listMicros : Math.round((list * (100 - discount.pct)) / 100), listMicros, ref };
}
