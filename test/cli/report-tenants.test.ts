/** `attrib report --tenants FILE` through the built CLI. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { step, writeLogs } from '../report/helpers.js';

const TAXONOMY = path.join(repoRoot, 'fixtures/attrib.yaml');

describe('attrib report --tenants', () => {
  const dir = writeLogs({
    'steps.jsonl': [
      step({ step_id: 'a', ts: '2026-10-02T10:00:00Z', cost_usd: 62, tags: { feature: 'inbox-triage', tenant: 'ws_acme', parent_run_id: 'r1' } }),
      step({ step_id: 'b', ts: '2026-10-03T10:00:00Z', cost_usd: 1, tags: { feature: 'inbox-triage', tenant: 'ws_beta', parent_run_id: 'r2' } }),
    ].join('\n'),
    'tenants.csv': 'tenant,name,plan,monthly_contract_usd\nws_acme,Acme Corp,enterprise,"$1,240.00"\n',
    'bad.csv': 'tenant,monthly_contract_usd\nws_acme,12;00\n',
  });

  it('adds revenue, share and margin for the whole month', () => {
    const run = runCli(['report', 'steps.jsonl', '--taxonomy', TAXONOMY, '--tenants', 'tenants.csv', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(schemaErrors('report-result', result)).toEqual([]);
    // October whole: revenue $1,240; cost $62 = 5%; margin $1,178.
    expect(result.byTenant.find((t: { key: string }) => t.key === 'ws_acme')).toMatchObject({ name: 'Acme Corp', plan: 'enterprise', revenueUsd: 1240, costSharePct: 5, marginUsd: 1178 });
  });

  it('exits 2 with file:line on an amount that is not one', () => {
    const run = runCli(['report', 'steps.jsonl', '--taxonomy', TAXONOMY, '--tenants', 'bad.csv'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad.csv:2: monthly_contract_usd of tenant "ws_acme" must be USD from 0.01 to 1,000,000,000, not "12;00".');
  });

  it('exits 2 on a missing file', () => {
    const run = runCli(['report', 'steps.jsonl', '--taxonomy', TAXONOMY, '--tenants', 'nope.csv'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.csv');
  });
});
