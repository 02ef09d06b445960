import { LineCounter, isMap, isScalar, parseDocument, visit, type Node } from 'yaml';
import { unresolvedAlias, unresolvedAliasMessage } from '../util/yaml-aliases.js';
import safeRegex from 'safe-regex2';
import { linearMatcher, overlappingAlternation } from './pattern.js';
import { didYouMean } from '../util/did-you-mean.js';
import { type Finding, compareFindings, countBySeverity } from '../util/findings.js';
import { YamlChecker, type Entry } from './yaml-checker.js';
import { readLintSettings } from './lint-settings.js';
import {
  SEED_TAGS,
  type AllocationRule,
  type AllocationSettings,
  type Budget,
  type Feature,
  type OrgSettings,
  type RegistryName,
  type TagSpec,
  type TagValueRule,
  type Taxonomy,
  type Team,
  type Tenant,
} from './types.js';

/** Taxonomies are small; anything bigger is refused before parsing. */
export const MAX_TAXONOMY_BYTES = 1024 * 1024;
/** Budgets past this are typos (and would lose micro-dollar precision in reports). */
const MAX_MONTHLY_BUDGET_USD = 1_000_000_000;
/** Aliases beyond this many expansions are treated as an alias bomb. */
const MAX_ALIAS_COUNT = 100;

const TOP_KEYS = ['version', 'tags', 'teams', 'features', 'tenants', 'org', 'report', 'allocation', 'lint'] as const;
const TAG_KEYS = ['description', 'required', 'registry', 'derive_from', 'values', 'pattern'] as const;
const TEAM_KEYS = ['owner', 'description', 'budget'] as const;
const FEATURE_KEYS = ['team', 'owner', 'description', 'budget'] as const;
const ORG_KEYS = ['budget', 'unattributed_max_pct', 'near_pct', 'tenant_cost_share_max_pct'] as const;
const TENANT_KEYS = ['name', 'plan', 'monthly_contract_usd', 'budget'] as const;
const BUDGET_KEYS = ['monthly_usd'] as const;
const REPORT_KEYS = ['logs'] as const;
/** `allocation:` keys as written, with the field each fills. */
const ALLOCATION_KEYS = { unattributed: 'unattributed', unlogged: 'unlogged', shared_tools: 'sharedTools' } as const;
const REGISTRIES: readonly RegistryName[] = ['features', 'teams'];

const TAG_NAME = /^[a-z][a-z0-9_]*$/;
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** JSON contract of `attrib taxonomy validate --format json`, schema version 1. */
export interface TaxonomyValidation {
  schemaVersion: 1;
  file: string;
  valid: boolean;
  summary: { errors: number; warnings: number };
  findings: Finding[];
}

export interface ParsedTaxonomy {
  /** Present only when there are no errors (warnings allowed). */
  taxonomy?: Taxonomy;
  findings: Finding[];
}

/**
 * Parse and check the text of a taxonomy file. `file` is the path shown in findings.
 * Never throws on bad content: every problem becomes a finding with a rule id and line:col.
 */
export function parseTaxonomy(text: string, file = 'attrib.yaml'): ParsedTaxonomy {
  if (Buffer.byteLength(text, 'utf8') > MAX_TAXONOMY_BYTES) {
    return { findings: [tooLarge(file, Buffer.byteLength(text, 'utf8'))] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const checker = new YamlChecker(file, lineCounter, doc);

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const rule = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      const start = lineCounter.linePos(error.pos[0]);
      const end = lineCounter.linePos(error.pos[1]);
      checker.findings.push({
        ruleId: rule,
        severity: 'error',
        file,
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: end.col,
        message: rule === 'duplicate-key' ? duplicateKeyMessage(text.slice(error.pos[0])) : firstLine(error.message),
      });
    }
    return { findings: sorted(checker.findings) };
  }
  const unresolved = unresolvedAlias(doc);
  if (unresolved) {
    checker.report('yaml-syntax', unresolved, unresolvedAliasMessage(unresolved));
    return { findings: sorted(checker.findings) };
  }
  if (hasAliasBomb(doc)) {
    let firstAlias: Node | undefined;
    visit(doc, { Alias: (_, node) => ((firstAlias ??= node as Node), visit.BREAK) });
    checker.report('alias-limit', firstAlias, `aliases expand to more than ${MAX_ALIAS_COUNT} nodes; attrib refuses alias bombs (write the values out instead)`);
    return { findings: sorted(checker.findings) };
  }

  const taxonomy = new TaxonomyBuilder(checker).build(doc.contents as Node | null);
  const findings = sorted(checker.findings);
  const valid = !findings.some((f) => f.severity === 'error');
  return valid && taxonomy ? { taxonomy, findings } : { findings };
}

