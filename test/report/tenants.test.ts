import { describe, expect, it } from 'vitest';
import { parseTenantsCsv, mergeTenants } from '../../src/report/tenants-file.js';
import { ConfigError } from '../../src/util/errors.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import { schemaErrors } from '../helpers/schema.js';
import { expectAllocation, fixtureTaxonomy, reportOn, row, step } from './helpers.js';

const spend = (tenant: string, usd: number, day: string, id: string) =>
  step({ step_id: id, ts: `2026-10-${day}T09:00:00Z`, cost_usd: usd, tags: { feature: 'inbox-triage', tenant, environment: 'production', parent_run_id: `r-${id}` } });

describe('--tenants FILE', () => {
  it('reads plain, quoted-thousands and dollar amounts, with name and plan optional', () => {
    const tenants = parseTenantsCsv('tenant,name,plan,monthly_contract_usd\nws_acme,Acme Corp,enterprise,1224.72\nws_beta,,,"1,224.72"\nws_gamma,Gamma,,"$12,000"\n', 'tenants.csv');
    expect([...tenants.values()]).toEqual([
      { id: 'ws_acme', name: 'Acme Corp', plan: 'enterprise', monthlyContractUsd: 1224.72 },
      { id: 'ws_beta', monthlyContractUsd: 1224.72 },
      { id: 'ws_gamma', name: 'Gamma', monthlyContractUsd: 12000 },
    ]);
    // Only the two required columns, in another order, with a BOM.
    expect(parseTenantsCsv('\uFEFFmonthly_contract_usd,tenant\n10,ws_x\n', 't.csv').get('ws_x')).toEqual({ id: 'ws_x', monthlyContractUsd: 10 });
  });

  it.each([
    ['tenant,plan\nws_a,pro\n', 't.csv:1: the header needs the columns tenant and monthly_contract_usd.'],
    ['tenant,monthly_contract_usd\nws_a,10\nws_a,20\n', 't.csv:3: tenant "ws_a" is listed twice.'],
    ['tenant,monthly_contract_usd\nws_a,"1.224,72"\n', 't.csv:2: monthly_contract_usd of tenant "ws_a" must be USD from 0.01 to 1,000,000,000, not "1.224,72".'],
    ['tenant,monthly_contract_usd\nws_a,-5\n', 't.csv:2: monthly_contract_usd of tenant "ws_a" must be USD from 0.01 to 1,000,000,000, not "-5".'],
    ['tenant,monthly_contract_usd\n,5\n', 't.csv:2: the tenant is empty.'],
  ])('refuses %j with a located message', (text, message) => {
    expect(() => parseTenantsCsv(text, 't.csv')).toThrow(ConfigError);
    expect(() => parseTenantsCsv(text, 't.csv')).toThrow(message);
  });

  it('merges over the taxonomy: the file wins for the contract, the taxonomy budget stays', () => {
    const taxonomy = new Map([['ws_a', { id: 'ws_a', plan: 'pro', monthlyContractUsd: 100, budget: { monthlyUsd: 50 } }]]);
    const file = new Map([['ws_a', { id: 'ws_a', monthlyContractUsd: 300 }], ['ws_b', { id: 'ws_b', monthlyContractUsd: 7 }]]);
    expect([...mergeTenants(taxonomy, file).values()]).toEqual([
      { id: 'ws_a', plan: 'pro', monthlyContractUsd: 300, budget: { monthlyUsd: 50 } },
      { id: 'ws_b', monthlyContractUsd: 7 },
    ]);
  });
});

