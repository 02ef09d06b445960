import { type FileHandle, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { globFrom } from '../util/glob.js';
import { kindOf, openRegularFile, userFileError } from '../util/read-user-file.js';
import { CsvReader } from './csv.js';
import { type InputFormat, type RecordFormat, importRecord, recordsOf } from './importers/index.js';
import { GzipDamage, gunzip } from './gunzip.js';
import { type Container, type Recovered, containerFromText, hasObjectLine, recoverElements } from './json-document.js';
import { LineSplitter } from './lines.js';
import { LineSink, jsonLineSplitter, tooLong } from './json-lines.js';
import { recoverOtlp } from './importers/otlp-recovery.js';
import type { StepRecord } from './step.js';

/** JSON documents (arrays, `{ data: [...] }`, OTLP objects) are parsed whole, so their size is capped. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** One place logs come from: a file, or standard input (`-`). */
export type LogSource = { kind: 'file'; path: string; display: string; size: number } | { kind: 'stdin'; display: '-' };

/** File names a folder is searched for (each may also end in `.gz`). */
const LOG_EXTENSIONS = ['.jsonl', '.ndjson', '.json', '.csv'];

function isLogFile(name: string): boolean {
  const base = name.endsWith('.gz') ? name.slice(0, -3) : name;
  return LOG_EXTENSIONS.some((ext) => base.endsWith(ext));
}

/** A folder entry with a log file's name that was not read, and why (the `log-entries-not-read` warning). */
export interface NotRead {
  display: string;
  reason: string;
}

export interface ResolvedSources {
  sources: LogSource[];
  notRead: NotRead[];
}

/**
 * Expand paths, folders and globs into log sources, in a stable order, each real file once (a file
 * reached through two paths or a symlink is read once, never counted twice). Missing paths, globs
 * matching nothing and unreadable folders are ConfigErrors (exit 2). Inside a folder, symlinks are
 * followed (a folder reached twice, or a loop, is walked once); an entry with a log file's name that
 * is a FIFO, a device, a socket or a broken link is not read and is listed in `notRead`.
 */
export async function resolveSources(paths: readonly string[], cwd: string, base = cwd): Promise<ResolvedSources> {
  const sources: LogSource[] = [];
  const notRead: NotRead[] = [];
  const seen = new Set<string>();
  const walked = new Set<string>();
  // A file's identity is its device and inode, from the one stat each file needs for its size anyway
  // (a realpath per file would cost a second system call per path component).
  const addFile = async (absolute: string, known?: Stats) => {
    const info = known ?? (await stat(absolute));
    const identity = info.ino ? `${info.dev}:${info.ino}` : await realpath(absolute).catch(() => absolute);
    if (seen.has(identity)) return;
    seen.add(identity);
    sources.push({ kind: 'file', path: absolute, display: displayPath(absolute, cwd), size: info.size });
  };
  const walk = async (folder: string, given: string): Promise<number> => {
    const real = await realpath(folder).catch(() => folder);
    if (walked.has(real)) return 0;
    walked.add(real);
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError(`cannot read folder ${given}: ${error.code ?? error.message}`, 'Check that you may list the folder.');
    });
    const files: Array<{ path: string; info?: Stats }> = [];
    const linkedFolders: string[] = [];
    for (const entry of entries) {
      const entryPath = path.join(entry.parentPath, entry.name);
      if (entry.isFile()) {
        if (isLogFile(entry.name)) files.push({ path: entryPath });
        continue;
      }
      if (entry.isDirectory()) continue;
      // A symlink (readdir does not follow them) or a special file.
      const target = await stat(entryPath).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error) {
        if (isLogFile(entry.name)) notRead.push({ display: displayPath(entryPath, cwd), reason: target.code === 'ELOOP' ? 'a symlink loop' : `a symlink to nothing readable (${target.code ?? target.message})` });
      } else if (target.isDirectory()) linkedFolders.push(entryPath);
      else if (!isLogFile(entry.name)) continue;
      else if (target.isFile()) files.push({ path: entryPath, info: target });
      else notRead.push({ display: displayPath(entryPath, cwd), reason: `${entry.isSymbolicLink() ? 'a symlink to ' : ''}${kindOf(target)}` });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const file of files) await addFile(file.path, file.info);
    let count = files.length;
    for (const linked of linkedFolders.sort()) count += await walk(linked, given);
    return count;
  };
  for (const given of paths) {
    if (given === '-') {
      if (!seen.has('-')) sources.push({ kind: 'stdin', display: '-' });
      seen.add('-');
      continue;
    }
    const absolute = path.resolve(base, given);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      if (info.code === 'ENOENT' && isDynamicPattern(given)) {
        const matches = (await globFrom(base, given)).sort();
        if (matches.length === 0) throw new ConfigError(`no log files match ${given}`, 'Check the glob (quote it so the shell does not expand it) and the working directory.');
        for (const match of matches) await addFile(path.normalize(match));
        continue;
      }
      if (info.code === 'ENOENT') throw new ConfigError(`log file not found: ${given}`, 'Check the path; pass files, folders, globs, or - for standard input.');
      throw new ConfigError(`cannot read ${given}: ${info.code ?? info.message}`, 'Check that the path exists and that you may read it.');
    }
    if (info.isDirectory()) {
      // The same folder named twice (or through a link) is walked once.
      if (walked.has(await realpath(absolute).catch(() => absolute))) continue;
      const before = notRead.length;
      if ((await walk(absolute, given)) === 0 && notRead.length === before) {
        throw new ConfigError(`no log files in folder ${given}`, `attrib reads ${LOG_EXTENSIONS.join(', ')} files (and .gz of each) in a folder and its subfolders.`);
      }
      continue;
    }
    // A named path is read as given: a special file is refused when it is opened (exit 2).
    await addFile(absolute, info);
  }
  return { sources, notRead };
}

