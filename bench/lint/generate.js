/**
 * A deterministic synthetic TypeScript code base for `npm run bench:lint`: a few thousand modules of
 * ordinary application code (interfaces, enums, generic classes, loops, cross-file imports) with a
 * few hundred model calls through the openai, @anthropic-ai/sdk and ai SDKs. The SDKs are not
 * installed: `types/sdk.d.ts` declares the modules, the way a CI lint job sees a repository before
 * `npm install`. Its own tsconfig.json makes `tsc --noEmit -p` check exactly the files attrib lints.
 *
 * Same parameters, same bytes: a seeded PRNG drives every choice, so timings compare across runs
 * and machines.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { prng } from '../../scripts/prng.js';

const AREAS = ['mail', 'legal', 'support', 'search', 'billing', 'accounts', 'calendar', 'docs', 'notify', 'audit',
  'files', 'teams', 'reports', 'admin', 'chat', 'tasks', 'crm', 'ledger', 'sync', 'ops'];
const NOUNS = ['store', 'service', 'mapper', 'policy', 'queue', 'index', 'cache', 'handler', 'planner', 'view'];
const WORDS = ['alpha', 'urgent', 'draft', 'archived', 'shared', 'pinned', 'stale', 'fresh', 'vip', 'spam'];
/** Features of fixtures/attrib.yaml, with the team the registry gives each. */
const FEATURES = ['inbox-triage', 'smart-compose', 'contract-redline', 'clause-search', 'support-agent', 'semantic-search'];
const WORKLOADS = ['interactive', 'batch', 'background'];

/** The SDK surface the corpus uses, declared as the real packages declare it (default-exported classes). */
const SDK_DECLARATIONS = `// Stand-ins for the SDK packages, which the corpus does not install.
declare const process: { env: Record<string, string | undefined> };

declare module 'openai' {
  export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }
  export interface ChatCompletion { id: string; choices: { message: ChatMessage }[]; usage?: { prompt_tokens: number; completion_tokens: number } }
  export interface RequestOptions { headers?: Record<string, string> }
  export interface ClientOptions { apiKey?: string; baseURL?: string; defaultHeaders?: Record<string, string> }
  export default class OpenAI {
    constructor(options?: ClientOptions);
    chat: { completions: { create(body: { model: string; messages: ChatMessage[]; metadata?: Record<string, string> }, options?: RequestOptions): Promise<ChatCompletion> } };
    responses: { create(body: { model: string; input: string; metadata?: Record<string, string> }, options?: RequestOptions): Promise<{ id: string; output_text: string }> };
    embeddings: { create(body: { model: string; input: string | string[] }, options?: RequestOptions): Promise<{ data: { embedding: number[] }[] }> };
  }
}

declare module '@anthropic-ai/sdk' {
  export interface MessageParam { role: 'user' | 'assistant'; content: string }
  export interface Message { id: string; content: { type: 'text'; text: string }[]; usage: { input_tokens: number; output_tokens: number } }
  export default class Anthropic {
    constructor(options?: { apiKey?: string; defaultHeaders?: Record<string, string> });
    messages: { create(body: { model: string; max_tokens: number; messages: MessageParam[]; system?: string }, options?: { headers?: Record<string, string> }): Promise<Message> };
  }
}

declare module 'ai' {
  export interface LanguageModel { readonly modelId: string; readonly provider: string }
  export interface TelemetrySettings { isEnabled?: boolean; functionId?: string; metadata?: Record<string, string> }
  export function generateText(options: { model: LanguageModel; prompt?: string; system?: string; headers?: Record<string, string>; experimental_telemetry?: TelemetrySettings }): Promise<{ text: string; usage: { inputTokens: number; outputTokens: number } }>;
  export function streamText(options: { model: LanguageModel; prompt?: string; headers?: Record<string, string>; experimental_telemetry?: TelemetrySettings }): { textStream: AsyncIterable<string> };
}
`;

/** Module singletons that call sites import from another file, as real code bases share their clients. */
const CLIENTS = `import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { LanguageModel } from 'ai';

/** One client per provider for the whole app; per-call tags travel in metadata and headers. */
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export function model(modelId: string): LanguageModel {
  return { modelId, provider: 'openai' };
}

export function runId(): string {
  return \`run_\${Date.now().toString(36)}\`;
}
`;

/** Tag objects spread into call sites from another module (cross-file const resolution). */
function tagsModule() {
  return `${FEATURES.map(
    (feature, i) =>
      `export const ${constName(feature)} = { feature: '${feature}', workload_class: '${WORKLOADS[i % WORKLOADS.length]}' } as const;`,
  ).join('\n')}\n`;
}

function constName(feature) {
  return `${feature.toUpperCase().replace(/-/g, '_')}_TAGS`;
}

/** How module `i` is laid out on disk. */
function modulePath(i) {
  return `src/${AREAS[i % AREAS.length]}/${NOUNS[Math.floor(i / AREAS.length) % NOUNS.length]}-${i}.ts`;
}

