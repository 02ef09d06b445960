/**
 * A call that lacks tags inside a function a framework runs, with no entry site found, is warned
 * (`unresolved-inheritance`) and keeps status `compliant`: `summary.unresolved` counts it, so a CI
 * gate that reads the JSON summary is not told "0 violations" and nothing else. Held-out round 2
 * (docs/accuracy.md) found two such Mastra tool calls passing a gate that read `violations`.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { TEST_TAXONOMY, writeProject } from './rule-tester.js';

// Shape of a LangGraph app run by the LangGraph server from langgraph.json: nothing invokes the graph.
const exportedGraph = `import { StateGraph, MessagesAnnotation, START } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });
export const graph = new StateGraph(MessagesAnnotation)
  .addNode('plan', async ({ messages }) => ({ messages: await llm.invoke(messages) }))
  .addNode('answer', async ({ messages }) => ({ messages: [await llm.invoke(messages), await llm.invoke(messages)] }))
  .addEdge(START, 'plan')
  .compile();
`;

describe('summary.unresolved', () => {
  it('counts each call site whose inheritance is undecided once, beside 0 violations', async () => {
    const result = await lint({ cwd: writeProject(exportedGraph), taxonomy: TEST_TAXONOMY });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '5:63 unresolved-inheritance',
      '6:66 unresolved-inheritance',
      '6:94 unresolved-inheritance',
    ]);
    expect(result.summary).toMatchObject({ callSites: 3, violations: 0, compliant: 3, unresolved: 3, warnings: 3 });
  });

  it('is 0 once the graph is invoked with its tags in the linted code', async () => {
    const invoked = `${exportedGraph}await graph.invoke({ messages: [] }, { metadata: { feature: 'inbox-triage', tenant: 'ws_acme' } });\n`;
    const result = await lint({ cwd: writeProject(invoked), taxonomy: TEST_TAXONOMY });
    expect(result.summary).toMatchObject({ unresolved: 0, inherited: 3 });
  });
});
