/** `attrib report --out`, `--invoice`, `--compare` through the built CLI, with exact numbers. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { step, writeLogs } from '../report/helpers.js';

const inFixtures = { cwd: path.join(repoRoot, 'fixtures') };
const TAXONOMY = path.join(repoRoot, 'fixtures/attrib.yaml');
const micros = (usd: number) => Math.round(usd * 1e6);
/** A cli-table3 row with these cells, whatever the padding. */
const tableRow = (...cells: string[]) => new RegExp(`│ +${cells.map((c) => c.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&')).join(' +│ +')} +│`);
const json = (args: string[], options = inFixtures) => {
  const run = runCli([...args, '--format', 'json'], options);
  expect(run.stderr).not.toMatch(/Error|error:/);
  const result = JSON.parse(run.stdout);
  expect(schemaErrors('report-result', result)).toEqual([]);
  return { run, result };
};

/**
 * Hand-made logs with given costs: openai $10 attributed + $2.50 unattributed (unknown feature),
 * anthropic $20 attributed (the record names no provider: its model's price entry does), and a paid
 * tool call of $0.40 that no provider bills.
 */
function invoiceLogs(): string {
  return writeLogs({
    'steps.jsonl': [
      step({ step_id: 'o1', provider: 'openai', model: 'gpt-4o-mini', cost_usd: 10, tags: { feature: 'inbox-triage', parent_run_id: 'r1' } }),
      step({ step_id: 'o2', provider: 'openai', model: 'gpt-4o-mini', cost_usd: 2.5, tags: { feature: 'not-a-feature', parent_run_id: 'r2' } }),
      step({ step_id: 'a1', provider: null, model: 'claude-sonnet-4', cost_usd: 20, tags: { feature: 'contract-redline', parent_run_id: 'r3' } }),
      step({ step_id: 't1', parent_step_id: 'a1', kind: 'tool', provider: null, model: null, tool: 'vector-search', cost_usd: 0.4, tags: { parent_run_id: 'r3' } }),
    ].join('\n'),
    'invoice.csv': 'provider,amount_usd\nopenai,15.00\nanthropic,21.00\n',
  });
}

