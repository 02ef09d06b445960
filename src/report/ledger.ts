/**
 * The per-run ledger (`attrib runs`): one run as the tree of steps it was, each step with its cost
 * and every attribution tag with where it came from, and the list of the most expensive runs.
 * Pure functions over an Analysis (the attributed records behind a report); nothing is re-read.
 */
import type { Analysis, AttributedStep } from './index.js';
import type { AttributionStatus, TagSource } from './attribute.js';
import type { PriceSource } from './pricing.js';
import { ATTRIBUTION_TAGS, type AttributionTag } from './step.js';
import type { StepKind } from './types.js';
import { ConfigError } from '../util/errors.js';

/** Why a step is a root of its run's tree. */
export type RootReason =
  /** It names no parent. */
  | 'no-parent'
  /** It names a parent that is not in the logs read. */
  | 'parent-not-in-logs'
  /** Its parent was read but belongs to another run. */
  | 'parent-in-other-run'
  /** Its parent chain loops back to itself; the first record of the loop is shown as a root. */
  | 'cycle';

export interface LedgerTag {
  value: string | null;
  /** `own`, `ancestor`, `run`, `registry`, or `none` when the tag stayed missing. */
  source: TagSource;
}

export interface LedgerStep {
  stepId: string | null;
  ts: string;
  kind: StepKind;
  provider: string | null;
  model: string | null;
  tool: string | null;
  toolOwner: string | null;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Effective cost (after a negotiated discount). */
  costUsd: number;
  /** List cost (batch steps: the batch list price); equals costUsd without a discount. */
  listCostUsd: number;
  unpriced: boolean;
  /** Which price priced it: the record's own cost, a price-table entry, the fallback catalogue, none. */
  price: PriceSource;
  /** Agents and chains (Langfuse SPAN/AGENT, OTel wrappers): they pass tags on and are never counted. */
  structural: boolean;
  /** Counted in the report: a real step inside the period. */
  counted: boolean;
  status: AttributionStatus;
  tags: Record<AttributionTag, LedgerTag>;
  file: string;
  /** 0 inside a JSON document. */
  line: number;
  format: string;
  /** Set on roots only. */
  root?: RootReason;
  children: LedgerStep[];
}

export interface RunLedger {
  schemaVersion: 1;
  kind: 'run';
  run: string;
  period: { from: string; to: string };
  totals: {
    /** Counted steps only (structural records and steps outside the period cost nothing here). */
    costUsd: number;
    steps: number;
    records: number;
    structuralRecords: number;
    outsidePeriod: number;
    inputTokens: number;
    outputTokens: number;
  };
  /** Roots in the order they were read; children likewise. */
  roots: LedgerStep[];
}

/** The tags a run is summarised by in the top list. */
const SUMMARY_TAGS = ['feature', 'team', 'tenant'] as const;
type SummaryTag = (typeof SUMMARY_TAGS)[number];

export interface RunSummary {
  run: string;
  /** The value carrying most of the run's cost (null when no counted step has one). */
  feature: string | null;
  team: string | null;
  tenant: string | null;
  /** Tags with more than one value among the run's counted steps (steps without one do not count). */
  mixed: SummaryTag[];
  steps: number;
  costUsd: number;
  /** First counted step, ISO 8601. */
  firstTs: string;
}

export interface TopRuns {
  schemaVersion: 1;
  kind: 'top';
  /** `--unattributed`: only unattributed steps counted (totals are the report's unattributed cost). */
  unattributed?: true;
  period: { from: string; to: string };
  /** Runs with counted steps, and their cost: what the list is the top of. */
  totals: { runs: number; costUsd: number };
  runs: RunSummary[];
}

/** What `attrib runs` prints: one run's tree, or the top runs. */
export type RunsResult = RunLedger | TopRuns;

const micros = (usd: number) => Math.round(usd * 1e6);

