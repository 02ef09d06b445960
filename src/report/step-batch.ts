/**
 * What an ingest worker sends back for one byte range of a log: the range's steps as compact
 * columns (typed arrays, transferred without copying, and one string table), and its skipped lines,
 * in the order they were read. The main thread replays a batch into the same IngestSink the
 * single-threaded reader feeds, so pricing, the store, duplicates and messages cannot tell the
 * difference.
 */
import type { RecordFormat } from './importers/index.js';
import type { IngestSink } from './input.js';
import { FORMAT_CODES } from './store.js';
import { STEP_KINDS, type StepRecord, TAG_KEYS, blankStep } from './step.js';

/** Per step: ts, input, cached input, cache-write and output tokens, cost (NaN: none logged). */
const NUMBERS = 6;
/** Per step: kind, format, BIT flags. */
const CODES = 3;
/**
 * Per step: string-table ids (-1: none) of stepId, parentStepId, provider, model, tool, toolOwner,
 * traceId, callSite, then of each of TAG_KEYS.
 */
const STRINGS = 8 + TAG_KEYS.length;
/** Ids and parent ids are nearly all distinct: appended to the table, not looked up first. */
const APPENDED = 2;

const BIT = { structural: 1, leafOnly: 2, usageAbsent: 4, failed: 8, batch: 16 } as const;

export interface BatchSkip {
  /** Steps of the batch read before this skip. */
  at: number;
  /** 1-based, counted from the start of the range. */
  line: number;
  reason: string;
  record?: number;
}

export interface StepBatch {
  steps: number;
  numbers: Float64Array;
  codes: Uint8Array;
  strings: Int32Array;
  lines: Uint32Array;
  table: string[];
  /** `toolUnits` of the steps that have them: [step, [unit, count][]]. */
  toolUnits: [number, [string, number][]][];
  skips: BatchSkip[];
  /** Lines the range holds (what the next range's line numbers start after). */
  lineCount: number;
}

/** The ArrayBuffers of a batch, to transfer instead of copy. */
export function transferables(batch: StepBatch): ArrayBuffer[] {
  return [batch.numbers.buffer, batch.codes.buffer, batch.strings.buffer, batch.lines.buffer] as ArrayBuffer[];
}

function grow<A extends Float64Array | Uint8Array | Int32Array | Uint32Array>(array: A, size: number): A {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => A)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** An IngestSink that writes what one worker reads into a StepBatch (the worker's side). */
export class BatchWriter implements IngestSink {
  private steps = 0;
  private numbers = new Float64Array(NUMBERS * 1024);
  private codes = new Uint8Array(CODES * 1024);
  private strings = new Int32Array(STRINGS * 1024);
  private lines = new Uint32Array(1024);
  private table: string[] = [];
  private readonly ids = new Map<string, number>();
  private toolUnits: [number, [string, number][]][] = [];
  private skips: BatchSkip[] = [];
  private readonly lastValue: (string | undefined)[] = new Array<string | undefined>(STRINGS - APPENDED).fill(undefined);
  private readonly lastId = new Int32Array(STRINGS - APPENDED);

  step(step: StepRecord, format: RecordFormat, _file: number, line: number): void {
    const i = this.steps++;
    if (this.steps > this.lines.length) {
      this.numbers = grow(this.numbers, NUMBERS * this.steps);
      this.codes = grow(this.codes, CODES * this.steps);
      this.strings = grow(this.strings, STRINGS * this.steps);
      this.lines = grow(this.lines, this.steps);
    }
    let n = NUMBERS * i;
    const numbers = this.numbers;
    numbers[n++] = step.ts;
    numbers[n++] = step.inputTokens;
    numbers[n++] = step.cachedInputTokens;
    numbers[n++] = step.cacheWriteTokens;
    numbers[n++] = step.outputTokens;
    numbers[n] = step.costUsd === null ? NaN : step.costUsd;
    const c = CODES * i;
    this.codes[c] = STEP_KINDS.indexOf(step.kind);
    this.codes[c + 1] = FORMAT_CODES.indexOf(format);
    this.codes[c + 2] =
      (step.structural ? BIT.structural : 0) | (step.leafOnly ? BIT.leafOnly : 0) | (step.usageAbsent ? BIT.usageAbsent : 0) | (step.failed === true ? BIT.failed : 0) | (step.batch === true ? BIT.batch : 0);
    // Literal names, not loops over field lists: each read keeps its own inline cache (hot path).
    let s = STRINGS * i;
    const strings = this.strings;
    strings[s++] = this.append(step.stepId);
    strings[s++] = this.append(step.parentStepId);
    strings[s++] = this.intern(step.provider, 0);
    strings[s++] = this.intern(step.model, 1);
    strings[s++] = this.intern(step.tool, 2);
    strings[s++] = this.intern(step.toolOwner, 3);
    strings[s++] = this.intern(step.traceId, 4);
    strings[s++] = this.intern(step.callSite, 5);
    const tags = step.tags;
    strings[s++] = this.intern(tags.feature, 6);
    strings[s++] = this.intern(tags.team, 7);
    strings[s++] = this.intern(tags.workload_class, 8);
    strings[s++] = this.intern(tags.tenant, 9);
    strings[s++] = this.intern(tags.environment, 10);
    strings[s] = this.intern(tags.parent_run_id, 11);
    this.lines[i] = line;
    if (step.toolUnits) this.toolUnits.push([i, Object.entries(step.toolUnits)]);
  }

  skip(_file: number, line: number, reason: string, record?: number): void {
    this.skips.push(record === undefined ? { at: this.steps, line, reason } : { at: this.steps, line, reason, record });
  }

  /** The batch so far; the writer starts over empty. */
  take(lineCount: number): StepBatch {
    const n = this.steps;
    const batch: StepBatch = {
      steps: n,
      numbers: this.numbers.slice(0, NUMBERS * n),
      codes: this.codes.slice(0, CODES * n),
      strings: this.strings.slice(0, STRINGS * n),
      lines: this.lines.slice(0, n),
      table: this.table,
      toolUnits: this.toolUnits,
      skips: this.skips,
      lineCount,
    };
    this.steps = 0;
    this.table = [];
    this.ids.clear();
    this.lastValue.fill(undefined);
    this.toolUnits = [];
    this.skips = [];
    return batch;
  }

  private append(value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    return this.table.push(value) - 1;
  }

  /** `field` picks a last-value slot: consecutive records mostly repeat a field's value (same run, model, tags). */
  private intern(value: string | null | undefined, field: number): number {
    if (value === null || value === undefined) return -1;
    if (this.lastValue[field] === value) return this.lastId[field]!;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.table.push(value) - 1;
      this.ids.set(value, id);
    }
    this.lastValue[field] = value;
    this.lastId[field] = id;
    return id;
  }
}

