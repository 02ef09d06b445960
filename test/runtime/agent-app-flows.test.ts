import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';

// The fixture app's attrib/runtime flows (fixtures/agent-app/src/agents/inbox.ts), recorded by
// scripts/agent-app-flows.ts with the real SDK clients on a mocked fetch, and what lint says of the
// same code: the two must tell one story. The CLI runs from dist/ (`npm run build` first).
const LOG = 'fixtures/runtime/agent-app-steps.jsonl';
const INBOX = 'fixtures/agent-app/src/agents/inbox.ts';
const tmp = mkdtempSync(path.join(tmpdir(), 'attrib-agent-app-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Site { callSiteId: string; file: string; line: number; status: string }
interface Row { costUsd: number; steps: number; unattributedCostUsd: number; missing: { tag: string }[]; lint: { callSiteId: string } | null }

describe('the agent app through attrib/runtime', () => {
  it('regenerates the committed step log byte for byte (fixed clock and ids, no network)', () => {
    const out = path.join(tmp, 'steps.jsonl');
    const run = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['--tsconfig', 'scripts/agent-app-flows.tsconfig.json', 'scripts/agent-app-flows.ts', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, OPENAI_BASE_URL: undefined, ANTHROPIC_BASE_URL: undefined },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(repoRoot, LOG), 'utf8'));
  });

  it('records one step per call with the mocked usage and the scope tags, in the step-record schema', () => {
    const steps = readFileSync(path.join(repoRoot, LOG), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const s of steps) expect(schemaErrors('step-record', s)).toEqual([]);
    // Two triage runs (tool, OpenAI, Anthropic each), one subject line (AI SDK) and one digest.
    expect(steps.map((s) => `${s.kind} ${s.model ?? s.tool} ${s.input_tokens}/${s.output_tokens} ${s.tags.parent_run_id} [${s.missing_tags}]`)).toEqual([
      'tool lookup_sender null/null run_triage_acme []',
      'model gpt-4.1-mini 1200/40 run_triage_acme []',
      'model claude-sonnet-4-5 2000/500 run_triage_acme []',
      'tool lookup_sender null/null run_triage_globex []',
      'model gpt-4.1-mini 1200/40 run_triage_globex []',
      'model claude-sonnet-4-5 2000/500 run_triage_globex []',
      'model gpt-4.1-nano 3000/20 run_compose_acme []',
      'model gpt-4.1 10000/800 run_digest_acme [feature,team]',
    ]);
    expect(steps[0]).toMatchObject({ ts: '2026-11-02T09:00:00.250Z', step_id: 'st_fixture_1', duration_ms: 250, tags: { feature: 'inbox-triage', team: 'mail', tenant: 'ws_acme' } });
  });

  it('lint and the report over the runtime records agree call site by call site', () => {
    const lint = runCli(['lint', 'fixtures/agent-app', '--format', 'json']);
    // The app keeps its planted violations: lint exits 1 on purpose.
    expect(lint.code, lint.stderr).toBe(1);
    const lintJson = path.join(tmp, 'lint.json');
    writeFileSync(lintJson, lint.stdout);
    const lintResult = JSON.parse(lint.stdout) as { callSites: Site[]; findings: { file: string; line: number; ruleId: string; missing?: string[] }[] };
    const inbox = lintResult.callSites.filter((s) => s.file === INBOX);
    expect(inbox.map((s) => `${s.callSiteId} ${s.line} ${s.status}`)).toEqual([
      `${INBOX}#triageEmail/chat.completions.create#1 20 compliant`,
      `${INBOX}#triageEmail/messages.create#1 24 compliant`,
      `${INBOX}#weeklyDigest/chat.completions.create#1 36 violation`,
      `${INBOX}#suggestSubject/generateText#1 56 compliant`,
    ]);
    // Read natively: the scope's tags reach the calls, and the one scope without a feature is the finding.
    expect(lintResult.findings.filter((f) => f.file === INBOX).map((f) => `${f.line} ${f.ruleId} ${f.missing}`)).toEqual(['36 missing-tags feature,team']);

    const report = runCli(['report', LOG, '--lint', lintJson, '--by', 'call_site', '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    const result = JSON.parse(report.stdout);
    expect(schemaErrors('report-result', result)).toEqual([]);
    // USD per 1M tokens (rules/pricing.yaml): gpt-4.1-mini 0.40/1.60, claude-sonnet-4-5 3/15, gpt-4.1 2/8,
    // gpt-4.1-nano 0.10 (cached 0.025)/0.40.
    // label   1200 x 0.40 + 40 x 1.60                  =    544 micro-USD, twice = 1088
    // reply   2000 x 3    + 500 x 15                   = 13,500 micro-USD, twice = 27,000
    // subject 2000 x 0.10 + 1000 x 0.025 + 20 x 0.40   =    233 micro-USD (1000 of the 3000 input cached)
    // digest  10000 x 2   + 800 x 8                    = 26,400 micro-USD, unattributed (no feature)
    // total 1088 + 27,000 + 233 + 26,400 = 54,721; attributed 54,721 - 26,400 = 28,321
    expect(result.totals).toMatchObject({ costUsd: 0.054721, attributedCostUsd: 0.028321, unattributedCostUsd: 0.0264, steps: 8 });

    // Every call site the flows exercised spent, under lint's own callSiteId.
    const bySite = new Map<string, { cost: number; steps: number; unattributed: number; missing: Set<string> }>();
    for (const row of result.byCallSite as Row[]) {
      const id = row.lint?.callSiteId ?? '(not found by lint)';
      const acc = bySite.get(id) ?? { cost: 0, steps: 0, unattributed: 0, missing: new Set<string>() };
      acc.cost += Math.round(row.costUsd * 1e6);
      acc.steps += row.steps;
      acc.unattributed += Math.round(row.unattributedCostUsd * 1e6);
      for (const m of row.missing) acc.missing.add(m.tag);
      bySite.set(id, acc);
    }
    const summary = [...bySite].map(([id, a]) => `${id} ${a.cost} ${a.steps} ${a.unattributed} [${[...a.missing]}]`);
    expect(summary).toEqual([
      `${INBOX}#weeklyDigest/chat.completions.create#1 26400 1 26400 [feature,team]`,
      `${INBOX}#triageEmail/messages.create#1 27000 2 0 []`,
      `${INBOX}#triageEmail/chat.completions.create#1 1088 2 0 []`,
      // The AI SDK call joins by the id its scope names (no app frame is on the stack there).
      `${INBOX}#suggestSubject/generateText#1 233 1 0 []`,
      // The in-process tool() (lookup_sender) is no lint call site: its steps cost nothing.
      '(not found by lint) 0 2 0 []',
    ]);

    const join = result.callSiteJoin;
    expect(join.totalCostUsd).toBe(0.054721);
    expect(join.joinedCostUsd).toBe(0.054721);
    // Lint's violations among the exercised sites are exactly the sites whose spend is unattributed, with the same missing tags.
    expect(join.flagged.map((f: Site & { costUsd: number }) => `${f.callSiteId} ${f.costUsd}`)).toEqual([`${INBOX}#weeklyDigest/chat.completions.create#1 0.0264`]);
    expect(join.unattributed.map((u: { callSiteId: string; missing: { tag: string }[] }) => `${u.callSiteId} ${u.missing.map((m) => m.tag)}`)).toEqual([
      `${INBOX}#weeklyDigest/chat.completions.create#1 feature,team`,
    ]);
    // No spending blind spot: the only site lint never found is the $0 tool.
    expect(join.blindSpots.map((b: { key: string; costUsd: number; reason: string }) => `${b.key} ${b.costUsd} ${b.reason}`)).toEqual([`${INBOX}:19 0 no-lint-site`]);
    expect(join.noCallSite).toEqual({ costUsd: 0, steps: 0 });
    // The other 15 call sites of the app are lint's, idle in this log.
    expect(join.idle).toHaveLength(15);
    expect(lintResult.callSites).toHaveLength(19);
  });
});
