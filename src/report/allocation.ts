/**
 * Chargeback: the showback (what the logs measured, unowned spend visible) after the taxonomy's
 * `allocation:` rules have put unowned spend on lines someone pays. Three pools of unowned spend:
 *
 * - `unattributed`: the `(unattributed)` feature line, tool steps without a known consumer excepted;
 * - `shared-tools`: tool steps whose consuming feature is unknown, per tool;
 * - `unlogged`: invoice minus logs (`--invoice`), which may be negative (the logs hold more).
 *
 * Each pool is `shared` (kept on its own line, no team), `to` one team, or `proportional`: spread
 * over the features by their attributed spend (a tool's pool over that tool's known consumers).
 * Shares are exact integer micro-dollars by the largest-remainder method; the chargeback total is
 * the logged total plus the unlogged pool, so it equals the invoice when the invoice covers every
 * logged provider.
 */
import type { AllocationRule, AllocationSettings } from '../taxonomy/types.js';
import { formatUsd } from '../util/money.js';
import { UNATTRIBUTED, usd } from './aggregate.js';
import type { ReportResult, ReportWarning } from './types.js';

export type AllocationPool = 'unattributed' | 'shared-tools' | 'unlogged';
export type AllocationRuleName = AllocationRule['kind'];

/** Lines of the chargeback that hold a pool kept `shared` or charged `to` a team. */
export const POOL_LINES: Record<AllocationPool, string> = { unattributed: UNATTRIBUTED, 'shared-tools': '(shared tools)', unlogged: '(unlogged)' };
/** The team key of chargeback lines that no team pays (`shared`). */
export const SHARED_TEAM = '(shared)';

/** One amount moved onto (positive) or off (negative) a chargeback line by one pool's rule. */
export interface Allocation {
  pool: AllocationPool;
  rule: AllocationRuleName;
  amountUsd: number;
}

export interface ChargebackRow {
  key: string;
  /** The feature's owning team; for a pool line the team it is charged to, null when shared. */
  team: string | null;
  /** What the logs measured on this line (the showback). */
  showbackUsd: number;
  /** The sum of `allocations`. */
  allocatedUsd: number;
  /** showbackUsd + allocatedUsd: what the line is charged. */
  chargebackUsd: number;
  allocations: Allocation[];
  /** On the line of a pool (`(unattributed)`, `(shared tools)`, `(unlogged)`): which pool and the rule applied. */
  pool?: { pool: AllocationPool; rule: AllocationRuleName };
}

export interface ChargebackPoolRow {
  pool: AllocationPool;
  /** The rule asked for in the taxonomy. */
  requested: AllocationRuleName;
  /** The rule applied: `shared` when `proportional` had no attributed spend to spread over. */
  rule: AllocationRuleName;
  /** The team of a `to` rule. */
  to: string | null;
  amountUsd: number;
}

export interface Chargeback {
  /** `invoice`: the unlogged pool came from `--invoice`; `logs`: no invoice, the total is the logged total. */
  basis: 'invoice' | 'logs';
  totalUsd: number;
  pools: ChargebackPoolRow[];
  /** Every registry feature, and the line of each pool there is (at $0 when spread away). Sums to totalUsd. */
  byFeature: ChargebackRow[];
  /** The chargeback lines grouped by team (`(shared)` for shared lines). Sums to totalUsd. */
  byTeam: ChargebackRow[];
  /** Fallbacks taken (`allocation-fallback`): also added to the report's warnings. */
  warnings: ReportWarning[];
}

const micros = (value: number) => Math.round(value * 1e6);

/**
 * Split `amount` micro-dollars over `weights` (non-negative integers, not all zero) exactly: each
 * share is floor(amount x weight / total), and the micro-dollars left over go one each to the largest
 * remainders; equal remainders go to the larger weight, then to the key that sorts first (code-unit
 * order), so the split never depends on input order. A negative amount is split as its magnitude.
 */
