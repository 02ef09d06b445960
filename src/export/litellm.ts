import path from 'node:path';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Taxonomy } from '../taxonomy/types.js';
import { sanitizeInline } from '../util/terminal.js';
import { mustCarry, registryEntries } from './registry-tags.js';

/**
 * `attrib export litellm`: the pieces of a LiteLLM proxy `config.yaml` that enforce attrib.yaml.
 * Every key was checked against LiteLLM's own code (BerriAI/litellm, see docs/gateway.md):
 * - `general_settings.enforced_params`: `_enforced_params_check` in litellm/proxy/litellm_pre_call_utils.py
 *   splits each entry on `.` and checks one level (`user`) or two (`metadata.feature`) for presence; an
 *   entry with three or more parts is silently never checked, so `metadata.spend_logs_metadata.feature`
 *   would enforce nothing. Tags are therefore required as direct keys of the request's `metadata`.
 * - `litellm_settings.tag_budget_config`: `Dict[str, BudgetConfig]` (litellm/__init__.py), BudgetConfig
 *   being `max_budget` (USD) and `budget_duration` (litellm/types/utils.py), keyed by the exact tag
 *   string a request carries in `metadata.tags`.
 * Both raise "Enterprise only" without a LiteLLM Enterprise licence (`premium_user`).
 */

export type BudgetScope = 'all' | 'teams' | 'none';
export const BUDGET_SCOPES: readonly BudgetScope[] = ['all', 'teams', 'none'];

export interface LitellmOptions {
  /** Which attrib budgets become LiteLLM tag budgets. Default `all`. */
  budgets?: BudgetScope;
}

export interface EnforcedParam {
  /** As LiteLLM reads it: `metadata.<tag>`. */
  param: string;
  tag: string;
  description?: string;
}

export interface TagBudget {
  /** The request tag the budget counts: `<tag>:<name>`, e.g. `feature:inbox-triage`. */
  tag: string;
  kind: 'feature' | 'team';
  name: string;
  maxBudgetUsd: number;
}

export interface LitellmExport {
  /** The taxonomy file's name, for the header comment. */
  source: string;
  enforcedParams: EnforcedParam[];
  tagBudgets: TagBudget[];
  /** Things the config cannot express or that change meaning at the gateway; printed on stderr. */
  warnings: string[];
}

/**
 * Keys LiteLLM's proxy writes into, or strips from, a request's `metadata` before the enforced-params
 * check runs (add_litellm_data_to_request in litellm_pre_call_utils.py): a tag with one of these names
 * would always pass, or never, whatever the caller sent.
 */
const LITELLM_METADATA_KEYS = new Set([
  'tags', 'spend_logs_metadata', 'requester_metadata', 'headers', 'endpoint', 'user_agent', 'requester_ip_address',
  'litellm_api_version', 'global_max_parallel_requests', 'litellm_parent_otel_span', 'guardrails', 'guardrail_config',
  'disable_global_guardrails', 'disable_global_guardrail', 'opted_out_global_guardrails', 'applied_guardrails',
  'applied_policies', 'policy_sources', 'standard_logging_object', 'proxy_server_request', 'secret_fields',
]);

function collidesWithLitellm(tag: string): boolean {
  return LITELLM_METADATA_KEYS.has(tag) || tag.startsWith('user_api_key_') || tag.startsWith('pillar_');
}

/** attrib budgets are monthly; LiteLLM's duration parser reads `1mo` as one month. */
export const BUDGET_DURATION = '1mo';

export function litellmExport(taxonomy: Taxonomy, options: LitellmOptions = {}): LitellmExport {
  const scope = options.budgets ?? 'all';
  const warnings: string[] = [];
  const enforcedParams: EnforcedParam[] = [];
  for (const spec of taxonomy.tags.values()) {
    if (!mustCarry(spec)) continue;
    if (collidesWithLitellm(spec.name)) {
      warnings.push(`tag \`${spec.name}\` has the name of a key LiteLLM itself sets or strips in request metadata, so \`metadata.${spec.name}\` cannot be enforced; rename the tag to enforce it`);
      continue;
    }
    enforcedParams.push({ param: `metadata.${spec.name}`, tag: spec.name, ...(spec.description === undefined ? {} : { description: spec.description }) });
  }
  enforcedParams.sort((a, b) => compare(a.param, b.param));

  const tagBudgets: TagBudget[] = [];
  if (scope !== 'none') {
    for (const spec of taxonomy.tags.values()) {
      if (spec.rule.kind !== 'registry') continue;
      const kind = spec.rule.registry === 'features' ? 'feature' : 'team';
      if (kind === 'feature' && scope === 'teams') continue;
      for (const entry of registryEntries(taxonomy, spec)!.values()) {
        if (entry.budget === undefined) continue;
        tagBudgets.push({ tag: `${spec.name}:${entry.name}`, kind, name: entry.name, maxBudgetUsd: entry.budget.monthlyUsd });
      }
      if (kind === 'team' && spec.deriveFrom !== undefined && tagBudgets.some((b) => b.kind === 'team')) {
        warnings.push(`team budgets count only requests whose \`metadata.tags\` carry \`${spec.name}:<team>\`; attrib.yaml lets callers leave \`${spec.name}\` out (derive_from: ${spec.deriveFrom}), and LiteLLM does not derive it, so send the ${spec.name} tag on every request or the team budget undercounts`);
      }
    }
    tagBudgets.sort((a, b) => compare(a.tag, b.tag));
    warnings.push(...unexportedBudgets(taxonomy, scope));
  }
  if (tagBudgets.length > 0) {
    // A budget binds only requests that carry the tag; without `metadata.tags` it is silently bypassed.
    enforcedParams.push({ param: 'metadata.tags', tag: 'tags', description: 'the tag list the tag budgets count' });
  }
  const source = taxonomy.file === undefined ? 'attrib.yaml' : path.basename(taxonomy.file);
  return { source, enforcedParams, tagBudgets, warnings };
}