describe('attrib report --invoice', () => {
  it('reconciles per provider to the cent: unlogged, attributed, unowned and its share', () => {
    const dir = invoiceLogs();
    const { result } = json(['report', 'steps.jsonl', '-t', TAXONOMY, '--invoice', 'invoice.csv'], { cwd: dir });
    expect(result.reconciliation).toMatchObject({
      source: 'csv',
      file: 'invoice.csv',
      // Invoiced providers: 15 + 21 billed; 12.50 + 20 logged; 10 + 20 attributed.
      invoiceUsd: 36,
      loggedUsd: 32.5,
      unloggedUsd: 3.5,
      attributedUsd: 30,
      unattributedUsd: 2.5,
      unownedUsd: 6,
      unattributedOfInvoicePct: 16.67,
      loggedNotInvoicedUsd: 0.4,
      outsidePeriodUsd: 0,
    });
    expect(result.reconciliation.byProvider).toEqual([
      { provider: '(none)', invoiceUsd: null, loggedUsd: 0.4, unloggedUsd: null, attributedUsd: 0.4, unattributedUsd: 0, unownedUsd: null, unattributedOfInvoicePct: null },
      { provider: 'anthropic', invoiceUsd: 21, loggedUsd: 20, unloggedUsd: 1, attributedUsd: 20, unattributedUsd: 0, unownedUsd: 1, unattributedOfInvoicePct: 4.76 },
      { provider: 'openai', invoiceUsd: 15, loggedUsd: 12.5, unloggedUsd: 2.5, attributedUsd: 10, unattributedUsd: 2.5, unownedUsd: 5, unattributedOfInvoicePct: 33.33 },
    ]);
    // The unowned share of the invoice breaches org.unattributed_max_pct (5%) and is flagged.
    expect(result.flags).toContainEqual(expect.objectContaining({ kind: 'unattributed', scope: 'invoice', key: 'invoice' }));
  });

  it('renders the reconciliation in table and markdown', () => {
    const dir = invoiceLogs();
    const table = runCli(['report', 'steps.jsonl', '-t', TAXONOMY, '--invoice', 'invoice.csv', '--format', 'table'], { cwd: dir }).stdout;
    expect(table).toContain('Invoice reconciliation (invoice.csv)');
    expect(table).toMatch(tableRow('Invoiced providers', '$36.00', '$32.50', '+$3.50', '$30.00', '$2.50', '$6.00', '16.7%'));
    expect(table).toContain('Logged spend of providers not on the invoice: $0.40');
    const markdown = runCli(['report', 'steps.jsonl', '-t', TAXONOMY, '--invoice', 'invoice.csv', '--format', 'markdown'], { cwd: dir }).stdout;
    expect(markdown).toContain('### Invoice reconciliation (invoice.csv)');
    expect(markdown).toContain('| openai | $15.00 | $12.50 | +$2.50 | $10.00 | $2.50 | $5.00 | 33.3% |');
  });

  it('gates --fail-on unattributed on the unowned share of the invoice, not of the logs', () => {
    // The fixture month: 1.6% of the logged spend is unattributed, under the 5% allowed.
    const plain = json(['report', '--fail-on', 'unattributed']);
    expect(plain.run.code).toBe(0);
    const { attributedCostUsd, costUsd } = plain.result.totals;

    // A bare amount covers all logged spend: $700 billed leaves (700 - attributed) unowned.
    const billed = json(['report', '--fail-on', 'unattributed', '--invoice', '700']);
    expect(billed.run.code).toBe(1);
    expect(billed.run.stderr).toContain('attrib: gate unattributed tripped');
    const r = billed.result.reconciliation;
    expect(micros(r.invoiceUsd)).toBe(700_000_000);
    expect(micros(r.loggedUsd)).toBe(micros(costUsd));
    expect(micros(r.unloggedUsd)).toBe(700_000_000 - micros(costUsd));
    expect(micros(r.unownedUsd)).toBe(700_000_000 - micros(attributedCostUsd));
    expect(r.unattributedOfInvoicePct).toBe(Math.round(((700 - attributedCostUsd) / 700) * 10_000) / 100);
    expect(r.unattributedOfInvoicePct).toBeGreaterThan(5);
    expect(billed.result.gates).toEqual({ failOn: ['unattributed'], tripped: ['unattributed'] });

    // The providers' bill for the month (fixtures/invoices/fixture-month-2026-10.csv) leaves 3.5% unowned: no trip.
    const month = json(['report', '--fail-on', 'unattributed', '--invoice', 'invoices/fixture-month-2026-10.csv']);
    expect(month.run.code).toBe(0);
    const m = month.result.reconciliation;
    // anthropic 317.00 + openai 255.00 + google 58.90
    expect(m.invoiceUsd).toBe(630.9);
    expect(micros(m.invoiceUsd)).toBe(micros(m.loggedUsd) + micros(m.unloggedUsd));
    expect(micros(m.unownedUsd)).toBe(micros(m.unloggedUsd) + micros(m.unattributedUsd));
    expect(m.byProvider.map((p: { provider: string }) => p.provider)).toEqual(['(none)', 'anthropic', 'google', 'internal', 'openai']);
    const invoiced = m.byProvider.filter((p: { invoiceUsd: number | null }) => p.invoiceUsd !== null);
    expect(invoiced.reduce((s: number, p: { loggedUsd: number }) => s + micros(p.loggedUsd), 0)).toBe(micros(m.loggedUsd));
    expect(micros(m.loggedUsd) + micros(m.loggedNotInvoicedUsd)).toBe(micros(costUsd));
    expect(m.unattributedOfInvoicePct).toBe(Math.round((micros(m.unownedUsd) / micros(m.invoiceUsd)) * 10_000) / 100);
    expect(m.unattributedOfInvoicePct).toBe(3.5);
  });

  it('combines several providers\' files and exits 2 on a bad invoice before reading the logs', () => {
    const { result } = json(['report', '--invoice', 'invoices/openai-costs-2026-10.json', '--invoice', 'invoices/anthropic-cost-report-2026-10.json']);
    expect(result.reconciliation.file).toBe('invoices/openai-costs-2026-10.json, invoices/anthropic-cost-report-2026-10.json');
    expect(result.reconciliation.byProvider.filter((p: { invoiceUsd: number | null }) => p.invoiceUsd !== null).map((p: { provider: string }) => p.provider)).toEqual(['anthropic', 'openai']);
    expect(runCli(['report', '--invoice', 'invoices/bad-amount.csv'], inFixtures)).toMatchObject({ code: 2, stderr: expect.stringContaining('invoices/bad-amount.csv:3: amount_usd is not a decimal number') });
    expect(runCli(['report', '--invoice', 'nope.json'], inFixtures)).toMatchObject({ code: 2, stderr: expect.stringContaining('invoice file not found: nope.json') });
    expect(runCli(['report', '--invoice', '100', '--invoice', 'invoices/invoice-2026-10.csv'], inFixtures).code).toBe(2);
  });
});

