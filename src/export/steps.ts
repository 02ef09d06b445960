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
import { Flag } from '../report/store.js';
import type { StepKind } from '../report/types.js';

export const LEDGER_SCHEMA_VERSION = 1;

export interface LedgerRow {
  /** The row's position in this ledger (0-based, the order records were read): unique within one export. */
  ledger_row: number;
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
  /** The values the record carried itself, before inheritance: what the SQL contract (`attrib sql`) starts from. */
  own_tags: Record<AttributionTag, string | null>;
  /** The record's own parent_run_id tag. */
  own_run_tag: string | null;
  /** The source's trace or session id: the run when no parent_run_id tag is on the record's parent chain. */
  source_run: string | null;
  /** The price's origin (rules/pricing.yaml, the --pricing file, the fallback catalogue) for table, tool and fallback prices. */
  price_table: string | null;
  price_effective_from: string | null;
  /** How the logged model name matched a table entry (exact, provider-prefix, snapshot-prefix). */
  price_match: string | null;
  /** The tool whose `tools:` price priced (or failed to price) the step. */
  price_tool: string | null;
  /** Why a tool price could not price the step. */
  price_reason: string | null;
  /** The log file (as given), its line (0 inside a JSON document) and the format it was read as. */
  source_file: string;
  source_line: number;
  source_format: string;
}

/** One row per stored record, in the order they were read. The analysis must keep its own tags (`keepOwnTags`). */
export function* ledgerRows(analysis: Analysis): Generator<LedgerRow> {
  const { store, ownTags } = analysis;
  if (ownTags === undefined) throw new Error('ledgerRows needs an analysis made with keepOwnTags');
  const str = (id: number) => (id === -1 ? null : store.strings.get(id));
  for (let i = 0; i < analysis.size; i++) {
    const step = analysis.step(i);
    const tags = Object.create(null) as LedgerRow['tags'];
    const sources = Object.create(null) as LedgerRow['tag_sources'];
    const own = Object.create(null) as LedgerRow['own_tags'];
    ATTRIBUTION_TAGS.forEach((tag, t) => {
      tags[tag] = step.tags[tag].value;
      sources[tag] = step.tags[tag].source;
      own[tag] = str(ownTags[t]!.get(i));
    });
    const price = step.price.price;
    const micros = store.cost.get(i);
    const run = store.ownRun.get(i);
    const runTag = (store.flags.get(i) & Flag.runTag) !== 0;
    yield {
      ledger_row: i,
      ts: step.ts,
      step_id: step.stepId,
      parent_step_id: step.parent === -1 ? null : store.stepIdOf(step.parent),
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
      own_tags: own,
      own_run_tag: runTag ? store.runIds.get(run) : null,
      source_run: !runTag && run !== -1 ? store.runIds.get(run) : null,
      price_table: 'source' in price ? price.source : null,
      price_effective_from: 'effectiveFrom' in price ? price.effectiveFrom : null,
      price_match: 'match' in price ? price.match : null,
      price_tool: step.price.tool ?? null,
      price_reason: 'reason' in price ? (price.reason ?? null) : null,
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
