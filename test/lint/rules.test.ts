import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

ruleTester('unknown-tag-value, feature-team-mismatch, unknown-tag-key', {
  invalid: [
    {
      name: 'values outside the registry, the values list and the pattern, with did-you-mean',
      files: `import OpenAI from 'openai';
new OpenAI().chat.completions.create({
  metadata: { feature: 'inbox-triag', tenant: 'workspace-1', environment: 'prod' },
});`,
      errors: [
        // An unknown feature names no team to derive.
        { ruleId: 'missing-tags', line: 2, column: 1, missing: ['team'] },
        { ruleId: 'unknown-tag-value', line: 3, column: 24, suggestion: 'inbox-triage' },
        { ruleId: 'unknown-tag-value', line: 3, column: 47 },
        { ruleId: 'unknown-tag-value', line: 3, column: 75, suggestion: 'production' },
      ],
    },
    {
      name: 'a value defined elsewhere is reported at the call',
      files: { 'src/tags.ts': `export const F = 'inbox';`, 'src/index.ts': `import OpenAI from 'openai';\nimport { F } from './tags';\nnew OpenAI().chat.completions.create({ metadata: { feature: F, tenant: 'ws_1' } });` },
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 1, file: 'src/index.ts', missing: ['team'] },
        { ruleId: 'unknown-tag-value', line: 3, column: 1, file: 'src/index.ts', suggestion: 'inbox-triage' },
      ],
    },
    {
      name: "a static team that does not own the feature",
      files: `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage', team: 'legal', tenant: 'ws_1' } });`,
      errors: [{ ruleId: 'feature-team-mismatch', line: 2, column: 83, suggestion: 'mail' }],
    },
    {
      name: 'keys near a tag name in carriers (metadata, headers, tag lists)',
      files: `import OpenAI from 'openai';
new OpenAI().chat.completions.create(
  { metadata: { feature: 'inbox-triage', tenant: 'ws_1', tennant: 'ws_1', Environment: 'eval', user_id: 'u1', tags: ['featur:x'] } },
  { headers: { 'x-attrib-enviroment': 'eval', 'x-request-id': '1' } },
);`,
      errors: [
        { ruleId: 'unknown-tag-key', line: 3, column: 58, suggestion: 'tenant' },
        { ruleId: 'unknown-tag-key', line: 3, column: 75, suggestion: 'environment' },
        { ruleId: 'unknown-tag-key', line: 3, column: 118, suggestion: 'feature' },
        { ruleId: 'unknown-tag-key', line: 4, column: 16, suggestion: 'x-attrib-environment' },
      ],
    },
  ],
});

describe('parse errors', () => {
  it('are reported with file:line:col, and the other files are still linted', async () => {
    const result = await lintFiles({
      'src/broken.ts': `import OpenAI from 'openai';\nexport const x = {\n  a: 1,,\n`,
      'src/ok.ts': `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});`,
    });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['parse-error', 'src/broken.ts', 3, 8],
      ['missing-tags', 'src/ok.ts', 2, 1],
    ]);
    expect(result.summary).toMatchObject({ files: 2, parseErrors: 1, callSites: 1, errors: 2 });
  });

  it('keep the call sites before the first syntax error, checked as usual, and skip those after it', async () => {
    const result = await lintFiles({
      'src/broken.ts': `import OpenAI from 'openai';
const openai = new OpenAI();
openai.embeddings.create({ model: 'e', input: 'x', metadata: { feature: 'inbox-triag', tenant: 'ws_1' } });
openai.responses.create({ input: 'x', metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
openai.responses.create({ input: 'x', metadata: { feature: 'inbox-triage' ,, } });
openai.embeddings.create({ model: 'e', input: 'x' });
`,
    });
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['missing-tags', 3, 1],
      ['unknown-tag-value', 3, 73],
      ['parse-error', 5, 76],
    ]);
    expect(result.findings.find((f) => f.ruleId === 'parse-error')?.message).toMatch(/; call sites from line 5 on were not checked$/);
    // The truncated call on the error line would read as missing `tenant`: it is not checked, nor is the one after it.
    expect(result.callSites.map((s) => [s.line, s.status])).toEqual([
      [3, 'violation'],
      [4, 'compliant'],
    ]);
    expect(result.summary).toMatchObject({ parseErrors: 1, callSites: 2, errors: 3 });
  });

  it('apply suppressions before the syntax error and do not report those after it as unused', async () => {
    const result = await lintFiles({
      'src/broken.ts': `import { generateText } from 'ai';
// attrib-ignore-next-line missing-tags -- legacy batch job
generateText({ model: 'm', prompt: 'p' });
// attrib-ignore-next-line missing-tags -- also legacy
generateText({ model: 'm', prompt: ) });
`,
    });
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['parse-error', 5]]);
    expect(result.callSites.map((s) => [s.line, s.status])).toEqual([[3, 'suppressed']]);
  });

  it('are left to the compiler in files that cannot hold a call site (those are never parsed)', async () => {
    const result = await lintFiles({
      'src/broken.ts': `export const x = {\n  a: 1,,\n`,
      'src/ok.ts': `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({});`,
    });
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([['missing-tags', 'src/ok.ts']]);
    expect(result.summary).toMatchObject({ files: 2, parseErrors: 0, callSites: 1 });
  });

  it('a syntax error in an imported file only stops following it', async () => {
    const result = await lintFiles({
      'src/client.ts': `import OpenAI from 'openai';\nexport const openai = new OpenAI();\nexport const = ;`,
      'src/index.ts': `import { openai } from './client';\nopenai.chat.completions.create({});`,
    });
    expect(result.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['parse-error', 'src/client.ts'],
      ['missing-tags', 'src/index.ts'],
    ]);
  });
});

describe('hostile strings', () => {
  it('survive into findings as data, without crashing or touching prototypes', async () => {
    const evil = '\u001b[31m__proto__\u001b[0m=cmd|/c calc<b>';
    const result = await lintFiles(`import OpenAI from 'openai';
new OpenAI().chat.completions.create({ metadata: { ['__proto__']: 'x', constructor: 'y', feature: ${JSON.stringify(evil)}, tenant: 'ws_1' } });`);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['missing-tags', 'unknown-tag-value']);
    expect(result.findings[1]!.message).toContain(evil);
    expect(result.callSites[0]!.tags.feature).toEqual({ value: evil, source: 'metadata' });
    // A null-prototype map: nothing inherited can be taken for a tag, and `__proto__` cannot replace it.
    expect(Object.getPrototypeOf(result.callSites[0]!.tags)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a taxonomy tag named like an Object.prototype member is just a name', async () => {
    const result = await lintFiles(`import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { toString: 'x', hasOwnProperty: 'y', feature: 'inbox-triage', tenant: 'ws_1' } });`);
    expect(result.findings).toEqual([]);
    expect(Object.keys(result.callSites[0]!.tags).sort()).toEqual(['feature', 'team', 'tenant']);
  });
});
