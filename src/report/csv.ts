import { parse } from 'csv-parse/sync';

/**
 * One CSV record (all its lines) is at most this long. A quoted field still open past it is a
 * stray quote, not a field: the record is skipped and the lines after its first are read again.
 */
export const MAX_CSV_RECORD_CHARS = 8 * 1024 * 1024;

/** csv-parse options for one record: `\n` is the only record delimiter (a lone `\r` stays in its field). */
const RECORD_OPTIONS = { record_delimiter: '\n', relax_column_count: true, relax_quotes: true } as const;

/**
 * RFC 4180 CSV over a line stream: the first non-empty line is the header, quoted fields may hold
 * commas, doubled quotes and newlines (a record then spans several lines and is reported at the
 * line it starts on). Rows become null-prototype objects, so a `__proto__` column is just a column.
 *
 * Records are framed here (a record ends at the first line that ends outside a quoted field), in
 * one pass over each line; csv-parse reads the fields of each record. Framing first is what lets one bad quote cost one record: a quote left
 * open to the end of the file (or past MAX_CSV_RECORD_CHARS) skips the line it opened on, and the
 * lines after it, which had no quote able to close it, are each read again as records of their own.
 */
export class CsvReader {
  private header: string[] | undefined;
  /** Lines of the record being read: more than one while a quoted field is open. */
  private lines: string[] = [];
  private start = 0;
  private chars = 0;
  private open = false;

  constructor(
    private readonly onRow: (row: Record<string, string>, lineNo: number) => void,
    private readonly onBad: (reason: string, lineNo: number) => void,
  ) {}

  line(text: string, lineNo: number): void {
    if (this.lines.length === 0) {
      if (text.length === 0) return;
      this.start = lineNo;
    }
    this.lines.push(text);
    this.chars += text.length + 1;
    this.open = openAfter(text, this.open);
    if (this.open) {
      if (this.chars > MAX_CSV_RECORD_CHARS) this.reread(`a quoted CSV field is still open after ${MAX_CSV_RECORD_CHARS / 1024 / 1024} MiB`);
      return;
    }
    const record = this.lines.length === 1 ? this.lines[0]! : this.lines.join('\n');
    const start = this.start;
    this.reset();
    this.record(record, start);
  }

  end(): void {
    if (this.open) this.reread('unterminated quoted CSV field');
    this.reset();
  }

  /** Skip the record's first line and read the lines after it again (none of them closes its quote). */
  private reread(reason: string): void {
    const start = this.start;
    const rest = this.lines.slice(1);
    this.reset();
    this.onBad(`${reason}: this line is skipped and the ${rest.length} after it are read on their own`, start);
    for (let i = 0; i < rest.length; i++) this.line(rest[i]!, start + 1 + i);
  }

  private reset(): void {
    this.lines = [];
    this.chars = 0;
    this.open = false;
  }

  private record(text: string, lineNo: number): void {
    const fields = parseRecord(text);
    if (typeof fields === 'string') {
      this.onBad(fields, lineNo);
      return;
    }
    if (this.header === undefined) {
      this.header = fields.map((f) => f.trim());
      return;
    }
    if (fields.length !== this.header.length) {
      this.onBad(`expected ${this.header.length} CSV fields, found ${fields.length}`, lineNo);
      return;
    }
    const row = Object.create(null) as Record<string, string>;
    for (let i = 0; i < fields.length; i++) row[this.header[i]!] = fields[i]!;
    this.onRow(row, lineNo);
  }
}

/** The fields of one framed record, or why it is not a CSV record. */
export function parseRecord(text: string): string[] | string {
  // Without a quote, a record is its text split at commas (what csv-parse returns too), much faster.
  if (text.indexOf('"') === -1) return text.split(',');
  let rows: string[][];
  try {
    rows = parse(text, RECORD_OPTIONS) as string[][];
  } catch (error) {
    return `not a valid CSV record: ${(error as Error).message}`;
  }
  return rows.length === 1 ? rows[0]! : `not one CSV record: ${rows.length} found`;
}

/**
 * Whether a quoted field is still open at the end of `text`, given whether one was at its start.
 * A quote opens a field only at the field's start (elsewhere it is a literal character, as
 * csv-parse's relax_quotes reads it), and inside a field `""` is a quote, not its end.
 */
export function openAfter(text: string, open: boolean): boolean {
  let i = 0;
  if (!open && text.charCodeAt(0) === 34) {
    open = true;
    i = 1;
  }
  for (;;) {
    if (open) {
      const q = text.indexOf('"', i);
      if (q === -1) return true;
      if (text.charCodeAt(q + 1) === 34) {
        i = q + 2;
        continue;
      }
      open = false;
      i = q + 1;
    }
    // Outside quotes: on to the next field, which opens a quoted field when it starts with a quote.
    const comma = text.indexOf(',', i);
    if (comma === -1) return false;
    i = comma + 1;
    if (text.charCodeAt(i) === 34) {
      open = true;
      i++;
    }
  }
}
