import type { Taxonomy } from '../taxonomy/types.js';
import { ATTRIBUTION_TAGS } from './step.js';
import { Column, Flag, type StepStore } from './store.js';

/** Where a step's tag value came from (contract order: own, nearest ancestor, run, registry). */
export const TAG_SOURCES = ['none', 'own', 'ancestor', 'run', 'registry'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];
const NONE = 0;
const OWN = 1;
const ANCESTOR = 2;
const RUN = 3;
const REGISTRY = 4;

/** Why a step is, or is not, attributed. */
export const ATTRIBUTION_STATUSES = ['attributed', 'missing', 'unknown-value', 'conflict'] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];
const ATTRIBUTED = 0;
const MISSING = 1;
const UNKNOWN_VALUE = 2;
const CONFLICT = 3;

const FEATURE = ATTRIBUTION_TAGS.indexOf('feature');
const TEAM = ATTRIBUTION_TAGS.indexOf('team');
/** resolveNearest's mark for a record on the chain being walked (a state, not a TagSource). */
const VISITING = 5;
/** Run consensus of a tag: a value id, NO_VALUE, or DISAGREE. */
const NO_VALUE = -1;
const DISAGREE = -2;

/** The resolved tags, their provenance and the run of every stored record (columns, by step index). */
export interface Attribution {
  /** Resolved value id (store.strings) per attribution tag; -1 when missing. */
  values: Column<Int32Array>[];
  /** TagSource index per attribution tag. */
  sources: Column<Uint8Array>[];
  /** AttributionStatus index. */
  status: Column<Uint8Array>;
  /** Run index: ids of store.runIds first, then one fresh index per step that has no run at all. */
  run: Column<Int32Array>;
  runCount: number;
  /** Per run: bit t set when a counted step needed tag t from its run and the run disagreed. */
  runConflicts: Uint8Array;
  /** Counted steps whose own or inherited team differs from their feature's registry team: `feature\0team` -> steps. */
  teamMismatches: Map<string, number>;
}

/**
 * Give every record the nearest value on its parent chain, itself included, in place: `values`
 * holds each record's own value (-1: none) and `state` is OWN where it has one, NONE elsewhere.
 * Afterwards every record is OWN or ANCESTOR (whose value may be -1: nothing up the chain; cycles
 * resolve to -1 too). Resolving in place needs no memo column: one column fewer per tag.
 */
function resolveNearest(store: StepStore, values: Column<Int32Array>, state: Column<Uint8Array>): void {
  // The chain walked so far, as a typed stack (resetting a JS array per step was a measurable cost).
  let path = new Int32Array(64);
  let depth = 0;
  for (let i = 0; i < store.size; i++) {
    if (state.get(i) !== NONE) continue;
    let j = i;
    let result = -1;
    for (;;) {
      const known = state.get(j);
      if (known === VISITING) break;
      if (known !== NONE) {
        result = values.get(j);
        break;
      }
      state.set(j, VISITING);
      if (depth === path.length) {
        const longer = new Int32Array(depth * 2);
        longer.set(path);
        path = longer;
      }
      path[depth++] = j;
      j = store.parent.get(j);
      if (j === -1) break;
    }
    for (let d = 0; d < depth; d++) {
      values.set(path[d]!, result);
      state.set(path[d]!, ANCESTOR);
    }
    depth = 0;
  }
}

/**
 * Apply the attribution contract to every record: own tags, then the nearest ancestor's, then the
 * run's when all its records that carry the tag agree (structural records included), then the
 * feature's registry team. A record's run is its `parent_run_id` tag, else its nearest ancestor's,
 * else its source's trace/session id, else a run of its own.
 *
 * The store's own-tag columns are resolved in place and become `values` (nothing reads own tags
 * afterwards; it saves a column per tag at the report's memory peak), so call this once per store.
 */