/** The layout a file's name promises; a `.json` that turns out to hold JSONL is read line by line. */
function containerFromName(name: string): Container | undefined {
  const base = name.toLowerCase().endsWith('.gz') ? name.slice(0, -3).toLowerCase() : name.toLowerCase();
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'lines';
  if (base.endsWith('.json')) return 'document';
  if (base.endsWith('.csv')) return 'csv';
  return undefined;
}

/** How a source is read, from its name and its first chunk: a `.json` that holds JSONL is read line by line. */
export function containerOf(source: LogSource, firstText: string): Container {
  const named = source.kind === 'file' ? containerFromName(source.display) : undefined;
  const sniffed = containerFromText(firstText);
  return named === 'document' && sniffed === 'lines' ? 'lines' : (named ?? sniffed);
}

/**
 * The one safe way to open a log: a link to /dev/zero or a FIFO is refused (without blocking)
 * instead of read forever. Logs are streamed, so they have no size cap; each line has (MAX_LINE_BYTES).
 */
export async function openLog(source: Extract<LogSource, { kind: 'file' }>): Promise<FileHandle> {
  try {
    return await openRegularFile(source.path, Number.POSITIVE_INFINITY);
  } catch (error) {
    throw userFileError(error, 'log file', source.display, 'Pass regular files; send a pipe or a device on standard input instead: `cmd | attrib report -`.');
  }
}

/** Receives every step and every skipped line of the sources read. */
export interface IngestSink {
  /** `step` is only valid during the call (see RecordSink): copy what you keep. */
  step(step: StepRecord, format: RecordFormat, file: number, line: number): void;
  /** `line` is 0 for records inside a JSON document (`record` then says which, 1-based). */
  skip(file: number, line: number, reason: string, record?: number): void;
  bytes?(count: number): void;
}

/**
 * Read size: large, but below the 1,031,913 bytes from which Node makes a decoded string external
 * (its text malloc'ed outside the JS heap until a GC finds it): 1 MiB chunks decoded as latin1
 * (see LineSplitter) cost ~20 MB more peak memory than these.
 */
