import { describe, expect, it } from 'vitest';
import { lintFiles } from './rule-tester.js';

/**
 * The text pre-check (src/lint/relevance.ts) skips files that cannot hold a call site. These code
 * bases reach a call site only through names the caller's text does not share with any pack or
 * wrapper, so a pre-check that missed a way a name travels would drop the call.
 */
const WRAPPER = `import OpenAI from 'openai';
const openai = new OpenAI();
/** @attrib-model */
export function complete(opts: { prompt: string; feature: string; tenant: string }) {
  return openai.chat.completions.create({ model: 'm', messages: [] });
}
export default complete;
`;
const TAGS = `{ prompt: 'p', feature: 'inbox-triage', tenant: 'ws_1' }`;

async function callSites(files: Record<string, string>, paths?: string[]) {
  const result = await lintFiles(files, paths ? { paths } : {});
  return result.callSites.map((s) => `${s.file}:${s.line} ${s.sdk} ${s.callee}`);
}

describe('relevance pre-check', () => {
  it('follows export aliases through a barrel and a second alias', async () => {
    expect(
      await callSites({
        'src/lib/llm.ts': WRAPPER,
        'src/lib/index.ts': `export { complete as ask } from './llm';\nexport * from './llm';`,
        'src/query.ts': `import { ask } from './lib';\nexport const query = ask;`,
        'src/app.ts': `import { query } from './query';\nquery(${TAGS});`,
      }),
    ).toEqual(['src/app.ts:2 wrapper query']);
  });

  it('keeps a file that only uses a factory from another file, imported statically or dynamically through a barrel', async () => {
    const models = `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
export function pick(fast: boolean) {
  if (fast) return new ChatAnthropic({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
  return new ChatOpenAI({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
}`;
    expect(
      await callSites(
        {
          'src/models.ts': models,
          'src/barrel.ts': `export { pick as choose } from './models';`,
          'src/app.ts': `import { choose } from './barrel';
const model = choose(true);
model.invoke('x');`,
          'src/lazy.ts': `export async function run() {
  const { choose } = await import('./barrel');
  return choose(false).stream('x');
}`,
        },
        ['src/app.ts', 'src/lazy.ts'],
      ),
    ).toEqual(['src/app.ts:3 langchain invoke', 'src/lazy.ts:3 langchain stream']);
  });

  it('follows default imports of a wrapper (`export default`, `module.exports =`)', async () => {
    expect(
      await callSites({
        'src/llm.ts': WRAPPER,
        'src/cjs.js': `const { complete } = require('./llm');\nmodule.exports = complete;`,
        'src/a.ts': `import think from './llm';\nthink(${TAGS});`,
        'src/b.ts': `import reason from './cjs';\nreason(${TAGS});`,
      }),
    ).toEqual(['src/a.ts:2 wrapper think', 'src/b.ts:2 wrapper reason']);
  });

  it('follows `require()` of a module whose whole export is a wrapper, bound or called at once', async () => {
    expect(
      await callSites({
        'src/llm.ts': WRAPPER,
        'src/cjs.js': `const { complete } = require('./llm');\nmodule.exports = complete;`,
        'src/a.js': `const reason = require('./cjs');\nreason(${TAGS});`,
        'src/b.js': `require('./cjs')(${TAGS});`,
      }),
    ).toEqual(['src/a.js:2 wrapper reason', "src/b.js:1 wrapper require('./cjs')"]);
  });

  it('keeps a file that calls a local alias of a default-imported wrapper', async () => {
    expect(
      await callSites({
        'src/llm.ts': WRAPPER,
        'src/a.ts': `import think from './llm';\nconst ask = think;\nconst reason = ask;\nreason(${TAGS});`,
      }),
    ).toEqual(['src/a.ts:4 wrapper reason']);
  });

  it('follows a function returning a client and a class holding one, imported from files outside the lint paths', async () => {
    expect(
      await callSites(
        {
          'lib/clients.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport function llm() { return client; }\nexport class Box { constructor(readonly inner = llm()) {} }`,
          'lib/index.ts': `export { llm as getModel, Box as Holder } from './clients';`,
          'src/app.ts': `import { getModel, Holder } from '../lib';\nconst m = getModel();\nm.embeddings.create({ model: 'e', input: 'x' });\nnew Holder().inner.responses.create({ input: 'x' });`,
        },
        ['src'],
      ),
    ).toEqual(['src/app.ts:3 openai embeddings.create', 'src/app.ts:4 openai responses.create']);
  });

  it('follows a LangChain model with a bound config, exported from a file outside the lint paths', async () => {
    const result = await lintFiles(
      {
        'lib/models.ts': `import { ChatAnthropic } from '@langchain/anthropic';\nconst base = new ChatAnthropic({});\nexport const triage = base.withConfig({ metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });`,
        'src/app.ts': `import { triage as model } from '../lib/models';\nexport const run = () => model.invoke('x');`,
      },
      { paths: ['src'] },
    );
    expect(result.callSites.map((s) => [s.file, s.line, s.sdk, s.callee, s.status])).toEqual([['src/app.ts', 2, 'langchain', 'invoke', 'compliant']]);
  });

  it('maps subpath imports of a pack module to the pack', async () => {
    expect(
      await callSites({
        'src/a.ts': `import OpenAI from 'openai/index';\nnew OpenAI().chat.completions.create({ model: 'm', messages: [] });`,
        'src/b.ts': `import Anthropic from '@anthropic-ai/sdk/index.mjs';\nnew Anthropic().messages.create({ model: 'm', max_tokens: 1, messages: [] });`,
        'src/c.ts': `import { OpenAI } from 'openai-compatible';\nnew OpenAI().chat.completions.create({});`,
      }),
    ).toEqual(['src/a.ts:2 openai chat.completions.create', 'src/b.ts:2 anthropic messages.create']);
  });

  it('does not take a folder in an import path for a call name (the file is not parsed)', async () => {
    // `chat` is a pack method (Cohere's `client.chat`); `../chat/queue` names a folder. The syntax
    // error shows whether the file was parsed: only parsed files report `parse-error`.
    const broken = `const oops = ;\n`;
    const result = await lintFiles({
      'src/chat/queue.ts': `export const size = 1;`,
      'src/paths.ts': `import { size } from './chat/queue';\nexport * from './chat/queue';\nconst lazy = () => import('./chat/queue');\n${broken}`,
      'src/words.ts': `import { size } from './x';\n// then client.chat(...)\n${broken}`,
      'src/quoted.ts': `export const m = x['chat'];\n${broken}`,
    });
    expect(result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file)).toEqual(['src/quoted.ts', 'src/words.ts']);
  });

  it('takes a pack method name only where a call can use it', async () => {
    const broken = `const oops = ;\n`;
    const result = await lintFiles({
      'src/plain.ts': `// start the process: parse the config\nexport const env = process.env;\nconst { parse } = JSON;\n${broken}`,
      'src/member.ts': `export const go = (x: any) => x?.parse;\n${broken}`,
      'src/called.ts': `export const go = () => parse<string>('x');\n${broken}`,
    });
    expect(result.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file)).toEqual(['src/called.ts', 'src/member.ts']);
  });
});
