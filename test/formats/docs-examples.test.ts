/**
 * The output examples of docs/report-formats.md and README.md are real output: each block between
 * `<!-- generated: NAME -->` and `<!-- /generated -->` must be what EXAMPLES[NAME] prints: the
 * formatters over fixtures/report-results/month.json, and the built CLI (dist/, `npm run build`)
 * over the fixture logs for the README. `npm run docs:examples` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format as table } from '../../src/formats/table.js';
import { format as csv } from '../../src/formats/csv.js';
import { format as markdown } from '../../src/formats/markdown.js';
import { loadResult, plain } from './report-fixtures.js';
import { runCli } from '../helpers/cli.js';

const DOCS = [new URL('../../docs/report-formats.md', import.meta.url), new URL('../../README.md', import.meta.url)];
const month = loadResult('month');
const owners = { features: new Map([['contract-redline', 'lee@example.com']]), teams: new Map([['legal', 'lee@example.com']]) };

const EXAMPLES: Readonly<Record<string, () => string>> = {
  'table-feature': () => table(month, { ...plain, by: ['feature'] }),
  'table-feature-80': () => table(month, { ...plain, by: ['feature'], columns: 80, owners }),
  'csv-feature': () => csv(month, plain),
  'csv-model-environment': () => csv(month, { ...plain, by: ['model', 'environment'] }),
  'markdown-feature-top3': () => markdown(month, { ...plain, by: ['feature'], top: 3, owners }),
  // The README shows the head of the real report over the fixture logs (a pipe: natural width).
  'readme-report': () => {
    const run = runCli(['report', '--by', 'feature'], { cwd: new URL('../../fixtures/', import.meta.url).pathname });
    return `$ cd fixtures && npx attrib report --by feature\n${run.stdout.split('\n').slice(0, 11).join('\n')}\n...\n`;
  },
};

const BLOCK = /(<!-- generated: ([\w-]+) -->\n```\w*\n)([\s\S]*?)(```\n<!-- \/generated -->)/g;

describe('generated examples in the docs', () => {
  if (process.env.ATTRIB_UPDATE_DOCS === '1') {
    for (const doc of DOCS) {
      const text = readFileSync(doc, 'utf8');
      writeFileSync(doc, text.replace(BLOCK, (_all, open: string, name: string, _old: string, close: string) => `${open}${EXAMPLES[name]!()}${close}`));
    }
  }
  const blocks = DOCS.flatMap((doc) => [...readFileSync(doc, 'utf8').matchAll(BLOCK)].map((m) => ({ name: m[2]!, text: m[3]! })));

  it('has every example, once', () => {
    expect(blocks.map((b) => b.name).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  for (const name of Object.keys(EXAMPLES)) {
    it(`shows what attrib prints: ${name}`, () => {
      expect(blocks.find((b) => b.name === name)?.text, `run npm run docs:examples to refresh ${name}`).toBe(EXAMPLES[name]!());
    });
  }
});
