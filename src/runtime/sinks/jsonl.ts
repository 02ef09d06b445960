import { appendFileSync, mkdirSync, writeSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { onceWarner } from '../config.js';
import type { RuntimeStep } from '../step.js';
import { stepLine } from './record.js';
import type { Sink } from './sink.js';

export interface JsonlSinkOptions {
  /** The folder of the day files (default: `$ATTRIB_LOG_DIR`, else `attrib-logs`, from the working directory). */
  dir?: string;
  /** The file a UTC day (`YYYY-MM-DD`) goes to (default: `<dir>/steps-<day>.jsonl`). */
  file?: (day: string) => string;
  /** Steps kept in memory while the disk refuses them; beyond it the oldest are dropped, and counted (default 10000). */
  maxBuffered?: number;
  /** Where the (one per failure kind) warnings go; default `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

const DAY_MS = 86_400_000;
const RETRY_MS = [250, 1000, 5000, 30_000];

/**
 * attrib step JSONL, one file per UTC day, append-only (O_APPEND). `end` only queues the step: the
 * line is built and written after the call returns, so a slow, full or missing disk never holds
 * up or fails a request. Steps the disk refused stay queued (up to `maxBuffered`) and are retried;
 * each failure kind (ENOSPC, EACCES, ENOTDIR...) is said once, with the count of steps dropped.
 * What is still queued when the process exits is written synchronously.
 */
export function jsonlSink(options: JsonlSinkOptions = {}): Sink & { readonly dropped: number } {
  const dir = path.resolve(options.dir ?? process.env.ATTRIB_LOG_DIR ?? 'attrib-logs');
  const fileFor = options.file ?? ((day: string) => path.join(dir, `steps-${day}.jsonl`));
  const maxBuffered = Math.max(1, options.maxBuffered ?? 10_000);
  const warn = onceWarner(options.onWarning);
  let queue: RuntimeStep[] = [];
  let writing: Promise<void> | undefined;
  let scheduled = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let dropped = 0;
  let exitHook = false;
  const madeDirs = new Set<string>();
  // The current day's bounds and file, so the per-step day lookup allocates nothing.
  let dayStart = 0;
  let dayFile = '';

  function fileOf(ts: number): string {
    if (ts < dayStart || ts >= dayStart + DAY_MS) {
      dayStart = ts - (ts % DAY_MS);
      dayFile = fileFor(new Date(dayStart).toISOString().slice(0, 10));
    }
    return dayFile;
  }

  /** Group the queue into (file, text) chunks, in order. */
  function chunks(steps: RuntimeStep[]): [string, string][] {
    const out: [string, string][] = [];
    for (const step of steps) {
      const file = fileOf(step.ts);
      const line = stepLine(step) + '\n';
      const last = out[out.length - 1];
      if (last && last[0] === file) last[1] += line;
      else out.push([file, line]);
    }
    return out;
  }

  function failed(err: unknown, file: string): void {
    const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    warn(
      `write:${code}`,
      `attrib: cannot write step records to ${file} (${code}: ${(err as Error).message}); the calls went through, their steps are kept in memory (up to ${maxBuffered}) and retried`,
    );
  }

  async function drain(): Promise<void> {
    scheduled = false;
    const steps = queue;
    queue = [];
    const parts = chunks(steps);
    let done = 0; // steps written
    for (const [file, text] of parts) {
      try {
        const folder = path.dirname(file);
        if (!madeDirs.has(folder)) {
          await mkdir(folder, { recursive: true });
          madeDirs.add(folder);
        }
        await appendFile(file, text, { flag: 'a' });
      } catch (err) {
        failed(err, file);
        // Put back what was not written, before what came in meanwhile, within the bound.
        requeue(steps.slice(done));
        failures += 1;
        retryTimer = setTimeout(schedule, RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]);
        retryTimer.unref();
        return;
      }
      done += countLines(text);
    }
    failures = 0;
  }

  function requeue(steps: RuntimeStep[]): void {
    queue = steps.concat(queue);
    trim();
  }

  function trim(): void {
    const over = queue.length - maxBuffered;
    if (over <= 0) return;
    queue.splice(0, over);
    dropped += over;
    warn('dropped', `attrib: the step buffer is full (${maxBuffered} steps): the oldest steps are being dropped (see the sink's \`dropped\` count); the calls go on`);
  }

  function schedule(): void {
    retryTimer = undefined;
    if (writing || queue.length === 0) return;
    writing = drain().finally(() => {
      writing = undefined;
      if (queue.length > 0 && !retryTimer && !scheduled) {
        scheduled = true;
        setImmediate(schedule);
      }
    });
  }

  function writeAtExit(): void {
    if (queue.length === 0) return;
    const steps = queue;
    queue = [];
    for (const [file, text] of chunks(steps)) {
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        appendFileSync(file, text, { flag: 'a' });
      } catch (err) {
        const message = `attrib: ${countLines(text)} step records could not be written to ${file} at exit (${(err as Error).message})\n`;
        // process.emitWarning would never print at exit: say it on stderr directly.
        if (options.onWarning) options.onWarning(message.trimEnd());
        else {
          try {
            writeSync(2, message);
          } catch {
            // stderr is gone too: nothing left to tell.
          }
        }
      }
    }
  }

  return {
    name: 'jsonl',
    get dropped() {
      return dropped;
    },
    end(step) {
      queue.push(step);
      if (queue.length > maxBuffered) trim();
      if (!exitHook) {
        exitHook = true;
        process.once('exit', writeAtExit);
      }
      if (!scheduled && !writing && !retryTimer) {
        scheduled = true;
        setImmediate(schedule);
      }
    },
    async flush() {
      // One pass over what is queued now (a failing disk does not make flush hang).
      if (retryTimer) {
        clearTimeout(retryTimer);
        retryTimer = undefined;
      }
      if (writing) await writing;
      if (queue.length > 0) {
        scheduled = false;
        writing = drain().finally(() => (writing = undefined));
        await writing;
      }
    },
  };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
