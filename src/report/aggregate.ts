import type { Taxonomy, Tenant } from '../taxonomy/types.js';
import { ConfigError } from '../util/errors.js';
import { type Attribution, runLabel } from './attribute.js';
import { DAY, type Period, dayString, proratedBudget } from './period.js';
import type { PriceRef, PriceSource } from './pricing.js';
import { ATTRIBUTION_TAGS, STEP_KINDS } from './step.js';
import type { StepStore } from './store.js';
import type {
  BudgetStatus,
  BudgetedRow,
  DailyFeatureRow,
  DailyRow,
  FeatureModelRow,
  FeatureRow,
  Flag,
  GroupRow,
  ModelRow,
  PricingRow,
  ReportResult,
  TenantCrossRow,
  TenantRow,
  ToolPricingRow,
  ToolRow,
  UnattributedBucketRow,
} from './types.js';
import { budgetStatus, capFlags } from './budgets.js';
import { idleTenantRow, tenantEconomics } from './tenants.js';
import { pushAll } from '../util/arrays.js';
import { conflictingTagsFlag, environmentMixingFlag, featureTeamMismatchFlag, flagOrder, tenantOutliers, unattributedShare, unpricedFlag } from './report-flags.js';
import { type DaySpend, spendSpikes } from './spikes.js';
import { monthForecast } from './forecast.js';
import { cmp, usd } from './numbers.js';

export const UNATTRIBUTED = '(unattributed)';
export const NONE = '(none)';
const T = Object.fromEntries(ATTRIBUTION_TAGS.map((tag, i) => [tag, i])) as Record<(typeof ATTRIBUTION_TAGS)[number], number>;
const TOOL_KIND = STEP_KINDS.indexOf('tool');

export { cmp, usd };

/**
 * Running totals per group key, in dense slots numbered in order of first sight (the order rows are
 * built in, as a Map's insertion order was). Keys are small integers: a string id or -1 (dense: one
 * Int32Array entry per possible key, no hashing per step), or a packed pair of ids (sparse: a Map
 * from key to slot). `lastRun` makes distinct-run counting a single pass over steps ordered by run.
 */
class Groups {
  readonly keys: number[] = [];
  readonly cost: number[] = [];
  readonly steps: number[] = [];
  readonly runs: number[] = [];
  readonly input: number[] = [];
  readonly output: number[] = [];
  private readonly lastRun: number[] = [];
  /** Dense: key + 1 -> slot + 1 (0: not seen). */
  private readonly denseSlots: Int32Array | undefined;
  private readonly sparseSlots: Map<number, number> | undefined;

  /** `keyCount`: keys are -1 .. keyCount - 1; without it, any integer (a Map). */
  constructor(keyCount?: number) {
    if (keyCount === undefined) this.sparseSlots = new Map();
    else this.denseSlots = new Int32Array(keyCount + 1);
  }

  /** The slot of `key`, or -1 when it was never added. */
  slot(key: number): number {
    if (this.denseSlots !== undefined) return key + 1 < this.denseSlots.length ? this.denseSlots[key + 1]! - 1 : -1;
    return this.sparseSlots!.get(key) ?? -1;
  }

  /** Count one step of `key`; returns its slot. */
  add(key: number, cost: number, run: number): number {
    let s = this.slot(key);
    if (s === -1) {
      s = this.keys.length;
      if (this.denseSlots !== undefined) this.denseSlots[key + 1] = s + 1;
      else this.sparseSlots!.set(key, s);
      this.keys.push(key);
      this.cost.push(0);
      this.steps.push(0);
      this.runs.push(0);
      this.input.push(0);
      this.output.push(0);
      this.lastRun.push(-1);
    }
    this.cost[s]! += cost;
    this.steps[s]!++;
    if (this.lastRun[s] !== run) {
      this.runs[s]!++;
      this.lastRun[s] = run;
    }
    return s;
  }

  get size(): number {
    return this.keys.length;
  }
}

