import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { writeProject } from './rule-tester.js';

// The built CLI (`npm run build` first), as CI and pre-commit run it.
const app = path.join(repoRoot, 'fixtures/agent-app');

describe('attrib lint (CLI)', () => {
  it('exits 1 on the fixture and prints eslint-style findings', () => {
    const run = runCli(['lint'], { cwd: app });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/agents/synthesis.ts');
    expect(run.stdout).toMatch(/23:42 +error +'prod' is not a valid `environment`.*unknown-tag-value/);
    expect(run.stdout).toContain('9 problems (7 errors, 2 warnings)');
  });

  it('--format json conforms to schemas/lint-result.schema.json', () => {
    const run = runCli(['lint', '--format', 'json'], { cwd: app });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(schemaErrors('lint-result', result)).toEqual([]);
    expect(result.summary.callSites).toBe(19);
    const ids = result.callSites.map((s: { callSiteId: string }) => s.callSiteId);
    expect(new Set(ids).size).toBe(19);
    expect(ids).toContain('src/agents/planner.ts#plan/chat.completions.create#1');
  });

  it('exits 0 on compliant files, and --max-warnings turns warnings into a failure', () => {
    expect(runCli(['lint', 'src/agents/synthesis.ts'], { cwd: app }).code).toBe(1);
    expect(runCli(['lint', 'src/legacy', 'src/tools/search.ts'], { cwd: app }).code).toBe(0);
    const project = writeProject({
      'attrib.yaml': readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8'),
      'a.ts': `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage', workload_class: 'batch', tenant: 'ws_1', environment: 'eval', parent_run_id: 'r', tennant: 'x' } });\n`,
    });
    expect(runCli(['lint'], { cwd: project }).code).toBe(0);
    expect(runCli(['lint', '--max-warnings', '1'], { cwd: project }).code).toBe(0);
    const strict = runCli(['lint', '--max-warnings', '0'], { cwd: project });
    expect([strict.code, strict.stderr.trim()]).toEqual([1, 'attrib: too many warnings (maximum: 0)']);
    expect(runCli(['lint', '--max-warnings', '1'], { cwd: project }).stderr).toBe('');
    const quiet = runCli(['lint', '--quiet', '--format', 'json'], { cwd: project });
    expect(JSON.parse(quiet.stdout).findings).toEqual([]);
  });

  it('exits 2 on usage and configuration errors', () => {
    const missing = runCli(['lint', 'nope.ts'], { cwd: app });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: nope.ts');
    expect(runCli(['lint', '--format', 'xml'], { cwd: app }).code).toBe(2);
    const noBaseline = runCli(['lint', '--update-baseline'], { cwd: app });
    expect([noBaseline.code, noBaseline.stderr.split('\n')[0]]).toEqual([2, 'attrib: --update-baseline needs --baseline FILE']);
    expect(runCli(['lint', '--baseline', 'missing.json'], { cwd: app }).code).toBe(2);
    expect(runCli(['lint', '--taxonomy', 'missing.yaml'], { cwd: app }).code).toBe(2);
  });

  it('--update-baseline writes the baseline and then passes', () => {
    const baseline = path.join(app, '.attrib-test-baseline.json');
    try {
      const write = runCli(['lint', '--baseline', '.attrib-test-baseline.json', '--update-baseline'], { cwd: app });
      expect(write.code).toBe(0);
      expect(write.stderr).toContain('wrote 9 findings');
      expect(existsSync(baseline)).toBe(true);
      expect(runCli(['lint', '--baseline', '.attrib-test-baseline.json'], { cwd: app }).code).toBe(0);
    } finally {
      rmSync(baseline, { force: true });
    }
  });

  it('finds the taxonomy from the lint path when the working directory has none', () => {
    const run = runCli(['lint', 'fixtures/agent-app/src/agents/planner.ts', '--format', 'json'], { cwd: repoRoot });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['fixtures/agent-app/src/agents/planner.ts']);
  });
});
