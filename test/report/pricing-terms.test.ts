import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatFocus } from '../../src/formats/focus.js';
import { focusRows } from '../../src/report/focus.js';
import { runLedger } from '../../src/report/ledger.js';
import { mergePricing, parsePricing } from '../../src/report/pricing-table.js';
import { Pricer } from '../../src/report/pricing.js';
import type { StepRecord } from '../../src/report/step.js';
import { ConfigError } from '../../src/util/errors.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { reportOn, step, writeLogs } from './helpers.js';

const TERMS = `version: 1
providers:
  openai:
    discount_pct: 20
    models:
      gpt-4o: { discount_pct: 30 }
models:
  gpt-4o-mini: { provider: openai, input: 0.15, cached_input: 0.075, output: 0.60 }
  gpt-4o:
    provider: openai
    input: 2.50
    output: 10.00
    batch: { input: 1.25, output: 5.00 }
  claude-sonnet-4: { provider: anthropic, input: 3.00, output: 15.00 }
credits:
  - name: startup
    provider: openai
    amount_usd: 1.00
    period: 2026-10
  - amount_usd: 100
    from: 2026-10-01
    to: 2026-10-03
`;
const table = parsePricing(TERMS, 'terms.yaml');

/** Six steps whose list and effective costs are worked out by hand below. */
const LOG = [
  // list: 1M x $0.15 + 100k x $0.60 = $0.21; openai's 20% off: $0.168
  step({ step_id: 'a', model: 'gpt-4o-mini', input_tokens: 1_000_000, output_tokens: 100_000, tags: { feature: 'inbox-triage' } }),
  // batch at gpt-4o's batch rate: 100k x $1.25 + 10k x $5 = $0.175; gpt-4o's own 30% off: $0.1225
  step({ step_id: 'b', model: 'gpt-4o', input_tokens: 100_000, output_tokens: 10_000, batch: true, tags: { feature: 'smart-compose' } }),
  // list: 100k x $2.50 + 10k x $10 = $0.35; 30% off: $0.245
  step({ step_id: 'c', model: 'gpt-4o', input_tokens: 100_000, output_tokens: 10_000, tags: { feature: 'smart-compose' } }),
  // Anthropic Message Batches result (service_tier batch), no batch rate, no terms: 50% of 200k x $3 + 20k x $15 = $0.45; no discount
  step({ step_id: 'd', provider: 'anthropic', model: 'claude-sonnet-4', input_tokens: 200_000, output_tokens: 20_000, service_tier: 'batch', tags: { feature: 'contract-redline' } }),
  // the record's own cost is authoritative: list = effective = $0.50
  step({ step_id: 'e', model: 'gpt-4o-mini', input_tokens: 1000, output_tokens: 10, cost_usd: 0.5 }),
  // November, outside both credits: list 1M x $0.15 = $0.15; 20% off: $0.12
  step({ step_id: 'f', ts: '2026-11-02T09:00:00.000Z', model: 'gpt-4o-mini', input_tokens: 1_000_000, output_tokens: 0, tags: { feature: 'inbox-triage' } }),
].join('\n');

const micros = (usd: number) => Math.round(usd * 1e6);
const sum = (rows: { costUsd: number }[]) => rows.reduce((s, r) => s + micros(r.costUsd), 0);

function stepOf(fields: Partial<StepRecord>): StepRecord {
  return {
    ts: Date.parse('2026-10-03T00:00:00Z'), stepId: null, parentStepId: null, kind: 'model', provider: null, model: null,
    inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, costUsd: null, tool: null, toolOwner: null,
    tags: {}, traceId: null, structural: false, leafOnly: false, usageAbsent: false, ...fields,
  };
}

