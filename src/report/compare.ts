/**
 * "Why did spend change": splits each feature's and team's change in cost between two periods into
 * volume (more runs), unit cost (cost per run) and model mix.
 *
 * Method: the price-volume-mix chain finance uses, with runs as the volume and the model's share of
 * steps as the mix. For one group, with C = cost, R = runs, u = C / R (cost per run), and for each
 * model m its share of the group's steps w_m and its cost per step p_m:
 *
 *   volume    = (R1 - R0) x u0             the new run count at the old cost per run
 *   model mix = R1 x (u* - u0)             u* = u0 x I1 / I0, where I_t = sum_m w_t,m x p0_m is the
 *                                          cost of an average step at period t's model mix and the
 *                                          previous period's per-model step costs
 *   unit cost = R1 x (u1 - u*)             everything else about a run: more steps per run, more
 *                                          tokens per step, other prices
 *
 * The three add up to C1 - C0 = R1 u1 - R0 u0 exactly (the chain telescopes). A model the previous
 * period did not use enters I1 at its current step cost (switching to it is mix, not price). A
 * group with no runs in one of the periods (new or gone) changes by volume only. The mix is measured
 * within the group: for a team, over the models of all its features (its feature mix is unit cost).
 *
 * Amounts are integer micro-dollars; the three effects are rounded with the largest-remainder
 * method, so they add up to the change to the micro-dollar in every row and in the totals.
 */
import type { FeatureModelRow, ReportResult } from './types.js';

/** What a comparison needs of a report (any ReportResult is one). */
export type ComparableReport = Pick<ReportResult, 'period' | 'byFeature' | 'byTeam' | 'byFeatureModel'>;

export interface ChangeFigures {
  previousUsd: number;
  currentUsd: number;
  /** current - previous = volumeUsd + unitCostUsd + mixUsd, exactly. */
  changeUsd: number;
  /** Percent of the previous cost, 1 decimal; null when the previous cost was 0. */
  changePct: number | null;
  volumeUsd: number;
  unitCostUsd: number;
  mixUsd: number;
}

export interface ChangeRow extends ChangeFigures {
  key: string;
  previousRuns: number;
  currentRuns: number;
  previousCostPerRunUsd: number | null;
  currentCostPerRunUsd: number | null;
}

export interface Comparison {
  previousPeriod: { from: string; to: string };
  currentPeriod: { from: string; to: string };
  /** The sum of the feature rows (which cover all spend, `(unattributed)` included). */
  totals: ChangeFigures;
  /** Top movers first: by the size of the change, then by key. */
  byFeature: ChangeRow[];
  byTeam: ChangeRow[];
}

const UNATTRIBUTED = '(unattributed)';
const micros = (usd: number): number => Math.round(usd * 1e6);
const usd = (m: number): number => m / 1e6;
const perRun = (costMicros: number, runs: number): number | null => (runs === 0 ? null : Math.round(costMicros / runs) / 1e6);

interface Group {
  costMicros: number;
  runs: number;
  /** model -> cost and steps, for the mix. */
  models: Map<string, { costMicros: number; steps: number }>;
}

/** Compares `current` with `previous` per feature and per team. Pure; both reports stay untouched. */
export function compareReports(previous: ComparableReport, current: ComparableReport): Comparison {
  const byFeature = compareGroups(featureGroups(previous), featureGroups(current));
  const byTeam = compareGroups(teamGroups(previous), teamGroups(current));
  const sum = (pick: (r: ChangeRow) => number) => byFeature.reduce((s, r) => s + micros(pick(r)), 0);
  const before = sum((r) => r.previousUsd);
  const after = sum((r) => r.currentUsd);
  return {
    previousPeriod: { ...previous.period },
    currentPeriod: { ...current.period },
    totals: {
      previousUsd: usd(before),
      currentUsd: usd(after),
      changeUsd: usd(after - before),
      changePct: changePct(before, after),
      volumeUsd: usd(sum((r) => r.volumeUsd)),
      unitCostUsd: usd(sum((r) => r.unitCostUsd)),
      mixUsd: usd(sum((r) => r.mixUsd)),
    },
    byFeature,
    byTeam,
  };
}

function featureGroups(report: ComparableReport): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const row of report.byFeature) groups.set(row.key, { costMicros: micros(row.costUsd), runs: row.runs, models: new Map() });
  for (const row of report.byFeatureModel) addModel(groups.get(row.feature), row);
  return groups;
}

