import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { litellmExport, renderLitellmConfig } from '../../src/export/litellm.js';
import { repoRoot } from '../helpers/cli.js';
import { HOSTILE, SMALL, fixtureTaxonomy, taxonomyFrom } from './taxonomies.js';

type Config = {
  general_settings?: { enforced_params?: string[] };
  litellm_settings?: { tag_budget_config?: Record<string, Record<string, unknown>> };
};

const render = (text: string, budgets?: 'all' | 'teams' | 'none') =>
  renderLitellmConfig(litellmExport(taxonomyFrom(text), budgets === undefined ? {} : { budgets }));

/** LiteLLM's BudgetConfig fields (litellm/types/utils.py): anything else is dropped or rejected. */
const BUDGET_CONFIG_FIELDS = ['max_budget', 'budget_duration', 'tpm_limit', 'rpm_limit'];

describe('attrib export litellm: fixtures/attrib.yaml', () => {
  const exported = litellmExport(fixtureTaxonomy());
  const text = renderLitellmConfig(exported);
  const config = parse(text) as Config;

  it('matches the golden file byte for byte', () => {
    expect(text).toBe(readFileSync(path.join(repoRoot, 'test/export/golden/fixtures-litellm.yaml'), 'utf8'));
  });

  it('has exactly the expected keys', () => {
    expect(Object.keys(config)).toEqual(['general_settings', 'litellm_settings']);
    expect(Object.keys(config.general_settings!)).toEqual(['enforced_params']);
    expect(Object.keys(config.litellm_settings!)).toEqual(['tag_budget_config']);
  });

  it('enforces metadata.<tag> for the five required tags that are not derived, and metadata.tags for the budgets', () => {
    // fixtures/attrib.yaml: feature (required: true), workload_class, tenant, environment, parent_run_id
    // (required by default); team has derive_from: feature, so it is not enforced.
    expect(config.general_settings!.enforced_params).toEqual([
      'metadata.environment', 'metadata.feature', 'metadata.parent_run_id', 'metadata.tenant', 'metadata.workload_class', 'metadata.tags',
    ]);
    // LiteLLM's _enforced_params_check reads one or two dotted parts; a third part would never be checked.
    for (const p of config.general_settings!.enforced_params!) expect(p.split('.').length).toBeLessThanOrEqual(2);
  });

  it('turns the six feature and four team budgets into monthly tag budgets of the same USD amounts', () => {
    const budgets = config.litellm_settings!.tag_budget_config!;
    // Amounts as written in fixtures/attrib.yaml (features: 240, 140, 140, 60, 80, 90; teams: 400, 200, 90, 100).
    expect(budgets).toEqual({
      'feature:clause-search': { max_budget: 60, budget_duration: '1mo' },
      'feature:contract-redline': { max_budget: 140, budget_duration: '1mo' },
      'feature:inbox-triage': { max_budget: 240, budget_duration: '1mo' },
      'feature:semantic-search': { max_budget: 90, budget_duration: '1mo' },
      'feature:smart-compose': { max_budget: 140, budget_duration: '1mo' },
      'feature:support-agent': { max_budget: 80, budget_duration: '1mo' },
      'team:legal': { max_budget: 200, budget_duration: '1mo' },
      'team:mail': { max_budget: 400, budget_duration: '1mo' },
      'team:search': { max_budget: 100, budget_duration: '1mo' },
      'team:support': { max_budget: 90, budget_duration: '1mo' },
    });
    for (const b of Object.values(budgets)) expect(Object.keys(b).every((k) => BUDGET_CONFIG_FIELDS.includes(k))).toBe(true);
  });

  it('warns that team budgets need the team tag, which attrib.yaml lets callers derive', () => {
    expect(exported.warnings).toHaveLength(1);
    expect(exported.warnings[0]).toMatch(/team budgets count only requests whose `metadata.tags` carry `team:<team>`/);
    expect(text).toContain('# WARNING: team budgets count only');
  });
});

describe('attrib export litellm: a small taxonomy', () => {
  it('skips entries without a budget, keeps fractional dollars, and never enforces an optional tag', () => {
    const config = parse(render(SMALL)) as Config;
    expect(config.general_settings!.enforced_params).toEqual(['metadata.feature', 'metadata.tenant', 'metadata.tags']);
    // chat $40, team core $99.5; lab-demo and labs have no budget.
    expect(config.litellm_settings!.tag_budget_config).toEqual({
      'feature:chat': { max_budget: 40, budget_duration: '1mo' },
      'team:core': { max_budget: 99.5, budget_duration: '1mo' },
    });
  });

  it('--budgets teams keeps feature budgets soft; --budgets none drops the block and metadata.tags', () => {
    expect(Object.keys((parse(render(SMALL, 'teams')) as Config).litellm_settings!.tag_budget_config!)).toEqual(['team:core']);
    const none = parse(render(SMALL, 'none')) as Config;
    expect(Object.keys(none)).toEqual(['general_settings']);
    expect(none.general_settings!.enforced_params).toEqual(['metadata.feature', 'metadata.tenant']);
  });

  it('does not enforce a tag named like a key LiteLLM sets itself, and says so', () => {
    const exported = litellmExport(taxonomyFrom('version: 1\ntags:\n  endpoint: {}\n  user_api_key_alias: {}\n  tenant: {}\n'));
    expect(exported.enforcedParams.map((p) => p.param)).toEqual(['metadata.tenant']);
    expect(exported.warnings).toHaveLength(2);
    expect(exported.warnings[0]).toMatch(/`endpoint` has the name of a key LiteLLM itself sets/);
  });

  it('prints a YAML document with only comments when nothing is required and nothing has a budget', () => {
    const text = render('version: 1\ntags:\n  tenant: { required: false }\n');
    expect(parse(text)).toEqual({});
    expect(text.startsWith('# Generated by `attrib export litellm`')).toBe(true);
  });
});

describe('attrib export litellm: hostile taxonomy strings', () => {
  it('keeps descriptions inside one comment line: no injected keys, names stay plain strings', () => {
    const text = render(HOSTILE);
    const config = parse(text) as Config;
    expect(Object.keys(config)).toEqual(['general_settings', 'litellm_settings']);
    expect(Object.keys(config.general_settings!)).toEqual(['enforced_params']);
    expect(config.general_settings!.enforced_params).toEqual(['metadata.constructor', 'metadata.feature', 'metadata.hasownproperty', 'metadata.tags']);
    expect(Object.keys(config.litellm_settings!)).toEqual(['tag_budget_config']);
    // No tag takes its values from `teams`, so team constructor's $5 cannot be carried (and is warned about).
    expect(config.litellm_settings!.tag_budget_config).toEqual({ 'feature:tostring': { max_budget: 7.25, budget_duration: '1mo' } });
    expect(text).toContain('# WARNING: teams have budgets, but no tag takes its values from `teams`');
    expect(text).not.toMatch(/^\s*master_key:/m);
    expect(text).not.toMatch(/^\s*- metadata\.pwned/m);
    expect(text).not.toContain('\u2028');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('evil\\x0ageneral_settings:');
  });
});