/**
 * September: inbox-triage runs twice, one gpt-4o-mini step of $1 each. October: four runs, two with a
 * gpt-4o-mini step of $1.50 and two with a gpt-4o step of $3. Change 2 -> 9 = +7:
 * volume (4 - 2) x $1 = +2; mix: half the steps move to gpt-4o (new: its own $3 per step), so an
 * average step costs (0.5 x 1 + 0.5 x 3) / 1 = 2x, mix = 4 x (2 - 1) = +4; unit cost = 7 - 2 - 4 = +1.
 */
function compareLogs(): string {
  const lines = [
    step({ ts: '2026-09-10T10:00:00Z', step_id: 's1', model: 'gpt-4o-mini', cost_usd: 1, tags: { feature: 'inbox-triage', parent_run_id: 'sep1' } }),
    step({ ts: '2026-09-20T10:00:00Z', step_id: 's2', model: 'gpt-4o-mini', cost_usd: 1, tags: { feature: 'inbox-triage', parent_run_id: 'sep2' } }),
    ...[1, 2].map((k) => step({ ts: `2026-10-0${k}T10:00:00Z`, step_id: `m${k}`, model: 'gpt-4o-mini', cost_usd: 1.5, tags: { feature: 'inbox-triage', parent_run_id: `oct${k}` } })),
    ...[3, 4].map((k) => step({ ts: `2026-10-0${k}T10:00:00Z`, step_id: `g${k}`, model: 'gpt-4o', cost_usd: 3, tags: { feature: 'inbox-triage', parent_run_id: `oct${k}` } })),
  ];
  return writeLogs({ 'steps.jsonl': lines.join('\n') });
}

