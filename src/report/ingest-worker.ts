/**
 * An ingest worker (worker_threads): reads newline-aligned byte ranges of JSONL logs with the same
 * line reader as the single-threaded path (json-lines.ts) and posts each range back as a StepBatch.
 * One range at a time; the pool (ingest-pool.ts) hands out the next.
 */
import { parentPort } from 'node:worker_threads';
import { openRegularFile } from '../util/read-user-file.js';
import type { InputFormat } from './importers/index.js';
import { jsonLineSplitter } from './json-lines.js';
import { BatchWriter, type StepBatch, transferables } from './step-batch.js';

export interface RangeTask {
  path: string;
  /** Byte offsets: `start` is 0 or just after a newline, `end` is just after one or the file's end. */
  start: number;
  end: number;
  format: InputFormat;
}

export type RangeReply = { ok: true; batch: StepBatch } | { ok: false; message: string; code?: string };

/** Read size, as input.ts CHUNK (not imported: input.ts would load the CSV, gzip and glob modules into every worker). */
const CHUNK = 1_000_000;

async function readRange(task: RangeTask, writer: BatchWriter) {
  const splitter = jsonLineSplitter(0, task.format, writer, { bom: task.start === 0 });
  // Regular files only (checked on the open descriptor): the main thread checked the path, this
  // keeps a path swapped for a FIFO since then from blocking the worker.
  const handle = await openRegularFile(task.path, Number.POSITIVE_INFINITY);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, task.end - task.start)));
    for (let at = task.start; at < task.end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, task.end - at), at);
      // The file shrank since it was planned: read what is there, as a stream would.
      if (bytesRead === 0) break;
      // The splitter copies what it keeps, so the buffer is reused.
      splitter.write(buffer.subarray(0, bytesRead));
      at += bytesRead;
    }
    splitter.end();
  } finally {
    await handle.close();
  }
  return writer.take(splitter.lines);
}

const port = parentPort;
if (port) {
  const writer = new BatchWriter();
  port.on('message', (task: RangeTask) => {
    readRange(task, writer).then(
      (batch) => port.postMessage({ ok: true, batch } satisfies RangeReply, transferables(batch)),
      (error: NodeJS.ErrnoException) => {
        writer.take(0); // drop what the failed range left behind
        port.postMessage({ ok: false, message: String(error?.message ?? error), ...(error?.code === undefined ? {} : { code: error.code }) } satisfies RangeReply);
      },
    );
  });
}