function teamGroups(report: ComparableReport): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const row of report.byTeam) groups.set(row.key, { costMicros: micros(row.costUsd), runs: row.runs, models: new Map() });
  const teamOf = new Map(report.byFeature.map((f) => [f.key, f.team ?? UNATTRIBUTED]));
  for (const row of report.byFeatureModel) {
    const team = teamOf.get(row.feature);
    if (team !== undefined) addModel(groups.get(team), row);
  }
  return groups;
}

function addModel(group: Group | undefined, row: FeatureModelRow): void {
  if (!group) return;
  const m = group.models.get(row.model) ?? { costMicros: 0, steps: 0 };
  m.costMicros += micros(row.costUsd);
  m.steps += row.steps;
  group.models.set(row.model, m);
}

const EMPTY: Group = { costMicros: 0, runs: 0, models: new Map() };

function compareGroups(previous: Map<string, Group>, current: Map<string, Group>): ChangeRow[] {
  const keys = [...new Set([...previous.keys(), ...current.keys()])];
  const rows = keys.map((key) => changeRow(key, previous.get(key) ?? EMPTY, current.get(key) ?? EMPTY));
  return rows.sort((a, b) => Math.abs(b.changeUsd) - Math.abs(a.changeUsd) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function changeRow(key: string, before: Group, after: Group): ChangeRow {
  const change = after.costMicros - before.costMicros;
  const [volume, unitCost, mix] = apportion(change, effects(before, after));
  return {
    key,
    previousUsd: usd(before.costMicros),
    currentUsd: usd(after.costMicros),
    changeUsd: usd(change),
    changePct: changePct(before.costMicros, after.costMicros),
    volumeUsd: usd(volume),
    unitCostUsd: usd(unitCost),
    mixUsd: usd(mix),
    previousRuns: before.runs,
    currentRuns: after.runs,
    previousCostPerRunUsd: perRun(before.costMicros, before.runs),
    currentCostPerRunUsd: perRun(after.costMicros, after.runs),
  };
}

/** The unrounded [volume, unit cost, mix] in micro-dollars (see the method at the top). */
function effects(before: Group, after: Group): [number, number, number] {
  const change = after.costMicros - before.costMicros;
  if (before.runs === 0 || after.runs === 0) return [change, 0, 0];
  const u0 = before.costMicros / before.runs;
  const volume = (after.runs - before.runs) * u0;
  const ratio = mixIndexRatio(before.models, after.models);
  const mix = after.runs * (u0 * ratio - u0);
  return [volume, change - volume - mix, mix];
}

/** I1 / I0: how much an average step costs at the new model mix vs the old, at old step costs. */
function mixIndexRatio(before: Group['models'], after: Group['models']): number {
  let steps0 = 0;
  let cost0 = 0;
  for (const m of before.values()) (steps0 += m.steps), (cost0 += m.costMicros);
  let steps1 = 0;
  let cost1AtOldRates = 0;
  for (const [model, m] of after) {
    const old = before.get(model);
    const rate = old && old.steps > 0 ? old.costMicros / old.steps : m.steps > 0 ? m.costMicros / m.steps : 0;
    steps1 += m.steps;
    cost1AtOldRates += m.steps * rate;
  }
  if (steps0 === 0 || steps1 === 0 || cost0 === 0) return 1;
  return cost1AtOldRates / steps1 / (cost0 / steps0);
}

/**
 * Rounds parts that add up to `total` (up to float error) to integers that add up to it exactly:
 * floor each, then hand the missing units to the largest fractional parts (largest remainder).
 */
function apportion(total: number, parts: [number, number, number]): [number, number, number] {
  const floors = parts.map((p) => Math.floor(p));
  const remainder = (i: number) => parts[i]! - floors[i]!;
  let missing = total - floors.reduce((a, b) => a + b, 0);
  // Largest remainder first; float error can leave a unit too many, taken from the smallest then.
  const order = [0, 1, 2].sort((a, b) => remainder(b) - remainder(a) || a - b);
  for (let i = 0; missing !== 0; i = (i + 1) % 3) {
    const step = Math.sign(missing);
    const at = order[step > 0 ? i : 2 - i]!;
    floors[at] = floors[at]! + step;
    missing -= step;
  }
  return [floors[0]!, floors[1]!, floors[2]!];
}

function changePct(before: number, after: number): number | null {
  return before === 0 ? null : Math.round(((after - before) / before) * 1000) / 10;
}
