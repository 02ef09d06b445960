import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { largestRemainder } from '../../src/report/allocation.js';
import { parseInvoiceAmount } from '../../src/report/invoice.js';
import { applyInvoice } from '../../src/report/reconciliation-input.js';
import type { ReportResult } from '../../src/report/types.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureTaxonomy, reportOn, step } from './helpers.js';

const fixtureText = readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8');
const tags = (feature: string | null, extra: Record<string, string> = {}) => ({ ...(feature === null ? {} : { feature }), environment: 'production', ...extra });

/**
 * Hand-made month: inbox-triage $3, smart-compose $1 (both team mail), contract-redline $2 and
 * clause-search $1 (a reranker call; team legal): $7 attributed, weights 3:1:2:1. Unowned: one
 * model step of 10 micro-dollars with no feature (unattributed pool: 10), one reranker call of 3
 * micro-dollars with no consumer (shared-tools pool: 3). Logged total: $7.000013.
 */
const month = [
  step({ step_id: 'a', cost_usd: 3, tags: tags('inbox-triage') }),
  step({ step_id: 'b', cost_usd: 1, tags: tags('smart-compose') }),
  step({ step_id: 'c', cost_usd: 2, tags: tags('contract-redline') }),
  step({ step_id: 'd', kind: 'tool', model: null, tool: 'reranker', tool_owner: 'search', cost_usd: 1, tags: tags('clause-search') }),
  step({ step_id: 'u', cost_usd: 0.00001, tags: tags(null) }),
  step({ step_id: 't', kind: 'tool', model: null, tool: 'reranker', tool_owner: 'search', cost_usd: 0.000003, tags: tags(null) }),
].join('\n');

async function run(allocation: string, invoice?: string, logs = month): Promise<ReportResult> {
  const taxonomy = fixtureTaxonomy(`${fixtureText}\n${allocation}`);
  const { analysis } = await reportOn({ 'm.jsonl': logs }, { taxonomy });
  if (invoice !== undefined) applyInvoice(analysis, parseInvoiceAmount(invoice)!, taxonomy.org.unattributedMaxPct);
  return analysis.result;
}
const micro = (usd: number) => Math.round(usd * 1e6);
/** key -> chargeback in micro-dollars. */
const charged = (rows: { key: string; chargebackUsd: number }[]) => Object.fromEntries(rows.map((r) => [r.key, micro(r.chargebackUsd)]));
const sum = (rows: { chargebackUsd: number }[]) => rows.reduce((s, r) => s + micro(r.chargebackUsd), 0);

describe('largestRemainder', () => {
  it('splits 10 over 3:1:2:1 as 4, 1, 3, 2: floors 4, 1, 2, 1, the two left over to the largest remainders, a tie to the key that sorts first', () => {
    // 10 x 3/7 = 4 r2, 10 x 1/7 = 1 r3, 10 x 2/7 = 2 r6, 10 x 1/7 = 1 r3 (remainders in sevenths).
    // Left: 10 - 8 = 2 -> contract (r6), then the tie at r3 between equal weights -> clause < smart.
    const shares = largestRemainder(10, [
      { key: 'inbox', weight: 3 },
      { key: 'smart', weight: 1 },
      { key: 'contract', weight: 2 },
      { key: 'clause', weight: 1 },
    ]);
    expect(Object.fromEntries(shares)).toEqual({ inbox: 4, smart: 1, contract: 3, clause: 2 });
  });

  it('is independent of input order, splits a negative amount as its magnitude, and is exact past 2^53 products', () => {
    const weights = [
      { key: 'b', weight: 1 },
      { key: 'a', weight: 1 },
      { key: 'c', weight: 1 },
    ];
    // 2 over three equal weights: floors 0, remainders equal, weights equal -> a, b by key.
    expect(Object.fromEntries(largestRemainder(2, weights))).toEqual({ a: 1, b: 1, c: 0 });
    expect(Object.fromEntries(largestRemainder(2, [...weights].reverse()))).toEqual({ a: 1, b: 1, c: 0 });
    expect(Object.fromEntries(largestRemainder(-2, weights))).toEqual({ a: -1, b: -1, c: 0 });
    // $9 billion over weights of $9 billion and $1: the product is beyond 2^53, the split still exact.
    const big = largestRemainder(9e15, [
      { key: 'x', weight: 9e15 },
      { key: 'y', weight: 1 },
    ]);
    expect(big.get('x')! + big.get('y')!).toBe(9e15);
    expect(big.get('y')).toBe(1);
    // A tie on the remainder goes to the larger weight first: 1 over 2:2:1 (five) -> floors 0, remainders 2, 2, 1.
    expect(Object.fromEntries(largestRemainder(1, [{ key: 'z', weight: 2 }, { key: 'y', weight: 1 }, { key: 'a', weight: 2 }]))).toEqual({ z: 0, y: 0, a: 1 });
  });

  it('refuses weights that sum to zero rather than divide by it', () => {
    expect(() => largestRemainder(5, [{ key: 'a', weight: 0 }])).toThrow(RangeError);
  });
});

