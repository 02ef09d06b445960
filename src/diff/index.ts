/**
 * `attrib diff --base REF`: the call sites a change adds, removes or alters (lint of the base and
 * of the working tree, matched by callSiteId), priced with the logged volume of those call sites
 * (the base's call sites, as the logs came from that code). JSON contract:
 * schemas/diff-result.schema.json; the PR comment is src/diff/markdown.ts.
 */
import type { Taxonomy } from '../taxonomy/types.js';
import { lint } from '../lint/index.js';
import type { LintResult } from '../lint/types.js';
import type { LintResultInput, LintSite } from '../report/call-sites.js';
import type { Analysis } from '../report/index.js';
import { DAY } from '../report/period.js';
import { Pricer } from '../report/pricing.js';
import type { PriceTable } from '../report/pricing-table.js';
import { blankStep } from '../report/step.js';
import { checkoutBase } from './base-tree.js';
import { type ChangeAspect, type DiffSite, compareSites } from './changes.js';
import { type Volume, volumeByCallSite } from './volume.js';

export interface DiffOptions {
  cwd: string;
  base: string;
  /** What to lint on both sides (default: as `attrib lint` with no paths). */
  paths?: readonly string[];
  taxonomy: Taxonomy;
  rulePackDirs?: readonly string[];
  pricing: PriceTable;
  /** Price models the table lacks from the bundled catalogue (default true). */
  fallbackPricing?: boolean;
  /** The logs of the last period, read with the report's reader; absent when there are none. */
  history?: Analysis;
}

export interface DiffVolume {
  steps: number;
  costUsd: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** The model the logged steps named most. */
  model: string | null;
}

export interface DiffEstimate {
  /** What the logged volume cost, and would cost after the change (same tokens, the new model's price). */
  baseCostUsd: number;
  headCostUsd: number;
  deltaUsd: number;
  /** deltaUsd scaled to a month (30.4375 days) when the period is not one whole calendar month. */
  perMonthUsd: number;
}

/** The new model's price over the old one's, per input and per output token (no history to price with). */
export interface PriceRatio {
  from: string;
  to: string;
  input: number | null;
  output: number | null;
}

export interface DiffChange {
  change: 'added' | 'removed' | 'altered';
  callSiteId: string;
  aspects: ChangeAspect[];
  base: DiffSite | null;
  head: DiffSite | null;
  /** The base call site's logged volume in the period; null when it has none (or there are no logs). */
  history: DiffVolume | null;
  estimate: DiffEstimate | null;
  priceRatio: PriceRatio | null;
  /** One sentence for the reviewer. */
  note: string;
}

export interface DiffResult {
  schemaVersion: 1;
  base: { ref: string; commit: string };
  /** The logs' period, null without logs. `month` names it when it is one whole calendar month. */
  period: { from: string; to: string; days: number; month: string | null } | null;
  history: { files: string[]; steps: number; costUsd: number; joinedCostUsd: number } | null;
  changes: DiffChange[];
  totals: { deltaUsd: number; perMonthUsd: number; estimated: number; unestimated: number };
  /** New call sites (added) lacking each required tag. */
  newWithoutTags: { tag: string; callSites: number }[];
  /** The sentences of the summary, most expensive first. */
  summary: string[];
}

