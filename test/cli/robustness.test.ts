import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

/** A throwaway repository with the fixture taxonomy and the given source files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-robust-'));
  mkdirSync(path.join(dir, '.git'));
  copyFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), path.join(dir, 'attrib.yaml'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('hostile source files never crash lint', () => {
  it('a file nested too deeply for the parser is a parse-error; the other files are still linted', () => {
    const deep = `import OpenAI from 'openai';\nconst c = new OpenAI();\nconst x = ${'('.repeat(6000)}1${')'.repeat(6000)};\nc.responses.create({});\n`;
    const ok = `import OpenAI from 'openai';\nconst c = new OpenAI();\nc.embeddings.create({ metadata: { feature: 'inbox-triage', workload_class: 'batch', tenant: 'ws_a', environment: 'production', parent_run_id: 'r' } });\n`;
    const dir = project({ 'src/deep.ts': deep, 'src/ok.ts': ok });
    const run = runCli(['lint', 'src', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', file: 'src/deep.ts', line: 1, column: 1, message: expect.stringContaining('nested too deeply') }),
    ]);
    expect(result.summary).toMatchObject({ parseErrors: 1, callSites: 1, compliant: 1 });
  });
});

describe('hostile logs never crash runs', () => {
  it('explains a run whose steps chain 5,000 deep, as a tree and as JSON', () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        ts: '2026-10-03T12:00:00Z',
        step_id: `d${i}`,
        parent_step_id: i === 0 ? null : `d${i - 1}`,
        kind: 'tool',
        tool: 'loop',
        cost_usd: 0.000001,
        tags: i === 0 ? { feature: 'semantic-search', parent_run_id: 'deep' } : {},
      }),
    );
    const dir = project({ 'logs/deep.jsonl': `${lines.join('\n')}\n` });
    const json = runCli(['runs', 'deep', 'logs/deep.jsonl', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).totals).toMatchObject({ steps: 5000, costUsd: 0.005 });
    const tree = runCli(['runs', 'deep', 'logs/deep.jsonl'], { cwd: dir });
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain('d4999 (depth 4999)');
    // Indentation stops growing past the drawn depth: the output stays linear in the number of steps.
    expect(tree.stdout.length).toBeLessThan(5000 * 600);
  });
});

describe('paths outside the working directory', () => {
  it('a glob that climbs out of the working directory still matches the files under it, shown relative', () => {
    const call = `import OpenAI from 'openai';\nconst o = new OpenAI();\no.responses.create({});\n`;
    const dir = project({ 'app/src/a.ts': call, 'app/src/sub/b.ts': call });
    const run = runCli(['lint', '../**/*.ts', '--format', 'json'], { cwd: path.join(dir, 'app/src/sub') });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).callSites.map((c: { file: string }) => c.file)).toEqual(['../a.ts', 'b.ts']);
  });
});

describe('log encodings and empty inputs', () => {
  const record = (id: string) =>
    JSON.stringify({ ts: '2026-10-03T12:00:00Z', step_id: id, cost_usd: 0.25, tags: { feature: 'inbox-triage', tenant: 'ws_ünïcode', parent_run_id: id } });

  it('reads UTF-16 logs (LE and BE, with their byte-order mark) like UTF-8 ones', () => {
    const text = `${record('a')}\r\n${record('b')}\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const dir = project({});
    writeFileSync(path.join(dir, 'le.jsonl'), le);
    writeFileSync(path.join(dir, 'be.jsonl'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    for (const file of ['le.jsonl', 'be.jsonl']) {
      const run = runCli(['report', file, '--format', 'json'], { cwd: dir });
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.totals).toMatchObject({ costUsd: 0.5, steps: 2, skippedLines: 0 });
      expect(result.byTenant[0].key).toBe('ws_ünïcode');
    }
  });

  it('a folder without logs is a usage error, not an empty report', () => {
    const dir = project({ 'logs/readme.txt': 'nothing here' });
    const run = runCli(['report', 'logs'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no log files in folder logs');
  });
});

describe('implausible amounts in logs', () => {
  it('a step costing more than $1,000,000 is skipped with its line, so totals stay exact', () => {
    const line = (id: string, cost: number) => JSON.stringify({ ts: '2026-10-03T12:00:00Z', step_id: id, cost_usd: cost, tags: { feature: 'inbox-triage' } });
    const dir = project({ 'a.jsonl': `${line('ok', 0.000001)}\n${line('huge', 1e20)}\n${line('ok2', 2)}\n` });
    const run = runCli(['report', 'a.jsonl', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).totals).toMatchObject({ costUsd: 2.000001, steps: 2, skippedLines: 1 });
    expect(run.stderr).toContain('a.jsonl:2: cost_usd is 100000000000000000000: over $1,000,000 for one step');
  });
});

describe('UTF-16 source and taxonomy files', () => {
  it('lints a UTF-16 source file and reads a UTF-16 taxonomy instead of silently seeing nothing', () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const dir = project({});
    writeFileSync(path.join(dir, 'a.ts'), utf16(`import OpenAI from 'openai';\r\nconst o = new OpenAI();\r\no.responses.create({});\r\n`));
    const run = runCli(['lint', 'a.ts', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).callSites).toEqual([expect.objectContaining({ file: 'a.ts', line: 3, column: 1, callee: 'responses.create' })]);
    const taxonomy = readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'attrib.yaml'), utf16(taxonomy));
    expect(runCli(['taxonomy', 'validate'], { cwd: dir }).code).toBe(0);
  });
});

describe('git refs', () => {
  it('--base must name a commit; --base without --changed is a usage error', () => {
    const dir = project({});
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const bad = runCli(['lint', '--changed', '--base', 'nosuchref'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base nosuchref is not a commit, branch or tag of this repository');
    const alone = runCli(['lint', '--base', 'main'], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--changed');
  });
});

describe('a call cut short by the end of the file', () => {
  it('is not reported as missing its tags: only the parse error is', () => {
    const dir = project({ 't.ts': `import OpenAI from 'openai';\nconst o = new OpenAI();\no.chat.completions.create({ model: 'x' ` });
    const run = runCli(['lint', 't.ts', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string; message: string }) => `${f.ruleId}: ${f.message}`)).toEqual([
      "parse-error: cannot parse: '}' expected; call sites from line 3 on were not checked",
    ]);
  });
});

describe('linting a project folder from outside it', () => {
  it("uses the folder's own tsconfig.json paths (the README quick start runs from the repository root)", () => {
    const fromRoot = JSON.parse(runCli(['lint', 'fixtures/agent-app', '--format', 'json']).stdout);
    const fromInside = JSON.parse(runCli(['lint', '--format', 'json'], { cwd: path.join(repoRoot, 'fixtures/agent-app') }).stdout);
    expect(fromRoot.summary).toEqual(fromInside.summary);
    expect(fromRoot.callSites).toContainEqual(expect.objectContaining({ file: 'fixtures/agent-app/src/agents/planner.ts', line: 11, callee: 'chat.completions.create' }));
  });
});
