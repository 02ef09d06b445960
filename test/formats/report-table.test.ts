import { describe, expect, it } from 'vitest';
import { format } from '../../src/formats/table.js';
import type { ReportResult } from '../../src/report/types.js';
import stringWidth from 'string-width';
import { loadResult, plain } from './report-fixtures.js';

const lines = (text: string) => text.split('\n');
const ESC = '\u001b';

describe('table format', () => {
  const month = loadResult('month');

  it('prints the header, the unattributed line and the chosen section with a totals row', () => {
    const out = format(month, { ...plain, by: ['feature'] });
    expect(lines(out).slice(0, 18)).toEqual([
      'attrib report  2026-10-01 to 2026-10-31',
      '$2,300.00 · 19,703 steps · 3,950 runs · attributed $2,234.81 (97.2%) · 3 unpriced steps · 2 skipped lines',
      '',
      'Unattributed: $65.19 (2.8%)  missing $40.00 · unknown value $20.19 · conflict $5.00',
      '  unknown feature values: legacy-digest $15.19, inbox_triage $5.00',
      '',
      'By feature',
      '┌──────────────────┬────────┬───────────┬────────┬────────┬───────┬───────────┬──────────┬───────────┬───────────────────┐',
      '│ Feature          │ Team   │      Cost │  Share │  Steps │  Runs │    Budget │ Variance │ Status    │ Action            │',
      '├──────────────────┼────────┼───────────┼────────┼────────┼───────┼───────────┼──────────┼───────────┼───────────────────┤',
      '│ contract-redline │ legal  │ $1,634.56 │  71.1% │  5,000 │   400 │ $1,000.00 │ +$634.56 │ over      │ alert owning team │',
      '│ inbox-triage     │ mail   │   $500.00 │  21.7% │ 12,000 │ 3,000 │   $600.00 │ -$100.00 │ near      │                   │',
      '│ smart-compose    │ mail   │   $100.25 │   4.4% │  2,000 │   500 │   $900.00 │ -$799.75 │ under     │                   │',
      '│ semantic-search  │ search │   $0.0042 │  <0.1% │      3 │     2 │   $250.00 │ -$250.00 │ under     │                   │',
      '│ (unattributed)   │        │    $65.19 │   2.8% │    700 │    90 │           │          │ no-budget │                   │',
      '│ Total            │        │ $2,300.00 │ 100.0% │ 19,703 │ 3,950 │           │          │           │                   │',
      '└──────────────────┴────────┴───────────┴────────┴────────┴───────┴───────────┴──────────┴───────────┴───────────────────┘',
      '',
    ]);
  });

  it('charges tools to their consumers, then prints the org line and summarised flags', () => {
    const out = format(month, { ...plain, by: ['feature'] });
    expect(lines(out).slice(18)).toEqual([
      'Tools',
      "Charged to the consuming feature, not the tool's owner.",
      '┌───────────────┬────────┬────────┬───────┬────────────────────────┬────────────────────────────────────────────────┐',
      '│ Tool          │ Owner  │   Cost │ Steps │ Consumers (charged)    │ Priced by                                      │',
      '├───────────────┼────────┼────────┼───────┼────────────────────────┼────────────────────────────────────────────────┤',
      '│ vector-search │ search │ $12.50 │ 3,000 │ inbox-triage $10.00    │ table tools.vector-search: 2,500 steps, $12.50 │',
      '│               │        │        │       │ contract-redline $2.00 │ unpriced: 500 steps, $0                        │',
      '│               │        │        │       │ (unattributed) $0.50   │                                                │',
      '└───────────────┴────────┴────────┴───────┴────────────────────────┴────────────────────────────────────────────────┘',
      '',
      'Org: $2,300.00 · budget $5,000.00 · variance -$2,700.00 · under',
      '',
      'Flags (9)',
      '  hard-cap            team legal: legal spent $1,634.56 of its $1,500.00 hard cap: acknowledgement required',
      '  over-budget         feature contract-redline: contract-redline spent $1,634.56 of its $1,000.00 budget: alert the legal team',
      '  near-budget         feature inbox-triage: inbox-triage is at 83% of its budget',
      '  outlier-tenant      tenant ws_acme: ws_acme cost $1,800.00, 12x the median tenant',
      '  conflicting-tags    4 runs: run_3, run_7, run_9, ... (1 more)',
      '  environment-mixing  1 run: run_5',
      '',
    ]);
  });

  it('shows feature, team, tenant and model sections by default, in that order', () => {
    const titles = lines(format(month, plain)).filter((line) => line.startsWith('By '));
    expect(titles).toEqual(['By feature', 'By team', 'By tenant', 'By model']);
    const all = lines(format(month, { ...plain, by: ['environment', 'workload_class'] })).filter((line) => line.startsWith('By '));
    expect(all).toEqual(['By environment', 'By workload class']);
  });

  it('prints the team hard-cap action and tenant outliers', () => {
    const out = format(month, { ...plain, by: ['team', 'tenant'] });
    expect(out).toContain('│ legal          │ $1,634.56 │  71.1% │  5,000 │   400 │ $1,500.00 │   +$134.56 │ over      │ acknowledgement required │');
    expect(out).toContain('│ ws_acme  │ $1,800.00 │  78.3% │  9,000 │ 1,500 │    $1.20 │ outlier │');
    expect(out).toContain('│ (none)   │    $50.00 │   2.2% │  1,000 │   250 │    $0.20 │         │');
  });

  it('colours statuses: under green, near yellow, over red, no-budget dim', () => {
    const out = format(month, { ...plain, color: true, by: ['feature'] });
    expect(out).toContain(`${ESC}[31m${ESC}[1mover${ESC}[22m${ESC}[39m`);
    expect(out).toContain(`${ESC}[33mnear${ESC}[39m`);
    expect(out).toContain(`${ESC}[32munder${ESC}[39m`);
    expect(out).toContain(`${ESC}[2mno-budget${ESC}[22m`);
    expect(out).toContain(`${ESC}[31malert owning team${ESC}[39m`);
  });

  it('says one unpriced step and one skipped line in the singular', () => {
    const single = { ...month, totals: { ...month.totals, unpricedSteps: 1, skippedLines: 1 } };
    expect(lines(format(single, { ...plain, by: ['model'] }))[1]).toBe(
      '$2,300.00 · 19,703 steps · 3,950 runs · attributed $2,234.81 (97.2%) · 1 unpriced step · 1 skipped line',
    );
  });

  it('always shows the unattributed line, also at zero', () => {
    const clean: ReportResult = {
      ...month,
      totals: { ...month.totals, unattributedCostUsd: 0, unattributedPct: 0, unattributed: { missing: 0, unknownValue: 0, conflict: 0 } },
      unattributed: month.unattributed.map((row) => ({ ...row, costUsd: 0, steps: 0, values: [] })),
      flags: [],
    };
    const out = format(clean, { ...plain, by: ['model'] });
    expect(lines(out).slice(3, 5)).toEqual(['Unattributed: $0.00 (0.0%)  missing $0.00 · unknown value $0.00 · conflict $0.00', '']);
    expect(lines(out).at(-2)).toBe('Flags: none');
  });

  it('says when unattributed spend breaches org.unattributed_max_pct, and prints the global-cap emergency', () => {
    const out = format(loadResult('hostile'), { ...plain, by: ['feature'] });
    expect(lines(out).slice(3, 6)).toEqual([
      'Unattributed: $60.00 (60.0%)  missing $10.00 · unknown value $45.00 · conflict $5.00',
      '  breaches org.unattributed_max_pct: 60% of spend is unattributed, above org.unattributed_max_pct (5%)',
      "  unknown feature values: =cmd|' /C calc'!A0 $20.00, \\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07 $15.00, <script>alert(1)</script> $10.00",
    ]);
    expect(out).toContain('Org: $100.00 · budget $50.00 · variance +$50.00 · over · EMERGENCY');
  });

  describe('hostile strings', () => {
    const hostile = loadResult('hostile');
    const out = format(hostile, { ...plain, by: ['tenant', 'workload_class', 'environment', 'model', 'feature'] });

    it('never lets an escape sequence through, and shows it instead', () => {
      expect(out).not.toContain(ESC);
      expect(out).toContain('│ \\x1b[31mred\\x1b[0m     │  $25.00 │');
      expect(out).toContain('tenant =cmd|\' /C calc\'!A0: =cmd|\' /C calc\'!A0 spent \\x1b[31mred\\x1b[0m');
    });

    it('keeps newlines and tabs inside their cell, so every table line has the same width', () => {
      expect(out).toContain('│ a|b\\x0ac               │  $20.00 │');
      expect(out).toContain('│ \\x09-2+3               │   $5.00 │');
      expect(out).toContain('  conflicting-tags  1 run: run|1\\x0a<img src=x onerror=alert(1)>');
      const tenantTable = lines(out).slice(lines(out).indexOf('By tenant') + 1, lines(out).indexOf('By workload class') - 1);
      expect(tenantTable).toHaveLength(4 + hostile.byTenant.length + 1); // borders, heading, rule; rows; totals
      expect(new Set(tenantTable.map((line) => line.length)).size).toBe(1);
    });

    it('shows __proto__ as a plain name with its numbers', () => {
      expect(out).toContain('│ __proto__      │ <img src=x onerror=alert(1)> │  $40.00 │  40.0% │    20 │    4 │ $30.00 │  +$10.00 │ over      │ alert owning team │');
      expect(out).toContain('│ __proto__   │ $100.00 │ 100.0% │    60 │   12 │');
    });
  });
});

