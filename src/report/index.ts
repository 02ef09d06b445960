import path from 'node:path';
import type { AllocationSettings, Taxonomy, Tenant } from '../taxonomy/types.js';
import { mergeTenants } from './tenants-file.js';
import { applyChargeback } from './allocation.js';
import { addCredits } from './credits.js';
import { discountWarnings } from './pricing-warnings.js';
import { ConfigError } from '../util/errors.js';
import { aggregate } from './aggregate.js';
import { type Attribution, type AttributionStatus, type TagSource, attribute, runLabel, sourceName, statusName } from './attribute.js';
import type { InputFormat, RecordFormat } from './importers/index.js';
import { type NotRead, type ResolvedSources, resolveSources } from './input.js';
import { type IngestOptions, type Threads, ingest } from './parallel-ingest.js';
import { DAY, parseDay, resolvePeriod } from './period.js';
import { type PriceRef, Pricer } from './pricing.js';
import { type PriceTable, loadPricing } from './pricing-table.js';
import { ATTRIBUTION_TAGS, type AttributionTag, STEP_KINDS } from './step.js';
import { Flag, StepStore } from './store.js';
import { Column } from './column.js';
import type { Gate, ReportResult, SkippedLine, StepKind } from './types.js';
import { displayPath } from '../util/paths.js';
import { reportWarnings } from './warnings.js';
import { tripped } from './gates.js';

/** Kinds whose records are billed by tokens: one without usage is a hole in the numbers (a tool step often has no cost of its own). */
const BILLED_BY_USAGE: ReadonlySet<StepKind> = new Set(['model', 'embedding']);

/** How many skipped lines the result lists (all are counted). */
export const SKIPPED_SHOWN = 20;

export interface ReportOptions {
  /** Working directory: relative paths resolve here and output paths are relative to it. */
  cwd: string;
  taxonomy: Taxonomy;
  /** Files, folders, globs, `-` for stdin. Default: the taxonomy's `report.logs` globs. */
  paths?: readonly string[];
  /** What `-` reads. */
  stdin?: AsyncIterable<Buffer | string>;
  /** Force one record format instead of detecting it per record. */
  inputFormat?: InputFormat;
  /** `--pricing FILE`: overrides and extends rules/pricing.yaml. */
  pricingFile?: string;
  /** A ready price table (tests, embedding); wins over `pricingFile`. */
  pricing?: PriceTable;
  /** Price models the table lacks from @pydantic/genai-prices (default true). */
  fallbackPricing?: boolean;
  /** UTC dates, inclusive. */
  since?: string;
  until?: string;
  /** A tenant is an outlier above this multiple of the median tenant cost (default 10). */
  outlierFactor?: number;
  failOn?: readonly Gate[];
  /** `--tenants FILE` rows (src/report/tenants-file.ts), merged over the taxonomy's `tenants:`. */
  tenants?: ReadonlyMap<string, Tenant>;
  /** Period when there is no data at all (default: the current month). */
  now?: Date;
  /** Called with bytes read so far and the total size of the files (stdin not counted in the total). */
  onProgress?: (read: number, total: number) => void;
  /**
   * Worker threads for JSONL files (docs/report.md#threads): 1 (default) none, `auto` one per core
   * from PARALLEL_MIN_BYTES of JSONL, N >= 2 always N workers. The result is the same.
   */
  threads?: Threads;
  /** Tests and tuning: `minBytes` (where `auto` starts workers), `rangeBytes` (the size of one worker's range), `onPlan`. */
  ingest?: Pick<IngestOptions, 'minBytes' | 'rangeBytes' | 'onPlan'>;
  /** Keep each record's own tags (attribution resolves them in place): the step ledger writes them. */
  keepOwnTags?: boolean;
}

