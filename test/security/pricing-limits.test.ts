/**
 * Pricing files (issue 10, crashes and hangs): an alias bomb and `input: 1e308` were internal errors,
 * 20k models took 10 s (a lookup by name per model), and there was no size cap.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/util/errors.js';
import { MAX_PRICING_BYTES, MAX_PRICE_USD, loadPricing, parsePricing } from '../../src/report/pricing-table.js';

const dir = mkdtempSync(path.join(tmpdir(), 'attrib-pricing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pricing file limits', () => {
  it('an alias bomb is a ConfigError that says so', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const bomb = `version: 1\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nmodels: {}\n`;
    expect(() => parsePricing(bomb, 'p.yaml')).toThrow(ConfigError);
    expect(() => parsePricing(bomb, 'p.yaml')).toThrow('p.yaml: aliases expand to more than 100 nodes; attrib refuses alias bombs');
  });

  it.each([
    ['1e308', 'input: 1e308, output: 1', 'p.yaml:3:15: models.x.input must be a number of USD per 1M tokens from 0 to 100000, not 1e+308'],
    ['.inf', 'input: 1, output: .inf', 'p.yaml:3:26: models.x.output must be a number of USD per 1M tokens from 0 to 100000, not Infinity'],
    ['a string', 'input: 1, output: 1, cached_input: "2"', 'p.yaml:3:43: models.x.cached_input must be a number of USD per 1M tokens from 0 to 100000'],
  ])('a price of %s is refused at its line and column', (_, fields, message) => {
    expect(() => parsePricing(`version: 1\nmodels:\n  x: { ${fields} }\n`, 'p.yaml')).toThrow(message);
  });

  it('accepts the largest price, which stays an exact integer of micro-dollars', () => {
    const table = parsePricing(`version: 1\nmodels:\n  x: { input: ${MAX_PRICE_USD}, output: 0.000001 }\n`, 'p.yaml');
    // $100,000 per 1M tokens = 1e11 micro-dollars per 1M; $0.000001 = 1 micro-dollar.
    expect([table.models.get('x')!.rates[0]!.input, table.models.get('x')!.rates[0]!.output]).toEqual([1e11, 1]);
  });

  it('points at the model in a large file (positions come from the document, in one pass) and at a duplicate', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `  m${i}: { input: 1, output: 2 }`);
    lines[4_999] = '  m4999: { input: 1, output: -2 }';
    // Line 2 + 5,000 = line 5,002; `  m4999: { input: 1, output: ` is 29 characters.
    expect(() => parsePricing(`version: 1\nmodels:\n${lines.join('\n')}\n`, 'p.yaml')).toThrow('p.yaml:5002:30: models.m4999.output must be');
    lines[4_999] = '  m0: { input: 1, output: 2 }';
    expect(() => parsePricing(`version: 1\nmodels:\n${lines.join('\n')}\n`, 'p.yaml')).toThrow('p.yaml:5002:3: duplicate key `m0`');
    lines[4_999] = '  m4999: { input: 1, output: 2 }';
    expect(parsePricing(`version: 1\nmodels:\n${lines.join('\n')}\n`, 'p.yaml').models.size).toBe(5_000);
    expect(() => parsePricing('version: 1\nmodels:\n  x: { input: 1, input: 2, output: 1 }\n', 'p.yaml')).toThrow('p.yaml:3:18: duplicate key `input`');
  });

  it(`refuses a --pricing file over ${MAX_PRICING_BYTES} bytes before parsing it`, async () => {
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, `version: 1\nmodels: {}\n#${'x'.repeat(MAX_PRICING_BYTES)}\n`);
    await expect(loadPricing({ cwd: dir, file: 'huge.yaml' })).rejects.toThrow(`pricing file huge.yaml is ${MAX_PRICING_BYTES + 24} bytes; attrib reads at most ${MAX_PRICING_BYTES}`);
  });
});
