import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePricing } from '../../src/report/pricing-table.js';
import { reportOn, step } from './helpers.js';

const micros = (usd: number) => Math.round(usd * 1e6);

const stepArb = fc.record({
  provider: fc.constantFrom('openai', 'anthropic', 'azure.openai'),
  day: fc.integer({ min: 1, max: 6 }),
  input: fc.integer({ min: 0, max: 3_000_000 }),
  output: fc.integer({ min: 0, max: 300_000 }),
  batch: fc.boolean(),
  own: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
});
const creditArb = fc.record({
  amount: fc.integer({ min: 1, max: 3_000_000 }),
  provider: fc.option(fc.constantFrom('openai', 'anthropic'), { nil: undefined }),
  from: fc.integer({ min: 1, max: 6 }),
  days: fc.integer({ min: 0, max: 5 }),
});

describe('discounts and credits: properties', () => {
  it('list >= effective per step; groups sum to the effective total; credits never exceed their amount or the spend; billed >= 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        fc.array(creditArb, { maxLength: 3 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        async (steps, credits, discount, batchPct) => {
          const day = (d: number) => `2026-10-0${d}`;
          const pricing = parsePricing(
            [
              'version: 1',
              'models:',
              '  m-open: { provider: openai, input: 2.00, output: 8.00, batch: { input: 1.00, output: 4.00 } }',
              '  m-anth: { provider: anthropic, input: 3.00, output: 15.00 }',
              'providers:',
              `  openai: { discount_pct: ${discount} }`,
              `  anthropic: { batch_pct: ${batchPct}, models: { m-anth: { discount_pct: ${100 - discount} } } }`,
              ...(credits.length === 0 ? [] : ['credits:', ...credits.map((c) => `  - { amount_usd: ${c.amount / 1e6}, from: ${day(c.from)}, to: ${day(Math.min(9, c.from + c.days))}${c.provider ? `, provider: ${c.provider}` : ''} }`)]),
            ].join('\n'),
            'prop.yaml',
          );
          const log = steps
            .map((s, i) =>
              step({
                step_id: `s${i}`,
                ts: `${day(s.day)}T10:00:00.000Z`,
                provider: s.provider,
                model: s.provider === 'anthropic' ? 'm-anth' : 'm-open',
                input_tokens: s.input,
                output_tokens: s.output,
                batch: s.batch,
                ...(s.own === undefined ? {} : { cost_usd: s.own / 1e6 }),
              }),
            )
            .join('\n');
          const { result, analysis } = await reportOn({ 'p.jsonl': log }, { pricing, since: '2026-10-01', until: '2026-10-31' });
          let effective = 0;
          let list = 0;
          for (let i = 0; i < analysis.size; i++) {
            const s = analysis.step(i);
            expect(micros(s.listCostUsd)).toBeGreaterThanOrEqual(micros(s.costUsd));
            effective += micros(s.costUsd);
            list += micros(s.listCostUsd);
          }
          expect(micros(result.totals.costUsd)).toBe(effective);
          expect(micros(result.totals.listCostUsd)).toBe(list);
          for (const rows of [result.byFeature, result.byTeam, result.byModel, result.pricing]) expect(rows.reduce((t, r) => t + micros(r.costUsd), 0)).toBe(effective);
          let applied = 0;
          result.credits.forEach((c, k) => {
            const spec = credits[k]!;
            const covered = steps.reduce((t, s, i) => {
              const inDays = s.day >= spec.from && s.day <= spec.from + spec.days;
              const provider = s.provider === 'anthropic' ? 'anthropic' : 'openai';
              return inDays && (spec.provider === undefined || spec.provider === provider) ? t + micros(analysis.step(i).costUsd) : t;
            }, 0);
            expect(micros(c.appliedUsd)).toBeLessThanOrEqual(Math.min(spec.amount, covered));
            expect(micros(c.appliedUsd) + micros(c.unusedUsd)).toBe(spec.amount);
            expect(c.byProvider.reduce((t, p) => t + micros(p.appliedUsd), 0)).toBe(micros(c.appliedUsd));
            applied += micros(c.appliedUsd);
          });
          expect(micros(result.totals.creditsUsd)).toBe(applied);
          expect(micros(result.totals.billedCostUsd)).toBe(effective - applied);
          expect(result.totals.billedCostUsd).toBeGreaterThanOrEqual(0);
          // One credit covering everyone and every day takes exactly min(amount, spend).
          if (credits.length === 1 && credits[0]!.provider === undefined && credits[0]!.from === 1 && credits[0]!.days === 5) {
            expect(micros(result.totals.creditsUsd)).toBe(Math.min(credits[0]!.amount, effective));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
