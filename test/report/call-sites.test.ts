/**
 * Spend per call site and its join with a lint result (src/report/call-sites.ts): steps as
 * attrib/runtime writes them (`call_site` frames or an explicit id), a lint result in the shape of
 * `attrib lint --format json`. Amounts are the steps' own cost_usd, so every expected sum is done by
 * hand below.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callSiteSpend, joinCallSites, parseLintResult } from '../../src/report/call-sites.js';
import { runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { fixtureTaxonomy, micros, reportOn, step, writeLogs } from './helpers.js';

const PLANNER = 'src/agents/planner.ts#plan/chat.completions.create#1';
const SYNTHESIS = 'src/agents/synthesis.ts#summarize/chat.completions.create#1';
const site = (file: string, line: number, column: number, callSiteId: string, status: string, missing: string[] = []) => ({
  file, line, column, callSiteId, kind: 'model', sdk: 'openai', callee: callSiteId.split('/').pop()!.replace(/#\d+$/, ''), tags: {}, missing, status,
});
const lintResult = {
  schemaVersion: 1,
  summary: { files: 5, callSites: 5, compliant: 4, violations: 1, suppressed: 0, errors: 1, warnings: 0, parseErrors: 0 },
  callSites: [
    site('src/agents/planner.ts', 42, 9, PLANNER, 'violation', ['tenant']),
    site('src/agents/synthesis.ts', 10, 3, SYNTHESIS, 'compliant'),
    site('src/tools/search.ts', 5, 3, 'src/tools/search.ts#search/embeddings.create#1', 'compliant'),
    site('src/multi.ts', 7, 3, 'src/multi.ts#(top)/chat.completions.create#1', 'compliant'),
    site('src/multi.ts', 7, 30, 'src/multi.ts#(top)/chat.completions.create#2', 'compliant'),
  ],
  findings: [{ ruleId: 'missing-tags', severity: 'error', file: 'src/agents/planner.ts', line: 42, column: 9, message: 'Call is missing required tags: tenant.', missing: ['tenant'] }],
};

const tags = { feature: 'inbox-triage', team: 'mail', workload_class: 'interactive', tenant: 'ws_acme', environment: 'production' };
const noTenant = { feature: 'inbox-triage', team: 'mail', workload_class: 'interactive', environment: 'production' };
const frames = (...at: [string, number, number][]) => ({ id: null, frames: at.map(([file, line, column]) => ({ file, line, column })) });
// Through the app's helper src/llm.ts:15, called from the planner's line 42 (lint lists the caller).
const viaHelper = frames(['src/llm.ts', 15, 34], ['src/agents/planner.ts', 42, 22]);
const log = [
  step({ step_id: 's1', cost_usd: 1.5, tags: { ...noTenant, parent_run_id: 'r1' }, call_site: viaHelper }),
  step({ step_id: 's2', cost_usd: 2.25, tags: { ...noTenant, parent_run_id: 'r2' }, call_site: viaHelper }),
  step({ step_id: 's3', cost_usd: 4, tags: { ...tags, parent_run_id: 'r3' }, call_site: { id: SYNTHESIS, frames: [] } }),
  step({ step_id: 's4', cost_usd: 0.5, tags: { team: 'mail', workload_class: 'batch', tenant: 'ws_acme', environment: 'production', parent_run_id: 'r4' }, call_site: frames(['src/unknown.ts', 3, 5]) }),
  step({ step_id: 's5', cost_usd: 0.25, tags: { ...tags, parent_run_id: 'r5' } }),
  step({ step_id: 's6', cost_usd: 1, tags: { ...tags, parent_run_id: 'r6' }, call_site: frames(['src/multi.ts', 7, 45]) }),
  step({ step_id: 's7', cost_usd: 0.1, tags: { ...tags, parent_run_id: 'r7' }, call_site: { id: 'src/gone.ts#x/create#1', frames: [] } }),
].join('\n');

describe('spend per call site', () => {
  it('groups by recorded call site, rows summing to the total, with the spend missing each required tag', async () => {
    const { analysis, result } = await reportOn({ 'steps.jsonl': log });
    const rows = callSiteSpend(analysis, fixtureTaxonomy());
    // 1.5 + 2.25 + 4 + 0.5 + 0.25 + 1 + 0.1 = 9.6
    expect(result.totals.costUsd).toBe(9.6);
    expect(micros(rows)).toBe(9_600_000);
    expect(rows.map((r) => [r.key, r.costUsd, r.steps])).toEqual([
      [SYNTHESIS, 4, 1],
      ['src/llm.ts:15 < src/agents/planner.ts:42', 3.75, 2],
      ['src/multi.ts:7', 1, 1],
      ['src/unknown.ts:3', 0.5, 1],
      ['(no call site)', 0.25, 1],
      ['src/gone.ts#x/create#1', 0.1, 1],
    ]);
    const planner = rows[1]!;
    expect(planner.missing).toEqual([{ tag: 'tenant', costUsd: 3.75, steps: 2 }]);
    expect(planner.unattributedCostUsd).toBe(0);
    // No feature: unattributed, and feature is missing (team is its own tag here).
    expect(rows[3]).toMatchObject({ unattributedCostUsd: 0.5, missing: [{ tag: 'feature', costUsd: 0.5, steps: 1 }] });
    expect(schemaErrors('call-sites', { byCallSite: rows })).toEqual([]);
  });
});

describe('the join with lint', () => {
  it('sorts the spend into flagged, unattributed, blind spots and idle call sites', async () => {
    const { analysis } = await reportOn({ 'steps.jsonl': log });
    const rows = callSiteSpend(analysis, fixtureTaxonomy());
    const join = joinCallSites(rows, parseLintResult(JSON.stringify(lintResult), 'lint.json'));

    // The helper's line is not a lint site; its caller's is.
    expect(join.flagged).toEqual([
      {
        callSiteId: PLANNER, file: 'src/agents/planner.ts', line: 42, callee: 'chat.completions.create', kind: 'model', status: 'violation', joinedBy: 'line', costUsd: 3.75, steps: 2,
        findings: [{ ruleId: 'missing-tags', severity: 'error', line: 42, column: 9, message: 'Call is missing required tags: tenant.' }],
      },
    ]);
    expect(join.unattributed.map((u) => u.message)).toEqual([
      'src/agents/planner.ts:42 `chat.completions.create` caused $3.75 of spend missing `tenant`',
      'src/unknown.ts:3 caused $0.50 of unattributed spend: missing `feature` (a call site lint did not find)',
    ]);
    expect(join.blindSpots.map((b) => [b.key, b.costUsd, b.reason])).toEqual([
      ['src/unknown.ts:3', 0.5, 'no-lint-site'],
      ['src/gone.ts#x/create#1', 0.1, 'unknown-id'],
    ]);
    // Two lint sites on src/multi.ts:7 (columns 3 and 30): V8's column 45 is the method name of the second call.
    expect(rows.find((r) => r.key === 'src/multi.ts:7')!.lint).toMatchObject({ callSiteId: 'src/multi.ts#(top)/chat.completions.create#2', joinedBy: 'line' });
    expect(rows.find((r) => r.key === SYNTHESIS)!.lint).toMatchObject({ callSiteId: SYNTHESIS, joinedBy: 'id' });
    expect(join.idle.map((i) => i.callSiteId)).toEqual(['src/multi.ts#(top)/chat.completions.create#1', 'src/tools/search.ts#search/embeddings.create#1']);
    expect(join.noCallSite).toEqual({ costUsd: 0.25, steps: 1 });
    // Joined: planner 3.75 + synthesis 4 + multi 1 = 8.75 of 9.6.
    expect([join.joinedCostUsd, join.totalCostUsd]).toEqual([8.75, 9.6]);
    expect(schemaErrors('call-sites', { byCallSite: rows, callSiteJoin: join })).toEqual([]);
    expect(schemaErrors('call-sites', { byCallSite: [{ ...rows[0], costUsd: '4' }] })).not.toEqual([]);
  });

  it('rejects what is not a lint result, naming the file', () => {
    expect(() => parseLintResult('{', 'lint.json')).toThrow(/lint.json is not JSON/);
    expect(() => parseLintResult('{"schemaVersion":1,"findings":[]}', 'lint.json')).toThrow(/not an attrib lint result/);
    expect(() => parseLintResult('{"schemaVersion":1,"callSites":[{"file":"a.ts","line":1}]}', 'lint.json')).toThrow(/callSites\[0\] lacks/);
  });

  it('reads a hostile lint result without prototype pollution', () => {
    const hostile = JSON.parse(JSON.stringify(lintResult)) as typeof lintResult;
    (hostile.callSites[0] as Record<string, unknown>).tags = JSON.parse('{"__proto__": {"value": "x"}, "tenant": {"dynamic": true}}');
    const parsed = parseLintResult(JSON.stringify(hostile), 'lint.json');
    expect(Object.getPrototypeOf(parsed.sites[0]!.tags)).toBeNull();
    expect(({} as Record<string, unknown>).value).toBeUndefined();
  });
});

describe('attrib report --lint (CLI)', () => {
  it('prints byCallSite and callSiteJoin in JSON, valid against the schemas; csv has call-site rows; a bad lint file exits 2', () => {
    const dir = writeLogs({ 'steps.jsonl': log, 'lint.json': JSON.stringify(lintResult) });
    const args = ['report', 'steps.jsonl', '--taxonomy', fixtureTaxonomy().file!];
    const json = runCli([...args, '--lint', 'lint.json', '--format', 'json'], { cwd: dir });
    expect(json.code, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(schemaErrors('report-result', result)).toEqual([]);
    expect(result.callSiteJoin.flagged[0].costUsd).toBe(3.75);
    expect(micros(result.byCallSite)).toBe(9_600_000);

    const csv = runCli([...args, '--by', 'call_site', '--format', 'csv'], { cwd: dir });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      'key,cost_usd,share_pct,steps,lint_call_site,unattributed_usd,missing_tags',
      `${SYNTHESIS},4,41.6667,1,,0,`,
      'src/llm.ts:15 < src/agents/planner.ts:42,3.75,39.0625,2,,0,tenant $3.75',
    ]);
    const joined = runCli([...args, '--by', 'call_site', '--lint', 'lint.json', '--format', 'csv'], { cwd: dir });
    expect(joined.stdout.split('\n')[2]).toBe(`src/llm.ts:15 < src/agents/planner.ts:42,3.75,39.0625,2,${PLANNER},0,tenant $3.75`);

    // Markdown: the section and the join's sentences, after the default sections.
    const md = runCli([...args, '--lint', 'lint.json', '--format', 'markdown'], { cwd: dir });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('By call site');
    expect(md.stdout).toContain('src/agents/planner.ts:42 chat.completions.create caused $3.75 of spend missing tenant.');
    expect(md.stdout).toMatch(/Blind spots: 2 call sites spent \$0\.60 and lint never found them/);

    const plain = runCli([...args, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(plain.stdout).byCallSite).toBeUndefined();

    writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 2}');
    const bad = runCli([...args, '--lint', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json is not an attrib lint result/);
    const missing = runCli([...args, '--lint', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/lint result not found: nope\.json/);
  }, 120_000);
});
