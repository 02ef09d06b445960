import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_PACK_DIR, loadRulePacks } from '../../src/lint/index.js';
import { cachedParse, prune } from '../../src/lint/packs/parsed-cache.js';
import { parseRulePack } from '../../src/lint/packs/schema.js';
import { schemaErrors } from '../helpers/schema.js';
import { lintFiles, writeProject } from './rule-tester.js';

describe('rule packs', () => {
  it('bundles one pack per SDK, each valid against schemas/rule-pack.schema.json', () => {
    const files = readdirSync(BUNDLED_PACK_DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual([
      'ai-agents.yaml',
      'ai.yaml',
      'anthropic-bedrock.yaml',
      'anthropic-vertex.yaml',
      'anthropic.yaml',
      'arcade.yaml',
      'attrib-runtime.yaml',
      'bedrock-agent-runtime.yaml',
      'bedrock-runtime.yaml',
      'cohere.yaml',
      'exa.yaml',
      'firecrawl.yaml',
      'genkit.yaml',
      'google-genai.yaml',
      'google-generative-ai.yaml',
      'groq.yaml',
      'langchain-agents.yaml',
      'langchain-chains.yaml',
      'langchain-vectorstores.yaml',
      'langchain-web.yaml',
      'langchain.yaml',
      'langgraph-sdk.yaml',
      'langgraph.yaml',
      'llamaindex.yaml',
      'mastra.yaml',
      'mcp.yaml',
      'mistral.yaml',
      'openai-agents.yaml',
      'openai.yaml',
      'polly.yaml',
      'replicate.yaml',
      'sagemaker-runtime.yaml',
      'tavily.yaml',
      'together.yaml',
      'transcribe-streaming.yaml',
      'transcribe.yaml',
    ]);
    for (const f of files) expect(schemaErrors('rule-pack', parse(readFileSync(path.join(BUNDLED_PACK_DIR, f), 'utf8')))).toEqual([]);
    expect(loadRulePacks([], process.cwd()).map((p) => p.name).sort()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
  });

  it('a new SDK needs only a YAML pack (--rules)', async () => {
    const pack = `name: acme
modules: ['@acme/llm']
classes: [Acme]
call_carriers:
  - { arg: 1, path: fetchOptions.headers, form: headers, label: headers }
methods: [chat.complete]
`;
    const result = await lintFiles(
      {
        'packs/acme.yaml': pack,
        'src/index.ts': `import { Acme } from '@acme/llm';\nconst m = new Acme();\nm.chat.complete({}, { fetchOptions: { headers: { 'x-attrib-feature': 'inbox-triage' } } });`,
      },
      { rulePackDirs: ['packs'], paths: ['src'] },
    );
    expect(result.callSites.map((s) => [s.sdk, s.callee, s.missing])).toEqual([['acme', 'chat.complete', ['tenant']]]);
    expect(result.callSites[0]!.tags.feature).toEqual({ value: 'inbox-triage', source: 'headers' });
  });

  it('caches parsed packs: a second load equals the first, and an edited pack is read anew', () => {
    const pack = (method: string) => `name: cached\nmodules: ['@cached/${process.pid}-${Date.now()}']\nclasses: [{ name: C, default: true }]\nmethods: [${method}]\n`;
    const cwd = writeProject({ 'packs/cached.yaml': pack('send') });
    const first = loadRulePacks(['packs'], cwd);
    const second = loadRulePacks(['packs'], cwd);
    expect(second).toEqual(first);
    writeFileSync(path.join(cwd, 'packs/cached.yaml'), pack('receive'));
    const edited = loadRulePacks(['packs'], cwd).find((p) => p.name === 'cached')!;
    expect(edited.methods.map((m) => m.path.join('.'))).toEqual(['receive']);
  });

  it('parses a set of packs once: the second read of the same texts comes from the cache', () => {
    const files = [{ file: `/packs/${process.pid}-${Date.now()}-a.yaml`, text: 'name: a' }];
    let parses = 0;
    const parseYaml = () => {
      parses++;
      return { name: 'a', modules: ['m'] };
    };
    expect(cachedParse(files, parseYaml)).toEqual([{ name: 'a', modules: ['m'] }]);
    expect(cachedParse(files, parseYaml)).toEqual([{ name: 'a', modules: ['m'] }]);
    expect(parses).toBe(1);
    expect(cachedParse([{ ...files[0]!, text: 'name: b' }], parseYaml)).toEqual([{ name: 'a', modules: ['m'] }]);
    expect(parses).toBe(2);
  });

  it('prunes the cache to the entries used last, and stale partial writes; nothing else in the folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-pack-cache-'));
    const entry = (i: number) => `packs-${i.toString(16).padStart(32, '0')}.json`;
    const now = Date.now();
    for (let i = 0; i < 20; i++) {
      writeFileSync(path.join(dir, entry(i)), '[]');
      utimesSync(path.join(dir, entry(i)), new Date(now - i * 60_000), new Date(now - i * 60_000)); // entry 0 used last
    }
    writeFileSync(path.join(dir, `${entry(99)}.123.tmp`), '[');
    utimesSync(path.join(dir, `${entry(99)}.123.tmp`), new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000));
    writeFileSync(path.join(dir, `${entry(98)}.456.tmp`), '['); // a run writing it now
    writeFileSync(path.join(dir, 'typescript.js-735de271.bin'), 'code cache');
    writeFileSync(path.join(dir, 'packs-notes.json'), 'not an entry');
    prune(dir, now, 16);
    const left = readdirSync(dir).sort();
    expect(left).toEqual([...Array.from({ length: 16 }, (_, i) => entry(i)), `${entry(98)}.456.tmp`, 'packs-notes.json', 'typescript.js-735de271.bin'].sort());
  });

  it('never caches what JSON would change (`.inf` would come back as null)', () => {
    const files = [{ file: `/packs/${process.pid}-${Date.now()}.yaml`, text: 'limit: .inf' }];
    let parses = 0;
    const parseYaml = () => {
      parses++;
      return { limit: Number.POSITIVE_INFINITY };
    };
    expect(cachedParse(files, parseYaml)).toEqual([{ limit: Number.POSITIVE_INFINITY }]);
    expect(cachedParse(files, parseYaml)).toEqual([{ limit: Number.POSITIVE_INFINITY }]);
    expect(parses).toBe(2);
  });

  it('a pack with the name of a bundled one replaces it', async () => {
    const cwd = writeProject({ 'packs/openai.yaml': 'name: openai\nmodules: [openai]\nclasses: [{ name: OpenAI, default: true }]\nmethods: [moderations.create]\n' });
    const openai = loadRulePacks(['packs'], cwd).find((p) => p.name === 'openai')!;
    expect(openai.methods.map((m) => m.path.join('.'))).toEqual(['moderations.create']);
  });

  it('statics spell out one static method of many classes: a returns entry per class, and a call site per class when billable', () => {
    const carriers = [{ arg: 1, form: 'instance', label: 'embeddings' }];
    const pack = parseRulePack({ name: 'x', kind: 'agent', modules: ['m'], classes: ['A', 'B'], statics: [{ name: 'fromDocuments', billable: true, classes: ['A', 'B'], carriers }, { name: 'load', classes: ['B'] }] }, 'x.yaml');
    expect(pack.functions.map((f) => [f.name, f.kind, f.carriers.length])).toEqual([['A.fromDocuments', 'agent', 1], ['B.fromDocuments', 'agent', 1]]);
    expect(pack.returns.map((r) => [r.function, r.result, r.carriers.length])).toEqual([
      ['A.fromDocuments', { pack: 'x', class: 'A' }, 1],
      ['B.fromDocuments', { pack: 'x', class: 'B' }, 1],
      ['B.load', { pack: 'x', class: 'B' }, 0],
    ]);
  });

  it('invalid packs are configuration errors naming the file and field', () => {
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['A'], methods: [{ path: 'a..b' }] }, 'x.yaml')).toThrow(/x\.yaml: methods\[0\]\.path/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], functions: ['f'], call_carriers: [{ arg: 0, form: 'json' }] }, 'x.yaml')).toThrow(/call_carriers\[0\]\.form/);
    expect(() => parseRulePack({ name: 'x', modules: [] }, 'x.yaml')).toThrow(/modules must list/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['A'], methods: ['run'], binders: [{ path: 'withConfig' }] }, 'x.yaml')).toThrow(/x\.yaml: binders\[0\]\.as must be a non-negative integer/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['A'], methods: ['run'], binders: [{ path: 'bind', as: 1, classes: ['B'] }] }, 'x.yaml')).toThrow(/binders\[0\]\.classes names `B`/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], functions: ['f'], extra: 1 }, 'x.yaml')).toThrow(/the pack\.extra is not a known key/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], methods: [{ path: 'send', commands: ['GoCommand'] }] }, 'x.yaml')).toThrow(/methods\[0\]\.commands names `GoCommand`, which is not in `classes`/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], methods: [{ path: 'send', commands: [] }] }, 'x.yaml')).toThrow(/methods\[0\]\.commands must name at least one/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['Agent'], methods: ['generate'], given: [{ function: 'createTool', at: 'execute', path: 'mastra', class: 'Mastra' }] }, 'x.yaml')).toThrow(/given\[0\]\.class names `Mastra`, which is not in `classes`/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['A'], methods: ['generate'], given: [{ function: 'f', at: 'execute', param: -1, path: 'a', class: 'A' }] }, 'x.yaml')).toThrow(/given\[0\]\.param must be a non-negative integer/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], functions: ['f'], non_billable: [{ path: 'list' }] }, 'x.yaml')).toThrow(/non_billable\[0\]\.reason must be a non-empty string/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], functions: ['f'], versions: { m: 1.2 } }, 'x.yaml')).toThrow(/versions\.m must be a non-empty string/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], functions: ['f'], versions: ['m@1'] }, 'x.yaml')).toThrow(/versions must be a mapping/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], methods: [{ path: 'send', when: { arg: 0, path: 'type', equals: [] } }] }, 'x.yaml')).toThrow(/methods\[0\]\.when\.equals must name at least one value/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], methods: [{ path: 'send', when: { arg: -1, path: 'type', equals: ['a'] } }] }, 'x.yaml')).toThrow(/methods\[0\]\.when\.arg must be a non-negative integer/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], returns: [{ function: 'make', class: 'C', unless: { key: 'a.b' } }] }, 'x.yaml')).toThrow(/returns\[0\]\.unless\.key is one property name/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], returns: [{ function: 'make', class: 'C', unless: { arg: 0 } }] }, 'x.yaml')).toThrow(/returns\[0\]\.unless\.key must be a non-empty string/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], statics: [{ name: 'C.from', classes: ['C'] }] }, 'x.yaml')).toThrow(/statics\[0\]\.name is one static method name, without its class/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], statics: [{ name: 'from', classes: ['D'] }] }, 'x.yaml')).toThrow(/statics\[0\]\.classes names `D`, which is not in `classes`/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], interfaces: [{ name: 'Base', classes: ['C'] }], statics: [{ name: 'from', classes: ['Base'] }] }, 'x.yaml')).toThrow(/statics\[0\]\.classes names `Base`, an interface/);
    expect(() => parseRulePack({ name: 'x', modules: ['m'], classes: ['C'], statics: [{ name: 'from', classes: ['C'], kind: 'tool' }] }, 'x.yaml')).toThrow(/statics\[0\]\.kind goes with `billable: true`/);
    const cwd = writeProject({ 'packs/bad.yaml': 'name: [unclosed' });
    expect(() => loadRulePacks(['packs'], cwd)).toThrow(/cannot read rule pack packs\/bad\.yaml/);
    expect(() => loadRulePacks(['nope'], cwd)).toThrow(/cannot read rule pack folder nope/);
    mkdirSync(path.join(cwd, 'packs2'));
    writeFileSync(path.join(cwd, 'packs2/empty.yaml'), 'name: e\nmodules: [m]\n');
    expect(() => loadRulePacks(['packs2'], cwd)).toThrow(/defines no `methods`, `functions`, `returns` or `runs`/);
  });
});