describe('tenant unit economics', () => {
  const base = fixtureTaxonomy();
  const taxonomy = { ...base, org: { ...base.org, tenantCostSharePct: 10 } };

  it('revenue prorated to the period, cost share, margin and the tenant-cost-share flag', async () => {
    const logs = [spend('ws_acme', 40, '02', 'a1'), spend('ws_acme', 20, '05', 'a2'), spend('ws_beta', 5, '03', 'b1'), spend('ws_free', 3, '04', 'f1')].join('\n');
    const tenants = parseTenantsCsv('tenant,name,plan,monthly_contract_usd\nws_acme,Acme,enterprise,"$3,100"\nws_beta,Beta,,620\nws_idle,Idle,starter,310\n', 't.csv');
    // October 1-10: 10 of 31 days.
    const { result } = await reportOn({ 'a.jsonl': logs }, { taxonomy, tenants, since: '2026-10-01', until: '2026-10-10' });
    // acme: revenue 3100 x 10/31 = 1000; cost 60 -> 6%, margin 940: under 10%, no flag.
    expect(row(result.byTenant, 'ws_acme')).toMatchObject({ costUsd: 60, name: 'Acme', plan: 'enterprise', revenueUsd: 1000, costSharePct: 6, marginUsd: 940, status: 'no-budget' });
    // beta: revenue 620 x 10/31 = 200; cost 5 -> 2.5%.
    expect(row(result.byTenant, 'ws_beta')).toMatchObject({ revenueUsd: 200, costSharePct: 2.5, marginUsd: 195, plan: null });
    // no contract: no revenue, no share, no flag.
    expect(row(result.byTenant, 'ws_free')).toMatchObject({ costUsd: 3, revenueUsd: null, costSharePct: null, marginUsd: null, name: null });
    // a tenant with a contract and no spend has its line: revenue 310 x 10/31 = 100, all of it margin.
    expect(row(result.byTenant, 'ws_idle')).toMatchObject({ costUsd: 0, steps: 0, runs: 0, revenueUsd: 100, costSharePct: 0, marginUsd: 100 });
    expect(result.flags.filter((f) => f.kind === 'tenant-cost-share')).toEqual([]);
    expectAllocation(result, expect);
    expect(schemaErrors('report-result', result)).toEqual([]);

    // At 5%, acme (6%) is flagged; beta (2.5%) is not.
    const strict = await reportOn({ 'a.jsonl': logs }, { taxonomy: { ...base, org: { ...base.org, tenantCostSharePct: 5 } }, tenants, since: '2026-10-01', until: '2026-10-10' });
    expect(strict.result.flags.filter((f) => f.kind === 'tenant-cost-share')).toEqual([
      { kind: 'tenant-cost-share', scope: 'tenant', key: 'ws_acme', message: 'tenant ws_acme cost $60.00 in AI, 6% of its $1,000.00 revenue for the period, above the 5% the taxonomy allows (margin after AI $940.00)' },
    ]);
  });

  it('compares exact amounts: a share of exactly the threshold is not above it', async () => {
    // revenue 1000 for the whole of October (31/31); cost 50 is exactly 5%.
    const tenants = parseTenantsCsv('tenant,monthly_contract_usd\nws_acme,1000\n', 't.csv');
    const at = { ...base, org: { ...base.org, tenantCostSharePct: 5 } };
    const exact = await reportOn({ 'a.jsonl': spend('ws_acme', 50, '02', 'a') }, { taxonomy: at, tenants });
    expect(row(exact.result.byTenant, 'ws_acme')).toMatchObject({ revenueUsd: 1000, costSharePct: 5 });
    expect(exact.result.flags.some((f) => f.kind === 'tenant-cost-share')).toBe(false);
    const above = await reportOn({ 'a.jsonl': spend('ws_acme', 50.000001, '02', 'a') }, { taxonomy: at, tenants });
    expect(above.result.flags.map((f) => f.kind)).toContain('tenant-cost-share');
  });

  it('tenant budgets from the taxonomy: prorated, with status and flags like teams', async () => {
    const text = `${'version: 1\ntags:\n  feature:\n    registry: features\n  tenant: {}\nteams:\n  mail: { owner: a@example.com, budget: { monthly_usd: 100000 } }\nfeatures:\n  inbox-triage: { team: mail, budget: { monthly_usd: 100000 } }\n'}tenants:\n  ws_acme: { name: Acme, monthly_contract_usd: 3100, budget: { monthly_usd: 310 } }\n  ws_beta: { budget: { monthly_usd: 62 } }\norg:\n  near_pct: 80\n  tenant_cost_share_max_pct: 50\n`;
    const parsed = parseTaxonomy(text, 'attrib.yaml');
    expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const t = parsed.taxonomy!;
    expect(t.org.tenantCostSharePct).toBe(50);
    // 10 of 31 days: acme budget 310 -> 100, beta 62 -> 20.
    const logs = [spend('ws_acme', 120, '02', 'a'), spend('ws_beta', 16, '03', 'b')].join('\n');
    const { result } = await reportOn({ 'a.jsonl': logs }, { taxonomy: t, since: '2026-10-01', until: '2026-10-10' });
    expect(row(result.byTenant, 'ws_acme')).toMatchObject({ name: 'Acme', revenueUsd: 1000, budgetUsd: 100, varianceUsd: 20, status: 'over' });
    // 16 of 20 is 80%: near.
    expect(row(result.byTenant, 'ws_beta')).toMatchObject({ budgetUsd: 20, varianceUsd: -4, status: 'near', revenueUsd: null });
    expect(result.flags.filter((f) => f.scope === 'tenant').map((f) => `${f.kind} ${f.key}`)).toEqual(['near-budget ws_beta', 'over-budget ws_acme']);
  });
});

describe('taxonomy tenants:', () => {
  const head = 'version: 1\ntags:\n  tenant: {}\n';
  const findings = (text: string) => parseTaxonomy(head + text, 'attrib.yaml').findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}@${f.line}:${f.column}`);

  it('locates a bad contract, an unknown key and a bad threshold', () => {
    expect(findings('tenants:\n  ws_a:\n    monthly_contract_usd: -3\n')).toEqual(['invalid-contract@6:27']);
    expect(findings('tenants:\n  ws_a:\n    contract: 3\n')).toEqual(['unknown-key@6:5']);
    expect(findings('org:\n  tenant_cost_share_max_pct: 150\n')).toEqual(['invalid-percent@5:30']);
  });
});