describe('attrib report --compare', () => {
  const current = ['--since', '2026-10-01', '--until', '2026-10-31'];

  it('splits the change into volume, unit cost and model mix that add up exactly', () => {
    const dir = compareLogs();
    const { result } = json(['report', 'steps.jsonl', '-t', TAXONOMY, ...current, '--compare', '2026-09'], { cwd: dir });
    expect(result.comparison.previousPeriod).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(result.comparison.currentPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    // Features of the registry without spend in either period are rows too, unchanged.
    expect(result.comparison.byFeature.filter((r: { changeUsd: number }) => r.changeUsd !== 0)).toEqual([
      {
        key: 'inbox-triage',
        previousUsd: 2,
        currentUsd: 9,
        changeUsd: 7,
        changePct: 350,
        volumeUsd: 2,
        unitCostUsd: 1,
        mixUsd: 4,
        previousRuns: 2,
        currentRuns: 4,
        previousCostPerRunUsd: 1,
        currentCostPerRunUsd: 2.25,
      },
    ]);
    expect(result.comparison.byTeam[0]).toMatchObject({ key: 'mail', changeUsd: 7, volumeUsd: 2, unitCostUsd: 1, mixUsd: 4 });
    // The current report is the October one; the comparison does not leak September into it.
    expect(result.totals.costUsd).toBe(9);

    const markdown = runCli(['report', 'steps.jsonl', '-t', TAXONOMY, ...current, '--compare', '2026-09', '--format', 'markdown'], { cwd: dir }).stdout;
    expect(markdown).toContain(
      '### Why spend changed: by feature\n\n_2026-09-01 to 2026-09-30: $2.00 → 2026-10-01 to 2026-10-31: $9.00, change +$7.00 (+350.0%) = volume +$2.00 + unit cost +$1.00 + model mix +$4.00_',
    );
    expect(markdown).toContain('| inbox-triage | $2.00 | $9.00 | +$7.00 | +350.0% | +$2.00 | +$1.00 | +$4.00 | 2 → 4 | $1.00 → $2.25 |');
    const table = runCli(['report', 'steps.jsonl', '-t', TAXONOMY, ...current, '--compare', '2026-09', '--format', 'table'], { cwd: dir }).stdout;
    expect(table).toContain('change +$7.00 (+350.0%) = volume +$2.00 + unit cost +$1.00 + model mix +$4.00');
    expect(table).toMatch(tableRow('inbox-triage', '$2.00', '$9.00', '+$7.00', '+350.0%', '+$2.00', '+$1.00', '+$4.00', '2 → 4', '$1.00 → $2.25'));
  });

  it('reads standard input once for both periods', () => {
    const dir = compareLogs();
    const input = readFileSync(path.join(dir, 'steps.jsonl'), 'utf8');
    const { result } = json(['report', '-', '-t', TAXONOMY, ...current, '--compare', '2026-09-01..2026-09-30'], { cwd: dir, input } as never);
    expect(result.comparison.totals).toMatchObject({ previousUsd: 2, currentUsd: 9, changeUsd: 7 });
  });

  it('on the fixture month, each row and the totals add up to the change, against the two reports', () => {
    const compared = json(['report', '--since', '2026-10-16', '--until', '2026-10-31', '--compare', '2026-10-01..2026-10-15']).result;
    const firstHalf = json(['report', '--since', '2026-10-01', '--until', '2026-10-15']).result;
    const c = compared.comparison;
    expect(c.totals.previousUsd).toBe(firstHalf.totals.costUsd);
    expect(c.totals.currentUsd).toBe(compared.totals.costUsd);
    for (const row of [c.totals, ...c.byFeature, ...c.byTeam]) {
      expect(micros(row.volumeUsd) + micros(row.unitCostUsd) + micros(row.mixUsd)).toBe(micros(row.changeUsd));
      expect(micros(row.currentUsd) - micros(row.previousUsd)).toBe(micros(row.changeUsd));
    }
    for (const row of c.byFeature) {
      expect(row.previousRuns).toBe(firstHalf.byFeature.find((f: { key: string }) => f.key === row.key)?.runs ?? 0);
    }
    expect(c.byFeature.map((r: { changeUsd: number }) => Math.abs(r.changeUsd))).toEqual(c.byFeature.map((r: { changeUsd: number }) => Math.abs(r.changeUsd)).sort((a: number, b: number) => b - a));
  });

  it('exits 2 for a period that is not a month or a date range', () => {
    for (const bad of ['September', '2026-13', '2026-09-01..', '2026-09-30..2026-09-01']) {
      expect(runCli(['report', '--compare', bad], inFixtures)).toMatchObject({ code: 2, stderr: expect.stringContaining('--compare') });
    }
  });
});

describe('attrib report --out', () => {
  it('writes any format to a file, nothing to stdout; html is the whole page with the invoice and change', () => {
    const dir = writeLogs({});
    const out = path.join(dir, 'showback.html');
    const run = runCli(['report', '--format', 'html', '--out', out, '--invoice', 'invoices/fixture-month-2026-10.csv', '--since', '2026-10-16', '--until', '2026-10-31', '--compare', '2026-10-01..2026-10-15'], inFixtures);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`attrib: wrote ${out}`);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('id="reconciliation"');
    expect(page).toContain('id="comparison"');

    const jsonOut = path.join(dir, 'r.json');
    expect(runCli(['report', '--format', 'json', '-o', jsonOut], inFixtures).stdout).toBe('');
    expect(schemaErrors('report-result', JSON.parse(readFileSync(jsonOut, 'utf8')))).toEqual([]);
    expect(runCli(['report', '--format', 'markdown', '--out', path.join(dir, 'no/such/folder/r.md')], inFixtures)).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot write the --out file') });
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});
