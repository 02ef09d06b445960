import { StringDecoder } from 'node:string_decoder';

/** Called once per line, without its `\n` / `\r\n`, with its 1-based line number. */
export type LineHandler = (line: string, lineNo: number) => void;

/**
 * Splits a byte stream into lines, fed in large chunks. Faster than `readline` because it scans
 * each decoded chunk with `indexOf('\n')` and slices, instead of emitting events per line.
 * Handles a UTF-8 BOM, CRLF, multi-byte characters split across chunks (StringDecoder), and a last
 * line without a trailing newline. Empty lines are reported too (callers skip them).
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private lineNo = 0;
  private started = false;

  constructor(private readonly onLine: LineHandler) {}

  write(chunk: Buffer | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.rest.length > 0) {
      text = this.rest + text;
      this.rest = '';
    }
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text.slice(start, end), ++this.lineNo);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) this.rest = text.slice(start);
  }

  /** Flush the last line (the one without a trailing newline). */
  end(): void {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    if (tail.length > 0) {
      const text = !this.started && tail.charCodeAt(0) === 0xfeff ? tail.slice(1) : tail;
      this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, ++this.lineNo);
    }
  }

  /** Number of lines reported so far. */
  get lines(): number {
    return this.lineNo;
  }
}

/** Read a whole stream line by line; resolves once the last line was handled. */
export async function splitLines(stream: AsyncIterable<Buffer | string>, onLine: LineHandler): Promise<number> {
  const splitter = new LineSplitter(onLine);
  for await (const chunk of stream) splitter.write(chunk);
  splitter.end();
  return splitter.lines;
}