describe('chargeback', () => {
  it('default (shared): chargeback is the showback, unowned spend on its own lines, no team', async () => {
    const result = await run('', '7.000020');
    const cb = result.chargeback!;
    expect(cb.basis).toBe('invoice');
    expect(micro(cb.totalUsd)).toBe(7_000_020);
    expect(charged(cb.byFeature)).toMatchObject({ 'inbox-triage': 3_000_000, 'smart-compose': 1_000_000, 'contract-redline': 2_000_000, 'clause-search': 1_000_000, '(unattributed)': 10, '(shared tools)': 3, '(unlogged)': 7 });
    expect(cb.byFeature.find((r) => r.key === '(unlogged)')).toMatchObject({ team: null, showbackUsd: 0, allocations: [{ pool: 'unlogged', rule: 'shared', amountUsd: 0.000007 }] });
    expect(charged(cb.byTeam)).toEqual({ mail: 4_000_000, legal: 3_000_000, '(shared)': 20, support: 0, search: 0 });
    expect(cb.pools).toEqual([
      { pool: 'unattributed', requested: 'shared', rule: 'shared', to: null, amountUsd: 0.00001 },
      { pool: 'shared-tools', requested: 'shared', rule: 'shared', to: null, amountUsd: 0.000003 },
      { pool: 'unlogged', requested: 'shared', rule: 'shared', to: null, amountUsd: 0.000007 },
    ]);
  });

  it('proportional unattributed and shared tools, unlogged to a team: every micro-dollar placed, totals equal the invoice', async () => {
    const result = await run('allocation:\n  unattributed: proportional\n  shared_tools: proportional\n  unlogged: { to: search }\n', '7.000020');
    const cb = result.chargeback!;
    // Unattributed 10 over 3:1:2:1 -> 4, 1, 3, 2 (see largestRemainder); the reranker's 3 go to its
    // only known consumer, clause-search; the 7 unlogged to team search.
    expect(charged(cb.byFeature)).toEqual({
      'inbox-triage': 3_000_004,
      'smart-compose': 1_000_001,
      'contract-redline': 2_000_003,
      'clause-search': 1_000_005,
      'support-agent': 0,
      'semantic-search': 0,
      '(unattributed)': 0,
      '(shared tools)': 0,
      '(unlogged)': 7,
    });
    expect(cb.byFeature.find((r) => r.key === 'clause-search')!.allocations).toEqual([
      { pool: 'unattributed', rule: 'proportional', amountUsd: 0.000002 },
      { pool: 'shared-tools', rule: 'proportional', amountUsd: 0.000003 },
    ]);
    expect(cb.byFeature.find((r) => r.key === '(unattributed)')).toMatchObject({ showbackUsd: 0.00001, allocatedUsd: -0.00001, chargebackUsd: 0 });
    expect(cb.byTeam.find((r) => r.key === 'legal')).toEqual({
      key: 'legal',
      team: 'legal',
      showbackUsd: 3,
      allocatedUsd: 0.000008,
      chargebackUsd: 3.000008,
      allocations: [
        { pool: 'unattributed', rule: 'proportional', amountUsd: 0.000005 },
        { pool: 'shared-tools', rule: 'proportional', amountUsd: 0.000003 },
      ],
    });
    expect(cb.byTeam.find((r) => r.key === 'search')).toMatchObject({ showbackUsd: 0, chargebackUsd: 0.000007, allocations: [{ pool: 'unlogged', rule: 'to', amountUsd: 0.000007 }] });
    expect(sum(cb.byFeature)).toBe(7_000_020);
    expect(sum(cb.byTeam)).toBe(7_000_020);
    expect(micro(result.reconciliation!.invoiceUsd)).toBe(7_000_020);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });

  it('an invoice below the logs is a negative unlogged pool, spread with negative shares', async () => {
    // Logged 7,000,013, invoice 7,000,003: unlogged -10 -> -4, -1, -3, -2 over 3:1:2:1.
    const cb = (await run('allocation:\n  unlogged: proportional\n', '7.000003')).chargeback!;
    expect(charged(cb.byFeature)).toMatchObject({ 'inbox-triage': 2_999_996, 'smart-compose': 999_999, 'contract-redline': 1_999_997, 'clause-search': 999_998, '(unattributed)': 10, '(shared tools)': 3 });
    expect(cb.byFeature.some((r) => r.key === '(unlogged)')).toBe(false);
    expect(sum(cb.byFeature)).toBe(7_000_003);
  });

  it('unattributed to a team: its line names the team, and the team shows it as allocated, not as its own spend', async () => {
    const cb = (await run('allocation:\n  unattributed: { to: support }\n')).chargeback!;
    expect(cb.basis).toBe('logs');
    expect(micro(cb.totalUsd)).toBe(7_000_013);
    expect(cb.byFeature.find((r) => r.key === '(unattributed)')).toMatchObject({ team: 'support', showbackUsd: 0.00001, chargebackUsd: 0.00001, pool: { pool: 'unattributed', rule: 'to' } });
    expect(cb.byTeam.find((r) => r.key === 'support')).toEqual({ key: 'support', team: 'support', showbackUsd: 0, allocatedUsd: 0.00001, chargebackUsd: 0.00001, allocations: [{ pool: 'unattributed', rule: 'to', amountUsd: 0.00001 }] });
    expect(sum(cb.byTeam)).toBe(7_000_013);
  });

  it('proportional with no attributed spend falls back to shared, with a warning, never a division by zero', async () => {
    const logs = [step({ step_id: 'u', cost_usd: 0.5, tags: tags(null) }), step({ step_id: 't', kind: 'tool', model: null, tool: 'crawler', cost_usd: 0.25, tags: tags(null) })].join('\n');
    const result = await run('allocation:\n  unattributed: proportional\n  shared_tools: proportional\n  unlogged: proportional\n', '1', logs);
    const cb = result.chargeback!;
    expect(cb.pools.map((p) => `${p.pool}:${p.requested}->${p.rule}`)).toEqual(['unattributed:proportional->shared', 'shared-tools:proportional->shared', 'unlogged:proportional->shared']);
    expect(charged(cb.byFeature)).toMatchObject({ '(unattributed)': 500_000, '(shared tools)': 250_000, '(unlogged)': 250_000 });
    expect(sum(cb.byFeature)).toBe(1_000_000);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
    expect(result.warnings.filter((w) => w.code === 'allocation-fallback').map((w) => w.message)).toEqual([
      'unattributed spend ($0.50) is kept shared: no feature has attributed spend, so there is nothing to spread it over proportionally',
      'shared-tools spend ($0.25) is kept shared: tool crawler has no known consumer, so there is nothing to spread it over proportionally',
      'unlogged spend ($0.25) is kept shared: no feature has attributed spend, so there is nothing to spread it over proportionally',
    ]);
  });
});