/** `parseTaxonomy` shaped as the `attrib taxonomy validate` result. */
export function validateTaxonomy(text: string, file = 'attrib.yaml'): TaxonomyValidation {
  const { findings } = parseTaxonomy(text, file);
  const summary = countBySeverity(findings);
  return { schemaVersion: 1, file, valid: summary.errors === 0, summary, findings };
}

/** Name the key: yaml's own "Map keys must be unique" leaves the reader to find which one. */
function duplicateKeyMessage(from: string): string {
  // yaml marks the key's first character: the key runs to its `:` (or closing quote).
  const name = (/^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*)/.exec(from)?.[0] ?? '').trim();
  return `key \`${name.length > 60 ? `${name.slice(0, 60)}…` : name}\` is defined twice in this mapping (the later one would silently win)`;
}

export function tooLarge(file: string, bytes: number): Finding {
  return {
    ruleId: 'file-too-large',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message: `the file is ${bytes} bytes; a taxonomy may be at most ${MAX_TAXONOMY_BYTES} bytes`,
  };
}

function hasAliasBomb(doc: ReturnType<typeof parseDocument>): boolean {
  let hasAlias = false;
  visit(doc, { Alias: () => ((hasAlias = true), visit.BREAK) });
  if (!hasAlias) return false;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return false;
  } catch {
    return true;
  }
}

/** Walks the document once, recording findings and collecting the typed taxonomy. */
class TaxonomyBuilder {
  private readonly tags = new Map<string, TagSpec>();
  private readonly teams = new Map<string, Team>();
  private readonly features = new Map<string, Feature>();
  private readonly tenants = new Map<string, Tenant>();
  /** Where each team, feature and the org spell their budget and name, to place warnings about them. */
  private readonly budgetNodes = new Map<string, Node | null>();
  private readonly keyNodes = new Map<string, Node>();
  private org: OrgSettings = { unattributedMaxPct: 5, nearPct: 80 };
  private logs: string[] = [];
  private readonly allocation: AllocationSettings = { unattributed: { kind: 'shared' }, unlogged: { kind: 'shared' }, sharedTools: { kind: 'shared' } };

  constructor(private readonly c: YamlChecker) {}

  build(root: Node | null): Taxonomy | undefined {
    const entries = this.c.entries(root, 'the taxonomy', { allowEmpty: false });
    if (!entries) return undefined;
    const top = this.c.known(entries, TOP_KEYS, 'the taxonomy');

    const version = top.get('version');
    if (!version) this.c.report('unsupported-version', null, 'missing `version: 1` at the top of the file');
    else if (this.c.resolve(version.value)?.toJSON() !== 1) {
      this.c.report('unsupported-version', version.value, 'attrib understands taxonomy `version: 1` only');
    }

    const tags = top.get('tags');
    if (!tags) this.c.report('missing-key', null, 'missing `tags`: declare the tags every model and tool call must carry');
    else this.readTags(tags);
    if (top.has('teams')) this.readTeams(top.get('teams')!);
    if (top.has('features')) this.readFeatures(top.get('features')!);
    if (top.has('tenants')) this.readTenants(top.get('tenants')!);
    if (top.has('org')) this.readOrg(top.get('org')!);
    if (top.has('report')) this.readReport(top.get('report')!);
    if (top.has('allocation')) this.readAllocation(top.get('allocation')!);
    const lint = top.has('lint') ? readLintSettings(this.c, top.get('lint')!) : { rules: new Map() };

    if (tags) this.checkTagReferences(tags);
    this.checkOwnersAndBudgets(top.get('org'));
    return { version: 1, tags: this.tags, teams: this.teams, features: this.features, tenants: this.tenants, org: this.org, report: { logs: this.logs }, allocation: this.allocation, lint };
  }

