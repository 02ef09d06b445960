import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LineCounter, isMap, isScalar, parseDocument, visit } from 'yaml';
import { unresolvedAlias, unresolvedAliasMessage } from '../util/yaml-aliases.js';
import { ConfigError } from '../util/errors.js';
import { readUserFile } from '../util/read-user-file.js';
import { type At, type Credit, type Fail, type ProviderTerms, child, parseCredits, parseProviders } from './pricing-terms.js';

/** One price, in integer micro-dollars per 1M tokens (so a step's cost is exact integer math). */
export interface Rate {
  /** `YYYY-MM-DD` the price took effect, or null when the file does not say. */
  from: string | null;
  fromMs: number;
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
}

export interface ModelPrice {
  name: string;
  provider: string | null;
  aliases: string[];
  /** Where the entry was read: `rules/pricing.yaml` or the `--pricing` file. */
  source: string;
  /** Oldest first. */
  rates: Rate[];
  /** The published batch price (`batch:`), in force from the current rate's `from`; null: list x batch_pct. */
  batch: Rate | null;
}

/**
 * The price of one call of a shared tool (a vector lookup, a reranker, a web fetch), for tool steps
 * that carry no cost of their own: `per_call`, plus `per_unit` for every `unit_size` units of
 * `unit` the step reports (its `tool_units`). Micro-dollars, kept fractional (a call can cost less
 * than a micro-dollar); a step's cost is rounded once.
 */
export interface ToolPrice {
  name: string;
  /** Where the entry was read: `rules/pricing.yaml` or the `--pricing` file. */
  source: string;
  perCall: number;
  unit: { name: string; size: number; price: number } | null;
}

/** The price list: every model, a lower-case lookup of names and aliases, and tools by lower-case name. */
export interface PriceTable {
  models: Map<string, ModelPrice>;
  lookup: Map<string, ModelPrice>;
  tools: Map<string, ToolPrice>;
  /** `providers:` terms (discounts, batch share) by canonical provider id. */
  providers: Map<string, ProviderTerms>;
  /** `credits:`, in the order they are applied. */
  credits: Credit[];
}

/** Name the bundled list is reported under. */
export const BUILTIN_PRICING = 'rules/pricing.yaml';
const builtinFile = fileURLToPath(new URL('../../rules/pricing.yaml', import.meta.url));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE_KEYS = ['input', 'cached_input', 'cache_write', 'output'] as const;
const MODEL_KEYS = new Set<string>([...RATE_KEYS, 'provider', 'aliases', 'from', 'history', 'batch']);
const TOP_KEYS = ['version', 'read', 'source', 'models', 'tools', 'providers', 'credits'];
const TOOL_KEYS = new Set<string>(['per_call', 'per_unit', 'unit', 'unit_size']);
/** A unit is a name of the step's `tool_units` (lower case, as JSON keys are written). */
const UNIT_NAME = /^[a-z][a-z0-9_]*$/;

/** A pricing file is a page of YAML (rules/pricing.yaml is 3 KB); 1 MiB is about 30,000 models. */
export const MAX_PRICING_BYTES = 1024 * 1024;
/** Alias expansions allowed: the same bound as the taxonomy, so an alias bomb is a message, not a crash. */
const MAX_ALIAS_COUNT = 100;
/**
 * The most a price can be, in USD per 1M tokens: far above any model sold (hundreds of dollars), and
 * low enough that a step's cost in integer micro-dollars stays exact (`input: 1e308` made it Infinity).
 */
export const MAX_PRICE_USD = 100_000;

/** USD per 1M tokens -> integer micro-dollars per 1M tokens (6 decimals are exact). */
function toMicros(usd: number): number {
  return Math.round(usd * 1e6);
}

/**
 * Parse and check a pricing file (schema: schemas/pricing.schema.json). Every problem is a ConfigError
 * naming the file, line, column and field, because a wrong price silently skews every number after it.
 * Linear in the number of models: positions come from walking the document's nodes once, never from
 * a lookup by name (which is a scan of the mapping, and was quadratic: 20k models took 10 s).
 */