/**
 * The most records one run's ledger explains. Each step is materialised with its tags and
 * provenance (about 6 KB each by the time the tree is printed: 1.3 GB at 200k, out of memory at
 * 1M), and a tree that long is read by no one; larger runs are refused with their totals.
 */
export const MAX_LEDGER_STEPS = 100_000;

/** One run as a tree; undefined when no record belongs to `run`. ConfigError over MAX_LEDGER_STEPS records. */
export function runLedger(analysis: Analysis, run: string): RunLedger | undefined {
  const indexes = analysis.runSteps(run);
  if (indexes.length === 0) return undefined;
  if (indexes.length > MAX_LEDGER_STEPS) {
    throw new ConfigError(
      `run ${JSON.stringify(run)} has ${indexes.length.toLocaleString('en-US')} records: attrib runs explains runs of up to ${MAX_LEDGER_STEPS.toLocaleString('en-US')} step by step`,
      'attrib runs --top N lists it with its cost and steps; attrib report --format json has every group it is counted in.',
    );
  }
  const steps = new Map<number, AttributedStep>(indexes.map((i) => [i, analysis.step(i)]));
  const nodes = new Map<number, LedgerStep>();
  for (const [i, s] of steps) nodes.set(i, ledgerStep(s));

  const roots: LedgerStep[] = [];
  const childrenOf = new Map<number, number[]>();
  for (const [i, s] of steps) {
    if (s.parent !== -1 && steps.has(s.parent)) {
      const list = childrenOf.get(s.parent);
      if (list) list.push(i);
      else childrenOf.set(s.parent, [i]);
    }
  }
  const placed = new Set<number>();
  // Attach children iteratively (a run can be a long chain), in the order records were read.
  const attach = (rootIndex: number) => {
    const stack = [rootIndex];
    placed.add(rootIndex);
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (const child of childrenOf.get(i) ?? []) {
        if (placed.has(child)) continue;
        placed.add(child);
        nodes.get(i)!.children.push(nodes.get(child)!);
        stack.push(child);
      }
    }
  };
  for (const [i, s] of steps) {
    if (s.parent !== -1 && steps.has(s.parent)) continue;
    const node = nodes.get(i)!;
    node.root = s.parent !== -1 ? 'parent-in-other-run' : referencesParent(analysis, i) ? 'parent-not-in-logs' : 'no-parent';
    roots.push(node);
    attach(i);
  }
  // Whatever is left hangs off a parent loop: show each loop from its first record read.
  for (const i of steps.keys()) {
    if (placed.has(i)) continue;
    const node = nodes.get(i)!;
    node.root = 'cycle';
    roots.push(node);
    attach(i);
  }

  let cost = 0;
  let counted = 0;
  let structural = 0;
  let outside = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const s of steps.values()) {
    if (s.structural) structural++;
    else if (!s.counted) outside++;
    if (!s.counted) continue;
    counted++;
    cost += micros(s.costUsd);
    inputTokens += s.inputTokens;
    outputTokens += s.outputTokens;
  }
  return {
    schemaVersion: 1,
    kind: 'run',
    run,
    period: { ...analysis.result.period },
    totals: { costUsd: cost / 1e6, steps: counted, records: steps.size, structuralRecords: structural, outsidePeriod: outside, inputTokens, outputTokens },
    roots,
  };
}

/**
 * Whether record `i` named a parent step id that was never read. The Analysis only links parents it
 * read; the store still knows the id was given.
 */
function referencesParent(analysis: Analysis, i: number): boolean {
  return analysis.store.parentNode.get(i) !== -1;
}

