/**
 * `attrib report --format focus-parquet --out FILE`: the FOCUS 1.2 rows of `--format focus` as a
 * Parquet file, each column with the type the spec gives it (Decimal -> DECIMAL(38,6), exact for
 * micro-dollars; Date/Time -> TIMESTAMP WITH TIME ZONE; JSON -> JSON; String -> VARCHAR) and FOCUS
 * nulls as Parquet nulls, in the CSV's row order.
 */
import { duckString } from '../engine/duckdb.js';
import { FOCUS_COLUMNS, FOCUS_DATA_TYPES, focusCells } from '../formats/focus.js';
import type { FocusRow } from '../report/focus.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import { writeJsonlAsParquet } from './steps-parquet.js';

const DUCK_TYPES = { Decimal: 'DECIMAL(38, 6)', 'Date/Time': 'TIMESTAMPTZ', JSON: 'JSON', String: 'VARCHAR' } as const;

function* focusJsonl(rows: readonly FocusRow[]): Generator<string> {
  let order = 0;
  // Control characters from logs are escaped as everywhere; no formula guard: Parquet is not a spreadsheet.
  for (const row of rows) yield `${JSON.stringify({ row: order++, ...focusCells(row, sanitizeForTerminal) })}\n`;
}

/** The typed SELECT over the scratch JSONL: every cell read as text, then cast to its FOCUS type. */
function focusSelect(jsonl: string): string {
  const columns = ['row: \'BIGINT\'', ...FOCUS_COLUMNS.map((c) => `${c}: 'VARCHAR'`)].join(', ');
  const casts = FOCUS_COLUMNS.map((c) => `CAST(${c} AS ${DUCK_TYPES[FOCUS_DATA_TYPES[c]]}) AS ${c}`).join(', ');
  return `SELECT ${casts} FROM read_json(${duckString(jsonl)}, format = 'newline_delimited', columns = {${columns}}) ORDER BY row`;
}

export function writeFocusParquet(file: string, rows: readonly FocusRow[], exclusive: boolean): Promise<void> {
  return writeJsonlAsParquet(file, focusJsonl(rows), exclusive, focusSelect, 'FOCUS Parquet (--format focus-parquet)');
}
