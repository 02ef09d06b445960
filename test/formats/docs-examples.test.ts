/**
 * The output examples of docs/report-formats.md are real output: each block between
 * `<!-- generated: NAME -->` and `<!-- /generated -->` must be what the formatter prints for
 * EXAMPLES[NAME] over fixtures/report-results/month.json. `npm run docs:examples` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format as table } from '../../src/formats/table.js';
import { format as csv } from '../../src/formats/csv.js';
import { format as markdown } from '../../src/formats/markdown.js';
import { loadResult, plain } from './report-fixtures.js';

const DOC = new URL('../../docs/report-formats.md', import.meta.url);
const month = loadResult('month');
const owners = { features: new Map([['contract-redline', 'lee@example.com']]), teams: new Map([['legal', 'lee@example.com']]) };

const EXAMPLES: Readonly<Record<string, () => string>> = {
  'table-feature': () => table(month, { ...plain, by: ['feature'] }),
  'table-feature-80': () => table(month, { ...plain, by: ['feature'], columns: 80, owners }),
  'csv-feature': () => csv(month, plain),
  'csv-model-environment': () => csv(month, { ...plain, by: ['model', 'environment'] }),
  'markdown-feature-top3': () => markdown(month, { ...plain, by: ['feature'], top: 3, owners }),
};

const BLOCK = /(<!-- generated: ([\w-]+) -->\n```\w*\n)([\s\S]*?)(```\n<!-- \/generated -->)/g;

describe('docs/report-formats.md examples', () => {
  const doc = readFileSync(DOC, 'utf8');
  const found = [...doc.matchAll(BLOCK)].map((m) => m[2]!);

  it('has every example, once', () => {
    expect(found.sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  if (process.env.ATTRIB_UPDATE_DOCS === '1') {
    writeFileSync(DOC, doc.replace(BLOCK, (_all, open: string, name: string, _old: string, close: string) => `${open}${EXAMPLES[name]!()}${close}`));
  }

  for (const name of Object.keys(EXAMPLES)) {
    it(`shows what attrib prints: ${name}`, () => {
      const text = readFileSync(DOC, 'utf8');
      const block = [...text.matchAll(BLOCK)].find((m) => m[2] === name);
      expect(block?.[3], `run npm run docs:examples to refresh ${name}`).toBe(EXAMPLES[name]!());
    });
  }
});