export const CHUNK = 1_000_000;

/** Read one source and feed its records to `sink`; `file` is the index callers use to name it. */
export async function readSource(
  source: LogSource,
  file: number,
  format: InputFormat,
  sink: IngestSink,
  stdin?: AsyncIterable<Buffer | string>,
): Promise<void> {
  let raw: AsyncIterable<Buffer | string>;
  if (source.kind === 'stdin') {
    if (!stdin) throw new ConfigError('`-` reads standard input, but none is available', 'Pipe the logs in, e.g. `cat logs.jsonl | attrib report -`.');
    raw = stdin;
  } else {
    raw = (await openLog(source)).createReadStream({ highWaterMark: CHUNK });
  }
  const counted = countBytes(raw, sink);
  let chunks: AsyncIterator<Buffer | string>;
  try {
    chunks = await maybeGunzip(counted);
  } catch (error) {
    throw unreadable(source, error);
  }
  let first: IteratorResult<Buffer | string>;
  try {
    chunks = await toUtf8(chunks);
    first = await chunks.next();
  } catch (error) {
    if (error instanceof GzipDamage) return sink.skip(file, 1, error.message);
    throw unreadable(source, error);
  }
  if (first.done) return;
  const firstText = typeof first.value === 'string' ? first.value : first.value.toString('utf8', 0, Math.min(first.value.length, CHUNK));
  const container = containerOf(source, firstText);

  const rest: AsyncIterable<Buffer | string> = {
    [Symbol.asyncIterator]: () => ({ next: () => chunks.next() }),
  };
  let splitter: LineSplitter | undefined;
  try {
    if (container === 'document') {
      // A JSON document must be parsed whole; past this size it is refused, not loaded.
      const parts: Buffer[] = [toBuffer(first.value)];
      let bytes = parts[0]!.length;
      let damage: GzipDamage | undefined;
      try {
        for await (const chunk of rest) {
          bytes += chunk.length;
          if (bytes > MAX_DOCUMENT_BYTES) {
            sink.skip(file, 1, `a JSON document over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB is not read whole: write the records as JSONL (one per line), which attrib streams`);
            return;
          }
          parts.push(toBuffer(chunk));
        }
      } catch (error) {
        if (!(error instanceof GzipDamage)) throw error;
        damage = error;
      }
      // A document cut short by damaged gzip data still gives the records before the damage.
      const text = Buffer.concat(parts).toString('utf8');
      readDocument(text, file, format, sink);
      if (damage) sink.skip(file, text.split('\n').length, damage.message);
      return;
    }
    let finish = () => {};
    if (container === 'csv') {
      const rows = new LineSink(sink, file);
      const csv = new CsvReader(
        (row, lineNo) => {
          rows.line = lineNo;
          importRecord(row, format, rows);
        },
        (reason, lineNo) => sink.skip(file, lineNo, reason),
      );
      splitter = new LineSplitter((text, lineNo) => csv.line(text, lineNo), { onTooLong: (lineNo, bytes) => sink.skip(file, lineNo, tooLong(bytes)) });
      finish = () => csv.end();
    } else splitter = jsonLineSplitter(file, format, sink);
    splitter.write(first.value);
    for await (const chunk of rest) splitter.write(chunk);
    splitter.end();
    finish();
  } catch (error) {
    // Every complete line before the damage was read; the cut-off line after it is part of the loss.
    if (error instanceof GzipDamage) return sink.skip(file, (splitter?.lines ?? 0) + 1, error.message);
    throw unreadable(source, error);
  }
}

/**
 * A whole-file JSON value. When it does not parse, the damage is contained: JSONL (a line that is
 * a JSON object on its own at column 0) is read line by line, an array (or a `data` array) is read
 * element by element, and only a document that is neither costs the file.
 */
