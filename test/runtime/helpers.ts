/**
 * A mocked transport for the real SDK clients: a `fetch` that answers from a queue and keeps
 * every request it saw (url, headers, parsed body). No network. Response bodies follow the
 * providers' documented shapes (OpenAI Chat Completions / Responses, Anthropic Messages,
 * server-sent events for streams).
 */
import { configure, memorySink, type RuntimeStep } from '../../src/runtime/index.js';

export interface SeenRequest {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

export type Answer = Response | (() => Response) | Error;

export function mockFetch(...answers: Answer[]): { fetch: typeof fetch; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const queue = [...answers];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const text = typeof init?.body === 'string' ? init.body : '';
    requests.push({ url: String(input), headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer.clone();
  };
  return { fetch: fake as typeof fetch, requests };
}

export function json(body: unknown, status = 200): () => Response {
  return () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req_test' } });
}

/** A server-sent event stream: each item is `data:` JSON (or an [event, data] pair for Anthropic's named events). */
export function sse(events: (unknown | [string, unknown])[], done = true): () => Response {
  return () => {
    const text =
      events
        .map((e) => (Array.isArray(e) && typeof e[0] === 'string' ? `event: ${e[0]}\ndata: ${JSON.stringify(e[1])}\n\n` : `data: ${JSON.stringify(e)}\n\n`))
        .join('') + (done ? 'data: [DONE]\n\n' : '');
    return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

/** Route all steps to memory for one test; warnings are collected instead of printed. */
export function capture(options: { strict?: boolean; environment?: string; required?: string[] } = {}): { steps: RuntimeStep[]; warnings: string[] } {
  const sink = memorySink();
  const warnings: string[] = [];
  configure({ sinks: [sink], onWarning: (m) => warnings.push(m), environment: options.environment ?? 'test', strict: options.strict, required: options.required });
  return { steps: sink.steps, warnings };
}

export const FULL_TAGS = { feature: 'inbox-triage', team: 'mail', workload_class: 'interactive', tenant: 'ws_acme', environment: 'production' } as const;
