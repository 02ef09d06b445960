import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { loadTaxonomy } from '../../src/taxonomy/index.js';

const cwd = fileURLToPath(new URL('../../fixtures/agent-app', import.meta.url));

describe('fixtures/agent-app', () => {
  it('finds every call site and exactly the planted problems', async () => {
    const taxonomy = await loadTaxonomy({ cwd });
    const result = await lint({ cwd, taxonomy, now: new Date('2026-06-15T00:00:00Z') });
    expect(result.callSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.sdk} ${s.callee} ${s.status}`)).toEqual([
      // attrib/runtime: withAttribution scopes over instrument()ed clients and an AI SDK model; the digest's scope has no feature.
      'src/agents/inbox.ts:20:25 openai chat.completions.create compliant',
      'src/agents/inbox.ts:24:25 anthropic messages.create compliant',
      'src/agents/inbox.ts:36:26 openai chat.completions.create violation',
      'src/agents/inbox.ts:56:30 ai generateText compliant',
      'src/agents/planner.ts:11:28 openai chat.completions.create compliant',
      'src/agents/planner.ts:21:10 wrapper complete compliant',
      'src/agents/planner.ts:29:10 wrapper complete violation',
      'src/agents/retrieval.ts:14:10 langchain embedDocuments compliant',
      'src/agents/retrieval.ts:20:26 google-genai models.generateContent compliant',
      'src/agents/retrieval.ts:31:10 google-genai models.embedContent violation',
      'src/agents/synthesis.ts:6:10 anthropic messages.create compliant',
      'src/agents/synthesis.ts:14:10 anthropic messages.stream violation',
      // The node's model call inherits from the graph's invoke, which carries the tags.
      'src/agents/triage-graph.ts:10:29 langchain invoke inherited',
      'src/agents/triage-graph.ts:17:10 langgraph invoke compliant',
      'src/legacy/summarize.cjs:7:26 openai responses.create compliant',
      'src/tools/notify.js:5:26 ai generateText compliant',
      'src/tools/notify.js:14:10 ai streamText violation',
      'src/tools/search.ts:9:12 mcp callTool compliant',
      'src/tools/search.ts:19:12 mcp callTool suppressed',
    ]);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}${f.missing ? ` ${f.missing.join(',')}` : ''}${f.suggestion ? ` -> ${f.suggestion}` : ''}`)).toEqual([
      'src/agents/inbox.ts:36:26 missing-tags feature,team',
      'src/agents/planner.ts:29:10 missing-tags feature,team',
      'src/agents/retrieval.ts:31:10 missing-tags team',
      'src/agents/retrieval.ts:31:10 tag-may-be-undefined',
      'src/agents/synthesis.ts:19:35 feature-team-mismatch -> legal',
      'src/agents/synthesis.ts:23:42 unknown-tag-value -> production',
      'src/tools/notify.js:14:10 missing-tags team,workload_class,tenant,environment,parent_run_id',
      'src/tools/notify.js:17:69 unknown-tag-value -> inbox-triage',
      'src/tools/notify.js:17:84 unknown-tag-key -> workload_class',
    ]);
    expect(result.summary).toEqual({
      files: 13,
      callSites: 19,
      compliant: 12,
      violations: 5,
      suppressed: 1,
      inherited: 1,
      unresolved: 0,
      errors: 7,
      warnings: 2,
      parseErrors: 0,
      suppressedFindings: 1,
      baselined: 0,
    });
  });

  it('follows tags through spreads, enums, scopes, wrappers and client defaults across files', async () => {
    const result = await lint({ cwd, taxonomy: await loadTaxonomy({ cwd }) });
    const at = (file: string, line: number) => result.callSites.find((s) => s.file === file && s.line === line)!;
    expect(at('src/agents/planner.ts', 11).tags).toMatchObject({
      feature: { value: 'inbox-triage', source: 'metadata' },
      environment: { value: 'production', source: 'metadata' },
      tenant: { dynamic: true },
    });
    expect(at('src/agents/retrieval.ts', 20).tags).toMatchObject({ feature: { value: 'clause-search', source: 'scope' }, workload_class: { value: 'interactive', source: 'config.labels' } });
    expect(at('src/agents/synthesis.ts', 6).tags).toMatchObject({ environment: { value: 'production', source: 'defaultHeaders' } });
    expect(at('src/legacy/summarize.cjs', 7).tags).toMatchObject({ feature: { value: 'smart-compose' }, tenant: { dynamic: true } });
    expect(at('src/agents/triage-graph.ts', 10).inheritsFrom).toEqual(['src/agents/triage-graph.ts:17:10']);
    expect(at('src/agents/triage-graph.ts', 17)).toMatchObject({ kind: 'agent', tags: { feature: { value: 'inbox-triage', source: 'metadata' }, tenant: { dynamic: true, source: 'metadata' } } });
    // The wrapper's own SDK call (src/llm.ts) is not a call site of its own.
    expect(result.callSites.some((s) => s.file === 'src/llm.ts')).toBe(false);
  });
});
