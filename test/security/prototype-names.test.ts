/**
 * Security 2 (issue 10): a name that is a member of Object.prototype is just a name, wherever a key
 * comes from a user file or a log. `tags[name] === undefined` on a plain object finds the inherited
 * `constructor`, so a required tag of that name was never reported missing. Every lookup keyed by
 * user data is tested here with each of these names.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import { checkTagValue } from '../../src/taxonomy/values.js';
import { matchModel, parsePricing } from '../../src/report/pricing-table.js';
import { BaselineMatcher, buildBaseline } from '../../src/lint/baseline.js';
import { writeProject } from '../lint/rule-tester.js';
import { report } from '../../src/report/index.js';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'] as const;

/**
 * Taxonomy names are lowercase slugs, so of these only `constructor` can name a tag, a feature or a
 * team; the others are refused as invalid names (a finding, never a crash). Every one of them can be
 * a value: of a `values` list, in a log, in code.
 */
const TAXONOMY = `version: 1
tags:
  feature: { registry: features }
  team: { registry: teams, derive_from: feature }
  constructor: { values: [${NAMES.map((n) => JSON.stringify(n)).join(', ')}] }
  tenant: { required: false }
teams:
  constructor: { owner: o@example.com, budget: { monthly_usd: 100 } }
features:
  constructor: { team: constructor, budget: { monthly_usd: 10 } }
  plain: { team: constructor }
`;

function parsed(yaml: string) {
  const { taxonomy, findings } = parseTaxonomy(yaml, 'attrib.yaml');
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return taxonomy!;
}

describe('the taxonomy', () => {
  it('holds `constructor` as a tag, a feature and a team like any other name', () => {
    const taxonomy = parsed(TAXONOMY);
    expect(taxonomy.tags.get('constructor')?.required).toBe(true);
    expect(taxonomy.features.get('constructor')?.team).toBe('constructor');
    expect(taxonomy.teams.get('constructor')?.budget?.monthlyUsd).toBe(100);
  });

  it.each(NAMES.filter((n) => n !== 'constructor'))('refuses %s as a tag, team or feature name with a finding', (name) => {
    const yaml = `version: 1\ntags:\n  ${name}: {}\nteams:\n  ${name}: {}\nfeatures:\n  ${name}: { team: ${name} }\n`;
    const { findings } = parseTaxonomy(yaml, 'attrib.yaml');
    expect(findings.filter((f) => f.ruleId === 'invalid-name').map((f) => f.message.split(' ')[0])).toEqual(['tag', 'team', 'feature']);
  });
});

describe.each(NAMES)('the name %s', (name) => {
  const taxonomy = parsed(TAXONOMY);

  it('is a value of a values list and of a registry only when listed', () => {
    expect(checkTagValue(taxonomy, taxonomy.tags.get('constructor')!, name).ok).toBe(true);
    expect(checkTagValue(taxonomy, taxonomy.tags.get('feature')!, name).ok).toBe(name === 'constructor');
    expect(checkTagValue(taxonomy, taxonomy.tags.get('team')!, name).ok).toBe(name === 'constructor');
  });

  it('as a lint value is checked against the registry, and the required tag `constructor` is reported missing when absent', async () => {
    const cwd = writeProject({
      'src/a.ts': `import OpenAI from 'openai';
new OpenAI().chat.completions.create({ metadata: { feature: 'plain' } });
new OpenAI().chat.completions.create({ metadata: { feature: 'plain', constructor: ${JSON.stringify(name)} } });
new OpenAI().chat.completions.create({ metadata: { feature: ${JSON.stringify(name)}, constructor: 'valueOf' } });
`,
    });
    const result = await lint({ cwd, taxonomy });
    const found = result.findings.map((f) => [f.ruleId, f.line, ...(f.missing ?? [])]);
    const expected: unknown[][] = [['missing-tags', 2, 'constructor']];
    // Only `constructor` is a feature; any other name is an unknown value, and names no team to derive.
    if (name !== 'constructor') expected.push(['missing-tags', 4, 'team'], ['unknown-tag-value', 4]);
    expect(found).toEqual(expected);
    expect(result.callSites.map((s) => Object.keys(s.tags).sort())).toEqual([
      ['feature', 'team'],
      ['constructor', 'feature', 'team'],
      name === 'constructor' ? ['constructor', 'feature', 'team'] : ['constructor', 'feature'],
    ]);
    expect(JSON.parse(JSON.stringify(result.callSites[1]!.tags)).constructor).toEqual({ value: name, source: expect.any(String) });
  });

  it('as a model of a pricing file is priced, and only by its own name', () => {
    const table = parsePricing(`version: 1\nmodels:\n  ${name}:\n    input: 1\n    output: 2\n`, 'pricing.yaml');
    expect(matchModel(table, name)?.entry.rates[0]!.input).toBe(1_000_000);
    const other = parsePricing(`version: 1\nmodels:\n  gpt-x: { input: 1, output: 2 }\n`, 'pricing.yaml');
    expect(matchModel(other, name)).toBeUndefined();
  });

  it('as a baseline file or fingerprint accepts only its own findings', () => {
    const finding = { ruleId: 'missing-tags', file: name, line: 1, column: 1, severity: 'error', message: 'm' } as const;
    const matcher = new BaselineMatcher(buildBaseline([{ finding, fingerprint: name }]));
    expect(matcher.take({ ...finding, file: 'other' }, name)).toBe(false);
    expect(matcher.take(finding, name)).toBe(true);
    expect(matcher.take(finding, name)).toBe(false);
  });
});

describe('report groups and budgets keyed by prototype-member names', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-proto-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const taxonomy = parsed(TAXONOMY);

  it.each(NAMES)('%s as feature, tenant and model is grouped, budgeted and summed like any name', async (name) => {
    const file = path.join(dir, `${name}.jsonl`);
    const step = (id: string, cost: number, tags: Record<string, string>) =>
      JSON.stringify({ ts: '2026-10-02T00:00:00Z', step_id: id, model: name, cost_usd: cost, tags: { parent_run_id: `r${id}`, ...tags } });
    writeFileSync(file, [step('1', 3, { feature: name, tenant: name }), step('2', 4, { feature: 'plain', tenant: 'ws_1' }), step('3', 5, { tenant: name })].join('\n'));
    const result = await report({ cwd: dir, paths: [file], taxonomy, fallbackPricing: false });
    // $3 + $4 + $5 = $12.
    expect(result.totals.costUsd).toBe(12);
    // Only `constructor` is a listed feature (budget $10, team constructor); any other name is an
    // unknown value, so its $3 is unattributed and named as such.
    const feature = result.byFeature.find((row) => row.key === name);
    if (name === 'constructor') expect([feature?.costUsd, feature?.budgetUsd, feature?.team]).toEqual([3, 10, 'constructor']);
    else {
      expect(feature).toBeUndefined();
      expect(result.unattributed.flatMap((u) => u.values)).toContainEqual({ value: name, costUsd: 3, steps: 1 });
    }
    const team = result.byTeam.find((row) => row.key === 'constructor')!;
    // plain ($4) belongs to team constructor, and so does feature constructor ($3) when it is listed.
    expect([team.costUsd, team.budgetUsd]).toEqual([name === 'constructor' ? 7 : 4, 100]);
    // Tenant `name`: $3 + $5.
    expect(result.byTenant.find((row) => row.key === name)!.costUsd).toBe(8);
    expect(result.byModel.map((row) => [row.key, row.costUsd])).toEqual([[name, 12]]);
  });
});
