import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { writeProject } from './rule-tester.js';

// `attrib lint --list-packs` (the built CLI): what is covered, for people and for scripts.

describe('attrib lint --list-packs', () => {
  it('--format json lists every bundled pack as in its YAML, conforming to schemas/pack-list.schema.json', () => {
    const run = runCli(['lint', '--list-packs', '--format', 'json'], { cwd: repoRoot });
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout);
    expect(schemaErrors('pack-list', list)).toEqual([]);
    const names = list.packs.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort());
    // Compared with the pack file itself, not with a copy of its numbers.
    const yaml = parse(readFileSync(path.join(repoRoot, 'rules/packs/bedrock-runtime.yaml'), 'utf8'));
    const bedrock = list.packs.find((p: { name: string }) => p.name === 'bedrock-runtime');
    expect(bedrock.versions).toEqual(Object.entries(yaml.versions).map(([pkg, version]) => ({ package: pkg, version })));
    expect(bedrock.methods.map((m: { path: string }) => m.path)).toEqual(yaml.methods.map((m: { path: string }) => m.path));
    expect(bedrock.methods[0].commands).toEqual(yaml.methods[0].commands);
    expect(bedrock.nonBillable.length).toBe(yaml.non_billable.length);
  });

  it('prints a table with modules, carriers and versions; a --rules pack is listed too, its strings made safe', () => {
    const project = writeProject({ 'packs/acme.yaml': 'name: acme\nmodules: ["@acme/llm\\u001b[31m"]\nclasses: [Acme]\nmethods: [chat.complete]\n' });
    const run = runCli(['lint', '--list-packs', '--rules', 'packs', '--no-color'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ openai +│ openai +│ OpenAI/);
    expect(run.stdout).toContain('openai@');
    expect(run.stdout).toContain('call: arg 0 metadata (object)');
    expect(run.stdout).toMatch(/│ acme +│ @acme\/llm\\x1b\[31m/);
    expect(run.stdout).not.toContain('\u001b[31m');
  });

  it('paths or another format are usage errors (exit 2)', () => {
    expect(runCli(['lint', '--list-packs', 'src'], { cwd: repoRoot }).code).toBe(2);
    const sarif = runCli(['lint', '--list-packs', '--format', 'sarif'], { cwd: repoRoot });
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toContain('--list-packs prints --format stylish or json');
  });
});
