import { ruleTester } from '../../lint/rule-tester.js';

// LangGraph SDK remote runs (rules/packs/langgraph-sdk.yaml), checked against
// @langchain/langgraph-sdk 1.15.0 (dist/client/runs/index.d.ts). Shapes as in
// langchain-ai/social-media-agent (a node that starts another graph with `new Client().runs.create`)
// and langchain-ai/open-canvas (a client from a factory, `client.runs.stream` in a web worker); the
// React hooks (dist/react/types.d.ts UseStream.submit) as in langchain-ai/langchain-nextjs-template
// (`useStream({ apiUrl: 'http://localhost:2024' })` in a page) and langchain-ai/langgraphjs-gen-ui-examples
// (`useStreamContext()` from `/react-ui` in a generative-UI component, `submit({}, { command })`), and
// a project's own context provider around `useStream` (langchain-ai/agent-chat-ui src/providers/Stream.tsx:
// `const useTypedStream = useStream<StateType, ...>`, `<StreamContext.Provider value={streamValue}>`,
// `useStreamContext = () => useContext(StreamContext)`, then `stream.submit(...)` in the thread view).
// Required tags in the test taxonomy: feature, tenant, team (derived). Columns are 1 + the index of
// the callee's text in its source line.

ruleTester('langgraph-sdk', {
  valid: [
    {
      name: "runs.create with the run's metadata and config.tags",
      callSites: 2,
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client({ apiUrl: process.env.LANGGRAPH_API_URL });
export async function startReflection(threadId: string, tenant: string) {
  await client.runs.create(threadId, 'reflection', { input: {}, metadata: { feature: 'inbox-triage', tenant } });
  await client.runs.wait(null, 'optimize_prompts', { input: {}, config: { tags: ['feature:inbox-triage', 'tenant:ws_1'] } });
}`,
      sites: [
        {
          line: 4,
          column: 9,
          kind: 'agent',
          sdk: 'langgraph-sdk',
          callee: 'runs.create',
          tags: {
            feature: { value: 'inbox-triage', source: 'metadata' },
            tenant: { dynamic: true, source: 'metadata' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 5, column: 9, kind: 'agent', sdk: 'langgraph-sdk', callee: 'runs.wait' },
      ],
    },
    {
      name: 'a client made by a factory in another file, streamed',
      callSites: 1,
      files: {
        'src/client.ts': `import { Client } from '@langchain/langgraph-sdk';
export const createClient = () => new Client({ apiUrl: '/api' });`,
        'src/stream.ts': `import { createClient } from './client';
export async function* stream(threadId: string, tenant: string) {
  const client = createClient();
  yield* client.runs.stream(threadId, 'agent', { input: {}, streamMode: 'events', metadata: { feature: 'inbox-triage', tenant } });
}`,
      },
      sites: [{ line: 4, column: 10, file: 'src/stream.ts', kind: 'agent', sdk: 'langgraph-sdk', callee: 'runs.stream', status: 'compliant' }],
    },
    {
      name: 'reading runs and threads starts nothing',
      callSites: 0,
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client();
export const status = (t: string, r: string) => client.runs.get(t, r);
export const join = (t: string, r: string) => client.runs.join(t, r);
export const threads = () => client.threads.search({ limit: 10 });`,
    },
    {
      name: 'useStream on a loopback LangGraph dev server: submit is a run (the local server still bills its models)',
      callSites: 2,
      files: {
        'app/langgraph/page.tsx': `'use client';
import { useStream } from '@langchain/langgraph-sdk/react';
import type { Message } from '@langchain/langgraph-sdk';
export default function Page({ tenant }: { tenant: string }) {
  const thread = useStream<{ messages?: Message[] }>({ assistantId: 'agent', apiUrl: 'http://localhost:2024' });
  const send = (input: string) =>
    thread.submit({ messages: [{ type: 'human', content: input }] }, { metadata: { feature: 'inbox-triage', tenant } });
  return <button onClick={() => thread.submit(undefined, { config: { tags: ['feature:inbox-triage', \`tenant:\${tenant}\`] } })}>{thread.isLoading ? '...' : 'go'}</button>;
}`,
      },
      sites: [
        {
          line: 7,
          column: 5,
          file: 'app/langgraph/page.tsx',
          kind: 'agent',
          sdk: 'langgraph-sdk',
          callee: 'submit',
          tags: {
            feature: { value: 'inbox-triage', source: 'metadata' },
            tenant: { dynamic: true, source: 'metadata' },
            team: { value: 'mail', source: 'derived from feature' },
          },
        },
        { line: 8, column: 33, file: 'app/langgraph/page.tsx', kind: 'agent', sdk: 'langgraph-sdk', callee: 'submit', status: 'compliant' },
      ],
    },
    {
      name: "submit on what is not the SDK's stream is no run: a form, a project hook named useStream, a stream's other methods",
      callSites: 0,
      files: {
        'src/hooks.ts': `export function useStream(opts: { url: string }) {
  return { submit: (v: unknown, o?: unknown) => fetch(opts.url, { method: 'POST', body: JSON.stringify({ v, o }) }), stop() {} };
}`,
        'src/form.tsx': `import { useStream } from './hooks';
import { useStream as useLangGraphStream } from '@langchain/langgraph-sdk/react';
export function Form({ form }: { form: HTMLFormElement }) {
  const local = useStream({ url: '/api/chat' });
  const thread = useLangGraphStream({ assistantId: 'agent', apiUrl: 'http://localhost:2024' });
  form.submit();
  thread.stop();
  thread.setBranch('b');
  return <button onClick={() => local.submit({ messages: [] })}>go</button>;
}`,
      },
    },
    {
      // The SDK's custom-endpoint pattern (dist/ui/types.d.ts UseStreamTransport: "only applicable for
      // custom endpoints using toLangGraphEventStream"; FetchStreamTransport POSTs the submit's input and
      // config to its apiUrl): the graph runs in the project's route, whose streamEvents is the call site.
      name: "useStream({ transport }) streams from the project's own route: its submit is no run; the route's graph run is the call site",
      callSites: 1,
      files: {
        'app/chat/page.tsx': `'use client';
import { FetchStreamTransport, useStream } from '@langchain/langgraph-sdk/react';
const transport = new FetchStreamTransport({ apiUrl: '/api/stream' });
const options = { transport, messagesKey: 'messages' };
export default function Page() {
  const thread = useStream({ transport: new FetchStreamTransport({ apiUrl: '/api/stream' }) });
  const same = useStream(options);
  const spread = useStream({ ...options, threadId: 't_1' });
  const send = () => thread.submit({ messages: [{ type: 'human', content: 'hi' }] });
  same.submit({});
  return <button onClick={() => spread.submit({}, { config: { tags: [] } })}>{send.name}</button>;
}`,
        'app/api/stream/route.ts': `import { MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
const graph = new StateGraph(MessagesAnnotation).addNode('agent', async () => ({ messages: [] })).addEdge(START, 'agent').compile();
export async function POST(req: Request) {
  const { input, config } = await req.json();
  return graph.streamEvents(input, { ...config, version: 'v2', metadata: { feature: 'inbox-triage', tenant: 'ws_1' } });
}`,
      },
      sites: [{ file: 'app/api/stream/route.ts', line: 5, column: 10, kind: 'agent', sdk: 'langgraph', callee: 'streamEvents', status: 'compliant' }],
    },
    {
      // @langchain/react 1.1.0 (dist/use-stream.d.ts, context.d.ts, suspense-stream.d.ts): a string
      // transport picks the built-in SSE or WebSocket client to the server; an adapter object replaces it.
      name: "@langchain/react: submit, respond and respondAll are runs; a string transport still reaches the server, an adapter does not",
      callSites: 4,
      files: `import { HttpAgentServerAdapter, useStream, useSuspenseStream } from '@langchain/react';
export function Chat({ tenant }: { tenant: string }) {
  const stream = useStream({ assistantId: 'agent', apiUrl: '/lg', transport: 'websocket' });
  const suspended = useSuspenseStream({ assistantId: 'agent', apiUrl: '/lg' });
  const own = useStream({ assistantId: 'agent', transport: new HttpAgentServerAdapter({ apiUrl: '/api/agent' }) });
  const meta = { metadata: { feature: 'inbox-triage', tenant } };
  void stream.submit({ messages: [] }, meta);
  void stream.respond({ approved: true }, meta);
  void stream.respondAll({ a: true }, { config: { tags: ['feature:inbox-triage', \`tenant:\${tenant}\`] } });
  void suspended.submit(null, meta);
  void own.submit({ messages: [] });
  return null;
}`,
      sites: [
        { line: 7, column: 8, kind: 'agent', sdk: 'langgraph-sdk', callee: 'submit', status: 'compliant' },
        { line: 8, column: 8, kind: 'agent', sdk: 'langgraph-sdk', callee: 'respond', status: 'compliant' },
        { line: 9, column: 8, kind: 'agent', sdk: 'langgraph-sdk', callee: 'respondAll', status: 'compliant' },
        { line: 10, column: 8, kind: 'agent', sdk: 'langgraph-sdk', callee: 'submit', status: 'compliant' },
      ],
    },
  ],
  invalid: [
    {
      name: 'useStream with options attrib cannot read may reach a LangGraph server: its untagged submit stays a run missing its tags',
      files: {
        'src/chat.tsx': `import { useStream } from '@langchain/langgraph-sdk/react';
export function Chat(props: { options: Parameters<typeof useStream>[0] }) {
  const thread = useStream(props.options);
  return <button onClick={() => thread.submit({ messages: [] })}>go</button>;
}`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/chat.tsx', line: 4, column: 33, missing: ['feature', 'team', 'tenant'] }],
    },
    {
      // Shaped like langchain-ai/open-swe ui/src/features/agents/lib/provider/useSubmitAgentMessage.ts:
      // the hook imported under another name, the call split over two lines.
      name: '@langchain/react useStreamContext under another name: an untagged submit is a run missing its tags',
      files: {
        'src/useSubmit.ts': `import { useStreamContext as useAgentThreadStream } from '@langchain/react';
export function useSubmit() {
  const stream = useAgentThreadStream();
  return (text: string) => {
    void stream
      .submit({ messages: [{ type: 'human', content: text }] }, { config: { configurable: { model: 'x' } } });
  };
}`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/useSubmit.ts', line: 5, column: 10, missing: ['feature', 'team', 'tenant'] }],
    },
    {
      name: 'useStreamContext() from /react-ui: a resume command without tags is a run missing them',
      files: {
        'src/agent-uis/buy-stock.tsx': `import { useStreamContext, type UIMessage } from '@langchain/langgraph-sdk/react-ui';
import type { Message } from '@langchain/langgraph-sdk';
export default function BuyStock({ toolCallId }: { toolCallId: string }) {
  const thread = useStreamContext<{ messages: Message[]; ui: UIMessage[] }>();
  function handleBuy() {
    thread.submit({}, { command: { update: { messages: [{ type: 'tool', tool_call_id: toolCallId, content: 'ok' }] }, goto: 'summary' } });
  }
  return <button onClick={handleBuy}>Buy</button>;
}`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/agent-uis/buy-stock.tsx', line: 6, column: 5, missing: ['feature', 'team', 'tenant'] }],
    },
    {
      name: "a project's context provider wrapping useStream: the consumer's stream.submit is the run",
      files: {
        'src/providers/Stream.tsx': `import { createContext, useContext, type ReactNode } from 'react';
import { useStream } from '@langchain/langgraph-sdk/react';
import type { Message } from '@langchain/langgraph-sdk';
export type StateType = { messages: Message[] };
const useTypedStream = useStream<StateType, { UpdateType: { messages?: Message[] | string } }>;
type StreamContextType = ReturnType<typeof useTypedStream>;
const StreamContext = createContext<StreamContextType | undefined>(undefined);
export const StreamProvider = ({ children }: { children: ReactNode }) => {
  const streamValue = useTypedStream({ apiUrl: 'http://localhost:2024', assistantId: 'agent', fetchStateHistory: true });
  return <StreamContext.Provider value={streamValue}>{children}</StreamContext.Provider>;
};
export const useStreamContext = (): StreamContextType => {
  const context = useContext(StreamContext);
  if (context === undefined) throw new Error('useStreamContext must be used within a StreamProvider');
  return context;
};`,
        'src/components/thread/index.tsx': `import { useStreamContext } from '../../providers/Stream';
export function Thread({ input }: { input: string }) {
  const stream = useStreamContext();
  const onSubmit = () => stream.submit({ messages: [{ type: 'human', content: input }] }, { streamMode: ['values'] });
  return <button onClick={onSubmit} disabled={stream.isLoading}>Send</button>;
}`,
      },
      errors: [{ ruleId: 'missing-tags', file: 'src/components/thread/index.tsx', line: 4, column: 26, missing: ['feature', 'team', 'tenant'] }],
    },
    {
      name: 'a run without its tags, and a cron without them',
      files: `import { Client } from '@langchain/langgraph-sdk';
const client = new Client();
export const run = (threadId: string) => client.runs.create(threadId, 'generate_post', { input: { links: [] } });
export const nightly = () => client.crons.create('digest', { schedule: '0 6 * * *', input: {} });`,
      errors: [
        { ruleId: 'missing-tags', line: 3, column: 42, missing: ['feature', 'team', 'tenant'] },
        { ruleId: 'missing-tags', line: 4, column: 30, missing: ['feature', 'team', 'tenant'] },
      ],
    },
  ],
});
