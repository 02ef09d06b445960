import type { Taxonomy } from '../taxonomy/types.js';
import { type Attribution, runLabel } from './attribute.js';
import { DAY, type Period, dayString, periodMonths, proratedBudget } from './period.js';
import type { PriceRef } from './pricing.js';
import { ATTRIBUTION_TAGS, STEP_KINDS } from './step.js';
import type { StepStore } from './store.js';
import type {
  BudgetStatus,
  BudgetedRow,
  DailyRow,
  FeatureModelRow,
  FeatureRow,
  Flag,
  ForecastRow,
  GroupRow,
  ModelRow,
  PricingRow,
  ReportResult,
  TenantRow,
  ToolRow,
  UnattributedBucketRow,
} from './types.js';

export const UNATTRIBUTED = '(unattributed)';
export const NONE = '(none)';
const T = Object.fromEntries(ATTRIBUTION_TAGS.map((tag, i) => [tag, i])) as Record<(typeof ATTRIBUTION_TAGS)[number], number>;
const TOOL_KIND = STEP_KINDS.indexOf('tool');

/** Micro-dollars -> USD with 6 decimals (exact: an integer divided once). */
export const usd = (micros: number) => micros / 1e6;

/** A running total for one group key; `lastRun` makes distinct-run counting a single pass. */
interface Acc {
  cost: number;
  steps: number;
  runs: number;
  lastRun: number;
  input: number;
  output: number;
}

class Groups<K> {
  readonly map = new Map<K, Acc>();
  add(key: K, cost: number, run: number): Acc {
    let acc = this.map.get(key);
    if (!acc) {
      acc = { cost: 0, steps: 0, runs: 0, lastRun: -1, input: 0, output: 0 };
      this.map.set(key, acc);
    }
    acc.cost += cost;
    acc.steps++;
    if (acc.lastRun !== run) {
      acc.runs++;
      acc.lastRun = run;
    }
    return acc;
  }
  get(key: K): Acc | undefined {
    return this.map.get(key);
  }
}

