import { ruleTester } from './rule-tester.js';

// SDK objects kept in holders and reached later: React refs (openai/openai-realtime-agents
// src/app/hooks/useRealtimeSession.ts: `const sessionRef = useRef<RealtimeSession | null>(null)`,
// `sessionRef.current = new RealtimeSession(rootAgent, {...})`, `await sessionRef.current.connect({
// apiKey, url })`; `sessionRef.current?.sendMessage(...)` elsewhere in that hook) and plain objects
// whose member is assigned later; React context (a provider's `value`, read with `useContext`, as
// langchain-ai/agent-chat-ui src/providers/Stream.tsx hands a `useStream` result down); React state
// (aws-samples/generative-ai-use-cases packages/web/src/hooks/useMicrophone.ts: `const [transcribeClient,
// setTranscribeClient] = useState<TranscribeStreamingClient>()`, set in a `useEffect`, then
// `transcribeClient.send(command)`). Columns are where the call expression starts.

const TRACE = `traceMetadata: { feature: 'inbox-triage', tenant: 'ws_1' }`;
const HEADERS = `defaultHeaders: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' }`;
const TAGS = (source: string) => ({ feature: { value: 'inbox-triage', source }, tenant: { value: 'ws_1', source }, team: { value: 'mail', source: 'derived from feature' } });