export function largestRemainder(amount: number, weights: readonly { key: string; weight: number }[]): Map<string, number> {
  const sign = amount < 0 ? -1n : 1n;
  const whole = BigInt(amount) * sign;
  const total = weights.reduce((sum, w) => sum + BigInt(w.weight), 0n);
  if (total <= 0n) throw new RangeError('largestRemainder: the weights sum to zero');
  const shares = weights.map((w) => {
    const scaled = whole * BigInt(w.weight);
    return { key: w.key, weight: w.weight, share: scaled / total, remainder: scaled % total };
  });
  let left = whole - shares.reduce((sum, s) => sum + s.share, 0n);
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.remainder > b.remainder ? -1 : 1));
  for (const s of order) {
    if (left === 0n) break;
    s.share++;
    left--;
  }
  return new Map(shares.map((s) => [s.key, Number(s.share * sign)]));
}

/** The chargeback of a report under the taxonomy's `allocation:` rules; `result.reconciliation`, when set, gives the unlogged pool. */
export function chargeback(result: ReportResult, rules: AllocationSettings): Chargeback {
  const lines = new Map<string, { team: string | null; showback: number; allocations: Allocation[]; pool?: ChargebackRow['pool'] }>();
  for (const row of result.byFeature) {
    if (row.key !== UNATTRIBUTED) lines.set(row.key, { team: row.team, showback: micros(row.costUsd), allocations: [] });
  }
  /** Attributed spend per registry feature: what `proportional` spreads by. */
  const featureWeights = [...lines].map(([key, line]) => ({ key, weight: line.showback })).filter((w) => w.weight > 0);

  const toolPools = result.tools
    .map((tool) => ({ tool, amount: micros(tool.consumers.find((c) => c.feature === UNATTRIBUTED)?.costUsd ?? 0) }))
    .filter((t) => t.amount !== 0);
  const sharedTools = toolPools.reduce((sum, t) => sum + t.amount, 0);
  const unattributedLine = result.byFeature.find((r) => r.key === UNATTRIBUTED);
  const unattributed = micros(unattributedLine?.costUsd ?? 0) - sharedTools;
  const unlogged = result.reconciliation ? micros(result.reconciliation.unloggedUsd) : 0;

  const pools: ChargebackPoolRow[] = [];
  const warnings: ReportWarning[] = [];
  const add = (key: string, allocation: Allocation) => lines.get(key)!.allocations.push(allocation);
  /**
   * Put `amount` of `pool` where `rule` says. `measured`: the logs hold it, on the pool's line (its
   * showback); the unlogged pool is not measured, so it is an allocation onto its line or the features.
   */
  const place = (pool: AllocationPool, rule: AllocationRule, amount: number, weights: typeof featureWeights, measured: boolean): AllocationRuleName => {
    const key = POOL_LINES[pool];
    const applied: AllocationRuleName = rule.kind === 'proportional' && weights.length === 0 ? 'shared' : rule.kind;
    const team = rule.kind === 'to' ? rule.team : null;
    if (measured) {
      const line = lines.get(key);
      if (line) line.showback += amount;
      else lines.set(key, { team, showback: amount, allocations: [], pool: { pool, rule: applied } });
    }
    if (applied === 'proportional') {
      for (const [feature, share] of largestRemainder(amount, weights)) if (share !== 0) add(feature, { pool, rule: 'proportional', amountUsd: usd(share) });
      if (measured) add(key, { pool, rule: 'proportional', amountUsd: usd(-amount) });
    } else if (!measured) {
      lines.set(key, { team, showback: 0, allocations: [{ pool, rule: applied, amountUsd: usd(amount) }], pool: { pool, rule: applied } });
    }
    return applied;
  };

  const record = (pool: AllocationPool, rule: AllocationRule, amount: number, applied: AllocationRuleName) => {
    pools.push({ pool, requested: rule.kind, rule: applied, to: rule.kind === 'to' ? rule.team : null, amountUsd: usd(amount) });
  };
  const fallback = (pool: AllocationPool, amount: number, why: string) =>
    warnings.push({
      code: 'allocation-fallback',
      message: `${pool} spend (${formatUsd(usd(amount))}) is kept shared: ${why}, so there is nothing to spread it over proportionally`,
      hint: 'Attribute some spend to features first, or give this pool a `{ to: <team> }` rule in `allocation:`.',
      count: 1,
    });

  if (unattributed !== 0) {
    const applied = place('unattributed', rules.unattributed, unattributed, featureWeights, true);
    record('unattributed', rules.unattributed, unattributed, applied);
    if (applied !== rules.unattributed.kind) fallback('unattributed', unattributed, 'no feature has attributed spend');
  }
  if (sharedTools !== 0) {
    let applied: AllocationRuleName = rules.sharedTools.kind;
    for (const { tool, amount } of toolPools) {
      const consumers = tool.consumers.filter((c) => c.feature !== UNATTRIBUTED && c.costUsd > 0).map((c) => ({ key: c.feature, weight: micros(c.costUsd) }));
      const one = place('shared-tools', rules.sharedTools, amount, consumers, true);
      if (one !== rules.sharedTools.kind) {
        applied = one;
        fallback('shared-tools', amount, `tool ${tool.tool} has no known consumer`);
      }
    }
    record('shared-tools', rules.sharedTools, sharedTools, applied);
  }
  if (result.reconciliation && unlogged !== 0) {
    const applied = place('unlogged', rules.unlogged, unlogged, featureWeights, false);
    record('unlogged', rules.unlogged, unlogged, applied);
    if (applied !== rules.unlogged.kind) fallback('unlogged', unlogged, 'no feature has attributed spend');
  }

  const byFeature: ChargebackRow[] = [];
  for (const [key, line] of lines) {
    const allocated = line.allocations.reduce((sum, a) => sum + micros(a.amountUsd), 0);
    // A pool line spread away entirely still shows (at $0), so finance sees where its spend went.
    const row: ChargebackRow = { key, team: line.team, showbackUsd: usd(line.showback), allocatedUsd: usd(allocated), chargebackUsd: usd(line.showback + allocated), allocations: line.allocations };
    if (line.pool) row.pool = line.pool;
    byFeature.push(row);
  }
  byFeature.sort(byCharge);

  const teams = new Map<string, { showback: number; allocations: Map<string, Allocation> }>();
  for (const row of byFeature) {
    const key = row.team ?? SHARED_TEAM;
    let team = teams.get(key);
    if (!team) teams.set(key, (team = { showback: 0, allocations: new Map() }));
    // Spend of a pool charged `to` a team is measured on the pool's line, not by the team: allocated to it.
    const moved: Allocation[] = row.pool?.rule === 'to' && row.showbackUsd !== 0 ? [{ pool: row.pool.pool, rule: 'to', amountUsd: row.showbackUsd }] : [];
    if (moved.length === 0) team.showback += micros(row.showbackUsd);
    for (const a of [...moved, ...row.allocations]) {
      const id = `${a.pool}\u0000${a.rule}`;
      const sum = team.allocations.get(id);
      if (sum) sum.amountUsd = usd(micros(sum.amountUsd) + micros(a.amountUsd));
      else team.allocations.set(id, { ...a });
    }
  }
  const byTeam: ChargebackRow[] = [...teams].map(([key, team]) => {
    const allocations = [...team.allocations.values()].filter((a) => a.amountUsd !== 0);
    const allocated = allocations.reduce((sum, a) => sum + micros(a.amountUsd), 0);
    return { key, team: key === SHARED_TEAM ? null : key, showbackUsd: usd(team.showback), allocatedUsd: usd(allocated), chargebackUsd: usd(team.showback + allocated), allocations };
  });
  byTeam.sort(byCharge);

  const total = micros(result.totals.costUsd) + unlogged;
  for (const [name, rows] of [['byFeature', byFeature], ['byTeam', byTeam]] as const) {
    const sum = rows.reduce((s, r) => s + micros(r.chargebackUsd), 0);
    if (sum !== total) throw new Error(`allocation invariant broken: chargeback ${name} sums to ${sum} micro-dollars, the total is ${total}`);
  }
  return { basis: result.reconciliation ? 'invoice' : 'logs', totalUsd: usd(total), pools, byFeature, byTeam, warnings };
}

function byCharge(a: ChargebackRow, b: ChargebackRow): number {
  return b.chargebackUsd - a.chargebackUsd || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Set `result.chargeback` and add its fallbacks to the warnings (replacing an earlier chargeback's). */
export function applyChargeback(result: ReportResult, rules: AllocationSettings): Chargeback {
  const view = chargeback(result, rules);
  result.warnings = result.warnings.filter((w) => w.code !== 'allocation-fallback').concat(view.warnings);
  result.chargeback = view;
  return view;
}