  private readTags(section: Entry): void {
    for (const entry of this.c.entries(section.value, '`tags`') ?? []) {
      if (!TAG_NAME.test(entry.key)) {
        this.c.report('invalid-name', entry.keyNode, `tag name \`${entry.key}\` must be lowercase letters, digits and underscores, starting with a letter`);
      }
      const where = `tag \`${entry.key}\``;
      const fields = this.c.known(this.c.entries(entry.value, where) ?? [], TAG_KEYS, where);
      const spec: TagSpec = { name: entry.key, required: true, rule: { kind: 'any' } };
      const description = fields.get('description');
      if (description) {
        const text = this.c.string(description.value, `the description of ${where}`);
        if (text !== undefined) spec.description = text;
      }
      const required = fields.get('required');
      if (required) spec.required = this.c.boolean(required.value, `\`required\` of ${where}`) ?? true;
      const deriveFrom = fields.get('derive_from');
      if (deriveFrom) {
        const name = this.c.string(deriveFrom.value, `\`derive_from\` of ${where}`);
        if (name !== undefined) spec.deriveFrom = name;
      }
      spec.rule = this.readValueRule(fields, where) ?? spec.rule;
      this.tags.set(entry.key, spec);
    }
  }

  private readValueRule(fields: Map<string, Entry>, where: string): TagValueRule | undefined {
    const present = (['values', 'registry', 'pattern'] as const).filter((k) => fields.has(k));
    for (const extra of present.slice(1)) {
      this.c.report('conflicting-value-rules', fields.get(extra)!.keyNode, `${where} sets both \`${present[0]}\` and \`${extra}\`: keep one`);
    }
    const kind = present[0];
    if (kind === undefined) return undefined;
    const node = fields.get(kind)!.value;
    if (kind === 'values') {
      const items = this.c.stringList(node, `\`values\` of ${where}`);
      if (!items) return undefined;
      if (items.length === 0) this.c.report('empty-values', node, `\`values\` of ${where} is empty: list the allowed values or remove the key`);
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.value)) this.c.report('duplicate-value', item.node, `\`${item.value}\` is listed twice in \`values\` of ${where}`);
        seen.add(item.value);
      }
      return { kind: 'values', values: [...seen] };
    }
    if (kind === 'registry') {
      const name = this.c.string(node, `\`registry\` of ${where}`);
      if (name === undefined) return undefined;
      if (!(REGISTRIES as readonly string[]).includes(name)) {
        const guess = didYouMean(name, REGISTRIES);
        this.c.report('invalid-registry', node, `\`registry\` of ${where} must be \`features\` or \`teams\`, not \`${name}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`, guess);
        return undefined;
      }
      return { kind: 'registry', registry: name as RegistryName };
    }
    const pattern = this.c.string(node, `\`pattern\` of ${where}`);
    if (pattern === undefined) return undefined;
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      this.c.report('invalid-pattern', node, `\`pattern\` of ${where} does not compile: ${(error as Error).message}`);
      return undefined;
    }
    if (!safeRegex(pattern)) {
      this.c.report('unsafe-pattern', node, `\`pattern\` of ${where} has nested quantifiers that can backtrack catastrophically; rewrite it without a repeated group that itself repeats`);
      return undefined;
    }
    const overlap = overlappingAlternation(pattern);
    if (overlap !== undefined) {
      this.c.report('unsafe-pattern', node, `\`pattern\` of ${where} repeats a group with ${overlap}, which can backtrack catastrophically; make the alternatives start differently (\`(a|ab)+\` -> \`(ab?)+\`)`);
      return undefined;
    }
    const matcher = linearMatcher(pattern);
    if ('unsupported' in matcher) {
      this.c.report('invalid-pattern', node, `\`pattern\` of ${where} uses syntax attrib's linear-time matcher (RE2) does not support: ${matcher.unsupported}; lookarounds and backreferences are not available`);
      return undefined;
    }
    return { kind: 'pattern', pattern, regex, matcher };
  }

  private readTeams(section: Entry): void {
    for (const entry of this.c.entries(section.value, '`teams`') ?? []) {
      this.checkSlug(entry, 'team');
      const where = `team \`${entry.key}\``;
      this.keyNodes.set(where, entry.keyNode);
      const fields = this.c.known(this.c.entries(entry.value, where) ?? [], TEAM_KEYS, where);
      const team: Team = { name: entry.key, ...this.readCommon(fields, where) };
      this.teams.set(entry.key, team);
    }
  }

  private readFeatures(section: Entry): void {
    for (const entry of this.c.entries(section.value, '`features`') ?? []) {
      this.checkSlug(entry, 'feature');
      const where = `feature \`${entry.key}\``;
      this.keyNodes.set(where, entry.keyNode);
      const fields = this.c.known(this.c.entries(entry.value, where) ?? [], FEATURE_KEYS, where);
      const teamEntry = fields.get('team');
      let team = '';
      if (!teamEntry) {
        this.c.report('missing-key', entry.keyNode, `${where} has no \`team\`: name the team that owns it`);
      } else {
        team = this.c.string(teamEntry.value, `\`team\` of ${where}`) ?? '';
        if (team !== '' && !this.teams.has(team)) {
          const guess = didYouMean(team, this.teams.keys());
          const hint = guess ? `did you mean \`${guess}\`?` : 'add it under `teams`';
          this.c.report('unknown-team', teamEntry.value, `${where} names team \`${team}\`, which is not in \`teams\` (${hint})`, guess);
        }
      }
      this.features.set(entry.key, { name: entry.key, team, ...this.readCommon(fields, where) });
    }
  }

  /** `tenants:` ids are the tenant tag's values as logged, so any non-empty name (not only a slug). */
  private readTenants(section: Entry): void {
    for (const entry of this.c.entries(section.value, '`tenants`') ?? []) {
      const where = `tenant \`${entry.key}\``;
      const fields = this.c.known(this.c.entries(entry.value, where) ?? [], TENANT_KEYS, where);
      const tenant: Tenant = { id: entry.key };
      for (const key of ['name', 'plan'] as const) {
        const field = fields.get(key);
        const text = field && this.c.string(field.value, `\`${key}\` of ${where}`);
        if (text !== undefined) tenant[key] = text;
      }
      const contract = fields.get('monthly_contract_usd');
      const amount = contract && this.c.number(contract.value, `\`monthly_contract_usd\` of ${where}`);
      if (contract && amount !== undefined) {
        if (!Number.isFinite(amount) || amount < 0.01 || amount > MAX_MONTHLY_BUDGET_USD) {
          this.c.report('invalid-contract', contract.value, `\`monthly_contract_usd\` of ${where} must be a number of USD from 0.01 to ${MAX_MONTHLY_BUDGET_USD.toLocaleString('en-US')}, not ${amount}`);
        } else tenant.monthlyContractUsd = amount;
      }
      const budget = fields.get('budget');
      const parsed = budget && this.readBudget(budget, where);
      if (parsed) tenant.budget = parsed;
      this.tenants.set(entry.key, tenant);
    }
  }

  /** owner, description and budget: the fields teams and features share. */
  private readCommon(fields: Map<string, Entry>, where: string): Pick<Team, 'owner' | 'description' | 'budget'> {
    const out: Pick<Team, 'owner' | 'description' | 'budget'> = {};
    for (const key of ['owner', 'description'] as const) {
      const entry = fields.get(key);
      const text = entry && this.c.string(entry.value, `\`${key}\` of ${where}`);
      if (text !== undefined) out[key] = text;
    }
    const budget = fields.get('budget');
    if (budget) {
      this.budgetNodes.set(where, budget.value);
      const parsed = this.readBudget(budget, where);
      if (parsed) out.budget = parsed;
    }
    return out;
  }

  private readBudget(entry: Entry, where: string): Budget | undefined {
    const fields = this.c.known(this.c.entries(entry.value, `the budget of ${where}`, { allowEmpty: false }) ?? [], BUDGET_KEYS, `the budget of ${where}`);
    const monthly = fields.get('monthly_usd');
    if (!monthly) {
      this.c.report('missing-key', entry.keyNode, `the budget of ${where} has no \`monthly_usd\``);
      return undefined;
    }
    const amount = this.c.number(monthly.value, `\`monthly_usd\` of ${where}`);
    if (amount === undefined) return undefined;
    if (!Number.isFinite(amount) || amount < 0.01 || amount > MAX_MONTHLY_BUDGET_USD) {
      this.c.report('invalid-budget', monthly.value, `\`monthly_usd\` of ${where} must be a number of USD from 0.01 to ${MAX_MONTHLY_BUDGET_USD.toLocaleString('en-US')}, not ${amount}`);
      return undefined;
    }
    return { monthlyUsd: amount };
  }

  private readOrg(section: Entry): void {
    const fields = this.c.known(this.c.entries(section.value, '`org`') ?? [], ORG_KEYS, '`org`');
    const budget = fields.get('budget');
    if (budget) {
      this.budgetNodes.set('org', budget.value);
      const parsed = this.readBudget(budget, 'the org');
      if (parsed) this.org.budget = parsed;
    }
    const percent = (key: 'unattributed_max_pct' | 'near_pct' | 'tenant_cost_share_max_pct'): number | undefined => {
      const entry = fields.get(key);
      if (!entry) return undefined;
      const value = this.c.number(entry.value, `\`org.${key}\``);
      if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 100)) {
        this.c.report('invalid-percent', entry.value, `\`org.${key}\` must be a percentage between 0 and 100, not ${value}`);
        return undefined;
      }
      return value;
    };
    this.org.unattributedMaxPct = percent('unattributed_max_pct') ?? this.org.unattributedMaxPct;
    this.org.nearPct = percent('near_pct') ?? this.org.nearPct;
    const share = percent('tenant_cost_share_max_pct');
    if (share !== undefined) this.org.tenantCostSharePct = share;
  }

  private readReport(section: Entry): void {
    const fields = this.c.known(this.c.entries(section.value, '`report`') ?? [], REPORT_KEYS, '`report`');
    const logs = fields.get('logs');
    if (!logs) return;
    const resolved = this.c.resolve(logs.value);
    if (resolved !== null && 'value' in resolved && typeof resolved.value === 'string') {
      this.logs = [resolved.value];
    } else {
      this.logs = (this.c.stringList(logs.value, '`report.logs`') ?? []).map((item) => item.value);
    }
  }

  /** `allocation:`; runs after `teams` is read, so a `to:` team is checked against the registry. */
  private readAllocation(section: Entry): void {
    const fields = this.c.known(this.c.entries(section.value, '`allocation`') ?? [], Object.keys(ALLOCATION_KEYS), '`allocation`');
    for (const [key, field] of Object.entries(ALLOCATION_KEYS)) {
      const entry = fields.get(key);
      const rule = entry && this.readAllocationRule(entry.value, `\`allocation.${key}\``);
      if (rule) this.allocation[field] = rule;
    }
  }

  private readAllocationRule(node: Node | null, where: string): AllocationRule | undefined {
    const resolved = this.c.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === 'string') {
      if (resolved.value === 'shared' || resolved.value === 'proportional') return { kind: resolved.value };
      const guess = didYouMean(resolved.value, ['shared', 'proportional']);
      this.c.report('invalid-allocation', node, `${where} must be \`shared\`, \`proportional\` or \`{ to: <team> }\`, not \`${resolved.value}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`, guess);
      return undefined;
    }
    if (!isMap(resolved)) {
      this.c.report('invalid-allocation', node, `${where} must be \`shared\`, \`proportional\` or \`{ to: <team> }\``);
      return undefined;
    }
    const fields = this.c.known(this.c.entries(node, where) ?? [], ['to'], where);
    const to = fields.get('to');
    if (!to) {
      this.c.report('missing-key', node, `${where} has no \`to\`: name the team that is charged`);
      return undefined;
    }
    const team = this.c.string(to.value, `\`to\` of ${where}`);
    if (team === undefined) return undefined;
    if (!this.teams.has(team)) {
      const guess = didYouMean(team, this.teams.keys());
      this.c.report('unknown-team', to.value, `${where} charges team \`${team}\`, which is not in \`teams\` (${guess ? `did you mean \`${guess}\`?` : 'add it under `teams`'})`, guess);
      return undefined;
    }
    return { kind: 'to', team };
  }

  private checkSlug(entry: Entry, kind: 'team' | 'feature'): void {
    if (!SLUG.test(entry.key)) {
      this.c.report('invalid-name', entry.keyNode, `${kind} name \`${entry.key}\` must be a lowercase slug (letters, digits, single - or _ between them)`);
    }
  }

  private checkTagReferences(tagsEntry: Entry): void {
    for (const spec of this.tags.values()) {
      if (spec.deriveFrom === undefined) continue;
      const source = this.tags.get(spec.deriveFrom);
      if (source?.rule.kind !== 'registry') {
        const registryTags = [...this.tags.values()].filter((t) => t.rule.kind === 'registry').map((t) => t.name);
        const guess = didYouMean(spec.deriveFrom, registryTags);
        this.c.report(
          'invalid-derive-from',
          this.findTagField(tagsEntry, spec.name, 'derive_from'),
          `\`derive_from\` of tag \`${spec.name}\` must name a tag with a \`registry\`${registryTags.length ? ` (${registryTags.join(', ')})` : ''}, not \`${spec.deriveFrom}\``,
          guess,
        );
      }
    }
    const missing = SEED_TAGS.filter((t) => !this.tags.has(t));
    if (missing.length > 0) {
      this.c.report('missing-seed-tag', tagsEntry.keyNode, `the standard tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `\`${t}\``).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not declared; reports and lint will not track ${missing.length > 1 ? 'them' : 'it'}`);
    }
  }

  private findTagField(tagsEntry: Entry, tag: string, field: string): Node | null {
    const tagEntry = (this.c.entries(tagsEntry.value, '`tags`') ?? []).find((e) => e.key === tag);
    const fieldEntry = tagEntry && (this.c.entries(tagEntry.value, `tag \`${tag}\``) ?? []).find((e) => e.key === field);
    return fieldEntry?.value ?? null;
  }

  private checkOwnersAndBudgets(orgEntry: Entry | undefined): void {
    const keyNodes = this.keyNodes;
    for (const team of this.teams.values()) {
      const node = keyNodes.get(`team \`${team.name}\``) ?? null;
      if (team.owner === undefined) this.c.report('missing-owner', node, `team \`${team.name}\` has no \`owner\`: alerts and acknowledgements need someone to go to`);
      if (!this.budgetNodes.has(`team \`${team.name}\``)) this.c.report('missing-budget', node, `team \`${team.name}\` has no budget: its hard cap cannot be checked`);
    }
    const featureBudgets = new Map<string, number>();
    for (const feature of this.features.values()) {
      const node = keyNodes.get(`feature \`${feature.name}\``) ?? null;
      if (feature.owner === undefined && this.teams.get(feature.team)?.owner === undefined && this.teams.has(feature.team)) {
        this.c.report('missing-owner', node, `feature \`${feature.name}\` has no \`owner\`, and neither has its team \`${feature.team}\``);
      }
      if (!this.budgetNodes.has(`feature \`${feature.name}\``)) this.c.report('missing-budget', node, `feature \`${feature.name}\` has no budget: its soft cap cannot be checked`);
      if (feature.budget) featureBudgets.set(feature.team, (featureBudgets.get(feature.team) ?? 0) + feature.budget.monthlyUsd);
    }
    for (const [teamName, sum] of featureBudgets) {
      const team = this.teams.get(teamName);
      if (team?.budget && sum > team.budget.monthlyUsd) {
        this.c.report('feature-budgets-exceed-team', this.budgetNodes.get(`team \`${teamName}\``), `the feature budgets of team \`${teamName}\` add up to $${fmt(sum)}, more than its budget of $${fmt(team.budget.monthlyUsd)}`);
      }
    }
    const teamSum = [...this.teams.values()].reduce((sum, t) => sum + (t.budget?.monthlyUsd ?? 0), 0);
    if (this.org.budget && teamSum > this.org.budget.monthlyUsd) {
      this.c.report('team-budgets-exceed-org', this.budgetNodes.get('org') ?? orgEntry?.keyNode, `the team budgets add up to $${fmt(teamSum)}, more than the org budget of $${fmt(this.org.budget.monthlyUsd)}`);
    }
  }

}

function fmt(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function sorted(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}