ruleTester('holders: React refs and assigned members', {
  valid: [
    {
      name: 'useRef<RealtimeSession | null>(null), assigned in a callback, then ref.current.connect and ref.current?.x()',
      callSites: 2,
      files: {
        'src/useRealtimeSession.ts': `import { useCallback, useRef } from 'react';
import { RealtimeAgent, RealtimeSession } from '@openai/agents/realtime';
import OpenAI from 'openai';
export function useRealtimeSession() {
  const sessionRef = useRef<RealtimeSession | null>(null);
  const clientRef = useRef<OpenAI>(new OpenAI({ ${HEADERS} }));
  const connect = useCallback(async (apiKey: string) => {
    sessionRef.current = new RealtimeSession(new RealtimeAgent({ name: 'host' }), { ${TRACE} });
    await sessionRef.current.connect({ apiKey });
    await clientRef.current?.responses.create({ model: 'gpt-4.1', input: 'hello' });
  }, []);
  return { connect };
}`,
      },
      sites: [
        { file: 'src/useRealtimeSession.ts', line: 9, column: 11, kind: 'agent', sdk: 'openai-agents', callee: 'connect', tags: TAGS('traceMetadata') },
        { file: 'src/useRealtimeSession.ts', line: 10, column: 11, kind: 'model', sdk: 'openai', callee: 'responses.create' },
      ],
    },
    {
      name: 'a plain object whose member is assigned later (state.client = new OpenAI())',
      callSites: 1,
      files: `import OpenAI from 'openai';
const state: { client?: OpenAI } = {};
export function init() { state.client = new OpenAI({ ${HEADERS} }); }
export const ask = () => state.client!.chat.completions.create({ model: 'm', messages: [] });`,
    },
    {
      name: "React context: useContext(Ctx) is any value a <Ctx.Provider value> (or React 19 <Ctx value>) in Ctx's file gives",
      callSites: 2,
      files: {
        'src/client-context.tsx': `import React, { createContext, type ReactNode } from 'react';
import OpenAI from 'openai';
export const ClientContext = createContext<OpenAI | null>(null);
export function ClientProvider({ children }: { children: ReactNode }) {
  const client = new OpenAI({ ${HEADERS}, dangerouslyAllowBrowser: true });
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}
export function Nested({ children }: { children: ReactNode }) {
  return <ClientContext value={new OpenAI({ ${HEADERS} })}>{children}</ClientContext>;
}`,
        'src/ask.tsx': `import { use, useContext } from 'react';
import { ClientContext } from './client-context';
export function Ask() {
  const client = useContext(ClientContext);
  const again = use(ClientContext);
  return <button onClick={() => { client?.responses.create({ model: 'gpt-4.1', input: 'hi' }); again!.embeddings.create({ model: 'e', input: 'x' }); }}>ask</button>;
}`,
      },
      sites: [
        { file: 'src/ask.tsx', line: 6, column: 35, kind: 'model', sdk: 'openai', callee: 'responses.create', tags: TAGS('defaultHeaders') },
        { file: 'src/ask.tsx', line: 6, column: 96, kind: 'model', sdk: 'openai', callee: 'embeddings.create', tags: TAGS('defaultHeaders') },
      ],
    },
    {
      name: 'React state: its initial value (also lazy), what its setter is given in the file, else its type argument',
      callSites: 3,
      files: {
        'src/useMicrophone.ts': `import { useEffect, useState } from 'react';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
export function useModels(region: string) {
  const [client, setClient] = useState<BedrockRuntimeClient>();
  const [openai] = useState(() => new OpenAI({ ${HEADERS} }));
  const [typed] = useState<OpenAI | null>(null);
  useEffect(() => {
    setClient(new BedrockRuntimeClient({ region }));
  }, [region]);
  const ask = async () => {
    await client?.send(new ConverseCommand({ modelId: 'm', messages: [], requestMetadata: { feature: 'inbox-triage', tenant: 'ws_1' } }));
    await openai.responses.create({ model: 'gpt-4.1', input: 'hi' });
    await typed?.embeddings.create({ model: 'e', input: 'x', encoding_format: 'float' }, { headers: { 'x-attrib-feature': 'inbox-triage', 'x-attrib-tenant': 'ws_1' } });
  };
  return { ask };
}`,
      },
      sites: [
        { file: 'src/useMicrophone.ts', line: 12, column: 11, kind: 'model', sdk: 'bedrock-runtime', callee: 'send(ConverseCommand)', tags: TAGS('requestMetadata') },
        { file: 'src/useMicrophone.ts', line: 13, column: 11, kind: 'model', sdk: 'openai', callee: 'responses.create', tags: TAGS('defaultHeaders') },
        { file: 'src/useMicrophone.ts', line: 14, column: 11, kind: 'model', sdk: 'openai', callee: 'embeddings.create', tags: TAGS('headers') },
      ],
    },
    {
      name: "precision: state holding no SDK object, its setter, and a tuple that is not React's state are no call sites",
      callSites: 0,
      files: `import { useState } from 'react';
import OpenAI from 'openai';
const [socket, setSocket] = useState<WebSocket | null>(null);
setSocket(new WebSocket('wss://example.com'));
socket?.send('response.create');
const [, setClient] = useState<OpenAI>();
setClient(new OpenAI());
const pair = (): [{ send(x: string): void }, OpenAI] => [{ send() {} }, new OpenAI()];
const [sender] = pair();
sender.send('x');`,
    },
    {
      name: 'precision: a context that provides no SDK object, and useContext of what no createContext made, are no call sites',
      callSites: 0,
      files: {
        'src/form.tsx': `import { createContext, useContext } from 'react';
const FormContext = createContext<{ submit(v: unknown): void } | null>(null);
export const Provider = () => <FormContext.Provider value={{ submit: (v) => console.log(v) }}><div /></FormContext.Provider>;
const notAContext = { responses: { create: () => 1 } };
export function Use() {
  const form = useContext(FormContext);
  form?.submit({});
  const x = useContext(notAContext as never) as typeof notAContext;
  return x.responses.create();
}`,
      },
    },
    {
      name: 'precision: a ref holding something else, and a ref-like object of no SDK, are no call sites',
      callSites: 0,
      files: `import { useRef } from 'react';
const socketRef = useRef<WebSocket | null>(null);
socketRef.current = new WebSocket('wss://example.com');
socketRef.current.connect?.();
const holder = { current: { connect: () => 1 } };
holder.current.connect();`,
    },
  ],
  invalid: [
    {
      name: 'a ref typed with the SDK class but never assigned in the file: the session is found, its tags cannot be',
      files: `import { useRef } from 'react';
import type { RealtimeSession } from '@openai/agents/realtime';
export function useSession() {
  const sessionRef = useRef<RealtimeSession | null>(null);
  return () => sessionRef.current?.connect({ apiKey: 'k' });
}`,
      errors: [{ ruleId: 'missing-tags', line: 5, column: 16, missing: ['feature', 'team', 'tenant'] }],
      sites: [{ line: 5, column: 16, kind: 'agent', sdk: 'openai-agents', callee: 'connect', status: 'violation' }],
    },
  ],
});