/** One stored record with its attribution, as the per-run ledger shows it. */
export interface AttributedStep {
  index: number;
  stepId: string | null;
  /** Index of the parent record, -1 when none was read. */
  parent: number;
  run: string;
  ts: string;
  kind: StepKind;
  provider: string | null;
  model: string | null;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Effective cost (after negotiated discounts). */
  costUsd: number;
  /** List cost (batch steps: the batch list price); equals costUsd without a discount. */
  listCostUsd: number;
  unpriced: boolean;
  price: PriceRef;
  tool: string | null;
  toolOwner: string | null;
  /** Structural records (agents, chains) pass tags on but are never counted. */
  structural: boolean;
  /** Counted in the report (a step, inside the period). */
  counted: boolean;
  status: AttributionStatus;
  tags: Record<AttributionTag, { value: string | null; source: TagSource }>;
  file: string;
  /** 0 inside a JSON document. */
  line: number;
  format: string;
}

/** The report plus the attributed records behind it (compact columns; read them with `step(i)`). */
export interface Analysis {
  result: ReportResult;
  /** The taxonomy's allocation rules: `applyInvoice` recomputes the chargeback with the unlogged pool. */
  allocation: AllocationSettings;
  store: StepStore;
  attribution: Attribution;
  priceRefs: readonly PriceRef[];
  /** Counted model and embedding steps per format whose record had no usage and no cost (the `usage-missing` warning). */
  usageAbsent: ReadonlyMap<RecordFormat, number>;
  /** Folder entries with a log file's name that were not read (the `log-entries-not-read` warning). */
  notRead: readonly NotRead[];
  /** With `keepOwnTags`: each record's own value id per attribution tag (-1: none), before inheritance. */
  ownTags?: readonly Column<Int32Array>[];
  /** Number of stored records (steps and structural records, in and outside the period). */
  size: number;
  step(index: number): AttributedStep;
  /** Indexes of the records of one run, in the order they were read. */
  runSteps(run: string): number[];
}

/** Read the logs, price, attribute and aggregate: `attrib report` as a function. */
export async function report(options: ReportOptions): Promise<ReportResult> {
  return (await analyze(options)).result;
}