describe('terminal width', () => {
  const month = loadResult('month');
  const hostile = loadResult('hostile');
  const width = (line: string) => stringWidth(line);

  for (const columns of [80, 120]) {
    it(`fits every line into ${columns} columns`, () => {
      for (const result of [month, hostile]) {
        const out = format(result, { ...plain, columns, by: ['feature', 'team', 'tenant', 'model', 'workload_class', 'environment'] });
        const wide = lines(out).filter((line) => width(line) > columns);
        expect(wide).toEqual([]);
      }
    });
  }

  it('drops the least important columns first and says so, keeping name, cost, status and action', () => {
    const out = format(month, { ...plain, columns: 80, by: ['feature'] });
    const heading = lines(out).find((line) => line.startsWith('│ Feature'))!;
    expect(heading.split('│').map((c) => c.trim()).filter(Boolean)).toEqual(['Feature', 'Team', 'Cost', 'Share', 'Status', 'Action']);
    expect(out).toContain('Left out to fit 80 columns: Steps, Runs, Budget, Variance');
    // Names up to 20 characters stay whole; the action wraps at a space.
    expect(out).toContain('│ contract-redline │');
    expect(out).toMatch(/│ alert owning +│\n.*│ team +│/);
  });

  it('keeps every column at 120 where only one does not fit, and all of them without a width', () => {
    const out = format(month, { ...plain, columns: 120, by: ['feature'] });
    expect(out).toContain('Left out to fit 120 columns: Runs');
    expect(format(month, { ...plain, by: ['feature'] })).not.toContain('Left out');
  });

  it('wraps long flag lines under a hanging indent, keeping the two-space margin', () => {
    const out = format(month, { ...plain, columns: 80, by: ['model'] });
    const at = lines(out).findIndex((line) => line.includes('hard-cap'));
    expect(lines(out).slice(at, at + 2)).toEqual([
      '  hard-cap            team legal: legal spent $1,634.56 of its $1,500.00 hard',
      '    cap: acknowledgement required',
    ]);
  });

  it('cuts a word longer than the column rather than the table, losing no character', () => {
    const long = `tenant-${'x'.repeat(150)}`;
    const result = { ...month, byTenant: [{ ...month.byTenant[0]!, key: long }] };
    const out = format(result, { ...plain, columns: 80, by: ['tenant'] });
    expect(lines(out).every((line) => width(line) <= 80)).toBe(true);
    const pieces = lines(out).filter((line) => /^│ (tenant-)?x+ *│/.test(line)).map((line) => line.split('│')[1]!.trim());
    expect(pieces.join('')).toBe(long);
  });
});
