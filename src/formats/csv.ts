import { stringify } from 'csv-stringify/sync';
import { sanitizeForTerminal } from '../util/terminal.js';
import { type Cell, COLUMN_ORDER, COLUMNS, DEFAULT_CSV_DIMENSIONS, type ReportFormatter, buildSections, plainDecimal } from './report-sections.js';

/**
 * One row per group of the `--by` dimension(s) (default: feature), for spreadsheets. The header
 * depends only on `--by`: the union of the chosen sections' columns in a fixed order, led by a
 * `dimension` column when there are several. Amounts are plain decimals (no `$`, no grouping); no
 * totals row (every dimension's rows already sum to the total).
 */
export const format: ReportFormatter = (result, options) => {
  const sections = buildSections(result, options.by ?? DEFAULT_CSV_DIMENSIONS);
  const used = new Set(sections.flatMap((section) => section.columns.map((column) => column.id)));
  const columns = COLUMN_ORDER.filter((id) => used.has(id));
  const several = sections.length > 1;
  const records: string[][] = [[...(several ? ['dimension'] : []), ...columns.map((id) => COLUMNS[id].csv)]];
  for (const section of sections) {
    const ids = section.columns.map((column) => column.id);
    for (const row of section.rows) {
      const cells = columns.map((id) => {
        const i = ids.indexOf(id);
        return i === -1 ? '' : cellValue(row[i]!);
      });
      records.push(several ? [section.dimension, ...cells] : cells);
    }
  }
  return stringify(records);
};

function cellValue(cell: Cell): string {
  switch (cell.type) {
    case 'text':
      return neutraliseFormula(sanitizeForTerminal(cell.text));
    case 'usd':
    case 'variance':
      return plainDecimal(cell.usd);
    case 'pct':
      return plainDecimal(cell.pct, 4);
    case 'count':
      return String(cell.count);
    case 'status':
      return cell.status;
    case 'action':
      return cell.action;
    case 'outlier':
      return String(cell.outlier);
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