const MONTH_DAYS = 30.4375;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export async function diffCallSites(options: DiffOptions): Promise<DiffResult> {
  const { cwd, taxonomy } = options;
  const lintAt = (at: string) => lint({ cwd: at, taxonomy, paths: options.paths ?? [], rulePackDirs: options.rulePackDirs ?? [] });
  const base = await checkoutBase(cwd, options.base);
  let baseLint: LintResult;
  let headLint: LintResult;
  let changes: Awaited<ReturnType<typeof compareSites>>;
  try {
    baseLint = await lintAt(base.cwd);
    headLint = await lintAt(cwd);
    changes = await compareSites(baseLint, base.cwd, headLint, cwd);
  } finally {
    base.remove();
  }

  const pricer = new Pricer(options.pricing, options.fallbackPricing ?? true);
  const history = options.history;
  const period = history ? periodOf(history.result.period) : null;
  const volumes = history ? volumeByCallSite(history, asJoinInput(baseLint)) : new Map<string, Volume>();
  const at = period ? Date.parse(`${period.to}T00:00:00Z`) : Date.now();
  const price = (v: Omit<Volume, 'steps' | 'costMicros'>, model: string, provider: string | null) =>
    pricer.price({ ...blankStep(), ts: at, model, provider, inputTokens: v.inputTokens, cachedInputTokens: v.cachedInputTokens, cacheWriteTokens: v.cacheWriteTokens, outputTokens: v.outputTokens, costUsd: null }).micros;
  const perToken = (model: string, input: number, output: number) => price({ inputTokens: input, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: output, model, provider: null }, model, null);
  const ratio = (from: string, to: string): PriceRatio => {
    const r = (a: number, b: number) => (a > 0 && b >= 0 ? Math.round((b / a) * 100) / 100 : null);
    return { from, to, input: r(perToken(from, 1e6, 0), perToken(to, 1e6, 0)), output: r(perToken(from, 0, 1e6), perToken(to, 0, 1e6)) };
  };
  const scale = (micros: number) => (period === null || period.month !== null ? micros : Math.round((micros * MONTH_DAYS) / period.days));
  const volumeLabel = period === null ? '' : period.month !== null ? `at ${period.month}'s volume` : `at the volume of ${period.from}..${period.to}, per month`;

  const out: DiffChange[] = [];
  for (const c of changes) {
    const v = c.base ? volumes.get(c.callSiteId) : undefined;
    const historyOf: DiffVolume | null = v ? { steps: v.steps, costUsd: v.costMicros / 1e6, inputTokens: v.inputTokens, cachedInputTokens: v.cachedInputTokens, cacheWriteTokens: v.cacheWriteTokens, outputTokens: v.outputTokens, model: v.model } : null;
    let estimate: DiffEstimate | null = null;
    let priceRatio: PriceRatio | null = null;
    const logged = c.base?.model ?? v?.model ?? null;
    const fromModel = logged === null ? null : noTicks(logged);
    const name = `\`${noTicks(scopeName(c.callSiteId, (c.head ?? c.base)!.callee))}\` (${noTicks((c.head ?? c.base)!.file)})`;
    let note: string;
    if (c.change === 'removed') {
      if (v) estimate = estimateOf(v.costMicros, 0, scale);
      note = `removes ${name}` + (v ? `: about ${signed(-scale(v.costMicros))}/month ${volumeLabel}` : history ? ': it has no logged spend in the period' : '');
    } else if (c.change === 'added') {
      const missing = c.head!.missing.length > 0 ? `, without ${c.head!.missing.map((t) => `\`${noTicks(t)}\``).join(', ')}` : '';
      note = `adds ${c.aspects.includes('agent-entry') ? 'an agent entry point' : 'a call site'} ${name}${c.head!.model ? ` on ${noTicks(c.head!.model)}` : ''}${missing}: no history to price it with`;
    } else if (c.aspects.includes('model') && fromModel !== null) {
      const toModel = c.head!.model!;
      const to = noTicks(toModel);
      const newMicros = v ? price(v, toModel, null) : -1;
      if (v && newMicros >= 0) {
        estimate = estimateOf(v.costMicros, newMicros, scale);
        note = `moves ${name} from ${fromModel} to ${to}: about ${signed(estimate.perMonthUsd * 1e6)}/month ${volumeLabel}`;
      } else {
        priceRatio = ratio(logged!, toModel);
        const why = v ? `no price for ${to}` : history ? 'no logged spend for this call site in the period' : 'no logs to price it with';
        note = `moves ${name} from ${fromModel} to ${to} (${why}): ${ratioText(priceRatio)}`;
      }
    } else {
      const parts = c.aspects.map((a) => ASPECT_TEXT[a]).filter((t) => t !== '');
      const spend = v ? ` (${formatMoney(scale(v.costMicros))}/month ${volumeLabel}${c.aspects.includes('entered-loop') ? ', which now grows with the loop\'s iterations' : ''})` : '';
      note = `changes ${name}: ${parts.join(', ')}${spend}`;
    }
    out.push({ change: c.change, callSiteId: c.callSiteId, aspects: c.aspects, base: c.base, head: c.head, history: historyOf, estimate, priceRatio, note });
  }

  const estimated = out.filter((c) => c.estimate !== null);
  const deltaMicros = estimated.reduce((sum, c) => sum + Math.round(c.estimate!.deltaUsd * 1e6), 0);
  const perMonthMicros = estimated.reduce((sum, c) => sum + Math.round(c.estimate!.perMonthUsd * 1e6), 0);
  const newWithoutTags = countMissing(out.filter((c) => c.change === 'added').map((c) => c.head!.missing));
  const summary = [
    ...[...out].sort((a, b) => Math.abs(b.estimate?.perMonthUsd ?? 0) - Math.abs(a.estimate?.perMonthUsd ?? 0)).filter((c) => c.estimate !== null || c.priceRatio !== null || c.aspects.includes('entered-loop') || c.aspects.includes('agent-entry')).map((c) => `this change ${c.note}`),
    ...newWithoutTags.map((m) => `${m.callSites} new call ${m.callSites === 1 ? 'site' : 'sites'} without \`${noTicks(m.tag)}\``),
  ];
  if (history === undefined) summary.push('no usage logs were read, so nothing is priced at real volume: pass log files or set report.logs in attrib.yaml');
  return {
    schemaVersion: 1,
    base: { ref: options.base, commit: base.commit },
    period,
    history: history ? historySummary(history, volumes) : null,
    changes: out,
    totals: { deltaUsd: deltaMicros / 1e6, perMonthUsd: perMonthMicros / 1e6, estimated: estimated.length, unestimated: out.length - estimated.length },
    newWithoutTags,
    summary,
  };
}

