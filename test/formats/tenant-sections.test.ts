import { describe, expect, it } from 'vitest';
import { buildReportView, defaultSections, parseDimensions } from '../../src/formats/report-view.js';
import { format as csvFormat } from '../../src/formats/csv.js';
import { parseTenantsCsv } from '../../src/report/tenants-file.js';
import { reportOn, step } from '../report/helpers.js';

const spend = (tenant: string, feature: string, usd: number, id: string) =>
  step({ step_id: id, ts: '2026-10-02T09:00:00Z', cost_usd: usd, tags: { feature, tenant, environment: 'production', parent_run_id: `r-${id}` } });

async function fixture() {
  const tenants = parseTenantsCsv('tenant,name,plan,monthly_contract_usd\nws_acme,Acme,enterprise,3100\n', 't.csv');
  const logs = [spend('ws_acme', 'inbox-triage', 60, 'a'), spend('ws_beta', 'contract-redline', 5, 'b')].join('\n');
  return (await reportOn({ 'a.jsonl': logs }, { tenants, since: '2026-10-01', until: '2026-10-10' })).result;
}

describe('tenant sections of the report view', () => {
  it('--by tenant:revenue, tenant:feature, tenant:model parse; a comma still separates sections', () => {
    expect(parseDimensions('tenant,tenant:feature')).toEqual(['tenant', 'tenant:feature']);
    expect(parseDimensions(['tenant:model', 'tenant:revenue'])).toEqual(['tenant:model', 'tenant:revenue']);
  });

  it('shows the economics by default once a tenant has a contract, right after the tenants', async () => {
    const result = await fixture();
    expect(defaultSections(result)).toEqual(['feature', 'team', 'tenant', 'tenant:revenue', 'model']);
    const section = buildReportView(result, { by: ['tenant:revenue'] }).sections[0]!;
    // acme: 3100 x 10/31 = $1,000 revenue, $60 cost = 6%, $940 margin; beta: no contract.
    expect(section.rows.map((r) => r.cells)).toEqual([
      [{ type: 'text', text: 'ws_acme (Acme)' }, { type: 'text', text: 'enterprise' }, { type: 'money', usd: 60 }, { type: 'money', usd: 1000 }, { type: 'percent', pct: 6 }, { type: 'signed-money', usd: 940 }, { type: 'empty' }, { type: 'empty' }],
      [{ type: 'text', text: 'ws_beta' }, { type: 'empty' }, { type: 'money', usd: 5 }, { type: 'empty' }, { type: 'empty' }, { type: 'empty' }, { type: 'empty' }, { type: 'empty' }],
    ]);
  });

  it('csv writes the crosses with cost per run and per step', async () => {
    const result = await fixture();
    const lines = csvFormat(result, { color: false, cwd: '/', by: ['tenant:feature'] }).trim().split('\n');
    // csv puts the columns every group section shares (key, cost, steps, runs) first, then the section's own.
    expect(lines[0]).toBe('key,cost_usd,steps,runs,feature,cost_per_run_usd,cost_per_step_usd');
    expect(lines.slice(1)).toEqual(['ws_acme,60,1,1,inbox-triage,60,60', 'ws_beta,5,1,1,contract-redline,5,5']);
  });
});
