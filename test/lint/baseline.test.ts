import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { TEST_TAXONOMY, writeProject } from './rule-tester.js';

const SOURCE = `import OpenAI from 'openai';
const openai = new OpenAI();
export async function a() {
  return openai.chat.completions.create({ metadata: { feature: 'inbox-triage' } });
}
export async function b() {
  return openai.embeddings.create({ model: 'm', input: 'x' });
}
`;

async function run(cwd: string, extra: { updateBaseline?: boolean } = {}) {
  return lint({ cwd, taxonomy: TEST_TAXONOMY, baseline: '.attrib-baseline.json', ...extra });
}

describe('baseline', () => {
  it('--update-baseline records every finding; the next run reports none', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    const written = await run(cwd, { updateBaseline: true });
    expect(written.summary).toMatchObject({ errors: 0, baselined: 2, suppressed: 2, violations: 0 });
    const file = JSON.parse(readFileSync(path.join(cwd, '.attrib-baseline.json'), 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.entries.map((e: { ruleId: string; file: string; count: number }) => [e.file, e.ruleId, e.count])).toEqual([
      ['src/agent.ts', 'missing-tags', 1],
      ['src/agent.ts', 'missing-tags', 1],
    ]);
    expect((await run(cwd)).findings).toEqual([]);
  });

  it('entries survive unrelated edits that shift lines; new findings still fail', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    await run(cwd, { updateBaseline: true });
    const shifted = `// a new header comment\n\n${SOURCE}export async function c() {\n  return openai.images.generate({ prompt: 'x' });\n}\n`;
    writeFileSync(path.join(cwd, 'src/agent.ts'), shifted);
    const result = await run(cwd);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['missing-tags', 12]]);
    expect(result.summary).toMatchObject({ baselined: 2, errors: 1, violations: 1, suppressed: 2 });
  });

  it('identical findings are counted: a copy of a baselined call is new', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    await run(cwd, { updateBaseline: true });
    writeFileSync(path.join(cwd, 'src/agent.ts'), `${SOURCE}export const d = () =>\n  openai.embeddings.create({ model: 'm', input: 'x' });\n`);
    expect((await run(cwd)).summary).toMatchObject({ baselined: 2, errors: 1 });
  });

  it('a fixed finding no longer matches, and a changed message is a new finding', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    await run(cwd, { updateBaseline: true });
    writeFileSync(path.join(cwd, 'src/agent.ts'), SOURCE.replace("{ feature: 'inbox-triage' }", "{ feature: 'contract-redline', tenant: 'ws_1' }").replace("model: 'm', input: 'x'", "model: 'm', input: 'x', ['x']: 1"));
    const result = await run(cwd);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['missing-tags', 7]]);
  });

  it('a missing or malformed baseline is a configuration error', async () => {
    const cwd = writeProject({ 'src/agent.ts': SOURCE });
    await expect(run(cwd)).rejects.toThrow(ConfigError);
    writeFileSync(path.join(cwd, '.attrib-baseline.json'), '{"schemaVersion": 1, "entries": [{"file": 1}]}');
    await expect(run(cwd)).rejects.toThrow(/entry 0 needs/);
    writeFileSync(path.join(cwd, '.attrib-baseline.json'), 'not json');
    await expect(run(cwd)).rejects.toThrow(/baseline file .* is invalid/);
  });
});
