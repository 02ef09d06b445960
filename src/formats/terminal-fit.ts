/**
 * Fitting the terminal report to the terminal's width (`process.stdout.columns`, passed in as
 * `FormatOptions.columns`): a table too wide first loses its least important columns (by the view
 * column's priority), then its long text cells wrap; a long line wraps under a hanging indent. Widths
 * are display widths (string-width: East Asian wide characters count two, ANSI colour nothing).
 */
import stringWidth from 'string-width';
import type { ViewColumn } from './report-cells.js';

/** Columns that may be dropped before any cell wraps: those below this priority. */
const DROP_FIRST_BELOW = 5;
/** A wrapped text column is never narrower than this (or its heading). */
const MIN_WRAPPED = 10;

/** Display width of the widest line of a cell. */
export function cellWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, stringWidth(line));
  return max;
}

/** Display width of the longest word of a cell (the width below which wrapping must cut a word). */
function longestWord(text: string): number {
  let max = 0;
  for (const word of text.split(/[\s]+/)) max = Math.max(max, stringWidth(word));
  return max;
}

/** A wrapped column keeps words of up to this width whole, when it can. */
const WHOLE_WORD = 20;

/** Width of a cli-table3 table whose columns hold `widths` (one space of padding a side, borders). */
const tableWidth = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + 3, 1);

export interface Fit {
  /** Indexes of the columns kept, in order. */
  keep: number[];
  /** Content widths of the kept columns when some must wrap (cells are wrapped with wrapCell); undefined: natural widths. */
  widths?: number[];
}

/**
 * Which columns to keep and how wide to make them so the table fits `width`. `cells` are the
 * rendered texts, heading first. Right-aligned (number) columns never wrap; left-aligned ones may.
 */
export function fitColumns(columns: readonly ViewColumn[], cells: readonly (readonly string[])[], width: number): Fit {
  const natural = columns.map((_, i) => Math.max(0, ...cells.map((row) => cellWidth(row[i] ?? ''))));
  let keep = columns.map((_, i) => i);
  const fits = () => tableWidth(keep.map((i) => natural[i]!)) <= width;
  /** Drop the least important kept column below `limit` (the rightmost of equals); false when none is left. */
  const dropOne = (limit: number) => {
    let victim = -1;
    for (const i of keep) if (columns[i]!.priority < limit && (victim === -1 || columns[i]!.priority <= columns[victim]!.priority)) victim = i;
    if (victim === -1) return false;
    keep = keep.filter((i) => i !== victim);
    return true;
  };
  while (!fits() && dropOne(DROP_FIRST_BELOW));
  if (fits()) return { keep };
  for (;;) {
    const wrapped = wrapWidths(
      keep.map((i) => ({
        natural: natural[i]!,
        floor: Math.max(MIN_WRAPPED, cellWidth(cells[0]?.[i] ?? ''), Math.min(WHOLE_WORD, Math.max(0, ...cells.map((row) => longestWord(row[i] ?? ''))))),
        wraps: columns[i]!.align === 'left',
      })),
      width,
    );
    if (wrapped !== undefined) return { keep, widths: wrapped };
    if (!dropOne(10)) return { keep }; // only the key column is left: let the terminal wrap it
  }
}

/** Content widths that fit `width` by narrowing the wrappable columns, widest first; undefined when impossible. */
function wrapWidths(cols: readonly { natural: number; floor: number; wraps: boolean }[], width: number): number[] | undefined {
  const widths = cols.map((c) => c.natural);
  let excess = tableWidth(widths) - width;
  const floor = (c: (typeof cols)[number]) => (c.wraps ? Math.min(c.natural, c.floor) : c.natural);
  while (excess > 0) {
    // Narrow the widest column that can still give up width, one character at a time.
    let widest = -1;
    for (let i = 0; i < cols.length; i++) if (widths[i]! > floor(cols[i]!) && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    if (widest === -1) return undefined;
    widths[widest]! -= 1;
    excess -= 1;
  }
  return widths;
}

/**
 * A line cut to `width` display columns at spaces, continuation lines indented by `indent` spaces;
 * a word longer than a line is cut where it must be. Colour codes count for nothing.
 */
export function wrapLine(line: string, width: number, indent: number): string {
  if (stringWidth(line) <= width) return line;
  // The line's own indentation stays on its first line (split(' ') would lose it).
  const lead = /^ */.exec(line)![0];
  if (lead.length > 0) return lead + wrapLine(line.slice(lead.length), width - lead.length, Math.max(0, indent - lead.length)).replaceAll('\n', `\n${lead}`);
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  let current = '';
  const room = () => (out.length === 0 ? width : width - indent);
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (stringWidth(candidate) <= room() || current === '') {
      current = candidate;
    } else {
      out.push(current);
      current = word;
    }
    while (stringWidth(current) > room() && [...current].length > 1) {
      const [head, rest] = splitAt(current, room());
      out.push(head);
      current = rest;
    }
  }
  if (current !== '') out.push(current);
  return out.map((part, i) => (i === 0 ? part : `${pad}${part}`)).join('\n');
}

/** The longest prefix of `text` at most `width` wide, and the rest, by code point (long words are text from logs: no colour codes). */
function splitAt(text: string, width: number): [string, string] {
  const chars = [...text];
  let end = 0;
  let used = 0;
  while (end < chars.length) {
    const w = stringWidth(chars[end]!);
    if (used + w > width) break;
    used += w;
    end += 1;
  }
  end = Math.max(1, end);
  return [chars.slice(0, end).join(''), chars.slice(end).join('')];
}

/** A cell's text wrapped to `width`: at spaces, and inside a word only when the word is wider. */
export function wrapCell(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, 0))
    .join('\n');
}
