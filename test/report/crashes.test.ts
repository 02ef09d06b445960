import { describe, expect, it } from 'vitest';
import { format as tableFormat } from '../../src/formats/table.js';
import { format as markdownFormat } from '../../src/formats/markdown.js';
import { MAX_TABLE_ROWS } from '../../src/formats/table-rows.js';
import { parsePricing } from '../../src/report/pricing-table.js';
import { parseInvoiceFile } from '../../src/report/invoice.js';
import { MAX_LEDGER_STEPS, runLedger } from '../../src/report/ledger.js';
import { ConfigError } from '../../src/util/errors.js';
import { parseTimestamp, preview } from '../../src/report/step.js';
import type { TenantRow } from '../../src/report/types.js';
import { maxOf, minOf, pushAll } from '../../src/util/arrays.js';
import { loadResult, plain } from '../formats/report-fixtures.js';
import { reportOn, step } from './helpers.js';

/** A JSON array nested `depth` levels deep, as text (JSON.parse reads it; JSON.stringify could not write it). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const withField = (record: string, field: string, json: string) => record.replace(`"${field}":"X"`, `"${field}":${json}`);

describe('one bad record never costs the report: timestamps out of range', () => {
  it.each([
    ['ts: 1e20 (seconds)', 1e20],
    ['ts: 8.64e15 (the largest Date, year 275760)', 8.64e15],
    ['a 26-digit OTLP nanosecond string', '12345678901234567890123456'],
    ['before 1970', '1969-12-31T23:59:59Z'],
    ['year 10000 in epoch milliseconds', Date.UTC(10000, 0, 1)],
  ])('%s is a skipped record with a reason; the good record is counted', async (_, ts) => {
    const { result } = await reportOn({ 'a.jsonl': [step({ step_id: 'bad', ts, cost_usd: 1 }), step({ step_id: 'good', cost_usd: 2 })].join('\n') });
    expect(result.totals).toMatchObject({ steps: 1, costUsd: 2, skippedLines: 1 });
    expect(result.skipped[0]!.reason).toMatch(/^ts is out of range: .* \(attrib reads years 1970 to 9999, UTC\)$/);
  });

  it('accepts the first and last millisecond of the range', () => {
    expect(parseTimestamp('1970-01-01T00:00:00.000Z', 'ts')).toBe(0);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z', 'ts')).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
  });

  it('LiteLLM startTime and OTLP startTimeUnixNano out of range are skipped the same way', async () => {
    const litellm = JSON.stringify([{ request_id: 'r', call_type: 'acompletion', spend: 1, startTime: 1e20, model: 'gpt-4o' }]);
    const otel = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00000000000000a1', startTimeUnixNano: '12345678901234567890123456', attributes: [] }] }] }] });
    const { result } = await reportOn({ 'litellm.json': litellm, 'traces.json': otel });
    expect(result.totals.skippedLines).toBe(2);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'startTime is out of range: 100000000000000000000 (attrib reads years 1970 to 9999, UTC)',
      'span 00000000000000a1: startTimeUnixNano is out of range: "12345678901234567890123456" (attrib reads years 1970 to 9999, UTC)',
    ]);
  });

  it('an invoice start_time out of range is a precise config error, not Invalid time value', () => {
    const invoice = JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 1e20, results: [{ object: 'organization.costs.result', amount: { value: 1, currency: 'usd' } }] }] });
    expect(() => parseInvoiceFile(invoice, 'costs.json')).toThrow('costs.json: data[0].start_time is out of range: 100000000000000000000 (attrib reads years 1970 to 9999, UTC).');
  });
});

describe('values nested 100k deep', () => {
  it('kind, tokens, cost and ts nested 100k deep are skipped with a short reason', async () => {
    const deep = nested(100_000);
    const base = step({ step_id: 'x', kind: 'X', input_tokens: 'X', cost_usd: 'X', ts: 'X' });
    const lines = [
      withField(step({ step_id: 'k', kind: 'X' }), 'kind', deep),
      withField(step({ step_id: 't', input_tokens: 'X' }), 'input_tokens', deep),
      withField(step({ step_id: 'c', cost_usd: 'X' }), 'cost_usd', deep),
      withField(step({ step_id: 'ts', ts: 'X' }), 'ts', deep),
      step({ step_id: 'good', cost_usd: 1 }),
    ];
    expect(base).toContain('"X"');
    const { result } = await reportOn({ 'a.jsonl': lines.join('\n') });
    expect(result.totals).toMatchObject({ steps: 1, costUsd: 1, skippedLines: 4 });
    expect(result.skipped[0]!.reason).toBe('kind must be one of model, embedding, tool, retrieval, other, not [[[[[[[[[…]]]]]]]]]');
    for (const s of result.skipped) expect(s.reason.length).toBeLessThan(200);
  });

  it('an OTLP attribute nested 100k deep is not decoded (no recursion), the span still counts', async () => {
    let value = '{"stringValue":"x"}';
    for (let i = 0; i < 100_000; i++) value = `{"arrayValue":{"values":[${value}]}}`;
    const span = `{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00000000000000a1","startTimeUnixNano":"1791100800000000000","attributes":[{"key":"gen_ai.usage.cost","value":{"doubleValue":0.5}},{"key":"attrib.feature","value":${value}}]}`;
    const { result } = await reportOn({ 'traces.jsonl': `{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}` });
    expect(result.totals).toMatchObject({ steps: 1, costUsd: 0.5, skippedLines: 0 });
  });

  it('preview walks at most 8 levels and 60 characters of any value', () => {
    expect(preview({ a: [1, { b: 'c' }], d: null })).toBe('{"a":[1,{"b":"c"}],"d":null}');
    expect(preview('x'.repeat(1000))).toBe(`"${'x'.repeat(59)}…`);
    expect(preview(JSON.parse(nested(100_000)))).toBe('[[[[[[[[[…]]]]]]]]]');
  });
});

describe('large arrays are never spread into call arguments', () => {
  // V8 throws "Maximum call stack size exceeded" for Math.max(...xs) and push(...xs) from about 125k items.
  const big = Array.from({ length: 200_000 }, (_, i) => i);

  it('pushAll, maxOf and minOf take 200k items', () => {
    expect(pushAll([-1], big)).toHaveLength(200_001);
    expect(maxOf(big, (x) => x)).toBe(199_999);
    expect(minOf(big, (x) => x - 5)).toBe(-5);
    expect(maxOf([], (x: number) => x, 7)).toBe(7);
  });

  it('a table with 150k tenants prints its first rows, counts the rest, and keeps the true total', () => {
    const month = loadResult('month');
    const tenants: TenantRow[] = Array.from({ length: 150_000 }, (_, i) => ({ key: `t${i}`, costUsd: 0.01, steps: 1, runs: 1, outlier: false, costPerRunUsd: 0.01 }));
    const result = { ...month, byTenant: tenants, flags: Array.from({ length: 150_000 }, (_, i) => ({ kind: 'outlier-tenant', scope: 'tenant', key: `t${i}`, message: 'm' })) };
    // --all: every row is asked for, and the terminal table still stops at MAX_TABLE_ROWS.
    const out = tableFormat(result, { ...plain, by: ['tenant'], top: Infinity });
    expect(out).toContain(`│ … ${(150_000 - MAX_TABLE_ROWS).toLocaleString('en-US')} more rows (--format json or csv lists them all)`);
    expect(out.split('\n').filter((l) => /^│ t\d+ /.test(l))).toHaveLength(MAX_TABLE_ROWS);
  });
});

describe('hangs and unbounded work', () => {
  it('a step in the year 9999 makes a period of at most 96k months, prorated without walking further', async () => {
    const { result } = await reportOn({ 'a.jsonl': [step({ step_id: 'far', ts: '9999-12-31T00:00:00Z', cost_usd: 1 }), step({ step_id: 'now', cost_usd: 1 })].join('\n') });
    expect(result.period).toEqual({ from: '2026-10-01', to: '9999-12-31' });
    expect(result.totals).toMatchObject({ steps: 2, costUsd: 2 });
  });

  it('runs refuses a run over MAX_LEDGER_STEPS records with a clear limit instead of running out of memory', async () => {
    const lines = Array.from({ length: MAX_LEDGER_STEPS + 1 }, (_, i) => `{"ts":"2026-10-03T12:00:00.000Z","kind":"tool","step_id":"s${i}","tags":{"parent_run_id":"big"}}`);
    const { analysis } = await reportOn({ 'a.jsonl': lines.join('\n') });
    expect(() => runLedger(analysis, 'big')).toThrow(ConfigError);
    expect(() => runLedger(analysis, 'big')).toThrow('run "big" has 100,001 records: attrib runs explains runs of up to 100,000 step by step');
  });
});

describe('dates a person could mean', () => {
  it.each(['0099-01-01', '1969-12-31', '2026-02-30', '10000-01-01'])('--since %s is a usage error, not another date', async (since) => {
    await expect(reportOn({ 'a.jsonl': step({ step_id: 'a' }) }, { since })).rejects.toThrow(/--since must be a date like 2026-10-01/);
  });
});

describe('wrong answers', () => {
  it('a pricing date that does not exist (2025-02-30) is refused', () => {
    expect(() => parsePricing('version: 1\nmodels:\n  m:\n    input: 1\n    output: 1\n    from: 2025-02-30\n', 'p.yaml')).toThrow(/from must be a date/);
    expect(() => parsePricing('version: 1\nmodels:\n  m:\n    input: 1\n    output: 1\n    from: 2024-02-29\n', 'p.yaml')).not.toThrow();
  });

  it('table and markdown say how many steps the period filter left out', async () => {
    // 2 steps on 2026-10-03, 1 on 2026-11-03; --until 2026-10-31 leaves 1 out
    const { result } = await reportOn({ 'a.jsonl': [step({ step_id: 'a' }), step({ step_id: 'b' }), step({ step_id: 'c', ts: '2026-11-03T00:00:00Z' })].join('\n') }, { until: '2026-10-31' });
    expect(result.inputs.outsidePeriod).toBe(1);
    expect(tableFormat(result, { ...plain, by: ['feature'] })).toContain('1 step outside the period, left out');
    expect(markdownFormat(result, { ...plain, by: ['feature'] })).toContain('1 step outside the period, left out');
  });
});

describe('totals stay exact', () => {
  it('a total over 2^53 micro-dollars is refused before a sum can round ($1M x 9,100 steps)', async () => {
    const lines = Array.from({ length: 9_100 }, (_, i) => step({ step_id: `s${i}`, cost_usd: 1_000_000 }));
    await expect(reportOn({ 'a.jsonl': lines.join('\n') })).rejects.toThrow(/cost more than \$9,007,199,254 in total: beyond that, micro-dollar totals are no longer exact/);
    // $1M x 9,000 = $9B = 9e15 micro-dollars, below 2^53 (about 9.007e15): exact
    const { result } = await reportOn({ 'a.jsonl': lines.slice(0, 9_000).join('\n') });
    expect(result.totals.costUsd).toBe(9_000_000_000);
  });
});