/** Descending cost, then key: the order of every list in the report. */
export function byCost<R extends { costUsd: number }>(key: (r: R) => string) {
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
  /** Tenant contracts and budgets (the taxonomy's, merged with `--tenants FILE`); default the taxonomy's. */
  tenants?: ReadonlyMap<string, Tenant>;
}

/** Everything the report says, computed from the attributed steps in one pass ordered by run. */
export type Aggregate = Omit<ReportResult, 'skipped' | 'inputs' | 'gates' | 'warnings'>;

export function aggregate(input: AggregateInput): Aggregate {
  const { store, attribution, taxonomy, period } = input;
  const tenantContracts = input.tenants ?? taxonomy.tenants;
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

  // Tag values, models and tools are string ids (dense groups); pairs are packed as a * width + b + 1.
  const keyCount = store.strings.size;
  const width = keyCount + 1;
  const features = new Groups(keyCount);
  const teams = new Groups(keyCount);
  const tenants = new Groups(keyCount);
  const workloads = new Groups(keyCount);
  const environments = new Groups(keyCount);
  const models = new Groups(keyCount);
  const unknownValues = new Groups(keyCount);
  /** feature * width + model + 1 */
  const featureModels = new Groups();
  /** tenant * width + feature + 1, tenant * width + model + 1: which tenant spends on what */
  const tenantFeatures = new Groups();
  const tenantModels = new Groups();
  /** The unattributed steps by model, environment and tenant: where the missing bucket comes from. */
  const unattributedModels = new Groups(keyCount);
  const unattributedEnvironments = new Groups(keyCount);
  const unattributedTenants = new Groups(keyCount);
  const tools = new Groups(keyCount);
  const toolOwners: number[] = [];
  /** tool slot * width + feature + 1 */
  const toolConsumers = new Groups();
  /** tool slot * refWidth + price ref: how each tool's steps were priced */
  const refWidth = input.priceRefs.length + 1;
  const toolPrices = new Groups();
  /** day * width + team + 1 */
  const daily = new Groups();
  /** day * width + feature + 1, day * width + tenant + 1: what spend-spike, the forecast and dailyFeatures are made from */
  const featureDays = new Groups();
  const tenantDays = new Groups();
  const priced = new Groups(input.priceRefs.length);
  /** List cost per `priced` slot, and in total. */
  const pricedList: number[] = [];
  let totalList = 0;
  const buckets = [0, 0, 0, 0].map(() => ({ cost: 0, steps: 0 }));
  const mixedRuns: { run: number; envs: number[] }[] = [];
  let total = 0;
  let unpricedSteps = 0;
  let runs = 0;
  let dataMax = -Infinity;

  const featureValues = values[T.feature]!;
  const teamValues = values[T.team]!;
  const tenantValues = values[T.tenant]!;
  const workloadValues = values[T.workload_class]!;
  const envValues = values[T.environment]!;
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
    const feature = st === 0 ? featureValues.get(i) : -1;
    const team = teamValues.get(i);
    const env = envValues.get(i);
    const model = store.model.get(i);
    features.add(feature, cost, r);
    teams.add(team, cost, r);
    const tenant = tenantValues.get(i);
    tenants.add(tenant, cost, r);
    tenantFeatures.add(tenant * width + feature + 1, cost, r);
    tenantModels.add(tenant * width + model + 1, cost, r);
    workloads.add(workloadValues.get(i), cost, r);
    environments.add(env, cost, r);
    const m = models.add(model, cost, r);
    models.input[m]! += store.inputTokens.get(i);
    models.output[m]! += store.outputTokens.get(i);
    featureModels.add(feature * width + model + 1, cost, r);
    if (env !== -1 && !runEnvs.includes(env)) runEnvs.push(env);
    if (st !== 0) {
      buckets[st]!.cost += cost;
      buckets[st]!.steps++;
      if (st === 2) unknownValues.add(featureValues.get(i), cost, r);
      unattributedModels.add(model, cost, r);
      unattributedEnvironments.add(env, cost, r);
      unattributedTenants.add(tenant, cost, r);
    }
    if ((store.flags.get(i) & 16) !== 0) unpricedSteps++;
    const listCost = store.listCost.get(i);
    const p = priced.add(store.priceRef.get(i), cost, r);
    pricedList[p] = (pricedList[p] ?? 0) + listCost;
    totalList += listCost;
    if (store.kind.get(i) === TOOL_KIND) {
      const tool = tools.add(store.tool.get(i), cost, r);
      if (tool === toolOwners.length) toolOwners.push(-1);
      if (toolOwners[tool] === -1) toolOwners[tool] = store.toolOwner.get(i);
      toolConsumers.add(tool * width + feature + 1, cost, r);
      toolPrices.add(tool * refWidth + store.priceRef.get(i), cost, r);
    }
    const day = Math.floor(ts / DAY) * width;
    daily.add(day + team + 1, cost, r);
    featureDays.add(day + feature + 1, cost, r);
    tenantDays.add(day + tenant + 1, cost, r);
  }
  closeRun();
  // Every group sums non-negative integer micro-dollars no larger than the total: while the total is
  // a safe integer (about $9 billion), every sum is exact. Past it a sum could silently round, so refuse.
  if (Math.max(total, totalList) > Number.MAX_SAFE_INTEGER) {
    throw new ConfigError(
      `the steps read cost more than $${Math.floor(Number.MAX_SAFE_INTEGER / 1e6).toLocaleString('en-US')} in total: beyond that, micro-dollar totals are no longer exact`,
      'Report on a shorter period (--since/--until) or fewer logs at a time.',
    );
  }

  const nearPct = taxonomy.org.nearPct;
  const budgetOf = (monthlyUsd: number | undefined) => (monthlyUsd === undefined ? null : proratedBudget(Math.round(monthlyUsd * 1e6), period));
  const statusOf = (cost: number, budget: number | null): BudgetStatus => budgetStatus(cost, budget, nearPct);
  /** A budget line for slot `g` of `groups` (-1: nothing counted). */
  const budgeted = (key: string, groups: Groups, g: number, budget: number | null): BudgetedRow => {
    const cost = g === -1 ? 0 : groups.cost[g]!;
    return {
      key,
      costUsd: usd(cost),
      steps: g === -1 ? 0 : groups.steps[g]!,
      runs: g === -1 ? 0 : groups.runs[g]!,
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
    const row = budgeted(name, features, id === undefined ? -1 : features.slot(id), budgetOf(feature.budget?.monthlyUsd));
    byFeature.push({ ...row, team: feature.team });
  }
  const unattributedFeature = features.slot(-1);
  if (unattributedFeature !== -1) byFeature.push({ ...budgeted(UNATTRIBUTED, features, unattributedFeature, null), team: null });
  byFeature.sort(byCost((r) => r.key));

  const byTeam: BudgetedRow[] = [];
  const registryTeams = new Set<number>();
  for (const [name, t] of taxonomy.teams) {
    const id = store.strings.find(name);
    if (id !== undefined) registryTeams.add(id);
    byTeam.push(budgeted(name, teams, id === undefined ? -1 : teams.slot(id), budgetOf(t.budget?.monthlyUsd)));
  }
  for (let g = 0; g < teams.size; g++) {
    const id = teams.keys[g]!;
    if (id === -1) byTeam.push(budgeted(UNATTRIBUTED, teams, g, null));
    else if (!registryTeams.has(id)) byTeam.push(budgeted(s(id), teams, g, null));
  }
  byTeam.sort(byCost((r) => r.key));

  const orgBudget = budgetOf(taxonomy.org.budget?.monthlyUsd);
  const org = { costUsd: usd(total), budgetUsd: orgBudget === null ? null : usd(orgBudget), varianceUsd: orgBudget === null ? null : usd(total - orgBudget), status: statusOf(total, orgBudget) };

  pushAll(flags, capFlags(byFeature, byTeam, org));

  const unattributedCost = buckets[1]!.cost + buckets[2]!.cost + buckets[3]!.cost;
  const share = unattributedShare(total, unattributedCost, taxonomy.org.unattributedMaxPct, UNATTRIBUTED);
  const unattributedPct = share.pct;
  if (share.flag) flags.push(share.flag);

  // Tenants: outliers against the median of the tenants that are known.
  const tenantRows = tenants.keys.map((id, g) => ({
    known: id !== -1,
    row: { key: id === -1 ? NONE : s(id), costUsd: usd(tenants.cost[g]!), steps: tenants.steps[g]!, runs: tenants.runs[g]!, outlier: false, costPerRunUsd: usd(Math.round(tenants.cost[g]! / tenants.runs[g]!)) } as TenantRow,
    cost: tenants.cost[g]!,
  }));
  pushAll(flags, tenantOutliers(tenantRows, input.outlierFactor));
  const tenantList = tenantRows.map((t) => t.row);
  const seenTenants = new Set(tenantList.map((r) => r.key));
  for (const id of tenantContracts.keys()) if (!seenTenants.has(id)) tenantList.push(idleTenantRow(id));
  pushAll(flags, tenantEconomics(tenantList, tenantContracts, period, taxonomy.org));
  const byTenant = tenantList.sort(byCost((r) => r.key));

  const plain = (groups: Groups): GroupRow[] =>
    groups.keys.map((id, g) => ({ key: id === -1 ? NONE : s(id), costUsd: usd(groups.cost[g]!), steps: groups.steps[g]!, runs: groups.runs[g]! })).sort(byCost((r) => r.key));

  const byModel: ModelRow[] = models.keys
    .map((id, g) => ({ key: id === -1 ? NONE : s(id), costUsd: usd(models.cost[g]!), steps: models.steps[g]!, runs: models.runs[g]!, inputTokens: models.input[g]!, outputTokens: models.output[g]! }))
    .sort(byCost((r) => r.key));

  const featureKey = (id: number) => (id === -1 ? UNATTRIBUTED : s(id));
  // Pairs in the order they were first seen per feature, features in the order they were first seen.
  const pairs = unpack(featureModels, width).sort((a, b) => features.slot(a.first) - features.slot(b.first) || a.slot - b.slot);
  const byFeatureModel: FeatureModelRow[] = pairs.map(({ first: f, second: m, slot: g }) => ({
    feature: featureKey(f),
    model: m === -1 ? NONE : s(m),
    costUsd: usd(featureModels.cost[g]!),
    steps: featureModels.steps[g]!,
    runs: featureModels.runs[g]!,
  }));
  byFeatureModel.sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0) || b.costUsd - a.costUsd || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));

  const name = (id: number) => (id === -1 ? NONE : s(id));
  const cross = (groups: Groups, second: (id: number) => string): (TenantCrossRow & { key: string })[] =>
    unpack(groups, width)
      .map(({ first, second: b, slot: g }) => ({
        tenant: name(first),
        key: second(b),
        costUsd: usd(groups.cost[g]!),
        steps: groups.steps[g]!,
        runs: groups.runs[g]!,
        costPerRunUsd: usd(Math.round(groups.cost[g]! / groups.runs[g]!)),
        costPerStepUsd: usd(Math.round(groups.cost[g]! / groups.steps[g]!)),
      }))
      .sort((a, b) => b.costUsd - a.costUsd || cmp(a.tenant, b.tenant) || cmp(a.key, b.key));
  const byTenantFeature = cross(tenantFeatures, featureKey).map(({ key, ...row }) => ({ ...row, feature: key }));
  const byTenantModel = cross(tenantModels, name).map(({ key, ...row }) => ({ ...row, model: key }));

  const consumers = tools.keys.map((): { feature: string; costUsd: number }[] => []);
  for (const { first: tool, second: f, slot: g } of unpack(toolConsumers, width)) consumers[tool]!.push({ feature: featureKey(f), costUsd: usd(toolConsumers.cost[g]!) });
  const toolPricing = tools.keys.map((): ToolPricingRow[] => []);
  for (let g = 0; g < toolPrices.size; g++) {
    const key = toolPrices.keys[g]!;
    const tool = Math.floor(key / refWidth);
    toolPricing[tool]!.push({ ...toolPriceOf(input.priceRefs[key - tool * refWidth]!.price), steps: toolPrices.steps[g]!, costUsd: usd(toolPrices.cost[g]!) });
  }
  const toolRows: ToolRow[] = tools.keys.map((id, g) => ({
    tool: id === -1 ? '(unnamed)' : s(id),
    owner: toolOwners[g] === -1 ? null : s(toolOwners[g]!),
    costUsd: usd(tools.cost[g]!),
    steps: tools.steps[g]!,
    consumers: consumers[g]!.sort(byCost((c) => c.feature)),
    pricing: toolPricing[g]!.sort((a, b) => b.steps - a.steps || cmp(a.kind, b.kind)),
  }));
  toolRows.sort(byCost((r) => r.tool));

  // By day, then team name (ties keep the order of first sight).
  const dailyRows: DailyRow[] = unpack(daily, width)
    .map(({ first: day, second: team, slot: g }) => ({ day, slot: g, row: { date: dayString(day * DAY), team: team === -1 ? UNATTRIBUTED : s(team), costUsd: usd(daily.cost[g]!) } }))
    .sort((a, b) => a.day - b.day || cmp(a.row.team, b.row.team) || a.slot - b.slot)
    .map((d) => d.row);
  // By day, then feature name (a feature name is one string id: no ties).
  const dailyFeatureRows: DailyFeatureRow[] = unpack(featureDays, width)
    .map(({ first: day, second: feature, slot: g }) => ({ date: dayString(day * DAY), feature: feature === -1 ? UNATTRIBUTED : s(feature), costUsd: usd(featureDays.cost[g]!) }))
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.feature, b.feature));

  // Runs: conflicts (a step needed its run's value and the run disagreed) and mixed environments.
  const runName = (r: number) => runLabel(store, r);
  for (let r = 0; r < attribution.runConflicts.length; r++) {
    const mask = attribution.runConflicts[r]!;
    if (mask === 0) continue;
    flags.push(conflictingTagsFlag(runName(r), ATTRIBUTION_TAGS.filter((_, t) => (mask & (1 << t)) !== 0)));
  }
  for (const { run: r, envs } of mixedRuns) {
    flags.push(environmentMixingFlag(runName(r), envs.map(s).sort()));
  }
  for (const [key, steps] of attribution.teamMismatches) {
    const [feature, team] = key.split('\u0000') as [string, string];
    flags.push(featureTeamMismatchFlag(feature, team, taxonomy.features.get(feature)?.team, steps));
  }

  // Pricing provenance, and one flag per unpriced model.
  const pricing: PricingRow[] = [];
  for (let g = 0; g < priced.size; g++) {
    const r = input.priceRefs[priced.keys[g]!]!;
    const p = { steps: priced.steps[g]!, cost: priced.cost[g]!, list: pricedList[g]! };
    const price = r.price;
    pricing.push(pricingRow(r, p.steps, p.cost, p.list));
    if (price.kind === 'unpriced') flags.push(unpricedFlag({ ...r, reason: price.reason }, p.steps, NONE));
  }
  mergeSameRows(pricing);
  pricing.sort((a, b) => cmp(a.model ?? '', b.model ?? '') || cmp(a.provider ?? '', b.provider ?? '') || cmp(a.kind, b.kind) || cmp(a.effectiveFrom ?? '', b.effectiveFrom ?? ''));

  /** A day series of one dimension, known keys only (a spike of unattributed spend has no owner to tell). */
  const daySeries = (groups: Groups): DaySpend[] =>
    unpack(groups, width)
      .filter(({ second }) => second !== -1)
      .map(({ first: day, second: key, slot }) => ({ key: s(key), day, micros: groups.cost[slot]! }));
  pushAll(flags, spendSpikes('feature', daySeries(featureDays)));
  pushAll(flags, spendSpikes('tenant', daySeries(tenantDays)));

  const forecast = monthForecast({
    period,
    dataMax,
    taxonomy,
    features: daySeries(featureDays),
    teams: daySeries(daily),
    org: unpack(daily, width).map(({ first: day, slot }) => ({ key: '', day, micros: daily.cost[slot]! })),
  });
  pushAll(flags, forecast.flags);

  const bucketNames = ['missing', 'unknown-value', 'conflict'] as const;
  const unattributed: UnattributedBucketRow[] = bucketNames.map((bucket, b) => ({
    bucket,
    costUsd: usd(buckets[b + 1]!.cost),
    steps: buckets[b + 1]!.steps,
    values: bucket === 'unknown-value' ? unknownValues.keys.map((id, g) => ({ value: s(id), costUsd: usd(unknownValues.cost[g]!), steps: unknownValues.steps[g]! })).sort(byCost((v) => v.value)) : [],
  }));

  flags.sort(flagOrder);

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
      listCostUsd: usd(totalList),
      discountUsd: usd(totalList - total),
      // Credits are applied after aggregation (credits.ts); until then the bill is the cost.
      creditsUsd: 0,
      billedCostUsd: usd(total),
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
    dailyFeatures: dailyFeatureRows,
    forecast: forecast.rows,
    byFeatureModel,
    byTenantFeature,
    byTenantModel,
    unattributed,
    unattributedBy: { model: plain(unattributedModels), environment: plain(unattributedEnvironments), tenant: plain(unattributedTenants) },
    pricing,
    credits: [],
  };
}

