/**
 * Spend per call site (`attrib report --by call_site`, JSON `byCallSite`) and its join with a lint
 * result (`--lint LINT_JSON`, JSON `callSiteJoin`): the code's call sites next to what they cost.
 * Steps carry their call site from attrib/runtime (`call_site`: an explicit lint callSiteId, or the
 * app's stack frames); docs/call-sites.md says how a recorded location meets a lint call site.
 * Schema: schemas/call-sites.schema.json.
 */
import type { Taxonomy } from '../taxonomy/types.js';
import { ConfigError } from '../util/errors.js';
import { formatUsd } from '../util/money.js';
import { readUserFile } from '../util/read-user-file.js';
import type { Analysis } from './index.js';
import { ATTRIBUTION_TAGS } from './step.js';
import { type RecordedFrame, decodeCallSiteKey } from './call-site-record.js';

/** The row of the spend that came with no call site (another source, `callSites: false`, an SDK's own later call). */
export const NO_CALL_SITE = '(no call site)';
const ATTRIBUTED = 0;

export interface MissingTagSpend {
  tag: string;
  costUsd: number;
  steps: number;
}

export interface CallSiteRow {
  /**
   * What the row is shown as: the recorded callSiteId, else the recorded frames as `file:line`,
   * innermost first, each caller after ` < ` (`src/llm.ts:15 < src/agents/planner.ts:42`), else
   * `(no call site)`.
   */
  key: string;
  /** The lint callSiteId the code named (`callSite` option), else null. */
  id: string | null;
  /** The app's frames the runtime recorded, innermost first (empty for an explicit id). */
  frames: RecordedFrame[];
  costUsd: number;
  steps: number;
  /** Spend the report counts as unattributed (no known feature). */
  unattributedCostUsd: number;
  /** Spend without each required tag after attribution (inherited and run values count as present), largest first. */
  missing: MissingTagSpend[];
  /** With `--lint`: the lint call site the row met, or null (a blind spot, or no call site). */
  lint?: LintRef | null;
}

/** Spend per recorded call site, largest first; the rows (with `(no call site)`) sum to the report's total. */
export function callSiteSpend(analysis: Analysis, taxonomy: Taxonomy): CallSiteRow[] {
  const { store, attribution } = analysis;
  const required = ATTRIBUTION_TAGS.map((tag, t) => ({ tag, t })).filter(({ tag }) => taxonomy.tags.get(tag)?.required ?? true);
  // Slot per call-site id, plus one for none (-1).
  const size = store.callSites.size + 1;
  const cost = new Float64Array(size);
  const steps = new Float64Array(size);
  const unattributed = new Float64Array(size);
  const missingCost = required.map(() => new Float64Array(size));
  const missingSteps = required.map(() => new Float64Array(size));
  for (let i = 0; i < store.size; i++) {
    if (!store.counted(i)) continue;
    const slot = store.callSite.get(i) + 1;
    const micros = store.cost.get(i);
    cost[slot]! += micros;
    steps[slot]! += 1;
    if (attribution.status.get(i) !== ATTRIBUTED) unattributed[slot]! += micros;
    for (let r = 0; r < required.length; r++) {
      if (attribution.values[required[r]!.t]!.get(i) !== -1) continue;
      missingCost[r]![slot]! += micros;
      missingSteps[r]![slot]! += 1;
    }
  }
  const rows: CallSiteRow[] = [];
  for (let slot = 0; slot < size; slot++) {
    if (steps[slot] === 0) continue;
    const site = slot === 0 ? { id: null, frames: [] } : decodeCallSiteKey(store.callSites.get(slot - 1));
    const missing = required
      .map(({ tag }, r) => ({ tag, costUsd: missingCost[r]![slot]! / 1e6, steps: missingSteps[r]![slot]! }))
      .filter((m) => m.steps > 0)
      .sort((a, b) => b.costUsd - a.costUsd || cmp(a.tag, b.tag));
    rows.push({
      key: site.id ?? (site.frames.length > 0 ? site.frames.map((f) => `${f.file}:${f.line}`).join(' < ') : NO_CALL_SITE),
      id: site.id,
      frames: site.frames,
      costUsd: cost[slot]! / 1e6,
      steps: steps[slot]!,
      unattributedCostUsd: unattributed[slot]! / 1e6,
      missing,
    });
  }
  return mergeSameKey(rows).sort((a, b) => b.costUsd - a.costUsd || cmp(a.key, b.key));
}