/** Budgets in attrib.yaml that no tag can carry to the gateway, because no tag takes its values from their registry. */
function unexportedBudgets(taxonomy: Taxonomy, scope: BudgetScope): string[] {
  const carried = new Set([...taxonomy.tags.values()].flatMap((spec) => (spec.rule.kind === 'registry' ? [spec.rule.registry] : [])));
  const registries = scope === 'teams' ? (['teams'] as const) : (['features', 'teams'] as const);
  return registries
    .filter((registry) => !carried.has(registry) && [...(registry === 'features' ? taxonomy.features : taxonomy.teams).values()].some((e) => e.budget !== undefined))
    .map((registry) => `${registry} have budgets, but no tag takes its values from \`${registry}\` (registry: ${registry}), so no request tag names them and none of these budgets is exported`);
}

/** The config pieces as commented YAML, to merge into the proxy's config.yaml. */
export function renderLitellmConfig(exported: LitellmExport): string {
  const root = new YAMLMap();
  if (exported.enforcedParams.length > 0) {
    const params = new YAMLSeq();
    for (const p of exported.enforcedParams) {
      const item = new Scalar(p.param);
      if (p.description !== undefined) item.comment = ` ${inline(p.description)}`;
      params.items.push(item);
    }
    const general = new YAMLMap();
    general.items.push(commented(new Pair(new Scalar('enforced_params'), params), [
      'Enforce required params (LiteLLM Enterprise): the proxy rejects a request whose body lacks one of',
      'these ("please pass param=[metadata][feature]"). Presence only, not the value: attrib checks values.',
      'Derived tags (derive_from) are not listed: attrib fills them in from the registry.',
    ]));
    root.items.push(new Pair(new Scalar('general_settings'), general));
  }
  if (exported.tagBudgets.length > 0) {
    const budgets = new YAMLMap();
    for (const b of exported.tagBudgets) {
      const config = new YAMLMap();
      config.items.push(new Pair(new Scalar('max_budget'), new Scalar(b.maxBudgetUsd)));
      config.items.push(new Pair(new Scalar('budget_duration'), new Scalar(BUDGET_DURATION)));
      const key = new Scalar(b.tag);
      key.type = Scalar.QUOTE_DOUBLE;
      budgets.items.push(commented(new Pair(key, config), [`${b.kind} ${inline(b.name)}: ${b.kind === 'team' ? 'hard cap' : 'soft cap'} in attrib.yaml`]));
    }
    const settings = new YAMLMap();
    settings.items.push(commented(new Pair(new Scalar('tag_budget_config'), budgets), [
      'Tag budgets (LiteLLM Enterprise): spend of requests carrying the tag in `metadata.tags`, per rolling',
      `${BUDGET_DURATION} window from the first request (not the calendar month attrib reports on). At the limit LiteLLM`,
      'refuses the request ("No deployments available"): a feature budget, a soft cap in attrib, becomes a',
      'hard stop here; export with `--budgets teams` to keep feature budgets soft. Use Redis with several proxies.',
    ]));
    root.items.push(new Pair(new Scalar('litellm_settings'), settings));
  }
  const doc = new Document(root);
  doc.commentBefore = [
    ` Generated by \`attrib export litellm\` from ${inline(exported.source)}. Merge these blocks into the`,
    ' LiteLLM proxy config.yaml; edit the taxonomy and export again instead of editing them.',
    ' Callers send each tag as a key of the request body\'s `metadata`, and the budgeted ones also as',
    ' `tag:value` strings in `metadata.tags`:',
    `   "metadata": ${exampleMetadata(exported)}`,
    ' LiteLLM logs them as `metadata.requester_metadata` and `request_tags`, which `attrib report` reads.',
    ...exported.warnings.map((w) => ` WARNING: ${inline(w)}`),
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** The shape of a request's metadata that passes this config, with placeholders for the values. */
function exampleMetadata(exported: LitellmExport): string {
  const fields = exported.enforcedParams.filter((p) => p.param !== 'metadata.tags').map((p) => `"${p.tag}": "<${p.tag}>"`);
  const budgeted = [...new Set(exported.tagBudgets.map((b) => b.tag.slice(0, b.tag.indexOf(':'))))];
  if (budgeted.length > 0) fields.push(`"tags": [${budgeted.map((t) => `"${t}:<${t}>"`).join(', ')}]`);
  return `{${fields.join(', ')}}`;
}

function commented<T extends Pair>(pair: T, lines: string[]): T {
  (pair.key as Scalar).commentBefore = lines.map((l) => ` ${l}`).join('\n');
  return pair;
}

/** Text from attrib.yaml inside a one-line YAML comment: a newline would end the comment and start config. */
function inline(text: string): string {
  return sanitizeInline(text);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