export function attribute(store: StepStore, taxonomy: Taxonomy): Attribution {
  const n = store.size;
  // Runs: an explicit run tag wins, then an ancestor's run tag, then the record's own trace id.
  // The nearest run tag is turned into the run in place (each entry only reads itself).
  const run = new Column((k) => new Int32Array(k), -1);
  const runState = new Column((k) => new Uint8Array(k));
  for (let i = 0; i < n; i++) {
    if ((store.flags.get(i) & Flag.runTag) === 0) continue;
    run.set(i, store.ownRun.get(i));
    runState.set(i, OWN);
  }
  resolveNearest(store, run, runState);
  let runCount = store.runIds.size;
  for (let i = 0; i < n; i++) {
    let r = run.get(i);
    if (r === -1) r = store.ownRun.get(i);
    if (r === -1) r = runCount++;
    run.set(i, r);
  }

  const values: Column<Int32Array>[] = [];
  const sources: Column<Uint8Array>[] = [];
  const runConflicts = new Uint8Array(runCount);
  const explicitRuns = store.runIds.size;
  const disagree: Uint8Array[] = [];
  for (let t = 0; t < ATTRIBUTION_TAGS.length; t++) {
    const resolved = store.tags[t]!;
    // In one pass before resolving: OWN where a record carries the tag itself, and the run
    // consensus over those records.
    const source = new Column((k) => new Uint8Array(k));
    const consensus = new Int32Array(explicitRuns).fill(NO_VALUE);
    for (let i = 0; i < n; i++) {
      const v = resolved.get(i);
      if (v === -1) continue;
      source.set(i, OWN);
      const r = run.get(i);
      if (r >= explicitRuns) continue;
      const c = consensus[r]!;
      if (c === NO_VALUE) consensus[r] = v;
      else if (c !== v) consensus[r] = DISAGREE;
    }
    resolveNearest(store, resolved, source);
    const runDisagrees = new Uint8Array(n > 0 ? Math.ceil(n / 8) : 0);
    for (let i = 0; i < n; i++) {
      if (source.get(i) === OWN || resolved.get(i) !== -1) continue;
      const r = run.get(i);
      const c = r < explicitRuns ? consensus[r]! : NO_VALUE;
      if (c >= 0) {
        resolved.set(i, c);
        source.set(i, RUN);
      } else {
        source.set(i, NONE);
        if (c === DISAGREE) {
          runDisagrees[i >>> 3]! |= 1 << (i & 7);
          if (store.counted(i)) runConflicts[r]! |= 1 << t;
        }
      }
    }
    values.push(resolved);
    sources.push(source);
    disagree.push(runDisagrees);
  }

  // Registry team and attribution status.
  const featureIds = new Map<number, { known: boolean; team: number }>();
  const featureInfo = (id: number) => {
    let info = featureIds.get(id);
    if (!info) {
      const feature = taxonomy.features.get(store.strings.get(id));
      info = feature ? { known: true, team: store.strings.id(feature.team) } : { known: false, team: -1 };
      featureIds.set(id, info);
    }
    return info;
  };
  const status = new Column((k) => new Uint8Array(k));
  const teamMismatches = new Map<string, number>();
  const featureValues = values[FEATURE]!;
  const teamValues = values[TEAM]!;
  const teamSources = sources[TEAM]!;
  for (let i = 0; i < n; i++) {
    const f = featureValues.get(i);
    if (f === -1) {
      status.set(i, (disagree[FEATURE]![i >>> 3]! & (1 << (i & 7))) !== 0 ? CONFLICT : MISSING);
      continue;
    }
    const info = featureInfo(f);
    if (!info.known) {
      status.set(i, UNKNOWN_VALUE);
      continue;
    }
    status.set(i, ATTRIBUTED);
    const tagged = teamValues.get(i);
    if (tagged !== -1 && tagged !== info.team && store.counted(i)) {
      const key = `${store.strings.get(f)}\u0000${store.strings.get(tagged)}`;
      teamMismatches.set(key, (teamMismatches.get(key) ?? 0) + 1);
    }
    teamValues.set(i, info.team);
    teamSources.set(i, REGISTRY);
  }
  return { values, sources, status, run, runCount, runConflicts, teamMismatches };
}

export function sourceName(code: number): TagSource {
  return TAG_SOURCES[code]!;
}

export function statusName(code: number): AttributionStatus {
  return ATTRIBUTION_STATUSES[code]!;
}

/** A run's name: its id, or `(step-run N)` for a step that had no run of its own. */
export function runLabel(store: StepStore, run: number): string {
  return run < store.runIds.size ? store.runIds.get(run) : `(step-run ${run - store.runIds.size + 1})`;
}
