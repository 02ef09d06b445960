/**
 * `attrib diff --base REF` on a scratch git repository: a commit with three call sites, then a
 * working tree that moves one to another model, removes one, puts one in a loop and adds two
 * without `tenant`. The logs are October 2026 steps recorded (by attrib/runtime) at the base's call
 * sites; prices are the bundled rules/pricing.yaml (gpt-4o-mini $0.15 / $0.60 per 1M input /
 * output tokens, gpt-4o $2.50 / $10.00), so every amount below is worked out by hand. Needs dist/.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { initRepository, scratch, sh } from '../integration/scratch.js';

const TAGS = "feature: 'inbox-triage', team: 'mail', workload_class: 'batch', environment: 'production', parent_run_id: runId";
const synthesis = (model: string) => `import OpenAI from 'openai';
const client = new OpenAI();

export async function summarize(text: string, tenant: string, runId: string) {
  return client.chat.completions.create({ model: '${model}', messages: [{ role: 'user', content: text }], metadata: { ${TAGS}, tenant } });
}
`;
const legacy = `import OpenAI from 'openai';
const client = new OpenAI();

export async function legacy(text: string, tenant: string, runId: string) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }], metadata: { ${TAGS}, tenant } });
}
`;
const retrieval = (loop: boolean) => `import OpenAI from 'openai';
const client = new OpenAI();

export async function embed(docs: string[], tenant: string, runId: string) {
${loop ? '  for (const doc of docs) {\n    await client.embeddings.create({ model: \'text-embedding-3-small\', input: doc, metadata: { ' + TAGS + ', tenant } });\n  }' : "  await client.embeddings.create({ model: 'text-embedding-3-small', input: docs, metadata: { " + TAGS + ', tenant } });'}
}
`;
const planner = `import OpenAI from 'openai';
const client = new OpenAI();

export async function plan(goal: string, runId: string) {
  const steps = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: goal }], metadata: { ${TAGS} } });
  return client.chat.completions.create({ model: '@octocat/https://evil.example', messages: [], metadata: { ${TAGS} } });
}
`;

/** 100 steps of the summarize call (1M input, 200k output tokens each), located by file:line as the runtime records them. */
function logLines(): string {
  const lines: string[] = [];
  const tags = { feature: 'inbox-triage', team: 'mail', workload_class: 'batch', tenant: 'ws_acme', environment: 'production' };
  for (let i = 0; i < 100; i++) {
    lines.push(JSON.stringify({ ts: `2026-10-${String(1 + (i % 30)).padStart(2, '0')}T10:00:00.000Z`, step_id: `s${i}`, kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 1_000_000, output_tokens: 200_000, cost_usd: null, tags: { ...tags, parent_run_id: `r${i}` }, call_site: { id: null, frames: [{ file: 'src/agents/synthesis.ts', line: 5, column: 34 }] } }));
  }
  // The legacy call, named by its id (the code passed `callSite`): 10 steps at $1.50.
  for (let i = 0; i < 10; i++) {
    lines.push(JSON.stringify({ ts: '2026-10-15T10:00:00.000Z', step_id: `l${i}`, kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 10, cost_usd: 1.5, tags: { ...tags, parent_run_id: `q${i}` }, call_site: { id: 'src/agents/legacy.ts#legacy/chat.completions.create#1', frames: [] } }));
  }
  return `${lines.join('\n')}\n`;
}

let repo: string;
beforeAll(() => {
  repo = scratch('diff');
  initRepository(repo);
  copyFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), path.join(repo, 'attrib.yaml'));
  mkdirSync(path.join(repo, 'src/agents'), { recursive: true });
  writeFileSync(path.join(repo, 'src/agents/synthesis.ts'), synthesis('gpt-4o-mini'));
  writeFileSync(path.join(repo, 'src/agents/legacy.ts'), legacy);
  writeFileSync(path.join(repo, 'src/agents/retrieval.ts'), retrieval(false));
  sh('git', ['add', '-A'], repo);
  sh('git', ['commit', '-qm', 'base'], repo);
  // The change, in the working tree (uncommitted, as in a PR's checkout it would be committed: both work).
  writeFileSync(path.join(repo, 'src/agents/synthesis.ts'), synthesis('gpt-4o'));
  sh('git', ['rm', '-q', 'src/agents/legacy.ts'], repo);
  writeFileSync(path.join(repo, 'src/agents/retrieval.ts'), retrieval(true));
  writeFileSync(path.join(repo, 'src/agents/planner.ts'), planner);
  mkdirSync(path.join(repo, 'logs'));
  writeFileSync(path.join(repo, 'logs/attrib-2026-10.jsonl'), logLines());
});

