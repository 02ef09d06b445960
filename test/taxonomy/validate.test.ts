import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTaxonomy, validateTaxonomy } from '../../src/taxonomy/index.js';
import { repoRoot } from '../helpers/cli.js';

const dir = path.join(repoRoot, 'fixtures/taxonomy');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
/** `ruleId@line:col` of each finding of a severity, in output order. */
const located = (name: string, severity: 'error' | 'warning') =>
  validateTaxonomy(read(name), name)
    .findings.filter((f) => f.severity === severity)
    .map((f) => `${f.ruleId}@${f.line}:${f.column}`);

describe('taxonomy validate: one fixture per kind of mistake', () => {
  it.each([
    ['yaml-syntax.yaml', ['yaml-syntax@6:1']],
    ['duplicate-key.yaml', ['duplicate-key@6:3']],
    ['alias-bomb.yaml', ['alias-limit@3:8']],
    ['unknown-key.yaml', ['unknown-key@4:5', 'unknown-key@9:1']],
    ['wrong-type.yaml', ['invalid-type@5:15', 'invalid-type@7:14', 'invalid-type@9:59', 'invalid-type@10:11']],
    ['empty-values.yaml', ['empty-values@4:13']],
    ['duplicate-value.yaml', ['duplicate-value@4:35']],
    ['invalid-pattern.yaml', ['invalid-pattern@4:14']],
    ['unsafe-pattern.yaml', ['unsafe-pattern@4:14']],
    ['invalid-registry.yaml', ['invalid-registry@4:15']],
    ['invalid-derive-from.yaml', ['invalid-derive-from@7:18']],
    ['unknown-team.yaml', ['unknown-team@9:11']],
    ['invalid-name.yaml', ['invalid-name@3:3', 'invalid-name@5:3', 'invalid-name@7:3']],
    ['invalid-budget.yaml', ['invalid-budget@5:59', 'invalid-budget@7:54', 'invalid-percent@10:13']],
    ['unsupported-version.yaml', ['unsupported-version@1:10']],
    ['conflicting-value-rules.yaml', ['conflicting-value-rules@5:5']],
    ['invalid-allocation.yaml', ['invalid-allocation@8:17', 'unknown-team@9:19', 'missing-key@10:17', 'unknown-key@10:19', 'unknown-key@11:3']],
  ])('%s', (file, errors) => {
    expect(located(file, 'error')).toEqual(errors);
    expect(validateTaxonomy(read(file), file).valid).toBe(false);
    expect(parseTaxonomy(read(file), file).taxonomy).toBeUndefined();
  });

  it('did-you-mean suggestions travel with the finding', () => {
    const byRule = (file: string, rule: string) => validateTaxonomy(read(file), file).findings.find((f) => f.ruleId === rule);
    expect(byRule('unknown-key.yaml', 'unknown-key')?.suggestion).toBe('registry');
    expect(byRule('unknown-team.yaml', 'unknown-team')?.suggestion).toBe('mail');
    expect(byRule('invalid-registry.yaml', 'invalid-registry')?.suggestion).toBe('features');
  });

  it('accepts the valid taxonomy without a finding and builds it', () => {
    const { taxonomy, findings } = parseTaxonomy(read('valid.yaml'), 'valid.yaml');
    expect(findings).toEqual([]);
    expect([...taxonomy!.tags.keys()]).toEqual(['feature', 'team', 'workload_class', 'tenant', 'environment', 'parent_run_id']);
    expect(taxonomy!.tags.get('team')).toMatchObject({ deriveFrom: 'feature', required: true, rule: { kind: 'registry', registry: 'teams' } });
    expect(taxonomy!.tags.get('tenant')!.rule).toMatchObject({ kind: 'pattern', pattern: '^(ws|acct)_[a-z0-9]+$' });
    expect(taxonomy!.features.get('inbox-triage')).toEqual({ name: 'inbox-triage', team: 'mail', description: 'Sorts incoming mail', budget: { monthlyUsd: 600 } });
    expect(taxonomy!.org).toEqual({ budget: { monthlyUsd: 5000 }, unattributedMaxPct: 5, nearPct: 80 });
    expect(taxonomy!.report.logs).toEqual(['logs/*.jsonl']);
  });

  it('warns (without failing) about budgets, owners and dropped seed tags', () => {
    expect(located('budget-warnings.yaml', 'warning')).toEqual([
      'feature-budgets-exceed-team@13:13',
      'missing-budget@14:3',
      'missing-owner@14:3',
      'missing-budget@18:3',
      'missing-owner@18:3',
      'team-budgets-exceed-org@20:11',
    ]);
    expect(located('missing-seed-tag.yaml', 'warning')).toEqual(['missing-seed-tag@3:1']);
    expect(validateTaxonomy(read('missing-seed-tag.yaml'), 'x').findings[0]!.message).toContain('`tenant`, `parent_run_id`');
    expect(parseTaxonomy(read('budget-warnings.yaml')).taxonomy).toBeDefined();
  });

  it('reads allocation rules: shared by default, proportional, or to a team of the registry', () => {
    const allocation = (yaml: string) => parseTaxonomy(`version: 1\ntags:\n  feature: { registry: features }\nteams:\n  platform: { owner: p@x }\n${yaml}`).taxonomy?.allocation;
    expect(allocation('')).toEqual({ unattributed: { kind: 'shared' }, unlogged: { kind: 'shared' }, sharedTools: { kind: 'shared' } });
    expect(allocation('allocation:\n  unattributed: proportional\n  unlogged: { to: platform }\n  shared_tools: shared\n')).toEqual({
      unattributed: { kind: 'proportional' },
      unlogged: { kind: 'to', team: 'platform' },
      sharedTools: { kind: 'shared' },
    });
    expect(allocation('allocation:\n  unattributed: 3\n')).toBeUndefined();
  });

  it('budgets must be plausible amounts: at least a cent, at most a billion a month', () => {
    const budget = (usd: string) =>
      validateTaxonomy(`version: 1\ntags:\n  feature: { registry: features }\nteams:\n  mail: { owner: x, budget: { monthly_usd: ${usd} } }\n`).findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}@${f.line}:${f.column}`);
    expect(budget('1e300')).toEqual(['invalid-budget@5:44']);
    expect(budget('0.000000001')).toEqual(['invalid-budget@5:44']);
    expect(budget('20000')).toEqual([]);
  });

  it('refuses oversized input before parsing it', () => {
    const huge = `version: 1\n# ${'x'.repeat(1024 * 1024)}\n`;
    expect(validateTaxonomy(huge, 'big.yaml').findings.map((f) => f.ruleId)).toEqual(['file-too-large']);
  });

  it('treats hostile names as plain names (no prototype pollution)', () => {
    const text = 'version: 1\ntags:\n  feature: { registry: features }\nteams:\n  __proto__: { owner: x, budget: { monthly_usd: 1 } }\nfeatures:\n  constructor: { team: __proto__, budget: { monthly_usd: 1 } }\n';
    const { findings, taxonomy } = parseTaxonomy(text);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['invalid-name']);
    expect(taxonomy).toBeUndefined();
    expect(({} as Record<string, unknown>).owner).toBeUndefined();
  });

  it('rejects a document that is not a mapping and an empty file', () => {
    expect(validateTaxonomy('- a\n- b\n').findings.map((f) => f.ruleId)).toEqual(['invalid-type']);
    expect(validateTaxonomy('').findings.map((f) => f.ruleId)).toEqual(['invalid-type']);
  });
});

describe('duplicate-key', () => {
  it('names the key defined twice, at the second one', () => {
    const text = 'version: 1\ntags:\n  feature: {}\nteams:\n  mail: { owner: a@example.com }\n  mail: { owner: b@example.com }\n';
    const found = validateTaxonomy(text, 'attrib.yaml').findings.filter((f) => f.ruleId === 'duplicate-key');
    expect(found.map((f) => [f.line, f.column, f.message])).toEqual([[6, 3, 'key `mail` is defined twice in this mapping (the later one would silently win)']]);
  });
});