function readDocument(text: string, file: number, format: InputFormat, sink: IngestSink): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // JSONL never starts with `[`: a broken array is read element by element.
    if (body.trimStart().charCodeAt(0) !== 0x5b && hasObjectLine(body)) {
      const lines = jsonLineSplitter(file, format, sink);
      lines.write(body);
      lines.end();
      return;
    }
    // An OTLP TracesData is an object whose spans sit three arrays deep: recovered level by level.
    const otlp = recoverOtlp(body);
    if (otlp) {
      for (const skip of otlp.skips) sink.skip(file, skip.line, skip.reason);
      importRecord(otlp.value, format, {
        step: (step, detected) => sink.step(step, detected, file, 0),
        skip: (reason) => sink.skip(file, 0, reason, 1),
      });
      return;
    }
    const recovered = recoverElements(body);
    if ('elements' in recovered && recovered.elements.length > 0) return readElements(recovered, file, format, sink);
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? body.slice(0, Number(position[1])).split('\n').length : 1;
    sink.skip(file, line, `not valid JSON: ${message}`);
    return;
  }
  const records = recordsOf(value);
  records.forEach((record, index) => {
    importRecord(record, format, {
      step: (step, detected) => sink.step(step, detected, file, 0),
      skip: (reason) => sink.skip(file, 0, reason, index + 1),
    });
  });
}

/** The records of a broken array, each parsed alone: a bad one is skipped with its line and number. */
function readElements(recovered: Extract<Recovered, { elements: unknown }>, file: number, format: InputFormat, sink: IngestSink): void {
  recovered.elements.forEach(({ text, line }, index) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      sink.skip(file, line, `not valid JSON: ${(error as Error).message}`, index + 1);
      return;
    }
    importRecord(value, format, {
      step: (step, detected) => sink.step(step, detected, file, line),
      skip: (reason) => sink.skip(file, line, reason, index + 1),
    });
  });
  if (recovered.trailing) sink.skip(file, recovered.trailing.line, 'text after the end of the JSON array: not read');
}

async function* countBytes(raw: AsyncIterable<Buffer | string>, sink: IngestSink): AsyncGenerator<Buffer | string> {
  for await (const chunk of raw) {
    sink.bytes?.(chunk.length);
    yield chunk;
  }
}

/** Gzip is recognised by its magic bytes, so `.gz` files and gzipped stdin both work. */
async function maybeGunzip(raw: AsyncGenerator<Buffer | string>): Promise<AsyncIterator<Buffer | string>> {
  const first = await raw.next();
  if (first.done) return raw;
  const head = first.value;
  const gz = typeof head !== 'string' && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  async function* chain(): AsyncGenerator<Buffer> {
    yield toBuffer(head);
    for await (const chunk of raw) yield toBuffer(chunk);
  }
  if (!gz) return chain();
  return gunzip(chain(), CHUNK);
}

/**
 * Logs saved by Windows tools are often UTF-16 with a byte-order mark. Re-encode them to UTF-8 so
 * everything downstream (which splits bytes on `\n`) reads them like any other log.
 */
async function toUtf8(chunks: AsyncIterator<Buffer | string>): Promise<AsyncIterator<Buffer | string>> {
  const first = await chunks.next();
  if (first.done) return chunks;
  const head = first.value;
  const bom = typeof head === 'string' || head.length < 2 ? undefined : head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
  async function* utf8(): AsyncGenerator<Buffer | string> {
    if (bom === undefined) {
      yield head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      return;
    }
    const decoder = new TextDecoder(bom);
    yield Buffer.from(decoder.decode(toBuffer(head), { stream: true }), 'utf8');
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      yield Buffer.from(decoder.decode(toBuffer(next.value), { stream: true }), 'utf8');
    }
    yield Buffer.from(decoder.decode(), 'utf8');
  }
  return utf8();
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

export function unreadable(source: LogSource, error: unknown): Error {
  if (error instanceof ConfigError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT' || code === 'EPERM') {
    return new ConfigError(`cannot read ${source.display}: ${code}`, 'Check that the file exists and that you may read it.');
  }
  return error as Error;
}