describe('attrib diff --base', () => {
  it('prices a model change at the logged volume, a removal at its spend, and lists the new call sites without tenant (JSON)', () => {
    const run = runCli(['diff', '--base', 'main', 'src', '--logs', 'logs/', '--format', 'json'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(schemaErrors('diff-result', result)).toEqual([]);
    expect(result.period).toEqual({ from: '2026-10-01', to: '2026-10-31', days: 31, month: 'October 2026' });
    const by = (id: string) => result.changes.find((c: { callSiteId: string }) => c.callSiteId === id);

    const summarize = by('src/agents/synthesis.ts#summarize/chat.completions.create#1');
    expect(summarize).toMatchObject({ change: 'altered', aspects: ['model'], base: { model: 'gpt-4o-mini' }, head: { model: 'gpt-4o' } });
    // Per step: gpt-4o-mini 1M x $0.15 + 0.2M x $0.60 = $0.27; gpt-4o 1M x $2.50 + 0.2M x $10 = $4.50. x100 steps.
    expect(summarize.history).toMatchObject({ steps: 100, costUsd: 27, inputTokens: 100_000_000, outputTokens: 20_000_000 });
    expect(summarize.estimate).toEqual({ baseCostUsd: 27, headCostUsd: 450, deltaUsd: 423, perMonthUsd: 423 });
    expect(summarize.note).toBe("moves `summarize` (src/agents/synthesis.ts) from gpt-4o-mini to gpt-4o: about +$423/month at October 2026's volume");

    const removed = by('src/agents/legacy.ts#legacy/chat.completions.create#1');
    expect(removed).toMatchObject({ change: 'removed', estimate: { baseCostUsd: 15, headCostUsd: 0, deltaUsd: -15, perMonthUsd: -15 } });

    const embed = by('src/agents/retrieval.ts#embed/embeddings.create#1');
    expect(embed).toMatchObject({ change: 'altered', aspects: ['entered-loop'], history: null, estimate: null });

    const added = result.changes.filter((c: { change: string }) => c.change === 'added');
    expect(added.map((c: { callSiteId: string }) => c.callSiteId)).toEqual(['src/agents/planner.ts#plan/chat.completions.create#1', 'src/agents/planner.ts#plan/chat.completions.create#2']);
    expect(result.newWithoutTags).toEqual([{ tag: 'tenant', callSites: 2 }]);
    // 423 - 15
    expect(result.totals).toEqual({ deltaUsd: 408, perMonthUsd: 408, estimated: 2, unestimated: 3 });
    expect(result.summary).toEqual([
      "this change moves `summarize` (src/agents/synthesis.ts) from gpt-4o-mini to gpt-4o: about +$423/month at October 2026's volume",
      "this change removes `legacy` (src/agents/legacy.ts): about -$15.00/month at October 2026's volume",
      'this change changes `embed` (src/agents/retrieval.ts): the call is now inside a loop',
      '2 new call sites without `tenant`',
    ]);
    // History: 100 x $0.27 + 10 x $1.50 = $42, all of it joined to a base call site.
    expect(result.history).toMatchObject({ steps: 110, costUsd: 42, joinedCostUsd: 42 });
    // The repository is untouched: the change is still uncommitted, no worktree was added.
    expect(sh('git', ['worktree', 'list'], repo).stdout.trim().split('\n')).toHaveLength(1);
    expect(sh('git', ['status', '--porcelain'], repo).stdout).toMatch(/D {2}src\/agents\/legacy\.ts/);
  }, 60_000);

  it('prints a PR comment whose data cannot mention anyone or link anywhere', () => {
    const run = runCli(['diff', '--base', 'main', 'src', '--logs', 'logs/'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const md = run.stdout;
    expect(md).toContain("- this change moves `summarize` (src/agents/synthesis.ts) from gpt-4o-mini to gpt-4o: about +$423/month at October 2026's volume");
    expect(md).toContain('- 2 new call sites without `tenant`');
    expect(md).toContain('| `src/agents/synthesis.ts#summarize/chat.completions.create#1`<br>src/agents/synthesis.ts:5 | model `gpt-4o-mini` → `gpt-4o` | 100 steps, $27.00 | +$423.00/month |');
    // The hostile model name appears only inside a code span.
    const outsideCode = md.replace(/`[^`]*`/g, '');
    expect(outsideCode).not.toMatch(/@octocat|https:\/\//);
    expect(md).toContain('`@octocat/https://evil.example`');
  }, 60_000);

  it('says so when there are no logs, and shows the price ratio', () => {
    // The taxonomy without its report.logs (the fixture's would find logs/).
    writeFileSync(path.join(repo, 'no-logs.yaml'), readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8').replace(/^report:\n(?:  .*\n)+/m, ''));
    const run = runCli(['diff', '--base', 'main', 'src', '--format', 'json', '--taxonomy', 'no-logs.yaml'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    const summarize = result.changes.find((c: { callSiteId: string }) => c.callSiteId.startsWith('src/agents/synthesis.ts'));
    // gpt-4o / gpt-4o-mini: input 2.50 / 0.15 = 16.67, output 10 / 0.60 = 16.67.
    expect(summarize.priceRatio).toEqual({ from: 'gpt-4o-mini', to: 'gpt-4o', input: 16.67, output: 16.67 });
    expect(summarize.note).toBe('moves `summarize` (src/agents/synthesis.ts) from gpt-4o-mini to gpt-4o (no logs to price it with): gpt-4o costs 16.67x the price of gpt-4o-mini per input token and 16.67x per output token');
    expect(result.history).toBeNull();
    expect(result.summary.at(-1)).toMatch(/^no usage logs were read/);
  }, 60_000);

  it('exits 2 for an unknown base or outside a git repository', () => {
    const unknown = runCli(['diff', '--base', 'no-such-branch', '--logs', 'logs/'], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--base no-such-branch: no such commit, branch or tag/);
    const outside = scratch('not-git');
    copyFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), path.join(outside, 'attrib.yaml'));
    const notGit = runCli(['diff', '--base', 'main'], { cwd: outside });
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toMatch(/attrib diff needs git/);
    expect(readFileSync(path.join(repo, 'src/agents/synthesis.ts'), 'utf8')).toContain("model: 'gpt-4o'");
  }, 60_000);
});
