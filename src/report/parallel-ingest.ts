/**
 * Reading every log source, with worker threads for large JSONL files (docs/report.md#threads).
 *
 * A JSONL file is cut into newline-aligned byte ranges; a pool of workers parses and imports the
 * ranges into compact batches (step-batch.ts), and the main thread replays them into the sink in
 * file order, line numbers shifted by the lines of the ranges before. Every step, skip and
 * file:line reaches the sink exactly as the single-threaded reader (input.ts readSource) sends
 * them. Gzip, UTF-16, CSV, JSON documents and standard input are read by readSource, in their place
 * in the order: they cannot be cut at arbitrary newlines (a gzip stream, a CSV quoted field) or
 * are a stream.
 */
import { availableParallelism } from 'node:os';
import type { InputFormat } from './importers/index.js';
import { CHUNK, type IngestSink, type LogSource, containerOf, openLog, readSource, unreadable } from './input.js';
import { IngestPool, WorkerReadError, workersAvailable } from './ingest-pool.js';
import type { RangeTask } from './ingest-worker.js';
import { replayBatch, type StepBatch } from './step-batch.js';

/** 1 (the default): no workers; `auto`: one per core when the JSONL files add up to PARALLEL_MIN_BYTES; N >= 2: N workers, whatever the size. */
export type Threads = 'auto' | number;

/** Below this much JSONL, starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** Range size: small enough to spread the work and bound what waits to be replayed, large enough that a range is cheap to hand out. */
export const RANGE_BYTES = 8 * 1024 * 1024;

export interface IngestOptions {
  threads?: Threads;
  /** Tests and tuning: the size from which `auto` uses workers (default PARALLEL_MIN_BYTES). */
  minBytes?: number;
  /** Tests and tuning: the target range size (default RANGE_BYTES). */
  rangeBytes?: number;
  /** Tests and tuning: told how many workers read how many ranges (not called when no worker starts). */
  onPlan?: (workers: number, ranges: number) => void;
  stdin?: AsyncIterable<Buffer | string>;
}

/** Workers to start for these sources: 0 reads everything on the main thread. */
export function workerCount(threads: Threads, jsonlBytes: number, minBytes = PARALLEL_MIN_BYTES): number {
  if (!workersAvailable) return 0;
  if (threads === 'auto') return jsonlBytes >= minBytes && availableParallelism() > 1 ? availableParallelism() : 0;
  return threads >= 2 ? threads : 0;
}

/** Read every source in order into `sink` (source `f` is file index `f`). */
export async function ingest(sources: readonly LogSource[], format: InputFormat, sink: IngestSink, options: IngestOptions = {}): Promise<void> {
  const threads = options.threads ?? 1;
  const candidates = sources.reduce((sum, s) => sum + (s.kind === 'file' ? s.size : 0), 0);
  if (workerCount(threads, candidates, options.minBytes) === 0) {
    for (let f = 0; f < sources.length; f++) await readSource(sources[f]!, f, format, sink, options.stdin);
    return;
  }
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES;
  const plans: (RangeTask[] | undefined)[] = [];
  for (const source of sources) plans.push(source.kind === 'file' ? await planRanges(source, format, rangeBytes) : undefined);
  const jsonlBytes = plans.reduce((sum, tasks) => sum + (tasks ? tasks[tasks.length - 1]!.end : 0), 0);
  const workers = Math.min(workerCount(threads, jsonlBytes, options.minBytes), plans.reduce((n, tasks) => n + (tasks?.length ?? 0), 0));
  if (workers === 0) {
    for (let f = 0; f < sources.length; f++) await readSource(sources[f]!, f, format, sink, options.stdin);
    return;
  }
  const pool = new IngestPool(workers);
  const tasks = plans.flatMap((t) => t ?? []);
  options.onPlan?.(workers, tasks.length);
  // Ranges are handed out in order, at most this many ahead of the one being replayed: what waits
  // in memory stays bounded whatever the input size.
  const ahead = 2 * workers;
  const results: (Promise<StepBatch> | undefined)[] = [];
  const dispatchUpTo = (k: number) => {
    while (results.length < tasks.length && results.length <= k) {
      const result = pool.run(tasks[results.length]!);
      result.catch(() => {}); // awaited in order below; a later range's failure must not go unhandled meanwhile
      results.push(result);
    }
  };
  let next = 0;
  try {
    for (let f = 0; f < sources.length; f++) {
      const source = sources[f]!;
      const fileTasks = plans[f];
      if (!fileTasks || source.kind !== 'file') {
        dispatchUpTo(next + ahead - 1); // workers read ahead while this source is read here
        await readSource(source, f, format, sink, options.stdin);
        continue;
      }
      let lineBase = 0;
      for (const task of fileTasks) {
        dispatchUpTo(next + ahead - 1);
        let batch: StepBatch;
        try {
          batch = await results[next]!;
        } catch (error) {
          throw unreadable(source, error instanceof WorkerReadError && error.code !== undefined ? Object.assign(new Error(error.message), { code: error.code }) : error);
        }
        results[next++] = undefined; // replayed: let it be collected
        replayBatch(batch, f, lineBase, sink);
        lineBase += batch.lineCount;
        sink.bytes?.(task.end - task.start);
      }
    }
  } finally {
    await pool.close();
  }
}

/**
 * The newline-aligned ranges of a JSONL file, or undefined when it is read on the main thread:
 * empty, gzip, UTF-16, or not JSONL (readSource decides the container from the name and first
 * chunk; this asks the same question of the same bytes).
 */
async function planRanges(source: Extract<LogSource, { kind: 'file' }>, format: InputFormat, rangeBytes: number): Promise<RangeTask[] | undefined> {
  const handle = await openLog(source);
  try {
    const size = (await handle.stat()).size;
    if (size === 0) return undefined;
    const head = await readAt(handle, 0, Math.min(CHUNK, size));
    if (head.length >= 2 && ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return undefined;
    if (containerOf(source, head.toString('utf8')) !== 'lines') return undefined;
    const tasks: RangeTask[] = [];
    for (let start = 0; start < size; ) {
      const end = start + rangeBytes >= size ? size : await lineStartFrom(handle, start + rangeBytes, size);
      tasks.push({ path: source.path, start, end, format });
      start = end;
    }
    return tasks;
  } catch (error) {
    throw unreadable(source, error);
  } finally {
    await handle.close();
  }
}

/** Offset just after the first newline at or after `from` (the start of a line), or `size`. */
async function lineStartFrom(handle: Awaited<ReturnType<typeof openLog>>, from: number, size: number): Promise<number> {
  for (let at = from; at < size; ) {
    const block = await readAt(handle, at, Math.min(64 * 1024, size - at));
    if (block.length === 0) break;
    const nl = block.indexOf(0x0a);
    if (nl !== -1) return at + nl + 1;
    at += block.length;
  }
  return size;
}

async function readAt(handle: Awaited<ReturnType<typeof openLog>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
