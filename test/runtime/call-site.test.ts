/**
 * attrib/runtime records where each step was called from (`call_site`): the app's own frames from
 * V8's stack (resolved once per call site), or the lint callSiteId the code names. Real OpenAI
 * client, mocked transport. Lines are checked in a plain Node process (vitest transforms test files,
 * so their V8 lines are not the source's); expected lines are found by their `site:` marker comments,
 * so a test says which line it means. Needs dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import typescript from 'typescript';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { configure, instrument, memorySink, stepLine, withAttribution } from '../../src/runtime/index.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { FULL_TAGS, capture, json, mockFetch } from './helpers.js';

const completion = { id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } };
const params = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'x' }] };

function client(options?: Parameters<typeof instrument>[1]) {
  return instrument(new OpenAI({ apiKey: 'sk-test', fetch: mockFetch(json(completion)).fetch, maxRetries: 0 }), options);
}

/** Run an app in a plain Node process (no test transform: V8's lines are the file's) and read its step records. */
function runApp(file: string, args: string[] = [], cwd = repoRoot): StepLine[] {
  const run = spawnSync(process.execPath, [...args, file], { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split('\n').map((l) => JSON.parse(l) as StepLine);
}
interface StepLine {
  kind: string;
  tool: string | null;
  call_site: { id: string | null; frames: { file: string; line: number; column: number }[] } | null;
}
const at = (s: StepLine) => s.call_site!.frames.map((f) => `${f.line}`);

describe('call_site from the stack (built package, plain node)', () => {
  const app = 'test/runtime/apps/call-sites.mjs';
  const source = readFileSync(path.join(repoRoot, app), 'utf8').split('\n');
  const line = (name: string) => String(source.findIndex((l) => l.includes(`// site:${name}`)) + 1);
  const steps = runApp(app);

  it('records the line of the SDK call and of the scope around it, relative to the working directory', () => {
    expect(steps[0]!.call_site!.id).toBeNull();
    expect(steps[0]!.call_site!.frames[0]!.file).toBe(app);
    expect(at(steps[0]!)).toEqual([line('direct'), String(Number(line('direct')) - 1)]);
    // V8 places a method call at the method's name: `create` in `  await client.chat.completions.create(`.
    expect(steps[0]!.call_site!.frames[0]!.column).toBe('  await client.chat.completions.'.length + 1);
  });

  it('keeps the caller of an app helper after the helper\'s own line, innermost first', () => {
    expect(at(steps[1]!).slice(0, 2)).toEqual([line('helper-inner'), line('helper-caller')]);
  });

  it('records the same call site for every call from one place, and a tool step where the tool is called', () => {
    expect(at(steps[2]!)[0]).toBe(line('loop'));
    expect(steps[3]!.call_site).toEqual(steps[2]!.call_site);
    expect(steps[4]).toMatchObject({ kind: 'tool', tool: 'search' });
    expect(at(steps[4]!)[0]).toBe(line('tool'));
  });

  it('records null for a call the SDK makes later from its own helper (.stream()): no app frame is on the stack', () => {
    expect(steps).toHaveLength(6);
    expect(steps[5]!.call_site).toBeNull();
  });

  it('every record is valid against schemas/step-record', () => {
    for (const s of steps) expect(schemaErrors('step-record', s)).toEqual([]);
  });

  it('maps compiled JS back to the TypeScript line through the source map (--enable-source-maps)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'attrib-callsite-'));
    // Ten lines of types that compile to nothing, so the JS line of the call differs from the TS line.
    const ts = [
      `import { configure, memorySink, stepLine, tool, withAttribution } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/runtime/index.js')).href)};`,
      ...Array.from({ length: 10 }, (_, i) => `interface Pad${i} { a: string }`),
      'const sink = memorySink();',
      "configure({ sinks: [sink], environment: 'test', onWarning: () => {} });",
      "const search = tool('search', async (q: string): Promise<number> => q.length);",
      "await withAttribution({ feature: 'f' }, () => search('x'));",
      'for (const s of sink.steps) console.log(stepLine(s));',
    ].join('\n');
    const out = typescript.transpileModule(ts, { fileName: 'app.ts', compilerOptions: { module: typescript.ModuleKind.ES2022, target: typescript.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true } });
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/app.ts'), ts);
    writeFileSync(path.join(dir, 'src/app.mjs'), out.outputText);
    const jsLine = out.outputText.split('\n').findIndex((l) => l.includes("search('x')")) + 1;
    const tsLine = ts.split('\n').findIndex((l) => l.includes("search('x')")) + 1;
    expect(jsLine).not.toBe(tsLine);
    const [mapped] = runApp('src/app.mjs', ['--enable-source-maps'], dir);
    expect(mapped!.call_site!.frames[0]).toMatchObject({ file: 'src/app.ts', line: tsLine });
    const [raw] = runApp('src/app.mjs', [], dir);
    expect(raw!.call_site!.frames[0]).toMatchObject({ file: 'src/app.mjs', line: jsLine });
  });
});

describe('call_site in process', () => {
  it('resolves once per call site: the same place gives the same object, another place another', async () => {
    const { steps } = capture();
    const c = client();
    await withAttribution(FULL_TAGS, async () => {
      for (let i = 0; i < 3; i++) await c.chat.completions.create(params);
      await c.chat.completions.create(params);
    });
    expect(steps).toHaveLength(4);
    // The first pass runs before any await (the scope's caller is on the stack); the later ones resume after one.
    expect(steps[2]!.callSite).toBe(steps[1]!.callSite);
    expect(steps[0]!.callSite!.frames[0]).toEqual(steps[1]!.callSite!.frames[0]);
    expect(steps[3]!.callSite!.frames[0]!.line).toBe(steps[0]!.callSite!.frames[0]!.line + 1);
    expect(steps[0]!.callSite!.frames[0]!.file).toBe('test/runtime/call-site.test.ts');
  });

  it('records nothing with callSites: false', async () => {
    const sink = memorySink();
    configure({ sinks: [sink], environment: 'test', callSites: false, onWarning: () => {} });
    const c = client();
    await withAttribution(FULL_TAGS, () => c.chat.completions.create(params));
    expect(sink.steps[0]!.callSite).toBeNull();
    expect(JSON.parse(stepLine(sink.steps[0]!)).call_site).toBeNull();
  });

  it('makes paths relative to callSiteRoot', async () => {
    const sink = memorySink();
    configure({ sinks: [sink], environment: 'test', callSiteRoot: path.dirname(fileURLToPath(import.meta.url)), onWarning: () => {} });
    const c = client();
    await withAttribution(FULL_TAGS, () => c.chat.completions.create(params));
    expect(sink.steps[0]!.callSite!.frames[0]!.file).toBe('call-site.test.ts');
  });
});

describe('explicit callSite', () => {
  const ID = 'src/agents/planner.ts#plan/chat.completions.create#1';

  it('a withAttribution scope names the call site; inner scopes inherit it and may rename it', async () => {
    const { steps } = capture();
    const c = client();
    await withAttribution(FULL_TAGS, async () => {
      await c.chat.completions.create(params);
      await withAttribution({ tenant: 'ws_beta' }, () => c.chat.completions.create(params));
      await withAttribution({}, () => c.chat.completions.create(params), { callSite: 'src/b.ts#b/chat.completions.create#2' });
    }, { callSite: ID });
    expect(steps.map((s) => s.callSite)).toEqual([
      { id: ID, frames: [] },
      { id: ID, frames: [] },
      { id: 'src/b.ts#b/chat.completions.create#2', frames: [] },
    ]);
  });

  it('an instrumented client names it for all its calls; a scope still wins', async () => {
    const { steps } = capture();
    const c = client({ callSite: ID });
    await withAttribution(FULL_TAGS, () => c.chat.completions.create(params));
    await withAttribution(FULL_TAGS, () => c.chat.completions.create(params), { callSite: 'src/x.ts#(top)/chat.completions.create#1' });
    expect(steps.map((s) => s.callSite?.id)).toEqual([ID, 'src/x.ts#(top)/chat.completions.create#1']);
  });

  it('rejects a callSite that is not a non-empty string, before any call', () => {
    capture();
    expect(() => withAttribution(FULL_TAGS, () => 1, { callSite: '' })).toThrow(/non-empty string/);
    expect(() => client({ callSite: 42 as unknown as string })).toThrow(/instrument\(client, \{ callSite \}\)/);
  });
});

describe('schemas/step-record call_site', () => {
  it('rejects a frame without a column or with line 0', () => {
    const base = { ts: '2026-10-01T00:00:00Z', step_id: 's1' };
    expect(schemaErrors('step-record', { ...base, call_site: { id: null, frames: [{ file: 'a.ts', line: 3, column: 1 }] } })).toEqual([]);
    expect(schemaErrors('step-record', { ...base, call_site: { id: null, frames: [{ file: 'a.ts', line: 0, column: 1 }] } })).not.toEqual([]);
    expect(schemaErrors('step-record', { ...base, call_site: { id: null, frames: [{ file: 'a.ts', line: 3 }] } })).not.toEqual([]);
  });
});