describe('chargeback in the human formats', () => {
  it('csv --by chargeback: one line per chargeback row, amounts as plain decimals, rules in words', async () => {
    const { format } = await import('../../src/formats/csv.js');
    const result = await run('allocation:\n  unattributed: proportional\n  shared_tools: proportional\n  unlogged: { to: search }\n', '7.000020');
    const lines = format(result, { color: false, cwd: '.', by: ['chargeback'] }).trim().split('\n');
    expect(lines[0]).toBe('key,team,showback_usd,allocated_usd,chargeback_usd,allocation');
    expect(lines).toContain('clause-search,legal,1,0.000005,1.000005,unattributed proportional +$0.000002; shared-tools proportional +$0.000003');
    expect(lines).toContain('(unlogged),search,0,0.000007,0.000007,unlogged to +$0.000007');
  });

  it('table shows the chargeback section by default once a rule moved spend, and not before', async () => {
    const { format } = await import('../../src/formats/table.js');
    const shared = format(await run(''), { color: false, cwd: '.' });
    expect(shared).not.toContain('Chargeback');
    const moved = format(await run('allocation:\n  unattributed: proportional\n'), { color: false, cwd: '.' });
    expect(moved).toContain('Chargeback (after allocation)');
    expect(moved).toMatch(/│ \(unattributed\) +│ +│ +\$0\.00001 │ +-\$0\.00001 │ +\$0\.00 │ unattributed proportional -\$0\.00001/);
  });

  it('html shows the chargeback as a section of the page, with the same cells as the table', async () => {
    const { format } = await import('../../src/formats/html.js');
    const page = format(await run('allocation:\n  unattributed: proportional\n'), { color: false, cwd: '.' });
    const section = page.slice(page.indexOf('<section id="chargeback">'), page.indexOf('</section>', page.indexOf('<section id="chargeback">')));
    expect(section).toContain('<h2>Chargeback (after allocation)</h2>');
    expect(section).toContain('<td class="key">(unattributed)</td><td></td><td class="num">$0.00001</td><td class="num">-$0.00001</td><td class="num">$0.00</td><td>unattributed proportional -$0.00001</td>');
  });
});