export async function analyze(options: ReportOptions): Promise<Analysis> {
  const { cwd, taxonomy } = options;
  const since = options.since === undefined ? undefined : parseDay(options.since, '--since');
  const until = options.until === undefined ? undefined : parseDay(options.until, '--until');
  if (since !== undefined && until !== undefined && until < since) {
    throw new ConfigError(`--until (${options.until}) is before --since (${options.since})`, 'Swap the dates, or drop one of them.');
  }
  const outlierFactor = options.outlierFactor ?? 10;
  if (!(outlierFactor > 0)) throw new ConfigError(`--outlier-factor must be a positive number, not ${outlierFactor}`, 'For example --outlier-factor 10.');
  const { sources, notRead } = await logSources(options);
  const table = options.pricing ?? (await loadPricing({ cwd, file: options.pricingFile }));
  const pricer = new Pricer(table, options.fallbackPricing ?? true);
  const store = new StepStore();
  const skipped: SkippedLine[] = [];
  let skippedCount = 0;
  let outsidePeriod = 0;
  let failedRequests = 0;
  const usageAbsent = new Map<RecordFormat, number>();
  const total = sources.reduce((sum, s) => sum + (s.kind === 'file' ? s.size : 0), 0);
  let read = 0;
  const untilEnd = until === undefined ? Infinity : until + DAY;
  const skip = (file: number, line: number, reason: string, record?: number) => {
    skippedCount++;
    if (skipped.length < SKIPPED_SHOWN) skipped.push(record === undefined ? { file: sources[file]!.display, line, reason } : { file: sources[file]!.display, line, record, reason });
  };
  for (const source of sources) store.files.push(source.display);
  await ingest(
    sources,
    options.inputFormat ?? 'auto',
    {
      step(step, format, file, line) {
        const inPeriod = step.ts >= (since ?? -Infinity) && step.ts < untilEnd;
        if (step.failed) {
          // Not billable: counted, never stored or priced.
          if (inPeriod) failedRequests++;
          return;
        }
        const { micros, listMicros, ref } = pricer.price(step);
        if (!store.add(step, format, micros, ref, inPeriod, file, line, listMicros)) {
          skip(file, line, `duplicate step id ${JSON.stringify(step.stepId)}: already read, counted once`);
        } else if (!inPeriod && !step.structural) outsidePeriod++;
        else if (inPeriod && step.usageAbsent && !step.structural && BILLED_BY_USAGE.has(step.kind)) {
          usageAbsent.set(format, (usageAbsent.get(format) ?? 0) + 1);
        }
      },
      skip,
      bytes: options.onProgress
        ? (count) => {
            read += count;
            options.onProgress!(read, total);
          }
        : undefined,
    },
    { ...(options.threads === undefined ? {} : { threads: options.threads }), ...options.ingest, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) },
  );
  store.link();
  const ownTags = options.keepOwnTags ? store.tags.map((column) => copyColumn(column, store.size)) : undefined;
  const attribution = attribute(store, taxonomy);

  let dataMin: number | undefined;
  let dataMax: number | undefined;
  let structural = 0;
  for (let i = 0; i < store.size; i++) {
    if ((store.flags.get(i) & Flag.structural) !== 0) {
      structural++;
      continue;
    }
    if (!store.counted(i)) continue;
    const ts = store.ts.get(i);
    if (dataMin === undefined || ts < dataMin) dataMin = ts;
    if (dataMax === undefined || ts > dataMax) dataMax = ts;
  }
  const period = resolvePeriod(since, until, dataMin, dataMax, (options.now ?? new Date()).getTime());
  const body = aggregate({ store, attribution, priceRefs: pricer.refs, taxonomy, period, outlierFactor, skippedLines: skippedCount, tenants: options.tenants === undefined ? taxonomy.tenants : mergeTenants(taxonomy.tenants, options.tenants) });
  checkAllocation(body);
  addCredits(body, store, table.credits);
  const failOn = [...new Set(options.failOn ?? [])];
  const result: ReportResult = {
    ...body,
    skipped,
    inputs: { files: sources.map((s) => s.display), records: store.size, structuralRecords: structural, outsidePeriod, failedRequests },
    gates: { failOn, tripped: [] },
    warnings: [],
  };
  result.warnings = [...reportWarnings({ steps: body.totals.steps, outsidePeriod, periodFiltered: since !== undefined || until !== undefined, usageAbsent, notRead }, body), ...discountWarnings(body.pricing, table.providers)];
  applyChargeback(result, taxonomy.allocation);
  result.gates.tripped = failOn.filter((gate) => tripped(gate, result));

  const refs = pricer.refs;
  let runIndex: Map<string, number[]> | undefined;
  return {
    result,
    allocation: taxonomy.allocation,
    store,
    attribution,
    priceRefs: refs,
    ...(ownTags === undefined ? {} : { ownTags }),
    usageAbsent,
    notRead,
    size: store.size,
    step: (i) => materialise(store, attribution, refs, i),
    runSteps(run) {
      if (!runIndex) {
        runIndex = new Map();
        for (let i = 0; i < store.size; i++) {
          const name = runLabel(store, attribution.run.get(i));
          const list = runIndex.get(name);
          if (list) list.push(i);
          else runIndex.set(name, [i]);
        }
      }
      return runIndex.get(run) ?? [];
    },
  };
}

/**
 * The allocation invariant: every group list sums to the total, to the micro-dollar. It holds by
 * construction; if it ever does not, the run fails rather than print numbers that do not add up.
 */
export function checkAllocation(body: ReturnType<typeof aggregate>): void {
  const micros = (rows: readonly { costUsd: number }[]) => rows.reduce((sum, r) => sum + Math.round(r.costUsd * 1e6), 0);
  const total = Math.round(body.totals.costUsd * 1e6);
  const lists = { byFeature: body.byFeature, byTeam: body.byTeam, byTenant: body.byTenant, byWorkloadClass: body.byWorkloadClass, byEnvironment: body.byEnvironment, byModel: body.byModel, byFeatureModel: body.byFeatureModel, daily: body.daily, pricing: body.pricing };
  for (const [name, rows] of Object.entries(lists)) {
    const sum = micros(rows);
    if (sum !== total) throw new Error(`allocation invariant broken: ${name} sums to ${sum} micro-dollars, the total is ${total}`);
  }
  const listed = micros(body.pricing.map((r) => ({ costUsd: r.listCostUsd })));
  if (listed !== Math.round(body.totals.listCostUsd * 1e6)) throw new Error(`allocation invariant broken: pricing list costs sum to ${listed} micro-dollars, the list total is ${Math.round(body.totals.listCostUsd * 1e6)}`);
}