describe('pricing beyond list prices', () => {
  it('keeps list and effective cost per step, per pricing row and in totals; credits are one line', async () => {
    const { result, analysis } = await reportOn({ 'm.jsonl': LOG }, { pricing: table });
    const t = result.totals;
    // list: 210,000 + 175,000 + 350,000 + 450,000 + 500,000 + 150,000
    expect(micros(t.listCostUsd)).toBe(1_835_000);
    // effective: 168,000 + 122,500 + 245,000 + 450,000 + 500,000 + 120,000
    expect(micros(t.costUsd)).toBe(1_605_500);
    expect(micros(t.discountUsd)).toBe(229_500);
    // startup: openai in October spent 168,000 + 122,500 + 245,000 + 500,000 = 1,035,500, so all $1 is used;
    // the second credit (any provider, Oct 1-3) takes the 35,500 openai has left and anthropic's 450,000.
    expect(result.credits).toEqual([
      { name: 'startup', provider: 'openai', from: '2026-10-01', to: '2026-10-31', amountUsd: 1, appliedUsd: 1, unusedUsd: 0, byProvider: [{ provider: 'openai', appliedUsd: 1 }], source: 'terms.yaml' },
      {
        name: 'credits[1]', provider: null, from: '2026-10-01', to: '2026-10-03', amountUsd: 100, appliedUsd: 0.4855, unusedUsd: 99.5145,
        byProvider: [{ provider: 'anthropic', appliedUsd: 0.45 }, { provider: 'openai', appliedUsd: 0.0355 }], source: 'terms.yaml',
      },
    ]);
    expect(micros(t.creditsUsd)).toBe(1_485_500);
    // billed: only the November step is left to pay
    expect(micros(t.billedCostUsd)).toBe(120_000);
    // Credits are not spread: every group list still sums to the (effective) total.
    for (const rows of [result.byFeature, result.byTeam, result.byModel, result.byTenant, result.pricing]) expect(sum(rows)).toBe(1_605_500);
    expect(result.pricing.reduce((s, r) => s + micros(r.listCostUsd), 0)).toBe(1_835_000);

    const rowOf = (model: string, batch: boolean) => result.pricing.find((r) => r.model === model && (r.batch !== null) === batch)!;
    expect(rowOf('gpt-4o', true)).toMatchObject({ kind: 'table', entry: 'gpt-4o', steps: 1, costUsd: 0.1225, listCostUsd: 0.175, batch: { rate: 'table', pct: null }, discount: { pct: 30, scope: 'model', provider: 'openai', model: 'gpt-4o' } });
    expect(rowOf('gpt-4o', false)).toMatchObject({ steps: 1, costUsd: 0.245, listCostUsd: 0.35, batch: null, discount: { pct: 30, scope: 'model' } });
    expect(rowOf('claude-sonnet-4', true)).toMatchObject({ costUsd: 0.45, listCostUsd: 0.45, batch: { rate: 'multiplier', pct: 50 }, discount: null });
    expect(result.pricing.find((r) => r.kind === 'record')).toMatchObject({ costUsd: 0.5, listCostUsd: 0.5, batch: null, discount: null });
    expect(result.pricing.find((r) => r.model === 'gpt-4o-mini' && r.kind === 'table')).toMatchObject({ steps: 2, costUsd: 0.288, listCostUsd: 0.36, discount: { pct: 20, scope: 'provider', provider: 'openai', model: null } });

    // Step e's own cost is not discounted, and the report says so.
    expect(result.warnings).toEqual([
      {
        code: 'discount-not-applied',
        message: '1 step of provider openai carries its own cost ($0.50), taken as billed: the 20% discount of the pricing file was not applied to it',
        hint: expect.stringContaining('Log tokens without a cost'),
        count: 1,
      },
    ]);
    // Per step, as `attrib runs` shows it.
    const b = analysis.step(1);
    expect([b.stepId, b.costUsd, b.listCostUsd]).toEqual(['b', 0.1225, 0.175]);
    // No run tag and no trace id: step b is a run of its own.
    const ledger = runLedger(analysis, analysis.step(1).run)!;
    expect(ledger.roots.map((r) => [r.stepId, r.costUsd, r.listCostUsd])).toEqual([['b', 0.1225, 0.175]]);
    expect(schemaErrors('runs', JSON.parse(JSON.stringify(ledger)))).toEqual([]);
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });

  it('FOCUS: ListCost vs EffectiveCost per usage row, one Credit row per credit and provider; BilledCost sums to the bill', async () => {
    const { analysis } = await reportOn({ 'm.jsonl': LOG }, { pricing: table });
    const [header, ...rows] = parseCsv(formatFocus(focusRows(analysis))) as string[][];
    const col = (name: string) => rows.map((r) => r[header!.indexOf(name)]!);
    const total = (name: string, category?: string) => col(name).reduce((s, v, i) => (category === undefined || col('ChargeCategory')[i] === category ? s + micros(Number(v)) : s), 0);
    expect(total('ListCost', 'Usage')).toBe(1_835_000);
    expect(total('EffectiveCost', 'Usage')).toBe(1_605_500);
    expect(total('BilledCost', 'Usage')).toBe(1_605_500);
    expect(total('BilledCost', 'Credit')).toBe(-1_485_500);
    // The bill: 1,605,500 - 1,485,500.
    expect(total('BilledCost')).toBe(120_000);
    const credits = rows.filter((r) => r[header!.indexOf('ChargeCategory')] === 'Credit').map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    expect(credits.map((c) => [c.ProviderName, c.BilledCost, c.ListCost, c.EffectiveCost, c.ChargePeriodStart, c.ChargePeriodEnd, c.ConsumedQuantity, c.ChargeFrequency])).toEqual([
      ['openai', '-1', '-1', '-1', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', '', 'One-Time'],
      ['anthropic', '-0.45', '-0.45', '-0.45', '2026-10-01T00:00:00Z', '2026-10-04T00:00:00Z', '', 'One-Time'],
      ['openai', '-0.0355', '-0.0355', '-0.0355', '2026-10-01T00:00:00Z', '2026-10-04T00:00:00Z', '', 'One-Time'],
    ]);
    // gpt-4o's row (steps b and c, same day and tags): list 0.175 + 0.35, effective 0.1225 + 0.245.
    const gpt4o = rows.filter((r) => r[header!.indexOf('SkuId')] === 'gpt-4o');
    expect(gpt4o.map((r) => [r[header!.indexOf('ListCost')], r[header!.indexOf('EffectiveCost')], r[header!.indexOf('BilledCost')]])).toEqual([['0.525', '0.3675', '0.3675']]);
  });

  it('a credit never makes the bill negative and stops at the spend it covers', async () => {
    const pricing = parsePricing('version: 1\nmodels:\n  m: { provider: openai, input: 1.00, output: 0 }\ncredits:\n  - { amount_usd: 5, period: 2026-10 }\n  - { amount_usd: 5, provider: anthropic, period: 2026-10 }\n', 'c.yaml');
    // 2M tokens x $1 = $2 of spend; the first $5 credit covers it all, the anthropic credit finds no anthropic spend.
    const { result } = await reportOn({ 'm.jsonl': step({ step_id: 's', model: 'm', input_tokens: 2_000_000 }) }, { pricing });
    expect(result.credits.map((c) => [c.appliedUsd, c.unusedUsd])).toEqual([[2, 3], [0, 5]]);
    expect([result.totals.costUsd, result.totals.creditsUsd, result.totals.billedCostUsd]).toEqual([2, 2, 0]);
  });

  it('batch: the published batch rate applies from the current price on; older batch steps are list x batch_pct', () => {
    const dated = parsePricing(
      `version: 1
providers:
  azure.openai: { batch_pct: 40 }
models:
  m:
    provider: openai
    input: 2.00
    output: 8.00
    from: 2026-06-01
    batch: { input: 0.90, output: 3.00 }
    history:
      - { from: 2026-01-01, input: 3.00, output: 12.00 }
`,
      'b.yaml',
    );
    const pricer = new Pricer(dated, false);
    const tokens = { model: 'm', inputTokens: 1_000_000, outputTokens: 100_000, batch: true };
    // current batch rate: $0.90 + 100k x $3 = $1.20
    expect(pricer.price(stepOf({ ...tokens, ts: Date.parse('2026-07-01') }))).toMatchObject({ micros: 1_200_000, listMicros: 1_200_000 });
    // March: the older list price, $3 + 100k x $12 = $4.20, x 40% (azure.openai is openai) = $1.68
    const march = pricer.price(stepOf({ ...tokens, ts: Date.parse('2026-03-01') }));
    expect(march).toMatchObject({ micros: 1_680_000, listMicros: 1_680_000 });
    expect(pricer.refs[march.ref]!.price).toMatchObject({ kind: 'table', effectiveFrom: '2026-01-01', terms: { batch: { rate: 'multiplier', pct: 40 }, discount: null } });
    // not batch: list, $2 + $0.80
    expect(pricer.price(stepOf({ ...tokens, batch: false, ts: Date.parse('2026-07-01') })).micros).toBe(2_800_000);
  });

  it('the fallback catalogue: batch is list x the default 50%, and the provider discount applies', () => {
    const google = parsePricing('version: 1\nmodels: {}\nproviders:\n  gemini: { discount_pct: 10 }\n', 'g.yaml');
    const pricer = new Pricer(google, true);
    // the catalogue's list price is $0.30 + $2.50 per 1M: $2.80; batch 50%: $1.40; 10% off: $1.26
    const priced = pricer.price(stepOf({ model: 'gemini-2.5-flash', provider: 'google', inputTokens: 1_000_000, outputTokens: 1_000_000, batch: true }));
    expect(priced).toMatchObject({ micros: 1_260_000, listMicros: 1_400_000 });
    expect(pricer.refs[priced.ref]!.price).toMatchObject({ kind: 'fallback', terms: { batch: { rate: 'multiplier', pct: 50 }, discount: { pct: 10, scope: 'provider', provider: 'google', model: null } } });
  });

  it('a per-model discount follows the price that priced the step (a dated snapshot of gpt-4o) and wins over the provider', () => {
    const pricer = new Pricer(table, false);
    // gpt-4o-2024-08-06 is priced by gpt-4o: 1M x $2.50 = $2.50; 30% off (not 20%): $1.75
    expect(pricer.price(stepOf({ model: 'gpt-4o-2024-08-06', inputTokens: 1_000_000 }))).toMatchObject({ micros: 1_750_000, listMicros: 2_500_000 });
    // gpt-4o-mini is its own entry, and gpt-4o's discount is not its: 1M x $0.15 = $0.15, openai's 20% off: $0.12
    expect(pricer.price(stepOf({ model: 'gpt-4o-mini-2024-07-18', inputTokens: 1_000_000 }))).toMatchObject({ micros: 120_000, listMicros: 150_000 });
    // 12.5% off $0.15 (1M gpt-4o-mini tokens): $0.13125
    const fractional = parsePricing('version: 1\nmodels:\n  gpt-4o-mini: { provider: openai, input: 0.15, output: 0.60 }\nproviders:\n  openai: { discount_pct: 12.5 }\n', 'f.yaml');
    expect(new Pricer(fractional, false).price(stepOf({ model: 'gpt-4o-mini', inputTokens: 1_000_000 })).micros).toBe(131_250);
  });

  it('a --pricing file adds credits and replaces same-provider terms of the bundled list', () => {
    const merged = mergePricing(table, parsePricing('version: 1\nmodels: {}\nproviders:\n  openai: { discount_pct: 5 }\ncredits:\n  - { amount_usd: 1, period: 2026-12 }\n', 'extra.yaml'));
    expect(merged.providers.get('openai')).toMatchObject({ discountPct: 5, source: 'extra.yaml', modelDiscounts: new Map() });
    expect(merged.credits.map((c) => c.source)).toEqual(['terms.yaml', 'terms.yaml', 'extra.yaml']);
  });

  it('rejects bad terms with file:line:col and the rule id', () => {
    const bad = (text: string) => () => parsePricing(`version: 1\nmodels: {}\n${text}`, 'p.yaml');
    expect(bad('providers:\n  openai: { discount_pct: 120 }\n')).toThrow(/^p\.yaml:4:27: providers\.openai\.discount_pct must be a percentage from 0 to 100, not 120 \(pricing-discount\)$/);
    expect(bad('providers:\n  openai: { discount_pct: .nan }\n')).toThrow(/p\.yaml:4:27: .*not NaN \(pricing-discount\)$/);
    expect(bad('providers:\n  openai:\n    models:\n      gpt-4o: { discount_pct: -1 }\n')).toThrow(/^p\.yaml:6:31: providers\.openai\.models\.gpt-4o\.discount_pct .* \(pricing-discount\)$/);
    expect(bad('providers:\n  openai: { batch_pct: 150 }\n')).toThrow(/\(pricing-batch\)$/);
    expect(bad('providers:\n  openai: { discount: 10 }\n')).toThrow(/^p\.yaml:4:23: providers\.openai: unknown field `discount` .* \(pricing-terms\)$/);
    expect(bad('providers:\n  openai: {}\n  azure.openai: {}\n')).toThrow(/^p\.yaml:5:17: providers\.azure\.openai: provider openai is listed twice .* \(pricing-terms\)$/);
    expect(bad('credits:\n  - { amount_usd: -5, period: 2026-10 }\n')).toThrow(/^p\.yaml:4:19: credits\[0\]\.amount_usd must be a positive number of USD up to 1000000000, not -5 \(pricing-credit\)$/);
    expect(bad('credits:\n  - { amount_usd: .inf, period: 2026-10 }\n')).toThrow(/not Infinity \(pricing-credit\)$/);
    expect(bad('credits:\n  - { amount_usd: 5, period: 2026-13 }\n')).toThrow(/^p\.yaml:4:30: credits\[0\]\.period must be a month \(YYYY-MM\) \(pricing-credit\)$/);
    expect(bad('credits:\n  - { amount_usd: 5, from: 2026-10-05, to: 2026-10-01 }\n')).toThrow(/to \(2026-10-01\) is before from \(2026-10-05\)/);
    expect(bad('credits:\n  - { amount_usd: 5, from: 2026-02-30, to: 2026-03-01 }\n')).toThrow(/from is not a date/);
    expect(bad('credits:\n  - { amount_usd: 5 }\n')).toThrow(/needs period \(YYYY-MM\) or from and to/);
    expect(() => parsePricing('version: 1\nmodels:\n  m: { input: 1, output: 1, batch: { input: 1, output: 1, from: 2026-01-01 } }\n', 'p.yaml')).toThrow(/^p\.yaml:3:36: models\.m\.batch: only input, cached_input, cache_write, output .* \(pricing-batch\)$/);
    expect(bad('credits: 5\n')).toThrow(ConfigError);
  });

  it('a batch value that is not true or false skips the record, loudly; CSV true/false and service_tier are read', async () => {
    const { result } = await reportOn({ 'm.jsonl': step({ step_id: 'x', batch: 'yes', input_tokens: 10 }) }, { pricing: table });
    expect(result.skipped).toEqual([{ file: 'm.jsonl', line: 1, reason: 'batch must be true or false, not "yes"' }]);
    const csv = 'step_id,ts,kind,provider,model,input_tokens,output_tokens,batch,service_tier\ny,2026-10-03T00:00:00Z,model,openai,gpt-4o,1000000,0,true,\nz,2026-10-03T00:00:00Z,model,anthropic,claude-sonnet-4,1000000,0,false,batch\n';
    const { result: fromCsv } = await reportOn({ 's.csv': csv }, { pricing: table });
    // y: batch rate $1.25, 30% off: $0.875 (list $1.25); z: batch false wins over service_tier: $3.00
    expect(fromCsv.pricing.map((r) => [r.model, r.batch?.rate ?? null, r.costUsd, r.listCostUsd])).toEqual([
      ['claude-sonnet-4', null, 3, 3],
      ['gpt-4o', 'table', 0.875, 1.25],
    ]);
  });

  it('the CLI exits 2 on a bad discount, naming the place; the bundled list still conforms to the schema', () => {
    const dir = writeLogs({ 'm.jsonl': step({}), 'p.yaml': 'version: 1\nmodels: {}\nproviders:\n  openai: { discount_pct: 101 }\n' });
    const run = runCli(['report', 'm.jsonl', '--pricing', 'p.yaml', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('p.yaml:4:27: providers.openai.discount_pct must be a percentage from 0 to 100, not 101 (pricing-discount)');
    // A good file: the table header says list, discounts, credits and billed (1M x $0.15 = $0.15 list, 20% off $0.12, $0.10 credit, $0.02 billed).
    writeFileSync(path.join(dir, 'ok.yaml'), 'version: 1\nmodels: {}\nproviders:\n  openai: { discount_pct: 20 }\ncredits:\n  - { amount_usd: 0.1, period: 2026-10 }\n');
    writeFileSync(path.join(dir, 'n.jsonl'), step({ step_id: 'n', input_tokens: 1_000_000 }));
    const ok = runCli(['report', 'n.jsonl', '--pricing', 'ok.yaml', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('list $0.15, discounts -$0.03, credits -$0.10, billed $0.02');
    expect(schemaErrors('pricing', parse(readFileSync(path.join(repoRoot, 'rules/pricing.yaml'), 'utf8')))).toEqual([]);
    expect(schemaErrors('pricing', parse(TERMS))).toEqual([]);
  });
});