function importPath(from, to) {
  const a = modulePath(from).split('/');
  const b = modulePath(to).split('/');
  const spec = a[1] === b[1] ? `./${b[2]}` : `../${b[1]}/${b[2]}`;
  return spec.replace(/\.ts$/, '');
}

/** Ordinary code: what makes up most of a real code base and most of tsc's work. */
const HELPERS = [
  (i, n, r) => `
/** Keeps the records whose tags mention '${WORDS[n % WORDS.length]}', highest count first. */
export function pick${i}_${n}(records: readonly Record${i}[], limit = ${5 + Math.floor(r() * 40)}): Record${i}[] {
  return records
    .filter((record) => record.tags.some((tag) => tag.startsWith('${WORDS[n % WORDS.length]}')))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, limit);
}
`,
  (i, n, r) => `
export function histogram${i}_${n}(records: readonly Record${i}[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const tag of record.tags) {
      counts.set(tag, (counts.get(tag) ?? 0) + record.count * ${1 + Math.floor(r() * 9)});
    }
  }
  return counts;
}
`,
  (i, n) => `
export function describe${i}_${n}(record: Record${i}, status: Status${i}): string {
  switch (status) {
    case 'open':
      return \`#\${record.id} (\${record.count}) is open\`;
    case 'closed':
      return \`#\${record.id} closed by \${record.meta?.owner ?? 'nobody'}\`;
    default:
      return \`#\${record.id} waits since \${new Date(record.meta?.createdAt ?? 0).toISOString()}\`;
  }
}
`,
  (i, n, r) => `
export class Batcher${i}_${n}<T> {
  private pending: T[] = [];
  constructor(private readonly size = ${2 + Math.floor(r() * 30)}, private readonly flush: (items: T[]) => void = () => {}) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.size) this.drain();
  }

  drain(): number {
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.flush(items);
    return items.length;
  }
}
`,
  (i, n, r) => `
export async function retry${i}_${n}<T>(task: () => Promise<T>, attempts = ${2 + Math.floor(r() * 4)}): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await task();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, ${10 + Math.floor(r() * 90)} * 2 ** attempt));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
`,
  (i, n) => `
export function merge${i}_${n}(left: Partial<Record${i}>, right: Partial<Record${i}>): Record${i} {
  const tags = [...new Set([...(left.tags ?? []), ...(right.tags ?? [])])];
  return {
    id: right.id ?? left.id ?? 'anonymous',
    count: (left.count ?? 0) + (right.count ?? 0),
    tags,
    kind: right.kind ?? left.kind ?? Kind${i}.Alpha,
    meta: right.meta ?? left.meta,
  };
}
`,
  (i, n, r) => `
export const table${i}_${n}: ReadonlyArray<{ key: string; weight: number; kind: Kind${i} }> = [
  { key: '${WORDS[n % WORDS.length]}', weight: ${(r() * 10).toFixed(2)}, kind: Kind${i}.Alpha },
  { key: '${WORDS[(n + 3) % WORDS.length]}', weight: ${(r() * 10).toFixed(2)}, kind: Kind${i}.Beta },
  { key: '${WORDS[(n + 7) % WORDS.length]}', weight: ${(r() * 10).toFixed(2)}, kind: Kind${i}.Gamma },
];

export function weigh${i}_${n}(record: Record${i}): number {
  return table${i}_${n}.reduce((sum, row) => (record.tags.includes(row.key) && row.kind === record.kind ? sum + row.weight : sum), 0);
}
`,
];

/** The head every module has: its types, and the functions other modules import. */
function head(i, r) {
  return `export interface Record${i} {
  id: string;
  count: number;
  tags: readonly string[];
  kind: Kind${i};
  meta?: { createdAt: number; owner: string };
}

export type Status${i} = 'open' | 'closed' | 'pending';

export enum Kind${i} {
  Alpha = 'alpha',
  Beta = 'beta',
  Gamma = 'gamma',
}

export function normalize${i}(input: Record${i}): Record${i} {
  const tags = input.tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0);
  return { ...input, tags, count: Math.max(0, input.count) };
}

export function score${i}(items: readonly Record${i}[], weight = ${(1 + r() * 4).toFixed(2)}): number {
  let total = 0;
  for (const item of items) {
    if (item.tags.includes('${WORDS[i % WORDS.length]}')) total += item.count * weight;
    else total -= item.count / (weight + 1);
  }
  return Math.round(total * 100) / 100;
}
`;
}

/** Uses what the module imported, so tsc has cross-file types to check. */
function bridge(i, deps) {
  const lines = deps.map(
    (d) =>
      `  const from${d} = normalize${d}({ id: record.id, count: record.count, tags: record.tags, kind: Kind${d}.Beta });\n` +
      `  total += score${d}([from${d}]);`,
  );
  return `
export function combine${i}(record: Record${i}): number {
  let total = score${i}([normalize${i}(record)]);
${lines.join('\n')}
  return total;
}
`;
}

/**
 * One model call. `variant` picks the SDK, the way the client is reached and how the tags travel;
 * `broken` drops or misspells a tag so the corpus has violations too.
 */
