import { describe, expect, it } from 'vitest';
import { DIMENSIONS, buildReportView, type ViewSection } from '../../src/formats/report-view.js';
import { format as table } from '../../src/formats/table.js';
import { format as markdown } from '../../src/formats/markdown.js';
import { format as html } from '../../src/formats/html.js';
import { loadResult, plain } from './report-fixtures.js';

const month = loadResult('month');
const keys = (section: ViewSection) => section.rows.map((row) => (row.cells[0]!.type === 'text' ? row.cells[0]!.text : ''));

describe('the report view', () => {
  it('offers every registered section under --by, in registry order', () => {
    expect(DIMENSIONS).toEqual(['feature', 'team', 'tenant', 'workload_class', 'environment', 'model', 'chargeback', 'tenant:revenue', 'tenant:feature', 'tenant:model', 'call_site', 'day', 'week', 'month']);
    const view = buildReportView(month, { by: ['model', 'tenant'] });
    expect(view.sections.map((s) => s.id)).toEqual(['model', 'tenant', 'tools']);
  });

  it('shows the top rows, then one "more" row whose sums keep the totals exact', () => {
    // Tenants by cost: ws_acme $1,800, ws_beta $300, ws_gamma $150, (none) $50 (a bucket, last).
    const [tenant] = buildReportView(month, { by: ['tenant'], top: 2 }).sections;
    expect(keys(tenant!)).toEqual(['ws_acme', 'ws_beta', '… 2 more tenants', 'Total']);
    expect(tenant!.hidden).toBe(2);
    const more = tenant!.rows[2]!;
    const at = (id: string) => tenant!.columns.findIndex((c) => c.id === id);
    expect(more.kind).toBe('more');
    expect(more.cells[at('cost')]).toEqual({ type: 'money', usd: 200 }); // 150 + 50
    expect(more.cells[at('steps')]).toEqual({ type: 'count', count: 4703 }); // 3,703 + 1,000
    expect(more.cells[at('share')]).toMatchObject({ type: 'percent' });
    expect((more.cells[at('share')] as { pct: number }).pct).toBeCloseTo((200 / 2300) * 100, 9);
    // Runs span groups, and a cost per run of a sum means nothing: left empty.
    expect(more.cells[at('runs')]).toEqual({ type: 'empty' });
    expect(more.cells[at('costPerRun')]).toEqual({ type: 'empty' });
    // shown + more = total, to the micro-dollar.
    const cost = (i: number) => (tenant!.rows[i]!.cells[at('cost')] as { usd: number }).usd * 1e6;
    expect(cost(0) + cost(1) + cost(2)).toBe(cost(3));
  });

  it('sums amounts in integer micro-dollars, so a thousand cents add up to exactly $10', () => {
    const tenants = Array.from({ length: 1001 }, (_, i) => ({ key: `t${i}`, costUsd: 0.01, steps: 1, runs: 1, outlier: false, costPerRunUsd: 0.01 }));
    const [tenant] = buildReportView({ ...month, byTenant: tenants }, { by: ['tenant'], top: 1 }).sections;
    expect(tenant!.rows[1]!.cells[1]).toEqual({ type: 'money', usd: 10 });
  });

  it('says what it cut: rows per section, flags, unknown feature values', () => {
    const view = buildReportView(month, { by: ['feature', 'tenant'], top: 1 });
    expect(view.cut.map((c) => c.what)).toEqual(['4 features', '3 tenants', '3 flags', '1 unknown feature value']);
    expect(buildReportView(month, { by: ['feature'] }).cut).toEqual([]);
  });

  it('names the owner next to an over-budget feature and team, and on their flags', () => {
    const owners = { features: new Map([['contract-redline', 'redline-lead@example.com'], ['inbox-triage', 'mail@example.com']]), teams: new Map([['legal', 'legal-lead@example.com']]) };
    const view = buildReportView(month, { by: ['feature', 'team'], owners });
    const action = (s: ViewSection) => s.rows.map((r) => r.cells[s.columns.findIndex((c) => c.id === 'action')]).find((c) => c?.type === 'action');
    expect(action(view.sections[0]!)).toEqual({ type: 'action', action: 'alert owning team', owner: 'redline-lead@example.com' });
    expect(action(view.sections[1]!)).toEqual({ type: 'action', action: 'acknowledgement required', owner: 'legal-lead@example.com' });
    // inbox-triage is only near its budget: no action, so no owner in the section; its flag names the owner.
    expect(view.flags.items.map((f) => [f.kind, f.owner])).toEqual([
      ['hard-cap', 'legal-lead@example.com'],
      ['over-budget', 'redline-lead@example.com'],
      ['near-budget', 'mail@example.com'],
      ['outlier-tenant', undefined],
    ]);
    expect(table(month, { ...plain, by: ['team'], owners })).toContain('acknowledgement required: legal-lead@example.com');
    // In markdown an email is a code span: readable, and GitHub links or notifies nobody.
    expect(markdown(month, { ...plain, by: ['team'], owners })).toContain('| **acknowledgement required**: `legal-lead@example.com` |');
    expect(html(month, { ...plain, owners })).toContain('acknowledgement required: <span class="owner">legal-lead@example.com</span>');
  });

  it('sorts flags by severity: global cap, hard cap, soft cap, projected, unattributed, then the rest', () => {
    const flag = (kind: string, key: string) => ({ kind, scope: 'feature', key, message: kind });
    const flags = [flag('unattributed', 'org'), flag('near-budget', 'a'), flag('projected-over', 'b'), flag('over-budget', 'c'), flag('global-cap', 'org'), flag('hard-cap', 'd')];
    const view = buildReportView({ ...month, flags }, {});
    expect(view.flags.items.map((f) => f.kind)).toEqual(['global-cap', 'hard-cap', 'over-budget', 'projected-over', 'unattributed', 'near-budget']);
  });
});

describe('invoice reconciliation in the view', () => {
  it('explains in words when the attributed logs exceed the invoice, instead of a negative share', async () => {
    const { parseInvoiceAmount, reconcile } = await import('../../src/report/invoice.js');
    // Billed $100; the logs hold $150 attributed + $10 unattributed: unowned = 100 - 150 = -$50.
    const r = reconcile(parseInvoiceAmount('100')!, [{ provider: 'openai', attributedMicros: 150_000_000, unattributedMicros: 10_000_000 }], month.period);
    expect(r.unownedUsd).toBe(-50);
    const view = buildReportView({ ...month, reconciliation: r }, { by: [] });
    const section = view.sections[0]!;
    expect(section.id).toBe('reconciliation');
    expect(section.rows.at(-1)!.cells.at(-1)).toEqual({ type: 'text', text: 'none: attributed logs exceed the invoice by $50.00' });
    expect(section.notes).toContain('The logs exceed the invoice by $60.00: the invoice may be incomplete, or cover a shorter period than the logs.');
    const out = table({ ...month, reconciliation: r }, { ...plain, by: [] });
    expect(out).not.toMatch(/-\d+(\.\d)?%/);
  });
});
