import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { focusRows } from '../../src/report/focus.js';
import { formatFocus, FOCUS_COLUMNS } from '../../src/formats/focus.js';
import { analyze } from '../../src/report/index.js';
import { repoRoot } from '../helpers/cli.js';
import { fixtureTaxonomy, focusSampleLog, reportOn, step } from './helpers.js';

/** FOCUS 1.2 column definitions, read from the spec's own column files (fixtures/focus/README.md names the commit). */
interface SpecColumn {
  id: string;
  featureLevel: string;
  allowsNulls: boolean;
  dataType: string;
  allowedValues?: (string | { category: string; subcategory: string })[];
}
const spec = JSON.parse(readFileSync(path.join(repoRoot, 'fixtures/focus/columns-1.2.json'), 'utf8')) as { columns: SpecColumn[] };
const byId = new Map(spec.columns.map((c) => [c.id, c]));

/** FOCUS Numeric Format: an integer or decimal (or E notation), no sign for positives, no grouping. */
const NUMERIC = /^-?\d+(\.\d+)?(E-?\d+)?$/;
/** FOCUS Date/Time Format for a moment: `YYYY-MM-DDTHH:mm:ssZ`. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every problem of a FOCUS CSV against the spec's column list. */
function violations(csv: string): string[] {
  const [header, ...rows] = parse(csv, { relax_column_count: false }) as string[][];
  const problems: string[] = [];
  for (const column of spec.columns) if (column.featureLevel === 'Mandatory' && !header!.includes(column.id)) problems.push(`missing mandatory ${column.id}`);
  for (const name of header!) if (!byId.has(name)) problems.push(`not a FOCUS 1.2 column: ${name}`);
  rows.forEach((row, r) => {
    header!.forEach((name, c) => {
      const column = byId.get(name);
      const value = row[c]!;
      if (!column) return;
      const where = `row ${r + 1} ${name}=${JSON.stringify(value)}`;
      if (value === '') {
        if (!column.allowsNulls) problems.push(`${where}: null not allowed`);
        return;
      }
      if (column.dataType === 'Decimal' && !NUMERIC.test(value)) problems.push(`${where}: not a FOCUS decimal`);
      if (column.dataType === 'Date/Time' && !(DATETIME.test(value) && !Number.isNaN(Date.parse(value)))) problems.push(`${where}: not a FOCUS date/time`);
      if (column.dataType === 'JSON') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          problems.push(`${where}: not JSON`);
        }
        if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) problems.push(`${where}: not a key-value object`);
      }
      const allowed = column.allowedValues?.map((v) => (typeof v === 'string' ? v : v.subcategory));
      if (allowed && !allowed.includes(value)) problems.push(`${where}: not an allowed value`);
    });
    const subcategory = byId.get('ServiceSubcategory')!.allowedValues!.find((v) => typeof v !== 'string' && v.subcategory === row[header!.indexOf('ServiceSubcategory')]);
    if (typeof subcategory === 'object' && subcategory.category !== row[header!.indexOf('ServiceCategory')]) problems.push(`row ${r + 1}: ServiceSubcategory outside its ServiceCategory`);
  });
  return problems;
}

const micros = (values: string[]) => values.reduce((sum, v) => sum + Math.round(Number(v) * 1e6), 0);
const column = (csv: string, name: string) => {
  const [header, ...rows] = parse(csv) as string[][];
  return rows.map((r) => r[header!.indexOf(name)]!);
};

describe('FOCUS 1.2 export', () => {
  it('the column list is the spec: 57 columns, with the Mandatory ones attrib must write', () => {
    expect(spec.columns).toHaveLength(57);
    expect(byId.get('BilledCost')).toMatchObject({ featureLevel: 'Mandatory', allowsNulls: false, dataType: 'Decimal' });
    expect(byId.get('ChargeCategory')!.allowedValues).toEqual(['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']);
    for (const name of FOCUS_COLUMNS) expect(byId.has(name)).toBe(true);
  });

  it('one row per day x tags x model x provider, costs and tokens added up by hand, Tags as a JSON object', async () => {
    const { analysis } = await reportOn({ 'm.jsonl': focusSampleLog() });
    const csv = formatFocus(focusRows(analysis));
    expect(violations(csv)).toEqual([]);
    const [header, ...rows] = parse(csv) as string[][];
    const get = (row: string[], name: string) => row[header!.indexOf(name)];
    // Day 3: a + b (one row: same tags, model, provider), d (the tool), e (no feature); day 4: c.
    expect(rows.map((r) => [get(r, 'ChargePeriodStart'), get(r, 'SkuId'), get(r, 'BilledCost'), get(r, 'ConsumedQuantity'), get(r, 'ConsumedUnit')])).toEqual([
      ['2026-10-03T00:00:00Z', 'gpt-4o-mini', '0.100003', '116', 'Tokens'],
      ['2026-10-03T00:00:00Z', 'gpt-4o-mini', '0.5', '2', 'Tokens'],
      ['2026-10-03T00:00:00Z', 'reranker', '0.001', '1', 'Requests'],
      ['2026-10-04T00:00:00Z', 'gpt-4o-mini', '0.2', '10', 'Tokens'],
    ]);
    expect(JSON.parse(get(rows[0]!, 'Tags')!)).toEqual({ feature: 'inbox-triage', team: 'mail', tenant: 'ws_acme', workload_class: 'interactive', environment: 'production' });
    expect(JSON.parse(get(rows[1]!, 'Tags')!)).toEqual({ environment: 'production' });
    expect(get(rows[2]!, 'ProviderName')).toBe('internal');
    expect(get(rows[0]!, 'ChargePeriodEnd')).toBe('2026-10-04T00:00:00Z');
    expect([get(rows[0]!, 'BillingPeriodStart'), get(rows[0]!, 'BillingPeriodEnd')]).toEqual(['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z']);
    expect(micros(column(csv, 'BilledCost'))).toBe(801_003);
  });

  it('BilledCost and EffectiveCost add up to the report total to the micro-dollar on the fixture month, every row valid', async () => {
    const taxonomy = fixtureTaxonomy();
    const analysis = await analyze({ cwd: path.join(repoRoot, 'fixtures'), taxonomy, paths: ['logs/'] });
    const csv = formatFocus(focusRows(analysis));
    expect(violations(csv)).toEqual([]);
    const total = Math.round(analysis.result.totals.costUsd * 1e6);
    expect(total).toBeGreaterThan(0);
    expect(micros(column(csv, 'BilledCost'))).toBe(total);
    expect(micros(column(csv, 'EffectiveCost'))).toBe(total);
  });

  it('hostile strings cannot become formulas or terminal escapes', async () => {
    const { analysis } = await reportOn({ 'm.jsonl': step({ step_id: 'a', model: '=HYPERLINK("http://x")', provider: '@evil', cost_usd: 1, tags: { tenant: 'ws_\u001b[31mx' } }) });
    const csv = formatFocus(focusRows(analysis));
    const [header, row] = parse(csv) as string[][];
    expect(row![header!.indexOf('SkuId')]).toBe('\'=HYPERLINK("http://x")');
    expect(row![header!.indexOf('ProviderName')]).toBe("'@evil");
    expect(csv).not.toContain('\u001b');
  });
});
