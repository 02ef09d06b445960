import { ATTRIBUTION_TAGS, STEP_KINDS, type StepRecord } from './step.js';
import type { RecordFormat } from './importers/index.js';
import { Column } from './column.js';
import { StepIds } from './step-ids.js';

export { Column } from './column.js';

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u32 = (n: number) => new Uint32Array(n);
const u8 = (n: number) => new Uint8Array(n);

/** Strings that repeat (models, tag values, run ids) are stored once and referred to by number. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  get(id: number): string {
    return this.values[id]!;
  }

  get size(): number {
    return this.values.length;
  }
}

export const Flag = {
  /** Describes an agent or chain: inherited from, never counted. */
  structural: 1,
  /** OTel span with usage: becomes structural when a descendant carries usage too. */
  leafOnly: 2,
  /** Some descendant carries usage (set while linking). */
  usageBelow: 4,
  /** Inside `--since/--until`. */
  inPeriod: 8,
  /** No cost and no price: cost counted as 0. */
  unpriced: 16,
  /** `ownRun` is a `parent_run_id` tag (not a trace/session id). */
  runTag: 32,
} as const;

/** Record formats by code (the store's `format` column and the ingest workers' batches). */
export const FORMAT_CODES: readonly RecordFormat[] = ['attrib', 'litellm', 'langfuse', 'otel', 'litellm-payload', 'helicone', 'bedrock'];
const [FEATURE, TEAM, WORKLOAD_CLASS, TENANT, ENVIRONMENT] = (['feature', 'team', 'workload_class', 'tenant', 'environment'] as const).map((tag) =>
  ATTRIBUTION_TAGS.indexOf(tag),
) as [number, number, number, number, number];

/**
 * Which file each record came from. Records are stored file after file, so the first record of
 * each file is enough (4 bytes per file instead of per record); `get` is a binary search, and
 * only the ledger asks.
 */
export class FileRanges {
  private readonly starts: number[] = [];
  private readonly ids: number[] = [];

  add(i: number, file: number): void {
    if (this.ids.length === 0 || this.ids[this.ids.length - 1] !== file) {
      this.starts.push(i);
      this.ids.push(file);
    }
  }

  get(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.ids[lo]!;
  }
}

/**
 * Every record read, as columns of numbers (strings interned): what attribution needs (ids, parent
 * links, own tags, runs) plus what the ledger needs to explain a step (file:line, price, tokens).
 */
export class StepStore {
  size = 0;
  readonly strings = new Interner();
  readonly runIds = new Interner();
  /** Call-site keys (report/call-site-record.ts), one entry per distinct call site. */
  readonly callSites = new Interner();
  readonly files: string[] = [];
  /** Step ids and parent ids share one numbering so parents can be linked after everything is read. */
  private readonly nodes = new StepIds();
  /** Per node: the step that has that id (-1: only referred to as a parent so far). */
  private readonly nodeStep = new Column(i32, -1);

  readonly ts = new Column(f64);
  /** Micro-dollars (0 when unpriced): the effective cost, after negotiated discounts. */
  readonly cost = new Column(f64);
  /** Micro-dollars at list price (batch steps: the batch list price); equals `cost` without a discount. */
  readonly listCost = new Column(f64);
  readonly priceRef = new Column(i32);
  readonly inputTokens = new Column(u32);
  readonly cachedInputTokens = new Column(u32);
  readonly cacheWriteTokens = new Column(u32);
  readonly outputTokens = new Column(u32);
  readonly kind = new Column(u8);
  readonly format = new Column(u8);
  readonly flags = new Column(u8);
  readonly model = new Column(i32);
  readonly provider = new Column(i32);
  readonly tool = new Column(i32);
  readonly toolOwner = new Column(i32);
  /** Own tag value ids, one column per attribution tag (-1: absent); attribute() resolves them in place. */
  readonly tags: Column<Int32Array>[] = ATTRIBUTION_TAGS.map(() => new Column(i32));
  /** `parent_run_id` tag, else the source's trace/session id (runIds; -1: none). */
  readonly ownRun = new Column(i32);
  readonly stepNode = new Column(i32);
  readonly parentNode = new Column(i32);
  /** Parent step index, filled by link(). */
  readonly parent = new Column(i32);
  readonly file = new FileRanges();
  readonly line = new Column(u32);
  /** The record's call site (`callSites` id; -1: not recorded). */
  readonly callSite = new Column(i32, -1);

  /** Index of a step id already read, or undefined. */
  stepOf(stepId: string): number | undefined {
    const node = this.nodes.find(stepId);
    if (node === undefined) return undefined;
    const step = this.nodeStep.get(node);
    return step === -1 ? undefined : step;
  }