function ledgerStep(s: AttributedStep): LedgerStep {
  const tags = Object.create(null) as Record<AttributionTag, LedgerTag>;
  for (const tag of ATTRIBUTION_TAGS) tags[tag] = { value: s.tags[tag].value, source: s.tags[tag].source };
  return {
    stepId: s.stepId,
    ts: s.ts,
    kind: s.kind,
    provider: s.provider,
    model: s.model,
    tool: s.tool,
    toolOwner: s.toolOwner,
    inputTokens: s.inputTokens,
    cachedInputTokens: s.cachedInputTokens,
    cacheWriteTokens: s.cacheWriteTokens,
    outputTokens: s.outputTokens,
    costUsd: s.costUsd,
    listCostUsd: s.listCostUsd,
    unpriced: s.unpriced,
    price: s.price.price,
    structural: s.structural,
    counted: s.counted,
    status: s.status,
    tags,
    file: s.file,
    line: s.line,
    format: s.format,
    children: [],
  };
}

interface RunTally {
  micros: number;
  steps: number;
  firstTs: string;
  /** Per summary tag: value -> [micros, steps]. */
  values: Map<string | null, [number, number]>[];
}

/**
 * Every run with at least one counted step, costliest first (then by first step, then by name).
 * `limit` keeps the first N.
 */
export function topRuns(analysis: Analysis, limit = Infinity, options: { unattributed?: boolean } = {}): TopRuns {
  const tallies = new Map<string, RunTally>();
  for (let i = 0; i < analysis.size; i++) {
    const s = analysis.step(i);
    // `--unattributed`: only the steps behind the report's unattributed cost, so each run's cost is its unattributed part.
    if (!s.counted || (options.unattributed === true && s.status === 'attributed')) continue;
    let t = tallies.get(s.run);
    if (!t) {
      t = { micros: 0, steps: 0, firstTs: s.ts, values: SUMMARY_TAGS.map(() => new Map()) };
      tallies.set(s.run, t);
    }
    const m = micros(s.costUsd);
    t.micros += m;
    t.steps++;
    if (s.ts < t.firstTs) t.firstTs = s.ts;
    SUMMARY_TAGS.forEach((tag, k) => {
      const value = s.tags[tag].value;
      const v = t.values[k]!.get(value) ?? [0, 0];
      v[0] += m;
      v[1]++;
      t.values[k]!.set(value, v);
    });
  }
  const runs: RunSummary[] = [];
  let total = 0;
  for (const [run, t] of tallies) {
    total += t.micros;
    const [feature, team, tenant] = t.values.map(dominant) as [string | null, string | null, string | null];
    runs.push({
      run,
      feature,
      team,
      tenant,
      mixed: SUMMARY_TAGS.filter((_, k) => t.values[k]!.size - (t.values[k]!.has(null) ? 1 : 0) > 1),
      steps: t.steps,
      costUsd: t.micros / 1e6,
      firstTs: t.firstTs,
    });
  }
  runs.sort((a, b) => b.costUsd - a.costUsd || (a.firstTs < b.firstTs ? -1 : a.firstTs > b.firstTs ? 1 : 0) || (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
  return {
    schemaVersion: 1,
    kind: 'top',
    ...(options.unattributed === true ? { unattributed: true } : {}),
    period: { ...analysis.result.period },
    totals: { runs: runs.length, costUsd: total / 1e6 },
    runs: runs.slice(0, limit),
  };
}

/** The value with the most cost, then the most steps; a known value beats null on a tie; then by name. */
function dominant(values: Map<string | null, [number, number]>): string | null {
  let best: string | null = null;
  let bestScore: [number, number] | undefined;
  for (const [value, score] of values) {
    const better =
      bestScore === undefined ||
      score[0] > bestScore[0] ||
      (score[0] === bestScore[0] && (score[1] > bestScore[1] || (score[1] === bestScore[1] && (best === null || (value !== null && value < best)))));
    if (better) {
      best = value;
      bestScore = score;
    }
  }
  return best;
}

/** Every run name in the records (for "did you mean" when a run id is unknown). */
export function runNames(analysis: Analysis): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < analysis.size; i++) names.add(analysis.step(i).run);
  return names;
}
