import { calcPrice } from '@pydantic/genai-prices';
import { type MatchKind, type ModelPrice, type PriceTable, type Rate, type ToolPrice, matchModel, rateAt } from './pricing-table.js';
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
  | { kind: 'table'; source: string; entry: string; effectiveFrom: string | null; match: MatchKind }
  | { kind: 'tool'; source: string; entry: string }
  | { kind: 'fallback'; source: string; entry: string; effectiveFrom: string | null }
  | { kind: 'unpriced'; reason?: string };

/** One distinct (logged model or priced tool, price) pair; steps point at these by index. */
export interface PriceRef {
  model: string | null;
  provider: string | null;
  /** The tool, for refs of a tool price (priced, or unpriced for want of its units). */
  tool?: string;
  price: PriceSource;
}

type Resolution =
  | { kind: 'table'; entry: ModelPrice; match: MatchKind; refs: Map<Rate, number> }
  | { kind: 'fallback' }
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

  /** Cost of the step in micro-dollars, and the index of its PriceRef (-1 micros: unpriced). */
  price(step: StepRecord): { micros: number; ref: number } {
    if (step.costUsd !== null) {
      return { micros: Math.round(step.costUsd * 1e6), ref: this.ref(step, { kind: 'record' }) };
    }
    if (step.kind === 'tool' && step.tool !== null && this.table.tools.size > 0) {
      const tool = this.table.tools.get(step.tool.toLowerCase());
      if (tool !== undefined) return this.priceTool(step, tool);
    }
    if (step.model === null) {
      // Tool and retrieval steps without tokens and without a tool price cost $0 (`none`).
      const free = step.inputTokens === 0 && step.outputTokens === 0;
      return free ? { micros: 0, ref: this.ref(step, { kind: 'none' }) } : { micros: -1, ref: this.ref(step, { kind: 'unpriced' }) };
    }
    const key = `${step.provider ?? ''}\u0000${step.model}`;
    let resolution = this.resolutions.get(key);
    if (resolution === undefined) {
      resolution = this.resolve(step.model, step.provider, step.ts);
      this.resolutions.set(key, resolution);
    }
    if (resolution.kind === 'table') {
      const rate = rateAt(resolution.entry, step.ts);
      let ref = resolution.refs.get(rate);
      if (ref === undefined) {
        ref = this.ref(step, { kind: 'table', source: resolution.entry.source, entry: resolution.entry.name, effectiveFrom: rate.from, match: resolution.match });
        resolution.refs.set(rate, ref);
      }
      return { micros: costMicros(step, rate), ref };
    }
    if (resolution.kind === 'fallback') {
      const priced = this.fallback(step);
      if (priced) return priced;
    }
    return { micros: -1, ref: this.ref(step, { kind: 'unpriced' }) };
  }

  /**
   * per_call + per_unit x units / unit_size, rounded once. A price per unit needs the step's count
   * of that unit: without it the step is unpriced (a per-call-only guess would be silently low).
   */
  private priceTool(step: StepRecord, tool: ToolPrice): { micros: number; ref: number } {
    const entry = `tools.${tool.name}`;
    let micros = tool.perCall;
    if (tool.unit !== null) {
      const units = step.toolUnits?.[tool.unit.name];
      if (units === undefined) {
        const reason = `its price is per ${tool.unit.name}, but the steps do not say how many (tool_units.${tool.unit.name})`;
        return { micros: -1, ref: this.refIndexOf(step, { kind: 'unpriced', reason }, `\u0000tool\u0000${entry}\u0000unpriced`, step.tool!) };
      }
      micros += (tool.unit.price * units) / tool.unit.size;
    }
    const ref = this.refIndexOf(step, { kind: 'tool', source: tool.source, entry }, `\u0000tool\u0000${entry}\u0000${tool.source}`, step.tool!);
    return { micros: Math.round(micros), ref };
  }

  private resolve(model: string, provider: string | null, ts: number): Resolution {
    const found = matchModel(this.table, model);
    if (found) return { kind: 'table', entry: found.entry, match: found.match, refs: new Map() };
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

  private fallback(step: StepRecord): { micros: number; ref: number } | undefined {
    const result = this.fallbackPrice(step.model!, step.provider, step.inputTokens, step.cachedInputTokens, step.cacheWriteTokens, step.outputTokens, new Date(step.ts));
    if (!result) return undefined;
    const prices = result.model.prices;
    const dated = Array.isArray(prices) ? prices.find((p) => p.prices === result.model_price)?.constraint : undefined;
    const effectiveFrom = dated && dated.type === 'start_date' ? dated.start_date.slice(0, 10) : null;
    const ref = this.ref(step, { kind: 'fallback', source: FALLBACK_CATALOGUE, entry: `${result.provider.id}/${result.model.id}`, effectiveFrom });
    return { micros: Math.round(result.total_price * 1e6), ref };
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
  const uncached = step.inputTokens - step.cachedInputTokens - step.cacheWriteTokens;
  const total = uncached * rate.input + step.cachedInputTokens * rate.cachedInput + step.cacheWriteTokens * rate.cacheWrite + step.outputTokens * rate.output;
  return Math.round(total / 1e6);
}
