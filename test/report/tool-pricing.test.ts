import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { loadPricing, mergePricing, parsePricing } from '../../src/report/pricing-table.js';
import { ConfigError } from '../../src/util/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { parse } from 'yaml';
import { expectAllocation, fixtureTaxonomy, reportOn, step } from './helpers.js';

const TOOLS = `version: 1
models: {}
tools:
  vector-search:
    per_call: 0.0004
  reranker:
    per_call: 0.001
    per_unit: 1.00
    unit: results
    unit_size: 1000
  web-fetch:
    per_unit: 0.05
    unit: gb
`;

async function pricing() {
  return mergePricing(await loadPricing({ cwd: repoRoot }), parsePricing(TOOLS, 'tools.yaml'));
}

const toolStep = (fields: Record<string, unknown>) => step({ kind: 'tool', model: null, provider: null, tags: { feature: 'semantic-search' }, ...fields });

describe('tool prices', () => {
  it('parse into micro-dollars and conform to the schema', () => {
    const table = parsePricing(TOOLS, 'tools.yaml');
    expect(table.tools.get('vector-search')).toEqual({ name: 'vector-search', source: 'tools.yaml', perCall: 400, unit: null });
    expect(table.tools.get('reranker')).toEqual({ name: 'reranker', source: 'tools.yaml', perCall: 1000, unit: { name: 'results', size: 1000, price: 1_000_000 } });
    expect(schemaErrors('pricing', parse(TOOLS))).toEqual([]);
  });

  it.each([
    ['tools:\n  a: { per_call: -1 }', 'tools.a.per_call must be a non-negative number of USD'],
    ['tools:\n  a: { per_unit: 1 }', 'tools.a.unit must name what per_unit counts'],
    ['tools:\n  a: { per_unit: 1, unit: results, unit_size: 0 }', 'tools.a.unit_size must be a positive number'],
    ['tools:\n  a: { unit: gb }', 'tools.a needs per_call, per_unit, or both'],
    ['tools:\n  a: { per_call: 1, per_hit: 2 }', 'tools.a: unknown field `per_hit`'],
    ['tools:\n  a: { per_call: 1, unit: gb }', 'tools.a: unit and unit_size only go with per_unit'],
    ['tools:\n  A: { per_call: 1 }\n  a: { per_call: 2 }', 'tools.a: listed twice'],
    ['tool:\n  a: { per_call: 1 }', 'unknown top-level field `tool`'],
  ])('refuse %j with a precise message', (yaml, message) => {
    const text = `version: 1\nmodels: {}\n${yaml}\n`;
    expect(() => parsePricing(text, 'p.yaml')).toThrow(ConfigError);
    expect(() => parsePricing(text, 'p.yaml')).toThrow(message);
  });

  it('price tool steps without a cost of their own, and the tools section says how each was priced', async () => {
    const { result, analysis } = await reportOn(
      {
        'steps.jsonl': [
          toolStep({ step_id: 'v1', tool: 'vector-search' }),
          toolStep({ step_id: 'v2', tool: 'Vector-Search' }),
          toolStep({ step_id: 'v3', tool: 'vector-search', cost_usd: 0.01 }),
          toolStep({ step_id: 'r1', tool: 'reranker', tool_units: { results: 2500 } }),
          toolStep({ step_id: 'r2', tool: 'reranker' }),
          toolStep({ step_id: 'w1', tool: 'web-fetch', tool_units: { gb: 0.3 } }),
          toolStep({ step_id: 'x1', tool: 'crm-lookup' }),
        ].join('\n'),
      },
      { pricing: await pricing() },
    );
    // v1, v2: 400 each (names compare without case); v3: its own $0.01 = 10000.
    // r1: 1000 + 1,000,000 x 2500 / 1000 = 2,501,000. r2 is priced per result and says none: unpriced.
    // w1: 50,000 x 0.3 = 15,000. x1 has no price: $0, unpriced in the tools section only.
    expect(analysis.step(3)).toMatchObject({ costUsd: 2.501, price: { tool: 'reranker', price: { kind: 'tool', entry: 'tools.reranker', source: 'tools.yaml' } } });
    expect(analysis.step(4)).toMatchObject({ costUsd: 0, unpriced: true });
    // 400 + 400 + 10000 + 2,501,000 + 15,000 = 2,526,800.
    expect(result.totals).toMatchObject({ costUsd: 2.5268, steps: 7, unpricedSteps: 1 });
    const tool = (name: string) => result.tools.find((t) => t.tool === name)!;
    // Most steps first, then by kind.
    expect(tool('vector-search').pricing).toEqual([
      { kind: 'record', source: null, entry: null, steps: 1, costUsd: 0.01 },
      { kind: 'table', source: 'tools.yaml', entry: 'tools.vector-search', steps: 1, costUsd: 0.0004 },
    ]);
    expect(tool('Vector-Search').pricing).toEqual([{ kind: 'table', source: 'tools.yaml', entry: 'tools.vector-search', steps: 1, costUsd: 0.0004 }]);
    expect(tool('reranker').pricing).toEqual([
      { kind: 'table', source: 'tools.yaml', entry: 'tools.reranker', steps: 1, costUsd: 2.501 },
      { kind: 'unpriced', source: null, entry: null, steps: 1, costUsd: 0 },
    ]);
    expect(tool('web-fetch')).toMatchObject({ costUsd: 0.015 });
    expect(tool('crm-lookup').pricing).toEqual([{ kind: 'unpriced', source: null, entry: null, steps: 1, costUsd: 0 }]);
    expect(result.flags).toContainEqual(expect.objectContaining({ kind: 'unpriced', scope: 'tool', key: 'reranker', message: expect.stringContaining('per results, but the steps do not say how many (tool_units.results)') }));
    expect(result.pricing).toContainEqual(expect.objectContaining({ model: null, tool: 'reranker', kind: 'table', entry: 'tools.reranker', match: 'exact', steps: 1, costUsd: 2.501 }));
    expectAllocation(result, expect);
    for (const t of result.tools) {
      expect(t.pricing.reduce((sum, p) => sum + Math.round(p.costUsd * 1e6), 0)).toBe(Math.round(t.costUsd * 1e6));
      expect(t.pricing.reduce((sum, p) => sum + p.steps, 0)).toBe(t.steps);
    }
    expect(schemaErrors('report-result', JSON.parse(JSON.stringify(result)))).toEqual([]);
  });

  it('a bad tool_units is a skipped line, not a guess', async () => {
    const { result } = await reportOn({ 'steps.jsonl': [toolStep({ step_id: 'a', tool: 'reranker', tool_units: { results: -2 } }), toolStep({ step_id: 'b', tool: 'reranker', tool_units: 'many' })].join('\n') });
    expect(result.skipped.map((s) => s.reason)).toEqual(['tool_units.results must be a non-negative number, not -2', 'tool_units must be an object of unit counts, e.g. {"results": 25}, not "many"']);
  });

  it('a Langfuse TOOL observation counts its units in usageDetails', async () => {
    const table = mergePricing(await loadPricing({ cwd: repoRoot }), parsePricing('version: 1\nmodels: {}\ntools:\n  vector-search: { per_call: 0.0004, per_unit: 0.40, unit: results, unit_size: 1000 }\n', 'tools.yaml'));
    const { result } = await analyze({ cwd: repoRoot, taxonomy: fixtureTaxonomy(), paths: ['fixtures/emitters/langfuse/blob-export-observations.csv'], pricing: table, fallbackPricing: false });
    // usage_details {"results": 25}: 400 + 400,000 x 25 / 1000 = 10,400 micro-dollars, charged to the agent's feature.
    expect(result.tools).toEqual([
      { tool: 'vector-search', owner: null, costUsd: 0.0104, steps: 1, consumers: [{ feature: 'contract-redline', costUsd: 0.0104 }], pricing: [{ kind: 'table', source: 'tools.yaml', entry: 'tools.vector-search', steps: 1, costUsd: 0.0104 }] },
    ]);
    // 5000 + 600 (the generations, see emitters.test.ts) + 10,400.
    expect(result.totals.costUsd).toBe(0.016);
  });
});
