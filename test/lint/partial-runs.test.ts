import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import type { LintResult } from '../../src/lint/types.js';
import { loadTaxonomy } from '../../src/taxonomy/index.js';
import { TEST_TAXONOMY, writeProject } from './rule-tester.js';

/**
 * A run over a few files (`--staged`, `--changed`, named paths) stops resolving the project once
 * every target is known to need parsing (src/lint/relevance.ts, issue 14). What it reports for those
 * files must still be what a whole-tree run reports for them: the clients, wrappers and tags they
 * import are resolved across files either way.
 */
const FIXTURE = fileURLToPath(new URL('../../fixtures/agent-app', import.meta.url));
const NOW = new Date('2026-06-15T00:00:00Z');
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
}

/** A git repository holding a copy of fixtures/agent-app. */
function repository(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'attrib-partial-'));
  roots.push(cwd);
  cpSync(FIXTURE, cwd, { recursive: true });
  git(cwd, 'init', '-q');
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', 'fixture');
  return cwd;
}

/** The call sites and findings of a result that belong to `files`, in the result's order. */
function restricted(result: LintResult, files: readonly string[]) {
  const keep = new Set(files);
  return { callSites: result.callSites.filter((s) => keep.has(s.file)), findings: result.findings.filter((f) => keep.has(f.file)) };
}

describe('a run over a few files reports what the whole-tree run reports for them', () => {
  it('one named file at a time, for every file of fixtures/agent-app', async () => {
    const cwd = repository();
    const taxonomy = await loadTaxonomy({ cwd: FIXTURE });
    const whole = await lint({ cwd, taxonomy, now: NOW });
    const withSites = [...new Set(whole.callSites.map((s) => s.file))];
    // Cross-file cases among them: a client singleton behind a path alias, a wrapper, tags spread from another file.
    expect(withSites).toEqual(['src/agents/inbox.ts', 'src/agents/planner.ts', 'src/agents/retrieval.ts', 'src/agents/synthesis.ts', 'src/agents/triage-graph.ts', 'src/legacy/summarize.cjs', 'src/tools/notify.js', 'src/tools/search.ts']);
    const files = whole.summary.files;
    expect(files).toBe(13);
    let sites = 0;
    for (const file of ['src/agents/inbox.ts', 'src/agents/planner.ts', 'src/agents/retrieval.ts', 'src/agents/synthesis.ts', 'src/agents/triage-graph.ts', 'src/legacy/summarize.cjs', 'src/tools/notify.js', 'src/tools/search.ts', 'src/llm.ts', 'src/clients.ts', 'src/tags.ts']) {
      const one = await lint({ cwd, taxonomy, now: NOW, paths: [file] });
      expect(one.summary.files, file).toBe(1);
      expect(restricted(one, [file]), file).toEqual(restricted(whole, [file]));
      sites += one.callSites.length;
    }
    // Every call site of the fixture was found by the one-file runs too (19, per test/lint/agent-app.test.ts).
    expect(sites).toBe(19);
  });

  it('--staged on three edited files', async () => {
    const cwd = repository();
    const taxonomy = await loadTaxonomy({ cwd: FIXTURE });
    const edited = ['src/agents/planner.ts', 'src/agents/synthesis.ts', 'src/tools/notify.js'];
    // A line at the end keeps every position: staged and work tree hold the same text.
    for (const file of edited) appendFileSync(path.join(cwd, file), '\n// reviewed\n');
    git(cwd, 'add', '--', ...edited);
    const staged = await lint({ cwd, taxonomy, now: NOW, staged: true });
    const whole = await lint({ cwd, taxonomy, now: NOW });
    expect(staged.summary.files).toBe(3);
    // planner: 3 call sites (the openai singleton, the wrapper twice); synthesis: 2; notify: 2.
    expect(staged.callSites.map((s) => `${s.file}:${s.line}`)).toEqual([
      'src/agents/planner.ts:11',
      'src/agents/planner.ts:21',
      'src/agents/planner.ts:29',
      'src/agents/synthesis.ts:6',
      'src/agents/synthesis.ts:14',
      'src/tools/notify.js:5',
      'src/tools/notify.js:14',
    ]);
    expect(restricted(staged, edited)).toEqual(restricted(whole, edited));
  });

  it('a file that is relevant at once still resolves a call through a name another file exports', async () => {
    // app.ts needs parsing for its `.create(` alone, so the run stops before learning what ai.ts
    // exports; `gen` (an alias of the AI SDK's generateText, by a name no pack has) must still be resolved.
    const cwd = writeProject({
      'src/ai.ts': `import { generateText } from 'ai';\nexport const gen = generateText;\n`,
      'src/app.ts': `import OpenAI from 'openai';
import { gen } from './ai';
const TAGS = { feature: 'inbox-triage', tenant: 'ws_1' };
new OpenAI().chat.completions.create({ model: 'm', messages: [], metadata: TAGS });
gen({ model: 'm', prompt: 'p', experimental_telemetry: { metadata: TAGS } });
`,
    });
    const one = await lint({ cwd, taxonomy: TEST_TAXONOMY, paths: ['src/app.ts'] });
    expect(one.callSites.map((s) => `${s.file}:${s.line} ${s.sdk} ${s.callee} ${s.status}`)).toEqual(['src/app.ts:4 openai chat.completions.create compliant', 'src/app.ts:5 ai generateText compliant']);
    expect(restricted(one, ['src/app.ts'])).toEqual(restricted(await lint({ cwd, taxonomy: TEST_TAXONOMY }), ['src/app.ts']));
  });
});
