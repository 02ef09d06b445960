import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/util/errors.js';
import { DIMENSIONS, buildReportView, parseDimensions, type Dimension } from '../../src/formats/report-view.js';
import { summariseFlags } from '../../src/formats/report-sections.js';
import { countOf, formatMoney as formatUsd, formatPct, formatSignedMoney as formatVariance, plainDecimal } from '../../src/formats/numbers.js';
import type { ReportResult } from '../../src/report/types.js';

/** The `--by` sections of the view, every row, as lists of cells (the totals row apart). */
function buildSections(result: ReportResult, by?: Dimension[]) {
  return buildReportView(result, by ? { by } : {})
    .sections.filter((s) => (DIMENSIONS as string[]).includes(s.id))
    .map((s) => ({
      dimension: s.id,
      title: s.title,
      columns: s.columns,
      rows: s.rows.filter((r) => r.kind === 'row').map((r) => r.cells),
      total: s.rows.find((r) => r.kind === 'total')!.cells,
    }));
}
import { loadResult } from './report-fixtures.js';


function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDimensions', () => {
  it('splits commas, keeps first-occurrence order and drops duplicates', () => {
    expect(parseDimensions('feature,team')).toEqual(['feature', 'team']);
    expect(parseDimensions(['model', ' tenant , model', 'workload_class'])).toEqual(['model', 'tenant', 'workload_class']);
  });

  it('rejects an unknown name, suggests the closest and lists the valid ones', () => {
    const err = configError(() => parseDimensions('feature,tenent'));
    expect(err.message).toBe("Unknown --by dimension 'tenent'.");
    expect(err.hint).toBe(`Did you mean 'tenant'? Valid dimensions: ${DIMENSIONS.join(', ')}.`);
  });

  it('rejects hostile and empty input without a suggestion', () => {
    expect(configError(() => parseDimensions('__proto__')).hint).toBe(
      'Valid dimensions: feature, team, tenant, workload_class, environment, model, chargeback, tenant:revenue, tenant:feature, tenant:model, call_site, day, week, month.',
    );
    expect(configError(() => parseDimensions(' , ')).message).toBe('--by needs at least one dimension.');
  });
});

describe('numbers', () => {
  it('formats money with grouping, and tiny amounts with two significant digits', () => {
    expect(formatUsd(1234.56)).toBe('$1,234.56');
    expect(formatUsd(1_000_000)).toBe('$1,000,000.00');
    // Formatters are made once per number of decimals: each call still gets its own precision.
    expect([0.0042, 1234.5, 0.0000042, 0.0042, -0.5].map(formatUsd)).toEqual(['$0.0042', '$1,234.50', '$0.000004', '$0.0042', '-$0.50']);
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.000001)).toBe('$0.000001');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-1399.75)).toBe('-$1,399.75');
  });

  it('signs variances and keeps small shares visible', () => {
    expect(formatVariance(634.56)).toBe('+$634.56');
    expect(formatVariance(-100)).toBe('-$100.00');
    expect(formatVariance(0)).toBe('$0.00');
    expect(formatPct(71.0678)).toBe('71.1%');
    expect(formatPct(0.0002)).toBe('<0.1%');
    expect(formatPct(0)).toBe('0.0%');
    expect(formatPct(99.965)).toBe('>99.9%');
    expect(formatPct(100)).toBe('100.0%');
  });

  it('counts with the right plural', () => {
    expect(countOf(1, 'unpriced step')).toBe('1 unpriced step');
    expect(countOf(1234, 'run')).toBe('1,234 runs');
    expect(countOf(0, 'skipped line')).toBe('0 skipped lines');
  });

  it('writes plain decimals without exponent or trailing zeros', () => {
    expect(plainDecimal(1634.56)).toBe('1634.56');
    expect(plainDecimal(0.0000004)).toBe('0');
    expect(plainDecimal(-0.0000001)).toBe('0');
    expect(plainDecimal(1e-6)).toBe('0.000001');
    expect(plainDecimal(-249.9958)).toBe('-249.9958');
    expect(plainDecimal(600)).toBe('600');
    expect(plainDecimal(21.739130434, 4)).toBe('21.7391');
  });
});

describe('buildSections', () => {
  const result = loadResult('month');

  it('picks the default sections in order', () => {
    expect(buildSections(result).map((s) => s.dimension)).toEqual(['feature', 'team', 'tenant', 'model']);
    expect(buildSections(result, ['environment', 'feature']).map((s) => s.title)).toEqual(['By environment', 'By feature']);
  });

  it('sorts costliest first with the unattributed bucket last, and shares add up to 100%', () => {
    const [feature] = buildSections(result, ['feature']);
    const keys = feature!.rows.map((row) => row[0]);
    expect(keys).toEqual(
      ['contract-redline', 'inbox-triage', 'smart-compose', 'semantic-search', '(unattributed)'].map((text) => ({ type: 'text', text })),
    );
    const shareAt = feature!.columns.findIndex((c) => c.id === 'share');
    const shares = feature!.rows.map((row) => row[shareAt]!).map((cell) => (cell.type === 'percent' ? cell.pct! : NaN));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(shares[0]).toBeCloseTo((1634.56 / 2300) * 100, 9);
  });

  it('puts the tier action on over-budget features and teams only', () => {
    const [feature, team] = buildSections(result, ['feature', 'team']);
    const actions = (s: typeof feature) => s!.rows.map((row) => row[s!.columns.findIndex((c) => c.id === 'action')]);
    expect(actions(feature)).toEqual([{ type: 'action', action: 'alert owning team' }, ...Array(4).fill({ type: 'empty' })]);
    expect(actions(team)).toEqual([{ type: 'action', action: 'acknowledgement required' }, ...Array(4).fill({ type: 'empty' })]);
  });

  it('takes runs in the totals row from the report, since runs span groups', () => {
    const [feature, model] = buildSections(result, ['feature', 'model']);
    const runsAt = feature!.columns.findIndex((c) => c.id === 'runs');
    const summed = result.byFeature.reduce((sum, row) => sum + row.runs, 0);
    expect(summed).not.toBe(result.totals.runs);
    expect(feature!.total[runsAt]).toEqual({ type: 'count', count: result.totals.runs });
    const inputAt = model!.columns.findIndex((c) => c.id === 'inputTokens');
    expect(model!.total[inputAt]).toEqual({ type: 'count', count: 200_000_000 + 30_000_000 + 500_000 });
  });

  it('orders names naturally, whatever the input order', () => {
    const tied = { ...result, byEnvironment: ['env10', 'env2', 'env1'].map((key) => ({ key, costUsd: 1, steps: 1, runs: 1 })) };
    const [section] = buildSections(tied, ['environment']);
    expect(section!.rows.map((row) => row[0])).toEqual(['env1', 'env2', 'env10'].map((text) => ({ type: 'text', text })));
  });
});

describe('summariseFlags', () => {
  it('keeps non-run flags one by one, most urgent first, and groups run flags by kind', () => {
    const summary = summariseFlags(loadResult('month').flags, 3);
    expect(summary.total).toBe(9);
    expect(summary.flags.map((f) => `${f.kind}:${f.key}`)).toEqual([
      'hard-cap:legal',
      'over-budget:contract-redline',
      'near-budget:inbox-triage',
      'outlier-tenant:ws_acme',
    ]);
    expect(summary.runGroups).toEqual([
      { kind: 'conflicting-tags', count: 4, sample: ['run_3', 'run_7', 'run_9'] },
      { kind: 'environment-mixing', count: 1, sample: ['run_5'] },
    ]);
  });
});