export function parsePricing(text: string, source: string): PriceTable {
  const lineCounter = new LineCounter();
  // yaml's own `uniqueKeys` compares each key with every earlier one (quadratic: 20k models took 7 s);
  // duplicates are found below with one Set per mapping instead.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const fail = (message: string, at?: At | number, rule?: string): never => {
    const offset = typeof at === 'number' ? at : at?.range?.[0];
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    const where = pos === undefined ? source : `${source}:${pos.line}:${pos.col}`;
    throw new ConfigError(`${where}: ${message}${rule === undefined ? '' : ` (${rule})`}`, 'Fix the pricing file; its schema is schemas/pricing.schema.json.');
  };
  if (doc.errors.length > 0) fail(`not valid YAML: ${doc.errors[0]!.message}`, doc.errors[0]!.pos[0]);
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) fail(`duplicate key \`${String(key)}\``, pair.key as At);
        seen.add(key);
      }
    },
  });
  const unresolved = unresolvedAlias(doc);
  if (unresolved) fail(unresolvedAliasMessage(unresolved), unresolved as At);
  let root: unknown;
  try {
    root = doc.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml's "Excessive alias count indicates a resource exhaustion attack".
    if (error instanceof ReferenceError) fail(`aliases expand to more than ${MAX_ALIAS_COUNT} nodes; attrib refuses alias bombs (write the prices out instead)`);
    throw error;
  }
  if (!(root instanceof Map)) fail('expected a mapping with `version: 1` and `models`');
  const top = root as Map<unknown, unknown>;
  if (top.get('version') !== 1) fail('`version` must be 1', child(doc.contents, 'version'));
  const models = top.get('models');
  const modelsNode = child(doc.contents, 'models');
  if (!(models instanceof Map)) fail('`models` must be a mapping of model names to prices', modelsNode);
  for (const key of top.keys()) {
    if (!TOP_KEYS.includes(String(key))) fail(`unknown top-level field \`${String(key)}\` (expected ${TOP_KEYS.join(', ')})`, offsetOfKey(doc, [String(key)]));
  }
  const offsetOf = (...keys: string[]): number | undefined => {
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    return node?.range?.[0];
  };
  // The document's pairs, in the same order as the Map toJS built from them (keys are unique).
  const pairs = isMap(modelsNode) ? modelsNode.items : [];
  const table: PriceTable = { models: new Map(), lookup: new Map(), tools: new Map(), providers: new Map(), credits: [] };
  let index = 0;
  for (const [rawName, rawSpec] of models as Map<unknown, unknown>) {
    const pair = pairs[index++];
    const name = String(rawName);
    const at = (pair?.key ?? modelsNode) as At;
    const specNode = pair?.value as At;
    if (!(rawSpec instanceof Map)) fail(`models.${name} must be a mapping`, at);
    const spec = rawSpec as Map<unknown, unknown>;
    for (const key of spec.keys()) {
      if (!MODEL_KEYS.has(String(key))) fail(`models.${name}: unknown field \`${String(key)}\` (expected ${[...MODEL_KEYS].join(', ')})`, child(specNode, String(key)) ?? at);
    }
    const readRate = (m: Map<unknown, unknown>, node: At, where: string, fromRequired: boolean): Rate => {
      const num = (key: string, fallback?: number): number => {
        const v = m.get(key);
        if (v === undefined && fallback !== undefined) return fallback;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_PRICE_USD) {
          fail(`${where}.${key} must be a number of USD per 1M tokens from 0 to ${MAX_PRICE_USD}${typeof v === 'number' ? `, not ${v}` : ''}`, child(node, key) ?? node ?? at);
        }
        return v as number;
      };
      const input = num('input');
      const rawFrom = m.get('from');
      const from = rawFrom instanceof Date ? rawFrom.toISOString().slice(0, 10) : rawFrom === undefined ? null : String(rawFrom);
      // Date.parse rolls 2025-02-30 over to March 2: only a date that reads back the same is one.
      const real = from !== null && DATE.test(from) && !Number.isNaN(Date.parse(from)) && new Date(Date.parse(from)).toISOString().slice(0, 10) === from;
      if (from === null ? fromRequired : !real) fail(`${where}.from must be a date (YYYY-MM-DD)`, child(node, 'from') ?? node ?? at);
      return {
        from,
        fromMs: from === null ? -Infinity : Date.parse(`${from}T00:00:00Z`),
        input: toMicros(input),
        cachedInput: toMicros(num('cached_input', input)),
        cacheWrite: toMicros(num('cache_write', input)),
        output: toMicros(num('output')),
      };
    };
    const current = readRate(spec, specNode ?? at, `models.${name}`, false);
    const rates = [current];
    const history = spec.get('history');
    const historyNode = child(specNode, 'history');
    if (history !== undefined) {
      if (!Array.isArray(history)) fail(`models.${name}.history must be a list of dated prices`, historyNode ?? at);
      if (current.from === null) {
        fail(`models.${name} has a history, so it needs \`from\`: the date its current price took effect`, at);
      }
      (history as unknown[]).forEach((h, i) => {
        const node = child(historyNode, i) ?? historyNode ?? at;
        if (!(h instanceof Map)) fail(`models.${name}.history[${i}] must be a mapping with from, input, output`, node);
        rates.push(readRate(h as Map<unknown, unknown>, node, `models.${name}.history[${i}]`, true));
      });
      rates.sort((a, b) => a.fromMs - b.fromMs);
      for (let i = 1; i < rates.length; i++) {
        if (rates[i]!.fromMs === rates[i - 1]!.fromMs) fail(`models.${name}: two prices take effect on ${rates[i]!.from}`, historyNode ?? at);
      }
    }
    const provider = spec.get('provider');
    if (provider !== undefined && typeof provider !== 'string') fail(`models.${name}.provider must be a string`, child(specNode, 'provider') ?? at);
    const aliases = spec.get('aliases') ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) fail(`models.${name}.aliases must be a list of names`, child(specNode, 'aliases') ?? at);
    const batch = spec.get('batch');
    const batchNode = child(specNode, 'batch') ?? at;
    if (batch !== undefined && !(batch instanceof Map)) fail(`models.${name}.batch must be a mapping with input and output (the batch price, USD per 1M tokens)`, batchNode, 'pricing-batch');
    if (batch instanceof Map && [...batch.keys()].some((k) => !(RATE_KEYS as readonly unknown[]).includes(k))) {
      fail(`models.${name}.batch: only ${RATE_KEYS.join(', ')} (the batch price takes effect with the current price)`, batchNode, 'pricing-batch');
    }
    const batchRate = batch instanceof Map ? { ...readRate(batch, batchNode, `models.${name}.batch`, false), from: current.from, fromMs: current.fromMs } : null;
    const entry: ModelPrice = { name, provider: (provider as string | undefined) ?? null, aliases: aliases as string[], source, rates, batch: batchRate };
    table.models.set(name, entry);
  }
  const tools = top.get('tools');
  if (tools !== undefined) {
    if (!(tools instanceof Map)) fail('`tools` must be a mapping of tool names to prices', offsetOf('tools'));
    for (const [rawName, rawSpec] of tools as Map<unknown, unknown>) {
      const name = String(rawName);
      const tool = parseToolPrice(name, rawSpec, source, (message) => fail(message, offsetOf('tools', name)));
      if (table.tools.has(name.toLowerCase())) fail(`tools.${name}: listed twice (tool names are compared without case)`, offsetOf('tools', name));
      table.tools.set(name.toLowerCase(), tool);
    }
  }
  const providers = top.get('providers');
  if (providers !== undefined) table.providers = parseProviders(providers, child(doc.contents, 'providers'), source, fail as Fail);
  const credits = top.get('credits');
  if (credits !== undefined) table.credits = parseCredits(credits, child(doc.contents, 'credits'), source, fail as Fail);
  indexTable(table);
  return table;
}

