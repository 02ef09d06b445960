/**
 * The step ledger as a flat table: the columns of the Parquet ledger and of the step table the SQL
 * contract (`attrib sql`) reads. A JSONL row's objects become one column per key, named
 * `<object>_<key>` (`tags.feature` -> `tags_feature`), so every warehouse loads it without struct
 * or JSON types. Same order and names as schemas/step-ledger.schema.json: add, never rename.
 */
import { ATTRIBUTION_TAGS } from '../report/step.js';

/** The portable types the ledger uses (each dialect names them its own way). */
export type LedgerType = 'text' | 'bigint' | 'double' | 'boolean';

export interface LedgerColumn {
  /** The flat column name. */
  name: string;
  /** Where the value sits in a JSONL row: the field, or the object and its key. */
  path: readonly [string] | readonly [string, string];
  type: LedgerType;
}

const plain = (name: string, type: LedgerType): LedgerColumn => ({ name, path: [name], type });
const perTag = (object: string): LedgerColumn[] => ATTRIBUTION_TAGS.map((tag) => ({ name: `${object}_${tag}`, path: [object, tag], type: 'text' }));

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  plain('ledger_row', 'bigint'),
  plain('ts', 'text'),
  plain('step_id', 'text'),
  plain('parent_step_id', 'text'),
  plain('run_id', 'text'),
  plain('kind', 'text'),
  plain('provider', 'text'),
  plain('model', 'text'),
  plain('tool', 'text'),
  plain('tool_owner', 'text'),
  plain('input_tokens', 'bigint'),
  plain('cached_input_tokens', 'bigint'),
  plain('cache_write_tokens', 'bigint'),
  plain('output_tokens', 'bigint'),
  plain('cost_micro_usd', 'bigint'),
  plain('cost_usd', 'double'),
  plain('unpriced', 'boolean'),
  plain('price_source', 'text'),
  plain('price_entry', 'text'),
  plain('structural', 'boolean'),
  plain('counted', 'boolean'),
  plain('attribution_status', 'text'),
  ...perTag('tags'),
  ...perTag('tag_sources'),
  ...perTag('own_tags'),
  plain('own_run_tag', 'text'),
  plain('source_run', 'text'),
  plain('price_table', 'text'),
  plain('price_effective_from', 'text'),
  plain('price_match', 'text'),
  plain('price_tool', 'text'),
  plain('price_reason', 'text'),
  plain('source_file', 'text'),
  plain('source_line', 'bigint'),
  plain('source_format', 'text'),
];