/**
 * Feed a batch to `sink` as the single-threaded reader would have: each step and skip in the order
 * read, on `file`, line numbers shifted by the lines of the file's earlier ranges (`lineBase`).
 */
export function replayBatch(batch: StepBatch, file: number, lineBase: number, sink: IngestSink): void {
  const step = blankStep();
  const { numbers, codes, strings, table, lines, skips } = batch;
  const str = (id: number) => (id === -1 ? null : table[id]!);
  let nextSkip = 0;
  let nextUnits = 0;
  for (let i = 0; i < batch.steps; i++) {
    while (nextSkip < skips.length && skips[nextSkip]!.at === i) replaySkip(skips[nextSkip++]!, file, lineBase, sink);
    let n = NUMBERS * i;
    step.ts = numbers[n++]!;
    step.inputTokens = numbers[n++]!;
    step.cachedInputTokens = numbers[n++]!;
    step.cacheWriteTokens = numbers[n++]!;
    step.outputTokens = numbers[n++]!;
    const cost = numbers[n]!;
    step.costUsd = Number.isNaN(cost) ? null : cost;
    const c = CODES * i;
    step.kind = STEP_KINDS[codes[c]!]!;
    const format = FORMAT_CODES[codes[c + 1]!]!;
    const bits = codes[c + 2]!;
    step.structural = (bits & BIT.structural) !== 0;
    step.leafOnly = (bits & BIT.leafOnly) !== 0;
    step.usageAbsent = (bits & BIT.usageAbsent) !== 0;
    step.failed = (bits & BIT.failed) !== 0;
    step.batch = (bits & BIT.batch) !== 0;
    let s = STRINGS * i;
    step.stepId = str(strings[s++]!);
    step.parentStepId = str(strings[s++]!);
    step.provider = str(strings[s++]!);
    step.model = str(strings[s++]!);
    step.tool = str(strings[s++]!);
    step.toolOwner = str(strings[s++]!);
    step.traceId = str(strings[s++]!);
    step.callSite = str(strings[s++]!);
    const tags = step.tags;
    tags.feature = str(strings[s++]!) ?? undefined;
    tags.team = str(strings[s++]!) ?? undefined;
    tags.workload_class = str(strings[s++]!) ?? undefined;
    tags.tenant = str(strings[s++]!) ?? undefined;
    tags.environment = str(strings[s++]!) ?? undefined;
    tags.parent_run_id = str(strings[s]!) ?? undefined;
    step.toolUnits = null;
    if (nextUnits < batch.toolUnits.length && batch.toolUnits[nextUnits]![0] === i) {
      // Null-prototype, as the importers make them: a unit named `__proto__` is a plain key.
      const units = Object.create(null) as Record<string, number>;
      for (const [unit, count] of batch.toolUnits[nextUnits++]![1]) units[unit] = count;
      step.toolUnits = units;
    }
    sink.step(step, format, file, lineBase + lines[i]!);
  }
  while (nextSkip < skips.length) replaySkip(skips[nextSkip++]!, file, lineBase, sink);
}

function replaySkip(skip: BatchSkip, file: number, lineBase: number, sink: IngestSink): void {
  if (skip.record === undefined) sink.skip(file, lineBase + skip.line, skip.reason);
  else sink.skip(file, lineBase + skip.line, skip.reason, skip.record);
}