function copyColumn(column: Column<Int32Array>, size: number): Column<Int32Array> {
  const copy = new Column((k) => new Int32Array(k), -1);
  for (let i = 0; i < size; i++) copy.set(i, column.get(i));
  return copy;
}

async function logSources(options: ReportOptions): Promise<ResolvedSources> {
  if (options.paths && options.paths.length > 0) return resolveSources(options.paths, options.cwd);
  const logs = options.taxonomy.report.logs;
  if (logs.length === 0 || options.taxonomy.file === undefined) {
    throw new ConfigError(
      'no usage logs to read: no paths were given and attrib.yaml has no `report.logs`',
      'Pass log files, folders or globs (`attrib report logs/*.jsonl`), `-` for standard input, or set `report: { logs: "logs/*.jsonl" }` in attrib.yaml.',
    );
  }
  const file = options.taxonomy.file;
  try {
    return await resolveSources(logs, options.cwd, path.dirname(file));
  } catch (error) {
    // Say where the globs came from: the user typed no path.
    if (error instanceof ConfigError) {
      throw new ConfigError(`${error.message} (from report.logs in ${displayPath(file, options.cwd)})`, 'Pass log paths on the command line, or fix report.logs (its globs are relative to the taxonomy file).');
    }
    throw error;
  }
}

function materialise(store: StepStore, attribution: Attribution, refs: readonly PriceRef[], i: number): AttributedStep {
  if (!(i >= 0 && i < store.size)) throw new RangeError(`no record ${i}: there are ${store.size}`);
  const str = (id: number) => (id === -1 ? null : store.strings.get(id));
  const tags = Object.create(null) as AttributedStep['tags'];
  ATTRIBUTION_TAGS.forEach((tag, t) => {
    tags[tag] = { value: str(attribution.values[t]!.get(i)), source: sourceName(attribution.sources[t]!.get(i)) };
  });
  const flags = store.flags.get(i);
  return {
    index: i,
    stepId: store.stepIdOf(i),
    parent: store.parent.get(i),
    run: runLabel(store, attribution.run.get(i)),
    ts: new Date(store.ts.get(i)).toISOString(),
    kind: STEP_KINDS[store.kind.get(i)]!,
    provider: str(store.provider.get(i)),
    model: str(store.model.get(i)),
    inputTokens: store.inputTokens.get(i),
    cachedInputTokens: store.cachedInputTokens.get(i),
    cacheWriteTokens: store.cacheWriteTokens.get(i),
    outputTokens: store.outputTokens.get(i),
    costUsd: store.cost.get(i) / 1e6,
    listCostUsd: store.listCost.get(i) / 1e6,
    unpriced: (flags & Flag.unpriced) !== 0,
    price: refs[store.priceRef.get(i)]!,
    tool: str(store.tool.get(i)),
    toolOwner: str(store.toolOwner.get(i)),
    structural: (flags & Flag.structural) !== 0,
    counted: store.counted(i),
    status: statusName(attribution.status.get(i)),
    tags,
    file: store.files[store.file.get(i)]!,
    line: store.line.get(i),
    format: store.formatOf(i),
  };
}

export { GATES, INPUT_FORMATS, type InputFormat } from './options.js';
export { gateReasons, tripped } from './gates.js';
export { LineSplitter, splitLines } from './lines.js';
export { loadPricing, parsePricing, matchModel, type PriceTable } from './pricing-table.js';
export type { PriceRef, PriceSource } from './pricing.js';
export type { TagSource, AttributionStatus } from './attribute.js';