/** The pricing line of one price ref. */
export function pricingRow(r: PriceRef, steps: number, micros: number, listMicros: number): PricingRow {
  const price = r.price;
  const named = price.kind === 'table' || price.kind === 'fallback' || price.kind === 'tool';
  return {
    model: r.model,
    provider: r.provider,
    tool: r.tool ?? null,
    // `none` (a free tool or retrieval step) keeps the v1 meaning of `record`; a tool price is a table price.
    kind: price.kind === 'none' ? 'record' : price.kind === 'tool' ? 'table' : price.kind,
    source: named ? price.source : null,
    entry: named ? price.entry : null,
    effectiveFrom: price.kind === 'table' || price.kind === 'fallback' ? price.effectiveFrom : null,
    match: price.kind === 'table' ? price.match : price.kind === 'tool' ? 'exact' : null,
    steps,
    costUsd: usd(micros),
    listCostUsd: usd(listMicros),
    batch: price.kind === 'table' || price.kind === 'fallback' ? price.terms.batch : null,
    discount: price.kind === 'table' || price.kind === 'fallback' ? price.terms.discount : null,
  };
}

/** Rows that read the same (a free tool step's `none` is shown as `record`) become one. */
export function mergeSameRows(pricing: PricingRow[]): void {
  const seen = new Map<string, PricingRow>();
  let kept = 0;
  for (const row of pricing) {
    const key = JSON.stringify([row.model, row.provider, row.tool, row.kind, row.source, row.entry, row.effectiveFrom, row.match, row.batch, row.discount]);
    const same = seen.get(key);
    if (same === undefined) {
      seen.set(key, row);
      pricing[kept++] = row;
    } else {
      same.steps += row.steps;
      same.costUsd = usd(Math.round(same.costUsd * 1e6) + Math.round(row.costUsd * 1e6));
      same.listCostUsd = usd(Math.round(same.listCostUsd * 1e6) + Math.round(row.listCostUsd * 1e6));
    }
  }
  pricing.length = kept;
}

/** How a tool's steps were priced, by their price ref: own cost, the table (a tool or model price), or not at all. */
export function toolPriceOf(price: PriceSource): Omit<ToolPricingRow, 'steps' | 'costUsd'> {
  switch (price.kind) {
    case 'record':
      return { kind: 'record', source: null, entry: null };
    case 'tool':
    case 'table':
    case 'fallback':
      return { kind: price.kind === 'fallback' ? 'fallback' : 'table', source: price.source, entry: price.entry };
    case 'none':
    case 'unpriced':
      return { kind: 'unpriced', source: null, entry: null };
  }
}

/** The pairs of a sparse group packed as first * width + second + 1, with their slots. */
function unpack(groups: Groups, width: number): { first: number; second: number; slot: number }[] {
  return groups.keys.map((key, slot) => {
    const first = Math.floor(key / width);
    return { first, second: key - first * width - 1, slot };
  });
}
