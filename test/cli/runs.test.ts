import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { step, writeLogs } from '../report/helpers.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.js';

const inFixtures = { cwd: path.join(repoRoot, 'fixtures') };

describe('attrib runs RUN_ID', () => {
  it('draws the run as a tree with aligned columns and every tag with its source', () => {
    const run = runCli(['runs', 'run_0006'], inFixtures);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('run run_0006  2026-10-01 to 2026-10-31');
    // By hand from logs/attrib-2026-10.jsonl:132-135, in micro-dollars: gpt-4.1-mini (72,917 - 18,229) x 0.40
    // + 18,229 x 0.10 + 577 x 1.60 = 24,621; embedding 603 x 0.02 = 12; tool 400; gpt-4.1
    // (292,294 - 73,074) x 2 + 73,074 x 0.50 + 3,153 x 8 = 500,201; total 525,234.
    expect(lines[1]).toBe('$0.525234 · 4 steps · 365,814 -> 3,730 tokens');
    // One step line each, tree drawn with box characters; the cost column ends at the same place.
    const stepLines = lines.filter((l) => /st_0000[s-v]/.test(l));
    expect(stepLines.map((l) => l.slice(0, l.indexOf('st_')))).toEqual(['', '├─ ', '│  └─ ', '└─ ']);
    expect(stepLines[0]).toMatch(/^st_0000s +model +gpt-4\.1-mini +72,917 \(18,229 cached\) -> 577 +\$0\.024621$/);
    expect(stepLines[2]).toMatch(/vector-search \(search\) +\$0\.000400$/);
    expect(stepLines[3]).toMatch(/gpt-4\.1 +292,294 \(73,074 cached\) -> 3,153 +\$0\.500201$/);
    expect(new Set(stepLines.map((l) => l.length)).size).toBe(1);
    // Tags under each step: the planner's own, the tool's inherited from the planner.
    expect(lines[lines.indexOf(stepLines[0]!) + 2]).toBe(
      '│  feature=inbox-triage (own)  team=mail (registry)  workload_class=interactive (own)  tenant=ws_globex (own)  environment=production (own)',
    );
    expect(lines[lines.indexOf(stepLines[2]!) + 1]).toBe('│        2026-10-01 16:34:28Z  logs/attrib-2026-10.jsonl:134');
    expect(lines[lines.indexOf(stepLines[2]!) + 2]).toContain('│        feature=inbox-triage (ancestor)  team=mail (registry)');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours only when asked, and the JSON is the schema-valid tree', () => {
    expect(runCli(['runs', 'run_0006', '--color'], inFixtures).stdout).toContain('\u001b[');
    const run = runCli(['runs', 'run_0006', '--format', 'json'], inFixtures);
    const ledger = JSON.parse(run.stdout);
    expect(schemaErrors('runs', ledger)).toEqual([]);
    expect(ledger).toMatchObject({ schemaVersion: 1, kind: 'run', run: 'run_0006', totals: { costUsd: 0.525234, steps: 4 } });
    expect(ledger.roots[0].children.map((s: { stepId: string }) => s.stepId)).toEqual(['st_0000t', 'st_0000v']);
    expect(ledger.roots[0].children[0].children[0].tags.tenant).toEqual({ value: 'ws_globex', source: 'ancestor' });
  });

  it('marks structural records (Langfuse agents) and roots whose parent is not in the logs', () => {
    const tree = runCli(['runs', 'lf-trace-2', 'logs/langfuse-observations.json'], inFixtures);
    expect(tree.code).toBe(0);
    expect(tree.stdout).toMatch(/^lf-agent-2 .*–  \[structural: passes tags on, not counted\]$/m);
    const dir = writeLogs({ 'a.jsonl': step({ step_id: 'child', parent_step_id: 'lost', cost_usd: 1, tags: { feature: 'inbox-triage', parent_run_id: 'r1' } }) });
    const orphan = runCli(['runs', 'r1', 'a.jsonl', '-t', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: dir });
    expect(orphan.stdout).toContain('[root: parent not in the logs]');
  });

  it('escapes hostile strings from the logs', () => {
    const dir = writeLogs({ 'a.jsonl': step({ step_id: 's\u001b[2J', model: 'm\u001b]8;;x\u0007', cost_usd: 1, tags: { feature: '<b>\u202e', parent_run_id: 'r\u001b[31m' } }) });
    const run = runCli(['runs', 'r\u001b[31m', 'a.jsonl', '-t', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('s\\x1b[2J');
    expect(run.stdout).toContain('feature=<b>\\u202e (own)');
  });

  it('exits 2 for an unknown run with a did-you-mean and a hint to use --top, and without a run or --top', () => {
    const run = runCli(['runs', 'rn_0006'], inFixtures);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No run "rn_0006" in the logs read (1 file).');
    expect(run.stderr).toContain('Did you mean "run_0006"? List the most expensive runs with attrib runs --top 10.');
    expect(run.stdout).toBe('');
    expect(runCli(['runs'], inFixtures)).toMatchObject({ code: 2, stderr: expect.stringContaining('--top N') });
    expect(runCli(['runs', '--top', '0'], inFixtures).code).toBe(2);
    expect(runCli(['runs', 'run_0006', 'missing.jsonl'], inFixtures).code).toBe(2);
  });
});

describe('attrib runs --help', () => {
  it('shows the run id and the log paths in the usage lines, never oclif\'s `[RUN...]`', () => {
    const help = runCli(['runs', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}\$ attrib runs RUN_ID \[PATHS\.\.\.\] \[FLAGS\]$/m);
    expect(help.stdout).toMatch(/^ {2}\$ attrib runs --top N \[PATHS\.\.\.\] \[FLAGS\]$/m);
    expect(help.stdout).toMatch(/RUN_ID is its parent_run_id,\s+trace\s+or\s+session\s+id/);
    expect(help.stdout).not.toMatch(/\[RUN\.\.\.\]/);
  });
});

describe('attrib runs --top N', () => {
  it('lists the most expensive runs as a table and as schema-valid JSON', () => {
    const json = runCli(['runs', '--top', '5', '--format', 'json'], inFixtures);
    expect(json.code).toBe(0);
    const top = JSON.parse(json.stdout);
    expect(schemaErrors('runs', top)).toEqual([]);
    const report = JSON.parse(runCli(['report', '--format', 'json'], inFixtures).stdout);
    expect(top.totals).toEqual({ runs: report.totals.runs, costUsd: report.totals.costUsd });
    expect(top.runs).toHaveLength(5);
    // ws_megacorp's nightly bulk redlines (one batch call each) are the costliest runs.
    expect(top.runs.map((r: { feature: string }) => r.feature)).toEqual(Array(5).fill('contract-redline'));
    expect(top.runs[0]).toMatchObject({ run: 'run_bulk_11', feature: 'contract-redline', team: 'legal', tenant: 'ws_megacorp', steps: 2, firstTs: '2026-10-11T02:00:00.000Z' });
    // The most expensive run is the one `attrib runs RUN_ID` totals highest.
    const ledger = JSON.parse(runCli(['runs', 'run_bulk_11', '--format', 'json'], inFixtures).stdout);
    expect(top.runs[0].costUsd).toBe(ledger.totals.costUsd);

    const table = runCli(['runs', '--top', '5'], inFixtures).stdout;
    expect(table.split('\n')[0]).toBe(`Top 5 of ${report.totals.runs} runs  2026-10-01 to 2026-10-31 · all runs $619.43`);
    expect(table).toMatch(/│ 1 │ run_bulk_11 +│ contract-redline │ legal │ ws_megacorp │ +2 │ \$4\.58 │ 2026-10-11 02:00:00Z │/);
    expect(table.match(/^│ \d /gm)).toHaveLength(5);
  });

  it('reads the same inputs as report: paths, --since/--until, stdin', () => {
    const first = JSON.parse(runCli(['runs', '--top', '100', '--since', '2026-10-01', '--until', '2026-10-07', '--format', 'json'], inFixtures).stdout);
    const report = JSON.parse(runCli(['report', '--since', '2026-10-01', '--until', '2026-10-07', '--format', 'json'], inFixtures).stdout);
    expect(first.totals).toEqual({ runs: report.totals.runs, costUsd: report.totals.costUsd });
    expect(first.runs.every((r: { firstTs: string }) => r.firstTs < '2026-10-08')).toBe(true);

    const taxonomy = readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8').replace(/^report:\n {2}logs: .*\n/m, '');
    const dir = writeLogs({ 'attrib.yaml': taxonomy });
    const input = [step({ step_id: 'a', cost_usd: 2, tags: { feature: 'inbox-triage', parent_run_id: 'cheap' } }), step({ step_id: 'b', cost_usd: 5, tags: { feature: 'smart-compose', parent_run_id: 'dear' } })].join('\n');
    const stdin = JSON.parse(runCli(['runs', '--top', '1', '-', '--format', 'json'], { cwd: dir, input }).stdout);
    expect(stdin.runs).toEqual([{ run: 'dear', feature: 'smart-compose', team: 'mail', tenant: null, mixed: [], steps: 1, costUsd: 5, firstTs: '2026-10-03T12:00:00.000Z' }]);
  });
});