/** Descending cost, then key: the order of every list in the report. */
function byCost<R extends { costUsd: number }>(key: (r: R) => string) {
  return (a: R, b: R) => b.costUsd - a.costUsd || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

export interface AggregateInput {
  store: StepStore;
  attribution: Attribution;
  priceRefs: readonly PriceRef[];
  taxonomy: Taxonomy;
  period: Period;
  outlierFactor: number;
  skippedLines: number;
}

/** Everything the report says, computed from the attributed steps in one pass ordered by run. */
export type Aggregate = Omit<ReportResult, 'skipped' | 'inputs' | 'gates'>;

export function aggregate(input: AggregateInput): Aggregate {
  const { store, attribution, taxonomy, period } = input;
  const { values, status, run } = attribution;
  const s = (id: number) => store.strings.get(id);

  // Counted steps, ordered by run (counting sort), so each group sees a run's steps together.
  const counts = new Int32Array(attribution.runCount + 1);
  let countedSteps = 0;
  for (let i = 0; i < store.size; i++) {
    if (!store.counted(i)) continue;
    counts[run.get(i) + 1]!++;
    countedSteps++;
  }
  for (let r = 1; r < counts.length; r++) counts[r]! += counts[r - 1]!;
  const order = new Int32Array(countedSteps);
  for (let i = 0; i < store.size; i++) if (store.counted(i)) order[counts[run.get(i)]!++] = i;

  const features = new Groups<number>();
  const teams = new Groups<number>();
  const tenants = new Groups<number>();
  const workloads = new Groups<number>();
  const environments = new Groups<number>();
  const models = new Groups<number>();
  const featureModels = new Map<number, Groups<number>>();
  const tools = new Map<number, { owner: number; acc: Acc; consumers: Map<number, number> }>();
  const daily = new Map<number, Map<number, number>>();
  const buckets = [0, 0, 0, 0].map(() => ({ cost: 0, steps: 0 }));
  const unknownValues = new Groups<number>();
  const priced = new Map<number, { cost: number; steps: number }>();
  const lastMonth = periodMonths(period).at(-1)!;
  const lastMonthCost = { feature: new Map<number, number>(), team: new Map<number, number>(), org: 0 };
  const mixedRuns: { run: number; envs: number[] }[] = [];
  let total = 0;
  let unpricedSteps = 0;
  let runs = 0;
  let dataMax = -Infinity;

  let currentRun = -1;
  let runEnvs: number[] = [];
  const closeRun = () => {
    if (runEnvs.length > 1) mixedRuns.push({ run: currentRun, envs: runEnvs });
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const r = run.get(i);
    if (r !== currentRun) {
      closeRun();
      currentRun = r;
      runEnvs = [];
      runs++;
    }
    const cost = store.cost.get(i);
    const ts = store.ts.get(i);
    total += cost;
    if (ts > dataMax) dataMax = ts;
    const st = status.get(i);
    const feature = st === 0 ? values[T.feature]!.get(i) : -1;
    const team = values[T.team]!.get(i);
    const env = values[T.environment]!.get(i);
    const model = store.model.get(i);
    features.add(feature, cost, r);
    teams.add(team, cost, r);
    tenants.add(values[T.tenant]!.get(i), cost, r);
    workloads.add(values[T.workload_class]!.get(i), cost, r);
    environments.add(env, cost, r);
    const m = models.add(model, cost, r);
    m.input += store.inputTokens.get(i);
    m.output += store.outputTokens.get(i);
    let fm = featureModels.get(feature);
    if (!fm) featureModels.set(feature, (fm = new Groups<number>()));
    fm.add(model, cost, r);
    if (env !== -1 && !runEnvs.includes(env)) runEnvs.push(env);
    if (st !== 0) {
      buckets[st]!.cost += cost;
      buckets[st]!.steps++;
      if (st === 2) unknownValues.add(values[T.feature]!.get(i), cost, r);
    }
    if ((store.flags.get(i) & 16) !== 0) unpricedSteps++;
    const ref = store.priceRef.get(i);
    const p = priced.get(ref);
    if (p) {
      p.cost += cost;
      p.steps++;
    } else priced.set(ref, { cost, steps: 1 });
    if (store.kind.get(i) === TOOL_KIND) {
      const toolId = store.tool.get(i);
      let tool = tools.get(toolId);
      if (!tool) tools.set(toolId, (tool = { owner: -1, acc: { cost: 0, steps: 0, runs: 0, lastRun: -1, input: 0, output: 0 }, consumers: new Map() }));
      if (tool.owner === -1) tool.owner = store.toolOwner.get(i);
      tool.acc.cost += cost;
      tool.acc.steps++;
      tool.consumers.set(feature, (tool.consumers.get(feature) ?? 0) + cost);
    }
    const day = Math.floor(ts / DAY);
    let d = daily.get(day);
    if (!d) daily.set(day, (d = new Map()));
    d.set(team, (d.get(team) ?? 0) + cost);
    if (ts >= lastMonth.start) {
      lastMonthCost.org += cost;
      lastMonthCost.feature.set(feature, (lastMonthCost.feature.get(feature) ?? 0) + cost);
      lastMonthCost.team.set(team, (lastMonthCost.team.get(team) ?? 0) + cost);
    }
  }
  closeRun();

  const nearPct = taxonomy.org.nearPct;
  const budgetOf = (monthlyUsd: number | undefined) => (monthlyUsd === undefined ? null : proratedBudget(Math.round(monthlyUsd * 1e6), period));
  const statusOf = (cost: number, budget: number | null): BudgetStatus => {
    if (budget === null) return 'no-budget';
    if (cost > budget) return 'over';
    if (budget > 0 && cost * 100 >= budget * nearPct) return 'near';
    return 'under';
  };
  const budgeted = (key: string, acc: Acc | undefined, budget: number | null): BudgetedRow => {
    const cost = acc?.cost ?? 0;
    return {
      key,
      costUsd: usd(cost),
      steps: acc?.steps ?? 0,
      runs: acc?.runs ?? 0,
      budgetUsd: budget === null ? null : usd(budget),
      varianceUsd: budget === null ? null : usd(cost - budget),
      status: statusOf(cost, budget),
    };
  };
  const flags: Flag[] = [];

  // Features: every registry feature (a zero line is information too), plus the unattributed line.
  const byFeature: FeatureRow[] = [];
  for (const [name, feature] of taxonomy.features) {
    const id = store.strings.find(name);
    const row = budgeted(name, id === undefined ? undefined : features.get(id), budgetOf(feature.budget?.monthlyUsd));
    byFeature.push({ ...row, team: feature.team });
  }
  const unattributedFeature = features.get(-1);
  if (unattributedFeature) byFeature.push({ ...budgeted(UNATTRIBUTED, unattributedFeature, null), team: null });
  byFeature.sort(byCost((r) => r.key));

  const byTeam: BudgetedRow[] = [];
  const registryTeams = new Set<number>();
  for (const [name, t] of taxonomy.teams) {
    const id = store.strings.find(name);
    if (id !== undefined) registryTeams.add(id);
    byTeam.push(budgeted(name, id === undefined ? undefined : teams.get(id), budgetOf(t.budget?.monthlyUsd)));
  }
  for (const [id, acc] of teams.map) {
    if (id === -1) byTeam.push(budgeted(UNATTRIBUTED, acc, null));
    else if (!registryTeams.has(id)) byTeam.push(budgeted(s(id), acc, null));
  }
  byTeam.sort(byCost((r) => r.key));

  const orgBudget = budgetOf(taxonomy.org.budget?.monthlyUsd);
  const org = { costUsd: usd(total), budgetUsd: orgBudget === null ? null : usd(orgBudget), varianceUsd: orgBudget === null ? null : usd(total - orgBudget), status: statusOf(total, orgBudget) };

  // Budget flags: soft cap (feature) alerts the owning team, hard cap (team) needs acknowledgement,
  // the global cap (org) is an emergency.
  const money = (v: number | null) => (v === null ? '' : `$${v.toFixed(2)}`);
  for (const row of byFeature) {
    if (row.status === 'over') {
      flags.push({ kind: 'over-budget', scope: 'feature', key: row.key, action: 'alert-team', team: row.team ?? undefined, message: `feature ${row.key} spent ${money(row.costUsd)}, over its soft cap of ${money(row.budgetUsd)} by ${money(row.varianceUsd)}: alert the owning team (${row.team})` });
    } else if (row.status === 'near') {
      flags.push({ kind: 'near-budget', scope: 'feature', key: row.key, team: row.team ?? undefined, message: `feature ${row.key} spent ${money(row.costUsd)}, ${pct(row.costUsd, row.budgetUsd)} of its ${money(row.budgetUsd)} budget` });
    }
  }
  for (const row of byTeam) {
    if (row.status === 'over') {
      flags.push({ kind: 'hard-cap', scope: 'team', key: row.key, action: 'acknowledge', team: row.key, message: `team ${row.key} spent ${money(row.costUsd)}, over its hard cap of ${money(row.budgetUsd)} by ${money(row.varianceUsd)}: acknowledgement required` });
    } else if (row.status === 'near') {
      flags.push({ kind: 'near-budget', scope: 'team', key: row.key, team: row.key, message: `team ${row.key} spent ${money(row.costUsd)}, ${pct(row.costUsd, row.budgetUsd)} of its ${money(row.budgetUsd)} budget` });
    }
  }
  if (org.status === 'over') {
    flags.push({ kind: 'global-cap', scope: 'org', key: 'org', action: 'emergency', message: `the organisation spent ${money(org.costUsd)}, over the global cap of ${money(org.budgetUsd)} by ${money(org.varianceUsd)}: emergency` });
  } else if (org.status === 'near') {
    flags.push({ kind: 'near-budget', scope: 'org', key: 'org', message: `the organisation spent ${money(org.costUsd)}, ${pct(org.costUsd, org.budgetUsd)} of the global cap of ${money(org.budgetUsd)}` });
  }

  const unattributedCost = buckets[1]!.cost + buckets[2]!.cost + buckets[3]!.cost;
  const unattributedPct = total === 0 ? 0 : Math.round((unattributedCost / total) * 10000) / 100;
  if (total > 0 && unattributedPct > taxonomy.org.unattributedMaxPct) {
    flags.push({ kind: 'unattributed', scope: 'org', key: UNATTRIBUTED, message: `${unattributedPct}% of spend (${money(usd(unattributedCost))}) is unattributed, above the ${taxonomy.org.unattributedMaxPct}% the taxonomy allows` });
  }

  // Tenants: outliers against the median of the tenants that are known.
  const tenantRows = [...tenants.map].map(([id, acc]) => ({
    id,
    row: { key: id === -1 ? NONE : s(id), costUsd: usd(acc.cost), steps: acc.steps, runs: acc.runs, outlier: false, costPerRunUsd: usd(Math.round(acc.cost / acc.runs)) } as TenantRow,
    cost: acc.cost,
  }));
  const known = tenantRows.filter((t) => t.id !== -1).map((t) => t.cost).sort((a, b) => a - b);
  const half = known.length >> 1;
  const median = known.length === 0 ? 0 : known.length % 2 === 1 ? known[half]! : (known[half - 1]! + known[half]!) / 2;
  for (const { id, row, cost } of tenantRows) {
    if (id === -1 || known.length < 2 || cost <= input.outlierFactor * median) continue;
    row.outlier = true;
    flags.push({ kind: 'outlier-tenant', scope: 'tenant', key: row.key, message: `tenant ${row.key} cost ${money(row.costUsd)}, more than ${input.outlierFactor}x the median tenant cost (${money(usd(median))})` });
  }
  const byTenant = tenantRows.map((t) => t.row).sort(byCost((r) => r.key));

  const plain = (groups: Groups<number>): GroupRow[] =>
    [...groups.map].map(([id, acc]) => ({ key: id === -1 ? NONE : s(id), costUsd: usd(acc.cost), steps: acc.steps, runs: acc.runs })).sort(byCost((r) => r.key));

  const byModel: ModelRow[] = [...models.map]
    .map(([id, acc]) => ({ key: id === -1 ? NONE : s(id), costUsd: usd(acc.cost), steps: acc.steps, runs: acc.runs, inputTokens: acc.input, outputTokens: acc.output }))
    .sort(byCost((r) => r.key));

  const featureKey = (id: number) => (id === -1 ? UNATTRIBUTED : s(id));
  const byFeatureModel: FeatureModelRow[] = [];
  for (const [f, groups] of featureModels) {
    for (const [m, acc] of groups.map) byFeatureModel.push({ feature: featureKey(f), model: m === -1 ? NONE : s(m), costUsd: usd(acc.cost), steps: acc.steps, runs: acc.runs });
  }
  byFeatureModel.sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0) || b.costUsd - a.costUsd || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));

  const toolRows: ToolRow[] = [...tools].map(([id, t]) => ({
    tool: id === -1 ? '(unnamed)' : s(id),
    owner: t.owner === -1 ? null : s(t.owner),
    costUsd: usd(t.acc.cost),
    steps: t.acc.steps,
    consumers: [...t.consumers].map(([f, c]) => ({ feature: featureKey(f), costUsd: usd(c) })).sort(byCost((c) => c.feature)),
  }));
  toolRows.sort(byCost((r) => r.tool));

  const dailyRows: DailyRow[] = [];
  for (const day of [...daily.keys()].sort((a, b) => a - b)) {
    const rows = [...daily.get(day)!].map(([team, c]) => ({ date: dayString(day * DAY), team: team === -1 ? UNATTRIBUTED : s(team), costUsd: usd(c) }));
    rows.sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
    dailyRows.push(...rows);
  }

  // Runs: conflicts (a step needed its run's value and the run disagreed) and mixed environments.
  const runName = (r: number) => runLabel(store, r);
  for (let r = 0; r < attribution.runConflicts.length; r++) {
    const mask = attribution.runConflicts[r]!;
    if (mask === 0) continue;
    const tags = ATTRIBUTION_TAGS.filter((_, t) => (mask & (1 << t)) !== 0);
    flags.push({ kind: 'conflicting-tags', scope: 'run', key: runName(r), message: `run ${runName(r)} disagrees on ${tags.join(', ')}: steps without their own value stay unattributed for it` });
  }
  for (const { run: r, envs } of mixedRuns) {
    flags.push({ kind: 'environment-mixing', scope: 'run', key: runName(r), message: `run ${runName(r)} mixes environments: ${envs.map(s).sort().join(', ')}` });
  }
  for (const [key, steps] of attribution.teamMismatches) {
    const [feature, team] = key.split('\u0000') as [string, string];
    const owner = taxonomy.features.get(feature)?.team;
    flags.push({ kind: 'feature-team-mismatch', scope: 'feature', key: feature, team: owner, message: `${steps} ${steps === 1 ? 'step' : 'steps'} of feature ${feature} are tagged team ${team}, but the registry gives it to ${owner}: counted for ${owner}` });
  }

  // Pricing provenance, and one flag per unpriced model.
  const pricing: PricingRow[] = [];
  for (const [ref, p] of priced) {
    const r = input.priceRefs[ref]!;
    const price = r.price;
    pricing.push({
      model: r.model,
      provider: r.provider,
      kind: price.kind,
      source: price.kind === 'table' || price.kind === 'fallback' ? price.source : null,
      entry: price.kind === 'table' || price.kind === 'fallback' ? price.entry : null,
      effectiveFrom: price.kind === 'table' || price.kind === 'fallback' ? price.effectiveFrom : null,
      match: price.kind === 'table' ? price.match : null,
      steps: p.steps,
      costUsd: usd(p.cost),
    });
    if (price.kind === 'unpriced') {
      const name = r.model ?? NONE;
      flags.push({ kind: 'unpriced', scope: 'model', key: name, message: `${p.steps} ${p.steps === 1 ? 'step' : 'steps'} of model ${name}${r.provider ? ` (${r.provider})` : ''} ${p.steps === 1 ? 'has' : 'have'} no cost and no known price: counted at $0; add the model to a --pricing file` });
    }
  }
  pricing.sort((a, b) => cmp(a.model ?? '', b.model ?? '') || cmp(a.provider ?? '', b.provider ?? '') || cmp(a.kind, b.kind) || cmp(a.effectiveFrom ?? '', b.effectiveFrom ?? ''));

  const forecast = buildForecast({ period, lastMonth, dataMax, lastMonthCost, taxonomy, store, flags });

  const bucketNames = ['missing', 'unknown-value', 'conflict'] as const;
  const unattributed: UnattributedBucketRow[] = bucketNames.map((bucket, b) => ({
    bucket,
    costUsd: usd(buckets[b + 1]!.cost),
    steps: buckets[b + 1]!.steps,
    values: bucket === 'unknown-value' ? [...unknownValues.map].map(([id, acc]) => ({ value: s(id), costUsd: usd(acc.cost), steps: acc.steps })).sort(byCost((v) => v.value)) : [],
  }));

  flags.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.scope, b.scope) || cmp(a.key, b.key));

  return {
    schemaVersion: 1,
    currency: 'USD',
    period,
    totals: {
      costUsd: usd(total),
      steps: countedSteps,
      runs,
      attributedCostUsd: usd(total - unattributedCost),
      unattributedCostUsd: usd(unattributedCost),
      unattributedPct,
      unpricedSteps,
      skippedLines: input.skippedLines,
      unattributed: { missing: usd(buckets[1]!.cost), unknownValue: usd(buckets[2]!.cost), conflict: usd(buckets[3]!.cost) },
    },
    byFeature,
    byTeam,
    byTenant,
    byWorkloadClass: plain(workloads),
    byEnvironment: plain(environments),
    byModel,
    tools: toolRows,
    org,
    flags,
    daily: dailyRows,
    forecast,
    byFeatureModel,
    unattributed,
    pricing,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pct(cost: number, budget: number | null): string {
  return budget ? `${Math.round((cost / budget) * 100)}%` : '';
}

/**
 * When the data ends before the period's last month does, project that month linearly from the
 * days elapsed (the last day with data counts as elapsed) for every budget holder.
 */
function buildForecast(args: {
  period: Period;
  lastMonth: ReturnType<typeof periodMonths>[number];
  dataMax: number;
  lastMonthCost: { feature: Map<number, number>; team: Map<number, number>; org: number };
  taxonomy: Taxonomy;
  store: StepStore;
  flags: Flag[];
}): ForecastRow[] {
  const { lastMonth, dataMax, lastMonthCost, taxonomy, store, flags } = args;
  const periodEnd = Date.parse(`${args.period.to}T00:00:00Z`);
  const lastDay = Math.floor(dataMax / DAY) * DAY;
  if (!Number.isFinite(dataMax) || lastDay >= periodEnd || lastDay < lastMonth.start) return [];
  const elapsed = Math.round((lastDay - lastMonth.start) / DAY) + 1;
  const rows: ForecastRow[] = [];
  const project = (scope: ForecastRow['scope'], key: string, cost: number, monthlyUsd: number | undefined) => {
    const projected = Math.round((cost * lastMonth.days) / elapsed);
    const budget = monthlyUsd === undefined ? null : Math.round((Math.round(monthlyUsd * 1e6) * lastMonth.days) / lastMonth.daysInMonth);
    const over = budget !== null && projected > budget;
    rows.push({ scope, key, month: lastMonth.month, costToDateUsd: usd(cost), projectedUsd: usd(projected), budgetUsd: budget === null ? null : usd(budget), projectedOver: over });
    if (over) {
      flags.push({
        kind: 'projected-over',
        scope,
        key,
        message: `${scope === 'org' ? 'the organisation' : `${scope} ${key}`} is on course for $${usd(projected).toFixed(2)} in ${lastMonth.month} (${elapsed} of ${lastMonth.days} days elapsed), over its $${usd(budget).toFixed(2)} budget`,
      });
    }
  };
  const costOf = (map: Map<number, number>, name: string) => {
    const id = store.strings.find(name);
    return id === undefined ? 0 : (map.get(id) ?? 0);
  };
  for (const [name, f] of taxonomy.features) project('feature', name, costOf(lastMonthCost.feature, name), f.budget?.monthlyUsd);
  for (const [name, t] of taxonomy.teams) project('team', name, costOf(lastMonthCost.team, name), t.budget?.monthlyUsd);
  project('org', 'org', lastMonthCost.org, taxonomy.org.budget?.monthlyUsd);
  return rows.sort((a, b) => cmp(a.scope, b.scope) || cmp(a.key, b.key));
}