function callSite(i, variant, r) {
  const feature = FEATURES[Math.floor(r() * FEATURES.length)];
  const workload = WORKLOADS[Math.floor(r() * WORKLOADS.length)];
  const broken = r() < 0.3;
  const env = broken && r() < 0.5 ? `'prod'` : `process.env.ATTRIB_ENVIRONMENT ?? 'production'`;
  const parent = broken ? '' : ', parent_run_id: runId()';
  const tagObject = `{ feature: '${feature}', workload_class: '${workload}', tenant, environment: ${env}${parent} }`;
  const imports = [];
  let body;
  switch (variant) {
    case 0:
      imports.push(`import { openai, runId } from '../ai/clients';`);
      body = `  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    metadata: ${tagObject},
  });
  return completion.choices[0]?.message.content ?? '';`;
      break;
    case 1:
      imports.push(`import OpenAI from 'openai';`, `import { runId } from '../ai/clients';`, `import { ${constName(feature)} } from '../ai/tags';`);
      body = `  const client = new OpenAI({ defaultHeaders: { 'x-attrib-environment': 'production' } });
  const response = await client.responses.create({
    model: 'gpt-4.1',
    input: prompt,
    metadata: { ...${constName(feature)}, tenant${parent} },
  });
  return response.output_text;`;
      break;
    case 2:
      imports.push(`import { anthropic, runId } from '../ai/clients';`);
      body = `  const message = await anthropic.messages.create(
    { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: prompt }] },
    {
      headers: {
        'x-attrib-feature': '${feature}',
        'x-attrib-workload-class': '${workload}',
        'x-attrib-tenant': tenant,
        'x-attrib-environment': ${env},${broken ? '' : `\n        'x-attrib-parent-run-id': runId(),`}
      },
    },
  );
  return message.content.map((block) => block.text).join('');`;
      break;
    default:
      imports.push(`import { generateText } from 'ai';`, `import { model, runId } from '../ai/clients';`);
      body = `  const { text } = await generateText({
    model: model('gpt-4o'),
    prompt,
    experimental_telemetry: { isEnabled: true, metadata: ${tagObject} },
  });
  return text;`;
  }
  return {
    imports,
    code: `
/** Asks the model about one record of this module. */
export async function ask${i}(record: Record${i}, tenant: string): Promise<string> {
  const prompt = describeRecord${i}(record);
${body}
}

function describeRecord${i}(record: Record${i}): string {
  return \`\${record.id}: \${record.tags.join(', ')} (\${record.count})\`;
}
`,
  };
}

/**
 * Writes the corpus into `dir` (replacing it) and returns its stats, with the files that hold a call.
 * @param {{ dir: string; files: number; callSites: number; seed: number; taxonomy: string }} options
 */
export function generateCorpus({ dir, files, callSites, seed, taxonomy }) {
  const r = prng(seed);
  rmSync(dir, { recursive: true, force: true });
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  };

  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM'],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ['src', 'types'],
      },
      null,
      2,
    )}\n`,
  );
  write('attrib.yaml', taxonomy);
  write('.gitignore', 'node_modules/\ndist/\n/.stamp.json\n');
  write('types/sdk.d.ts', SDK_DECLARATIONS);
  let lines = write('src/ai/clients.ts', CLIENTS) + write('src/ai/tags.ts', tagsModule());
  const callSiteFiles = [];
  const generated = files - 2;
  // Spread the call sites evenly over the modules, so any 5 changed files hold a few.
  const callEvery = generated / callSites;
  for (let i = 0; i < generated; i++) {
    const deps = [];
    if (i > 0) for (let k = 1 + Math.floor(r() * 3); k > 0; k--) deps.push(Math.floor(r() * i));
    const unique = [...new Set(deps)].sort((a, b) => a - b);
    const imports = unique.map((d) => `import { Kind${d}, normalize${d}, score${d} } from '${importPath(i, d)}';`);
    const parts = [head(i, r)];
    if (unique.length > 0) parts.push(bridge(i, unique));
    for (let n = 0, count = 4 + Math.floor(r() * 3); n < count; n++) parts.push(HELPERS[Math.floor(r() * HELPERS.length)](i, n, r));
    if (Math.floor((i + 1) / callEvery) > Math.floor(i / callEvery) && callSiteFiles.length < callSites) {
      const site = callSite(i, callSiteFiles.length % 4, r);
      imports.push(...site.imports);
      parts.push(site.code);
      callSiteFiles.push(modulePath(i));
    }
    const text = `${imports.length > 0 ? `${imports.join('\n')}\n\n` : ''}${parts.join('')}`;
    lines += write(modulePath(i), text);
  }
  return { files, lines, callSites: callSiteFiles.length, callSiteFiles };
}

/** The corpus's identity: its parameters and this generator's source, so any change regenerates it. */
export function corpusStamp(params) {
  const generator = readFileSync(new URL(import.meta.url), 'utf8');
  return createHash('sha256')
    .update(JSON.stringify(params))
    .update(generator)
    .digest('hex')
    .slice(0, 16);
}