function offsetOfKey(doc: ReturnType<typeof parseDocument>, keys: string[]): number | undefined {
  const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
  return node?.range?.[0];
}

/** One `tools.<name>` entry: USD amounts in the file, micro-dollars in the table. */
function parseToolPrice(name: string, rawSpec: unknown, source: string, fail: (message: string) => never): ToolPrice {
  if (!(rawSpec instanceof Map)) fail(`tools.${name} must be a mapping with per_call and/or per_unit`);
  const spec = rawSpec as Map<unknown, unknown>;
  for (const key of spec.keys()) {
    if (!TOOL_KEYS.has(String(key))) fail(`tools.${name}: unknown field \`${String(key)}\` (expected ${[...TOOL_KEYS].join(', ')})`);
  }
  const usd = (key: string): number | undefined => {
    const v = spec.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`tools.${name}.${key} must be a non-negative number of USD`);
    return v as number;
  };
  const perCall = usd('per_call');
  const perUnit = usd('per_unit');
  const unit = spec.get('unit');
  const size = spec.get('unit_size') ?? 1;
  if (perCall === undefined && perUnit === undefined) fail(`tools.${name} needs per_call, per_unit, or both`);
  if (perUnit === undefined && (unit !== undefined || spec.has('unit_size'))) fail(`tools.${name}: unit and unit_size only go with per_unit`);
  if (perUnit !== undefined && (typeof unit !== 'string' || !UNIT_NAME.test(unit))) {
    fail(`tools.${name}.unit must name what per_unit counts, in lower case (e.g. results, gb): the step's tool_units.<unit>`);
  }
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) fail(`tools.${name}.unit_size must be a positive number (per_unit is the price of unit_size units)`);
  return {
    name,
    source,
    perCall: (perCall ?? 0) * 1e6,
    unit: perUnit === undefined ? null : { name: unit as string, size: size as number, price: perUnit * 1e6 },
  };
}