/** Sentences mark names with backticks (code in the PR comment): a backtick in a name from the code or the logs becomes a look-alike, so it cannot end a code span. */
const noTicks = (name: string) => name.replace(/`/g, '\u02cb');

const ASPECT_TEXT: Record<ChangeAspect, string> = {
  model: 'another model',
  'entered-loop': 'the call is now inside a loop',
  'left-loop': 'the call is no longer inside a loop',
  tags: 'other tags reach it',
  'agent-entry': 'it is now an agent entry point',
};

function estimateOf(baseMicros: number, headMicros: number, scale: (m: number) => number): DiffEstimate {
  return { baseCostUsd: baseMicros / 1e6, headCostUsd: headMicros / 1e6, deltaUsd: (headMicros - baseMicros) / 1e6, perMonthUsd: scale(headMicros - baseMicros) / 1e6 };
}

/** The innermost named function of a callSiteId (`Planner.plan` -> `plan`), or the callee at module level. */
function scopeName(id: string, callee: string): string {
  const scope = id.slice(id.indexOf('#') + 1, id.indexOf('/', id.indexOf('#')));
  if (scope === '(top)' || scope === '') return callee;
  return decodeURIComponentSafe(scope.split('.').pop()!);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const usdFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
const centsFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Whole dollars from $100 (an estimate is no more precise), cents below. */
function formatMoney(micros: number): string {
  const usd = Math.abs(micros) / 1e6;
  return `$${usd >= 100 ? usdFormat.format(usd) : centsFormat.format(usd)}`;
}
function signed(micros: number): string {
  return `${micros < 0 ? '-' : '+'}${formatMoney(micros)}`;
}

function ratioText(r: PriceRatio): string {
  if (r.input === null && r.output === null) return `no price ratio: the price of ${noTicks(r.from)} or of ${noTicks(r.to)} is unknown`;
  const times = (n: number | null) => (n === null ? 'an unknown multiple of' : `${n}x`);
  return `${noTicks(r.to)} costs ${times(r.input)} the price of ${noTicks(r.from)} per input token and ${r.output === null ? 'an unknown multiple' : `${r.output}x`} per output token`;
}

function countMissing(lists: string[][]): { tag: string; callSites: number }[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const tag of new Set(list)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, callSites]) => ({ tag, callSites })).sort((a, b) => b.callSites - a.callSites || (a.tag < b.tag ? -1 : 1));
}

function periodOf(p: { from: string; to: string }): NonNullable<DiffResult['period']> {
  const from = Date.parse(`${p.from}T00:00:00Z`);
  const to = Date.parse(`${p.to}T00:00:00Z`);
  const days = Math.round((to - from) / DAY) + 1;
  const start = new Date(from);
  const nextDay = new Date(to + DAY);
  const whole = start.getUTCDate() === 1 && nextDay.getUTCDate() === 1 && start.getUTCMonth() === new Date(to).getUTCMonth() && start.getUTCFullYear() === new Date(to).getUTCFullYear();
  return { from: p.from, to: p.to, days, month: whole ? `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}` : null };
}

function historySummary(history: Analysis, volumes: Map<string, Volume>): NonNullable<DiffResult['history']> {
  let joined = 0;
  for (const v of volumes.values()) joined += v.costMicros;
  return { files: history.result.inputs.files, steps: history.result.totals.steps, costUsd: history.result.totals.costUsd, joinedCostUsd: joined / 1e6 };
}

/** A lint result as the call-site join reads it. */
function asJoinInput(result: LintResult): LintResultInput {
  return { shown: 'base', sites: result.callSites as unknown as LintSite[], findings: result.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, severity: f.severity, message: f.message })) };
}
