import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { TEST_TAXONOMY, writeProject } from './rule-tester.js';

const SOURCE = `import OpenAI from 'openai';
const openai = new OpenAI();
export class Planner {
  async plan() {
    return openai.chat.completions.create({ model: 'gpt-4o', messages: [] });
  }
}
export const summarize = async () => {
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
  return [1, 2].map(() => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }));
};
const agents = { 'route/me': () => openai.embeddings.create({ model: 'm', input: 'x' }) };
openai.embeddings.create({ model: 'm', input: 'top' });
`;

const idsOf = async (cwd: string) => (await lint({ cwd, taxonomy: TEST_TAXONOMY })).callSites.map((s) => [s.line, s.callSiteId]);

describe('callSiteId', () => {
  it('names file, enclosing named functions, callee and ordinal; anonymous callbacks add no scope', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    expect(await idsOf(cwd)).toEqual([
      [5, 'src/agent.ts#Planner.plan/chat.completions.create#1'],
      [9, 'src/agent.ts#summarize/chat.completions.create#1'],
      [10, 'src/agent.ts#summarize/chat.completions.create#2'],
      [12, 'src/agent.ts#route%2Fme/embeddings.create#1'],
      [13, 'src/agent.ts#(top)/embeddings.create#1'],
    ]);
  });

  it('is unchanged when lines are inserted above and between the calls', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    const before = (await idsOf(cwd)).map(([, id]) => id);
    const shifted = `// header\n\n${SOURCE.replace('export const summarize', '/** docs */\nexport function unrelated() {}\nexport const summarize')}`;
    writeFileSync(path.join(cwd, 'src/agent.ts'), shifted);
    const after = await idsOf(cwd);
    expect(after.map(([, id]) => id)).toEqual(before);
    expect(after[0]![0]).toBe(7);
  });

  it('a same call added before an existing one renumbers deterministically; other scopes keep their ids', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    const added = SOURCE.replace("export const summarize = async () => {\n", "export const summarize = async () => {\n  await openai.chat.completions.create({ model: 'o1', messages: [] });\n");
    writeFileSync(path.join(cwd, 'src/agent.ts'), added);
    const ids = (await idsOf(cwd)).map(([, id]) => id);
    expect(ids).toEqual([
      'src/agent.ts#Planner.plan/chat.completions.create#1',
      'src/agent.ts#summarize/chat.completions.create#1',
      'src/agent.ts#summarize/chat.completions.create#2',
      'src/agent.ts#summarize/chat.completions.create#3',
      'src/agent.ts#route%2Fme/embeddings.create#1',
      'src/agent.ts#(top)/embeddings.create#1',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('percent-encodes # and % in the file name so the id splits back into its parts', async () => {
    const cwd = writeProject({ 'src/a#b%.ts': SOURCE });
    expect((await idsOf(cwd))[0]![1]).toBe('src/a%23b%25.ts#Planner.plan/chat.completions.create#1');
  });
});
