import { stringify } from 'csv-stringify/sync';
import { sanitizeForTerminal } from '../util/terminal.js';
import { type Dimension, type ReportFormatter, type ViewCell, buildReportView } from './report-view.js';
import { COLUMNS } from './report-sections.js';
import { plainDecimal } from './numbers.js';

/** Rows of `csv` without `--by`: one spreadsheet of feature chargeback. */
export const DEFAULT_CSV_DIMENSIONS: readonly Dimension[] = ['feature'];

/** Columns of the group-by sections first, in their fixed order; other sections' columns after. */
const COLUMN_ORDER: readonly string[] = Object.keys(COLUMNS);

/**
 * One row per group of the `--by` dimension(s) (default: feature), for spreadsheets: every row of
 * the report view, uncapped. The header depends only on `--by`: the union of the chosen sections'
 * columns in a fixed order, led by a `dimension` column when there are several. Amounts are plain
 * decimals (no `$`, no grouping); no totals row (every dimension's rows already sum to the total).
 */
export const format: ReportFormatter = (result, options) => {
  const by = options.by ?? DEFAULT_CSV_DIMENSIONS;
  const sections = buildReportView(result, { ...options, by, top: Infinity }).sections.filter((section) => (by as readonly string[]).includes(section.dimension ?? section.id));
  const headers = new Map<string, string>();
  for (const section of sections) for (const column of section.columns) if (!headers.has(column.id)) headers.set(column.id, column.csv);
  const rank = (id: string) => (COLUMN_ORDER.includes(id) ? COLUMN_ORDER.indexOf(id) : COLUMN_ORDER.length);
  const columns = [...headers.keys()].sort((a, b) => rank(a) - rank(b));
  const several = sections.length > 1;
  const records: string[][] = [[...(several ? ['dimension'] : []), ...columns.map((id) => headers.get(id)!)]];
  for (const section of sections) {
    const ids = section.columns.map((column) => column.id);
    for (const row of section.rows) {
      if (row.kind !== 'row') continue;
      const cells = columns.map((id) => {
        const i = ids.indexOf(id);
        return i === -1 ? '' : cellValue(row.cells[i]!);
      });
      records.push(several ? [section.id, ...cells] : cells);
    }
  }
  return stringify(records);
};

function cellValue(cell: ViewCell): string {
  switch (cell.type) {
    case 'text':
      return neutraliseFormula(sanitizeForTerminal(cell.text));
    case 'money':
    case 'signed-money':
      return plainDecimal(cell.usd);
    case 'percent':
      return cell.pct === null ? '' : plainDecimal(cell.pct, 4);
    case 'count':
      return String(cell.count);
    case 'status':
      return cell.status;
    case 'action':
      return cell.action;
    case 'outlier':
      return String(cell.outlier);
    case 'list':
      return neutraliseFormula(sanitizeForTerminal(cell.items.join('\n')));
    case 'empty':
      return '';
  }
}

/** A cell a spreadsheet would run as a formula: =, +, -, @ (after optional whitespace), tab or CR. */
const FORMULA = /^(?:[\t\r]|\s*[=+\-@])/;

/**
 * CSV injection (OWASP): prefix such a cell with a single quote so Excel, LibreOffice and Sheets show
 * it as text. Only strings from logs pass here; the numbers are ours, so `-3.5` stays a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}
