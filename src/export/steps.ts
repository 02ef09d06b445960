/**
 * The normalised step ledger (`attrib export steps`): every record attrib read, whatever its format,
 * as one row of one schema: the step record's fields plus how attrib priced and attributed it. It is
 * the table a warehouse loads to run the same rollup nightly (schemas/step-ledger.schema.json), so
 * its columns are a contract: add, never rename.
 *
 * Summing `cost_micro_usd` over the rows where `counted` is true gives the report's total, and
 * grouping those rows by a tag gives its group lists (the feature lines count a step's feature only
 * when `attribution_status` is `attributed`, as the report does).
 */
import type { Analysis } from '../report/index.js';
import type { AttributionStatus, TagSource } from '../report/attribute.js';
import type { PriceSource } from '../report/pricing.js';
import { ATTRIBUTION_TAGS, type AttributionTag } from '../report/step.js';
import type { StepKind } from '../report/types.js';

export const LEDGER_SCHEMA_VERSION = 1;

export interface LedgerRow {
  /** ISO 8601, UTC, millisecond precision. */
  ts: string;
  step_id: string | null;
  /** The step id of the parent record, when the parent was read (null for a root). */
  parent_step_id: string | null;
  /** The run the step belongs to: its parent_run_id after inheritance, or attrib's label for a tree without one. */
  run_id: string;
  kind: StepKind;
  provider: string | null;
  model: string | null;
  tool: string | null;
  tool_owner: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  /** Integer micro-dollars: the amount the report counts (0 when unpriced). */
  cost_micro_usd: number;
  /** The same amount in dollars, for readers without integer arithmetic. */
  cost_usd: number;
  unpriced: boolean;
  /** record (the log's own cost), table, fallback, tool, none or unpriced. */
  price_source: PriceSource['kind'];
  /** The price-table entry that priced it, when one did. */
  price_entry: string | null;
  /** Agents and chains: they pass tags on and are never counted. */
  structural: boolean;
  /** In the report: a real step inside the period. Sum only these rows. */
  counted: boolean;
  attribution_status: AttributionStatus;
  /** The attributed values (after inheritance and the registry), null when missing. */
  tags: Record<AttributionTag, string | null>;
  /** Where each value came from: own, ancestor, run, registry, or none. */
  tag_sources: Record<AttributionTag, TagSource>;
  /** The log file (as given), its line (0 inside a JSON document) and the format it was read as. */
  source_file: string;
  source_line: number;
  source_format: string;
}

/** One row per stored record, in the order they were read. */
export function* ledgerRows(analysis: Analysis): Generator<LedgerRow> {
  for (let i = 0; i < analysis.size; i++) {
    const step = analysis.step(i);
    const tags = Object.create(null) as LedgerRow['tags'];
    const sources = Object.create(null) as LedgerRow['tag_sources'];
    for (const tag of ATTRIBUTION_TAGS) {
      tags[tag] = step.tags[tag].value;
      sources[tag] = step.tags[tag].source;
    }
    const price = step.price.price;
    const micros = analysis.store.cost.get(i);
    yield {
      ts: step.ts,
      step_id: step.stepId,
      parent_step_id: step.parent === -1 ? null : analysis.store.stepIdOf(step.parent),
      run_id: step.run,
      kind: step.kind,
      provider: step.provider,
      model: step.model,
      tool: step.tool,
      tool_owner: step.toolOwner,
      input_tokens: step.inputTokens,
      cached_input_tokens: step.cachedInputTokens,
      cache_write_tokens: step.cacheWriteTokens,
      output_tokens: step.outputTokens,
      cost_micro_usd: micros,
      cost_usd: micros / 1e6,
      unpriced: step.unpriced,
      price_source: price.kind,
      price_entry: 'entry' in price ? price.entry : null,
      structural: step.structural,
      counted: step.counted,
      attribution_status: step.status,
      tags,
      tag_sources: sources,
      source_file: step.file,
      source_line: step.line,
      source_format: step.format,
    };
  }
}

/** The ledger as JSONL, in chunks of many lines (one string for millions of rows would not fit). */
export function* ledgerJsonl(rows: Iterable<LedgerRow>, linesPerChunk = 2000): Generator<string> {
  let chunk = '';
  let lines = 0;
  for (const row of rows) {
    chunk += `${JSON.stringify(row)}\n`;
    if (++lines === linesPerChunk) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  if (chunk !== '') yield chunk;
}
