/**
 * RFC 4180 CSV over a line stream: the first non-empty line is the header, quoted fields may hold
 * commas, doubled quotes and newlines (a record then spans several lines and is reported at the
 * line it starts on). Rows become null-prototype objects, so a `__proto__` column is just a column.
 */
export class CsvReader {
  private header: string[] | undefined;
  private pending = '';
  private pendingLine = 0;

  constructor(
    private readonly onRow: (row: Record<string, string>, lineNo: number) => void,
    private readonly onBad: (reason: string, lineNo: number) => void,
  ) {}

  line(text: string, lineNo: number): void {
    if (this.pending.length === 0) {
      if (text.length === 0) return;
      this.pendingLine = lineNo;
      this.pending = text;
    } else {
      this.pending += `\n${text}`;
    }
    const fields = parseFields(this.pending);
    if (fields === undefined) return; // inside a quoted field: wait for the next line
    const start = this.pendingLine;
    this.pending = '';
    if (this.header === undefined) {
      this.header = fields.map((f) => f.trim());
      return;
    }
    if (fields.length !== this.header.length) {
      this.onBad(`expected ${this.header.length} CSV fields, found ${fields.length}`, start);
      return;
    }
    const row = Object.create(null) as Record<string, string>;
    for (let i = 0; i < fields.length; i++) row[this.header[i]!] = fields[i]!;
    this.onRow(row, start);
  }

  end(): void {
    if (this.pending.length > 0) this.onBad('unterminated quoted CSV field', this.pendingLine);
    this.pending = '';
  }
}

/** Split one CSV record; undefined while a quoted field is still open. */
export function parseFields(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return undefined;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the next comma is kept (lenient, like most readers).
      const comma = text.indexOf(',', i);
      value += text.slice(i, comma === -1 ? text.length : comma);
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      fields.push(text.slice(i, comma === -1 ? text.length : comma));
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}