/** Chains that differ only in columns read the same: one row (the first chain's frames, which the lint join reads). */
function mergeSameKey(rows: CallSiteRow[]): CallSiteRow[] {
  const byKey = new Map<string, CallSiteRow>();
  const add = (a: number, b: number) => (Math.round(a * 1e6) + Math.round(b * 1e6)) / 1e6;
  for (const row of rows) {
    const same = byKey.get(row.key);
    if (!same) {
      byKey.set(row.key, row);
      continue;
    }
    same.costUsd = add(same.costUsd, row.costUsd);
    same.unattributedCostUsd = add(same.unattributedCostUsd, row.unattributedCostUsd);
    same.steps += row.steps;
    for (const m of row.missing) {
      const mine = same.missing.find((x) => x.tag === m.tag);
      if (mine) {
        mine.costUsd = add(mine.costUsd, m.costUsd);
        mine.steps += m.steps;
      } else same.missing.push(m);
    }
    same.missing.sort((a, b) => b.costUsd - a.costUsd || cmp(a.tag, b.tag));
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------
// The lint side.

/** A call site as `attrib lint --format json` lists it (schemas/lint-result.schema.json), the fields the join reads. */
export interface LintSite {
  file: string;
  line: number;
  column: number;
  callSiteId: string;
  kind: string;
  callee: string;
  status: string;
  missing: string[];
  /** The tags lint saw at the call: a literal value, or dynamic. */
  tags: Record<string, { value?: string; dynamic?: true }>;
}

export interface LintFindingRef {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

export interface LintResultInput {
  /** The lint JSON as messages show it. */
  shown: string;
  sites: LintSite[];
  findings: (LintFindingRef & { file: string })[];
}

/** Read and check `--lint LINT_JSON`: a precise error (exit 2) for anything that is not a lint result. */
export async function loadLintResult(given: string, cwd: string): Promise<LintResultInput> {
  const hint = 'Pass the output of `attrib lint --format json` (e.g. `attrib lint src --format json --out lint.json`).';
  const { text, shown } = await readUserFile(given, { cwd, what: 'lint result', hint });
  return parseLintResult(text, shown, hint);
}

export function parseLintResult(text: string, shown: string, hint = 'Pass the output of `attrib lint --format json`.'): LintResultInput {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${shown} is not JSON: ${(error as Error).message}`, hint);
  }
  const d = doc as { schemaVersion?: unknown; callSites?: unknown; findings?: unknown } | null;
  if (typeof d !== 'object' || d === null || d.schemaVersion !== 1 || !Array.isArray(d.callSites)) {
    throw new ConfigError(`${shown} is not an attrib lint result (schemaVersion 1 with callSites)`, hint);
  }
  const sites: LintSite[] = d.callSites.map((raw: unknown, i: number) => {
    const s = raw as Partial<LintSite> | null;
    const ok =
      typeof s === 'object' && s !== null && typeof s.file === 'string' && isLine(s.line) && isLine(s.column) && typeof s.callSiteId === 'string' && typeof s.callee === 'string' && typeof s.status === 'string';
    if (!ok) throw new ConfigError(`${shown}: callSites[${i}] lacks file, line, column, callSiteId, callee or status (lint from before call-site ids? run attrib lint again)`, hint);
    return {
      file: s.file!,
      line: s.line!,
      column: s.column!,
      callSiteId: s.callSiteId!,
      kind: typeof s.kind === 'string' ? s.kind : 'model',
      callee: s.callee!,
      status: s.status!,
      missing: Array.isArray(s.missing) ? s.missing.filter((m): m is string => typeof m === 'string') : [],
      tags: tagPresence(s.tags),
    };
  });
  const findings = (Array.isArray(d.findings) ? d.findings : []).flatMap((raw: unknown) => {
    const f = raw as Partial<LintFindingRef & { file: string }> | null;
    if (typeof f !== 'object' || f === null || typeof f.file !== 'string' || !isLine(f.line) || typeof f.ruleId !== 'string' || typeof f.message !== 'string') return [];
    return [{ file: f.file, line: f.line!, column: isLine(f.column) ? f.column! : 1, ruleId: f.ruleId, severity: typeof f.severity === 'string' ? f.severity : 'error', message: f.message }];
  });
  return { shown, sites, findings };
}

function tagPresence(value: unknown): LintSite['tags'] {
  const out = Object.create(null) as LintSite['tags'];
  if (typeof value !== 'object' || value === null) return out;
  for (const [tag, p] of Object.entries(value as Record<string, unknown>)) {
    const presence = p as { value?: unknown; dynamic?: unknown } | null;
    if (typeof presence?.value === 'string') out[tag] = { value: presence.value };
    else if (presence?.dynamic === true) out[tag] = { dynamic: true };
  }
  return out;
}

const isLine = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

// ---------------------------------------------------------------------------------------------
// The join.

/** How a spend row met its lint call site. */
export type JoinedBy = 'id' | 'line';

export interface LintRef {
  callSiteId: string;
  file: string;
  line: number;
  callee: string;
  kind: string;
  status: string;
  joinedBy: JoinedBy;
}

export interface FlaggedSpend extends LintRef {
  costUsd: number;
  steps: number;
  /** Lint's findings at the call site. */
  findings: LintFindingRef[];
}

export interface UnattributedSpend {
  /** The lint call site, when the spend met one; else null (a blind spot). */
  callSiteId: string | null;
  /** `file:line` (the lint site's, else the innermost recorded frame's) or the recorded id. */
  location: string;
  callee: string | null;
  /** Spend without at least one required tag, or unattributed. */
  costUsd: number;
  unattributedCostUsd: number;
  missing: MissingTagSpend[];
  /** The sentence a reviewer reads. */
  message: string;
}

export interface BlindSpot {
  key: string;
  id: string | null;
  frames: RecordedFrame[];
  costUsd: number;
  steps: number;
  /** `unknown-id`: the recorded callSiteId is not in the lint result; `no-lint-site`: no recorded frame is on a lint call site's line. */
  reason: 'unknown-id' | 'no-lint-site';
}

export interface CallSiteJoin {
  lint: string;
  /** Spend from call sites lint flagged (status violation), with its findings. */
  flagged: FlaggedSpend[];
  /** Spend missing required tags, per call site. */
  unattributed: UnattributedSpend[];
  /** Call sites that spent and that lint never found. */
  blindSpots: BlindSpot[];
  /** Call sites lint found that spent nothing in the period. */
  idle: Omit<LintRef, 'joinedBy'>[];
  /** Spend recorded without any call site (not joinable). */
  noCallSite: { costUsd: number; steps: number };
  /** Spend that met a lint call site, and the total: how much of the bill the code explains. */
  joinedCostUsd: number;
  totalCostUsd: number;
}

/** Lint call sites by id and by `file\0line`, to meet the spend rows. */
export class LintIndex {
  readonly byId = new Map<string, LintSite>();
  private readonly byLine = new Map<string, LintSite[]>();

  constructor(readonly input: LintResultInput) {
    for (const site of input.sites) {
      this.byId.set(site.callSiteId, site);
      const key = `${site.file}\u0000${site.line}`;
      const list = this.byLine.get(key);
      if (list) list.push(site);
      else this.byLine.set(key, [site]);
    }
  }

  /**
   * The lint call site a recorded call site is: by id when the code named one; else the innermost
   * recorded frame on a lint call site's line (a call through the app's helper is recorded with the
   * helper's line first, and lint lists the helper's callers). V8 places a call at its method name,
   * lint at the start of the call expression, so on a line with several lint sites the one starting
   * last at or before the recorded column is taken.
   */
  find(site: { id: string | null; frames: readonly RecordedFrame[] }): { site: LintSite; by: JoinedBy } | undefined {
    if (site.id !== null) {
      const byId = this.byId.get(site.id);
      return byId ? { site: byId, by: 'id' } : undefined;
    }
    for (const frame of site.frames) {
      const candidates = this.byLine.get(`${frame.file}\u0000${frame.line}`);
      if (!candidates) continue;
      if (candidates.length === 1) return { site: candidates[0]!, by: 'line' };
      const before = candidates.filter((c) => c.column <= frame.column).sort((a, b) => b.column - a.column);
      if (before[0]) return { site: before[0], by: 'line' };
    }
    return undefined;
  }

  findingsAt(site: LintSite): LintFindingRef[] {
    return this.input.findings
      .filter((f) => f.file === site.file && f.line === site.line && f.column === site.column)
      .map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message }));
  }
}

const ref = (site: LintSite, by: JoinedBy): LintRef => ({ callSiteId: site.callSiteId, file: site.file, line: site.line, callee: site.callee, kind: site.kind, status: site.status, joinedBy: by });

/** Join spend rows with a lint result: flagged spend, unattributed spend, blind spots, idle call sites. Sets each row's `lint`. */
export function joinCallSites(rows: CallSiteRow[], lint: LintResultInput): CallSiteJoin {
  const index = new LintIndex(lint);
  const spent = new Map<LintSite, { by: JoinedBy; rows: CallSiteRow[] }>();
  const blindSpots: BlindSpot[] = [];
  const unattributed: UnattributedSpend[] = [];
  let noCallSite = { costUsd: 0, steps: 0 };
  let joined = 0;
  let total = 0;
  for (const row of rows) {
    total += Math.round(row.costUsd * 1e6);
    const match = row.id === null && row.frames.length === 0 ? undefined : index.find(row);
    row.lint = match ? ref(match.site, match.by) : null;
    if (row.id === null && row.frames.length === 0) {
      noCallSite = { costUsd: row.costUsd, steps: row.steps };
      continue;
    }
    if (!match) {
      blindSpots.push({ key: row.key, id: row.id, frames: row.frames, costUsd: row.costUsd, steps: row.steps, reason: row.id === null ? 'no-lint-site' : 'unknown-id' });
      if (row.missing.length > 0 || row.unattributedCostUsd > 0) unattributed.push(unattributedOf([row], null));
      continue;
    }
    joined += Math.round(row.costUsd * 1e6);
    const entry = spent.get(match.site);
    if (entry) entry.rows.push(row);
    else spent.set(match.site, { by: match.by, rows: [row] });
  }
  const flagged: FlaggedSpend[] = [];
  for (const [site, { by, rows: siteRows }] of spent) {
    const cost = sumMicros(siteRows.map((r) => r.costUsd));
    const steps = siteRows.reduce((n, r) => n + r.steps, 0);
    if (site.status === 'violation') flagged.push({ ...ref(site, by), costUsd: cost / 1e6, steps, findings: index.findingsAt(site) });
    if (siteRows.some((r) => r.missing.length > 0 || r.unattributedCostUsd > 0)) unattributed.push(unattributedOf(siteRows, site));
  }
  const idle = lint.sites.filter((s) => !spent.has(s)).map(({ callSiteId, file, line, callee, kind, status }) => ({ callSiteId, file, line, callee, kind, status }));
  return {
    lint: lint.shown,
    flagged: flagged.sort((a, b) => b.costUsd - a.costUsd || cmp(a.callSiteId, b.callSiteId)),
    unattributed: unattributed.sort((a, b) => b.costUsd - a.costUsd || cmp(a.location, b.location)),
    blindSpots: blindSpots.sort((a, b) => b.costUsd - a.costUsd || cmp(a.key, b.key)),
    idle: idle.sort((a, b) => cmp(a.file, b.file) || a.line - b.line),
    noCallSite,
    joinedCostUsd: joined / 1e6,
    totalCostUsd: total / 1e6,
  };
}

function unattributedOf(rows: readonly CallSiteRow[], site: LintSite | null): UnattributedSpend {
  const missing = new Map<string, { cost: number; steps: number }>();
  for (const row of rows) {
    for (const m of row.missing) {
      const acc = missing.get(m.tag) ?? { cost: 0, steps: 0 };
      acc.cost += Math.round(m.costUsd * 1e6);
      acc.steps += m.steps;
      missing.set(m.tag, acc);
    }
  }
  const list = [...missing].map(([tag, m]) => ({ tag, costUsd: m.cost / 1e6, steps: m.steps })).sort((a, b) => b.costUsd - a.costUsd || cmp(a.tag, b.tag));
  const unattributedCost = sumMicros(rows.map((r) => r.unattributedCostUsd)) / 1e6;
  // The spend a reviewer should fix: the largest of "no feature" and "without some required tag".
  const cost = Math.max(unattributedCost, list[0]?.costUsd ?? 0);
  const first = rows[0]!;
  const location = site ? `${site.file}:${site.line}` : first.key;
  const callee = site?.callee ?? null;
  const tags = list.map((m) => `\`${m.tag}\``).join(', ');
  const what = unattributedCost > 0 ? `${formatUsd(unattributedCost)} of unattributed spend${tags ? `: missing ${tags}` : ''}` : `${formatUsd(cost)} of spend missing ${tags}`;
  const message = `${location}${callee ? ` \`${callee}\`` : ''} caused ${what}${site ? '' : ' (a call site lint did not find)'}`;
  return { callSiteId: site?.callSiteId ?? null, location, callee, costUsd: cost, unattributedCostUsd: unattributedCost, missing: list, message };
}

function sumMicros(usd: readonly number[]): number {
  return usd.reduce((sum, v) => sum + Math.round(v * 1e6), 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