  private optional(value: string | null | undefined): number {
    return value === null || value === undefined ? -1 : this.strings.id(value);
  }

  /** Store a record; false when its step id was already read (the caller reports the duplicate). */
  add(step: StepRecord, format: RecordFormat, micros: number, ref: number, inPeriod: boolean, file: number, line: number, listMicros = micros): boolean {
    const i = this.size;
    let node = -1;
    if (step.stepId !== null) {
      node = this.nodes.node(step.stepId);
      if (this.nodeStep.get(node) !== -1) return false;
      this.nodeStep.set(node, i);
    }
    this.size++;
    this.stepNode.set(i, node);
    this.parentNode.set(i, step.parentStepId === null ? -1 : this.nodes.node(step.parentStepId));
    this.ts.set(i, step.ts);
    this.cost.set(i, micros < 0 ? 0 : micros);
    this.listCost.set(i, listMicros < 0 ? 0 : listMicros);
    this.priceRef.set(i, ref);
    this.inputTokens.set(i, step.inputTokens);
    this.cachedInputTokens.set(i, step.cachedInputTokens);
    this.cacheWriteTokens.set(i, step.cacheWriteTokens);
    this.outputTokens.set(i, step.outputTokens);
    this.kind.set(i, STEP_KINDS.indexOf(step.kind));
    this.format.set(i, FORMAT_CODES.indexOf(format));
    this.flags.set(
      i,
      (step.structural ? Flag.structural : 0) |
        (step.leafOnly ? Flag.leafOnly : 0) |
        (inPeriod ? Flag.inPeriod : 0) |
        (micros < 0 ? Flag.unpriced : 0) |
        (step.tags.parent_run_id === undefined ? 0 : Flag.runTag),
    );
    this.model.set(i, this.optional(step.model));
    this.provider.set(i, this.optional(step.provider));
    this.tool.set(i, this.optional(step.tool));
    this.toolOwner.set(i, this.optional(step.toolOwner));
    // Literal names, not a loop over ATTRIBUTION_TAGS: a fixed-name read stays fast per record.
    const tags = step.tags;
    this.tags[FEATURE]!.set(i, this.optional(tags.feature));
    this.tags[TEAM]!.set(i, this.optional(tags.team));
    this.tags[WORKLOAD_CLASS]!.set(i, this.optional(tags.workload_class));
    this.tags[TENANT]!.set(i, this.optional(tags.tenant));
    this.tags[ENVIRONMENT]!.set(i, this.optional(tags.environment));
    const runTag = tags.parent_run_id;
    const run = runTag ?? step.traceId;
    this.ownRun.set(i, run === undefined || run === null ? -1 : this.runIds.id(run));
    this.file.add(i, file);
    this.line.set(i, line);
    if (step.callSite) this.callSite.set(i, this.callSites.id(step.callSite));
    return true;
  }

  /** Resolve parent links; then demote OTel spans that have usage below them (leaf-only usage). */
  link(): void {
    for (let i = 0; i < this.size; i++) {
      const p = this.parentNode.get(i);
      const parent = p === -1 ? -1 : this.nodeStep.get(p);
      this.parent.set(i, parent === i ? -1 : parent);
    }
    for (let i = 0; i < this.size; i++) {
      const f = this.flags.get(i);
      if ((f & Flag.structural) !== 0 || !this.hasUsage(i)) continue;
      // Mark ancestors; stop at one already marked (its ancestors are too) or after a cycle's length.
      let a = this.parent.get(i);
      for (let guard = 0; a !== -1 && guard < this.size; guard++) {
        const af = this.flags.get(a);
        if ((af & Flag.usageBelow) !== 0) break;
        this.flags.set(a, af | Flag.usageBelow);
        a = this.parent.get(a);
      }
    }
    for (let i = 0; i < this.size; i++) {
      const f = this.flags.get(i);
      if ((f & Flag.leafOnly) !== 0 && (f & Flag.usageBelow) !== 0) this.flags.set(i, f | Flag.structural);
    }
  }

  private hasUsage(i: number): boolean {
    return this.inputTokens.get(i) > 0 || this.outputTokens.get(i) > 0 || this.cost.get(i) > 0 || (this.flags.get(i) & Flag.leafOnly) !== 0;
  }

  /** Counted in the report: a real step inside the period. */
  counted(i: number): boolean {
    return (this.flags.get(i) & (Flag.structural | Flag.inPeriod)) === Flag.inPeriod;
  }

  formatOf(i: number): RecordFormat {
    return FORMAT_CODES[this.format.get(i)]!;
  }

  stepIdOf(i: number): string | null {
    const node = this.stepNode.get(i);
    return node === -1 ? null : this.nodeIdAt(node);
  }

  private nodeIdAt(node: number): string {
    return this.nodes.name(node);
  }
}
