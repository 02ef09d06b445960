/**
 * One JSONL line into records: shared by the single-threaded reader (input.ts) and the ingest
 * workers (ingest-worker.ts), so a line is read, skipped and numbered the same way on both paths.
 */
import { type InputFormat, type RecordFormat, type RecordSink, importRecord } from './importers/index.js';
import type { IngestSink } from './input.js';
import { LineSplitter, MAX_LINE_BYTES } from './lines.js';
import type { StepRecord } from './step.js';

export const tooLong = (bytes: number) =>
  `line of ${bytes} bytes is over the ${MAX_LINE_BYTES / 1024 / 1024} MiB limit for one record: skipped without reading it`;

/** Passes one file's records on with their line number; one per file, not one per record. */
export class LineSink implements RecordSink {
  line = 0;
  constructor(
    private readonly sink: IngestSink,
    private readonly file: number,
  ) {}

  step(step: StepRecord, format: RecordFormat): void {
    this.sink.step(step, format, this.file, this.line);
  }

  skip(reason: string): void {
    this.sink.skip(this.file, this.line, reason);
  }
}

export function readJsonLine(text: string, lineNo: number, format: InputFormat, sink: LineSink): void {
  // Blank lines are padding, not records (a line starting with `{` is not blank: no trim needed).
  if (text.length === 0 || (text.charCodeAt(0) !== 0x7b && text.trim().length === 0)) return;
  sink.line = lineNo;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    sink.skip(`not valid JSON: ${(error as Error).message}`);
    return;
  }
  importRecord(value, format, sink);
}

/**
 * A splitter that reads every line it is fed as one JSONL record of `file`. `bom: false` for a byte
 * range that does not start the file (only a file's first bytes can be a byte-order mark).
 */
export function jsonLineSplitter(file: number, format: InputFormat, sink: IngestSink, options: { bom?: boolean } = {}): LineSplitter {
  const lines = new LineSink(sink, file);
  return new LineSplitter((text, lineNo) => readJsonLine(text, lineNo, format, lines), {
    onTooLong: (lineNo, bytes) => sink.skip(file, lineNo, tooLong(bytes)),
    ...(options.bom === undefined ? {} : { bom: options.bom }),
  });
}