function indexTable(table: PriceTable): void {
  table.lookup.clear();
  for (const entry of table.models.values()) {
    for (const alias of entry.aliases) table.lookup.set(alias.toLowerCase(), entry);
  }
  // Names win over aliases.
  for (const entry of table.models.values()) table.lookup.set(entry.name.toLowerCase(), entry);
}

/** `extra` replaces same-named models of `base` (aliases included) and same providers' terms, adds the rest, and adds its credits. */
export function mergePricing(base: PriceTable, extra: PriceTable): PriceTable {
  const merged: PriceTable = {
    models: new Map(base.models),
    lookup: new Map(),
    tools: new Map([...base.tools, ...extra.tools]),
    providers: new Map([...base.providers, ...extra.providers]),
    credits: [...base.credits, ...extra.credits],
  };
  for (const [name, entry] of extra.models) merged.models.set(name, entry);
  indexTable(merged);
  return merged;
}

/** The bundled price list, extended or overridden by `--pricing FILE`. */
export async function loadPricing(options: { cwd: string; file?: string }): Promise<PriceTable> {
  const builtin = parsePricing(await readFile(builtinFile, 'utf8'), BUILTIN_PRICING);
  if (options.file === undefined) return builtin;
  const { text, shown } = await readUserFile(options.file, {
    cwd: options.cwd,
    what: 'pricing file',
    hint: 'Pass `--pricing` the path of a YAML file in the rules/pricing.yaml format.',
    maxBytes: MAX_PRICING_BYTES,
  });
  return mergePricing(builtin, parsePricing(text, shown));
}

/** How a logged model name found its entry. */
export type MatchKind = 'exact' | 'provider-prefix' | 'snapshot-prefix';

/**
 * Find the entry for a logged model name: exactly, then without a provider prefix (`openai/`),
 * then the longest listed name that is a prefix followed by `-` (dated snapshots).
 */
export function matchModel(table: PriceTable, model: string): { entry: ModelPrice; match: MatchKind } | undefined {
  const wanted = model.toLowerCase();
  const exact = table.lookup.get(wanted);
  if (exact) return { entry: exact, match: 'exact' };
  const slash = wanted.lastIndexOf('/');
  const bare = slash === -1 ? wanted : wanted.slice(slash + 1);
  if (slash !== -1) {
    const found = table.lookup.get(bare);
    if (found) return { entry: found, match: 'provider-prefix' };
  }
  // Walk back over `-` boundaries: the first hit is the longest listed prefix.
  for (let dash = bare.lastIndexOf('-'); dash > 0; dash = bare.lastIndexOf('-', dash - 1)) {
    const found = table.lookup.get(bare.slice(0, dash));
    if (found) return { entry: found, match: 'snapshot-prefix' };
  }
  return undefined;
}

/** The rate in force at `ts`: the latest that took effect by then, else the oldest known. */
export function rateAt(entry: ModelPrice, ts: number): Rate {
  const rates = entry.rates;
  for (let i = rates.length - 1; i > 0; i--) if (rates[i]!.fromMs <= ts) return rates[i]!;
  return rates[0]!;
}
