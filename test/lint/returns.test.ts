import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../src/lint/index.js';
import { parseRulePack } from '../../src/lint/packs/schema.js';
import { lintFiles, ruleTester, writeProject, TAGGED_METADATA as META } from './rule-tester.js';

// Objects that SDK calls return (a pack's `returns`): chats, models, sessions, builders, and the
// LangChain wrappers that keep the model. Shapes as in the SDKs' own examples and typings:
// googleapis/js-genai (sdk-samples/chats.ts), @google/generative-ai 0.24 (dist/generative-ai.d.ts),
// @langchain/core 1.4 (runnables/base.d.ts) and langchain 1.5 (chat_models/universal.d.ts).

const LABELS = `labels: { feature: 'inbox-triage', tenant: 'ws_1' }`;
const HEADERS = `customHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' }`;

ruleTester('google-genai chats', {
  valid: [
    {
      name: "a chat's config reaches sendMessage and sendMessageStream; a message's own config is read",
      callSites: 3,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
const chat = ai.chats.create({ model: 'gemini-2.5-flash', config: { ${LABELS} } });
export async function run() {
  await chat.sendMessage({ message: 'Why is the sky blue?' });
  for await (const part of await chat.sendMessageStream({ message: 'And at night?' })) console.log(part.text);
  return ai.chats.create({ model: 'm' }).sendMessage({ message: 'x', config: { ${LABELS} } });
}`,
    },
    {
      name: 'the client constructor headers reach the chat',
      callSites: 1,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ httpOptions: { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } } });
ai.chats.create({ model: 'm' }).sendMessage({ message: 'x' });`,
    },
    {
      name: 'precision: getHistory, and a look-alike chats.create, are no call sites',
      callSites: 0,
      files: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
ai.chats.create({ model: 'm' }).getHistory();
const chats = { create: (_: unknown) => ({ sendMessage: (_m: unknown) => 1 }) };
chats.create({}).sendMessage({ message: 'x' });`,
    },
  ],
  invalid: [
    {
      // js-genai chats.ts sends `params.config ?? this.config`: a message's config replaces the chat's.
      name: "a message with a config of its own does not get the chat's labels",
      files: `import { GoogleGenAI } from '@google/genai';
const chat = new GoogleGenAI({}).chats.create({ model: 'm', config: { ${LABELS} } });
chat.sendMessage({ message: 'x', config: { temperature: 0 } });
chat.sendMessage({ message: 'x' });`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});

ruleTester('@google/generative-ai (legacy)', {
  valid: [
    {
      name: "the model's request options reach generateContent, generateContentStream, embedContent and a chat's sendMessage",
      callSites: 4,
      files: `import { GoogleGenerativeAI } from '@google/generative-ai';
const genAI = new GoogleGenerativeAI(process.env.API_KEY!);
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' }, { ${HEADERS} });
export async function run() {
  await model.generateContent('Write a story');
  await model.generateContentStream(['a', 'b']);
  await model.embedContent('x');
  const chat = model.startChat({ history: [] });
  return chat.sendMessage('Hello');
}`,
    },
    {
      name: 'precision: countTokens is free, and a GenerativeModel look-alike is nothing',
      callSites: 0,
      files: `import { GoogleGenerativeAI } from '@google/generative-ai';
new GoogleGenerativeAI('k').getGenerativeModel({ model: 'm' }).countTokens('x');
const genAI = { getGenerativeModel: () => ({ generateContent: (_: string) => 1 }) };
genAI.getGenerativeModel().generateContent('x');`,
    },
  ],
  invalid: [
    {
      // GenerativeModel.generateContent spreads the call's options over the model's: own customHeaders replace them.
      name: "a call's own customHeaders replace the model's; without any, tags are missing",
      files: `import { GoogleGenerativeAI } from '@google/generative-ai';
const tagged = new GoogleGenerativeAI('k').getGenerativeModel({ model: 'm' }, { ${HEADERS} });
tagged.generateContent('x', { customHeaders: { 'x-attrib-feature': 'inbox-triage' } });
tagged.generateContent('x', { timeout: 5 });
new GoogleGenerativeAI('k').getGenerativeModel({ model: 'm' }).startChat().sendMessageStream('x');`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 1, missing: ['tenant'] },
        { ruleId: 'missing-tags', line: 5, column: 1, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});

ruleTester('langchain wrappers that keep the model, and initChatModel', {
  valid: [
    {
      name: 'bindTools call options, withStructuredOutput, withRetry and withFallbacks keep the model and its tags',
      callSites: 4,
      files: `import { ChatOpenAI } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
const llm = new ChatOpenAI({ model: 'gpt-4o', ${META} });
const withTools = new ChatAnthropic({}).bindTools([], { ${META} });
export const a = () => withTools.invoke('hi');
export const b = () => llm.withStructuredOutput({ type: 'object' }).invoke('hi');
export const c = () => llm.withRetry({ stopAfterAttempt: 2 }).stream('hi');
export const d = (tenant: string) => new ChatAnthropic({}).withFallbacks([llm]).withConfig({ metadata: { feature: 'inbox-triage' } }).batch(['x'], { metadata: { tenant } });`,
    },
    {
      name: "initChatModel from langchain and langchain/chat_models/universal, awaited, with tags in its fields or the call's config",
      callSites: 3,
      files: `import { initChatModel } from 'langchain';
import { initChatModel as init } from 'langchain/chat_models/universal';
export async function run() {
  const model = await initChatModel('openai:gpt-4o', { temperature: 0, ${META} });
  await model.invoke('hi');
  const other = await init('claude-sonnet-4-5', { modelProvider: 'anthropic' });
  await other.bindTools([]).invoke('hi', { ${META} });
  return (await init()).stream('x', { tags: ['feature:inbox-triage', 'tenant:ws_1'] });
}`,
    },
    {
      name: 'precision: a look-alike bindTools, and an initChatModel of its own, are nothing',
      callSites: 0,
      files: `const model = { bindTools: (_: unknown[]) => ({ invoke: (_x: string) => 1 }) };
model.bindTools([]).invoke('x');
async function initChatModel(_: string) { return { invoke: (_x: string) => 1 }; }
export const f = async () => (await initChatModel('m')).invoke('x');`,
    },
  ],
  invalid: [
    {
      name: 'a wrapped model without tags is a call site missing them',
      files: `import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({});
llm.withStructuredOutput({}).withRetry().invoke('x');`,
      errors: [{ ruleId: 'missing-tags', line: 3, column: 1, missing: ['feature', 'team', 'tenant'] }],
    },
  ],
});

/** A pack for a graph builder, in the shape of LangGraph's (a test double: the real pack is elsewhere). */
const GRAPH_PACK = `name: graphs
modules: [graph-sdk]
classes: [StateGraph, CompiledGraph]
call_carriers:
  - { arg: 1, path: metadata, form: object }
methods:
  - { path: invoke, classes: [CompiledGraph] }
returns:
  - { path: addNode, classes: [StateGraph] }
  - { path: addEdge, classes: [StateGraph] }
  - { path: compile, class: CompiledGraph, classes: [StateGraph] }
  - { path: withConfig, bind: { arg: 0, as: 1 }, classes: [CompiledGraph] }
  - { path: asModel, class: ChatOpenAI, pack: langchain, classes: [CompiledGraph] }
`;

ruleTester('builder chains and classes of other packs (a pack of the test)', {
  valid: [
    {
      name: 'new StateGraph().addNode().addEdge() is the graph, compile() a compiled graph; a bound config reaches invoke',
      callSites: 3,
      options: { rulePackDirs: ['packs'], paths: ['src'] },
      files: {
        'packs/graphs.yaml': GRAPH_PACK,
        'src/index.ts': `import { StateGraph } from 'graph-sdk';
const graph = new StateGraph({}).addNode('a', () => ({})).addEdge('a', 'b');
const app = graph.compile();
app.invoke({}, { ${META} });
app.withConfig({ ${META} }).invoke({});
app.asModel().invoke('x', { ${META} });`,
      },
    },
    {
      name: 'precision: a method the pack does not list ends the chain',
      callSites: 0,
      options: { rulePackDirs: ['packs'], paths: ['src'] },
      files: {
        'packs/graphs.yaml': GRAPH_PACK,
        'src/index.ts': `import { StateGraph } from 'graph-sdk';\nnew StateGraph({}).addNode('a', () => ({})).getGraph().invoke({});\nnew StateGraph({}).invoke({});`,
      },
    },
  ],
});

describe('two packs may list the same module', () => {
  it("each pack's exports are found, and each call is reported with its own pack", async () => {
    const result = await lintFiles(
      {
        'packs/a.yaml': 'name: a\nmodules: [shared-sdk]\nfunctions: [first]\n',
        'packs/b.yaml': 'name: b\nmodules: [shared-sdk]\nfunctions: [second]\n',
        'src/index.ts': `import { first, second } from 'shared-sdk';\nfirst({});\nsecond({});`,
      },
      { rulePackDirs: ['packs'], paths: ['src'] },
    );
    expect(result.callSites.map((s) => [s.line, s.sdk, s.callee])).toEqual([
      [2, 'a', 'first'],
      [3, 'b', 'second'],
    ]);
  });
});

describe('`returns` in a pack file', () => {
  it('reads binders as returns entries that keep the receiver, with a config bound per tag', () => {
    const pack = parseRulePack({ name: 'x', modules: ['m'], classes: ['A'], methods: ['run'], binders: [{ path: 'withConfig', as: 1 }] }, 'x.yaml');
    expect(pack.returns).toEqual([{ path: ['withConfig'], carriers: [], bind: { arg: 0, as: 1, merge: 'tags' } }]);
  });

  it('rejects entries that cannot mean anything, naming the file and field', () => {
    const base = { name: 'x', modules: ['m'], classes: ['A'], methods: ['run'] };
    const bad = (entry: unknown) => () => parseRulePack({ ...base, returns: [entry] }, 'x.yaml');
    expect(bad({ function: 'make' })).toThrow(/x\.yaml: returns\[0\] needs a `class`/);
    expect(bad({ path: 'a', function: 'b', class: 'A' })).toThrow(/returns\[0\] must have exactly one of `path` and `function`/);
    expect(bad({ path: 'a', class: 'B' })).toThrow(/returns\[0\]\.class names `B`, which is not in `classes`/);
    expect(bad({ path: 'a', bind: { as: 1, merge: 'deep' } })).toThrow(/returns\[0\]\.bind\.merge must be `tags` or `shallow`/);
    expect(bad({ function: 'make', class: 'A', classes: ['A'] })).toThrow(/apply to methods/);
    expect(bad({ path: 'a', pack: 'other' })).toThrow(/returns\[0\]\.pack needs a `class`/);
  });

  it('a class of another pack must exist once all packs are loaded', () => {
    const cwd = writeProject({ 'packs/x.yaml': 'name: x\nmodules: [m]\nclasses: [A]\nreturns: [{ path: make, class: Nope, pack: langchain }]\n' });
    expect(() => loadRulePacks(['packs'], cwd)).toThrow(/packs\/x\.yaml: returns\[0\] names `Nope`, which pack `langchain` does not list/);
    const cwd2 = writeProject({ 'packs/x.yaml': 'name: x\nmodules: [m]\nclasses: [A]\nreturns: [{ path: make, class: A, pack: nowhere }]\n' });
    expect(() => loadRulePacks(['packs'], cwd2)).toThrow(/returns\[0\] names pack `nowhere`, which is not loaded/);
  });
});
