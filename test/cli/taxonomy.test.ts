import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('attrib taxonomy validate (CLI)', () => {
  it('exits 0 on a valid file and says so on stderr, nothing on stdout', () => {
    const run = runCli(['taxonomy', 'validate', 'fixtures/attrib.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('fixtures/attrib.yaml is valid');
  });

  it('exits 1 with eslint-style findings on an invalid file', () => {
    const run = runCli(['taxonomy', 'validate', 'fixtures/taxonomy/unknown-key.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/taxonomy/unknown-key.yaml\n  2:1  warning  the standard tags');
    expect(run.stdout).toContain('\n  4:5  error    unknown key `registy` in tag `feature` (did you mean `registry`?)  unknown-key');
    expect(run.stdout).toContain('✖ 3 problems (2 errors, 1 warning)');
  });

  it('prints stable JSON with schemaVersion 1', () => {
    const run = runCli(['taxonomy', 'validate', 'fixtures/taxonomy/unknown-team.yaml', '--format', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ schemaVersion: 1, file: 'fixtures/taxonomy/unknown-team.yaml', valid: false, summary: { errors: 1, warnings: 1 } });
    expect(result.findings[1]).toEqual({
      ruleId: 'unknown-team', severity: 'error', file: 'fixtures/taxonomy/unknown-team.yaml', line: 9, column: 11, endLine: 9, endColumn: 15,
      message: 'feature `inbox-triage` names team `mial`, which is not in `teams` (did you mean `mail`?)', suggestion: 'mail',
    });
  });

  it('exits 2 when the file is missing or a flag is bad', () => {
    expect(runCli(['taxonomy', 'validate', 'missing.yaml'])).toMatchObject({ code: 2, stdout: '' });
    expect(runCli(['taxonomy', 'validate', '--format', 'xml']).code).toBe(2);
    const empty = mkdtempSync(path.join(tmpdir(), 'attrib-cli-'));
    const none = runCli(['taxonomy', 'validate'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no taxonomy file found[\s\S]*attrib init/);
    // validate takes the file as its argument: the hint must not suggest --taxonomy, which it rejects.
    expect(none.stderr).toContain('`attrib taxonomy validate PATH`');
    expect(none.stderr).not.toContain('--taxonomy');
  });

  it('colours only when asked: --color forces, NO_COLOR and pipes do not', () => {
    const file = 'fixtures/taxonomy/unknown-key.yaml';
    expect(runCli(['taxonomy', 'validate', file]).stdout).not.toContain('\u001b[');
    expect(runCli(['taxonomy', 'validate', file, '--color']).stdout).toContain('\u001b[');
    expect(runCli(['taxonomy', 'validate', file, '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } }).stdout).not.toContain('\u001b[');
  });
});

describe('attrib init and taxonomy show (CLI)', () => {
  it('init writes a file that validate accepts, and refuses to overwrite it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-init-'));
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'attrib.yaml'), 'utf8')).toContain('derive_from: feature');
    expect(runCli(['taxonomy', 'validate'], { cwd: dir }).code).toBe(0);
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(runCli(['init', '--force'], { cwd: dir }).code).toBe(0);
  });

  it('show prints the registry table and JSON', () => {
    const table = runCli(['taxonomy', 'show', '--taxonomy', 'fixtures/attrib.yaml']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/contract-redline\s+│ legal\s+│ lee@example.com\s+│\s+\$140.00/);
    expect(table.stdout).toContain('$790.00 of $900.00 (global cap)');
    const json = JSON.parse(runCli(['taxonomy', 'show', '--taxonomy', 'fixtures/attrib.yaml', '--format', 'json']).stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.teams).toHaveLength(4);
    expect(runCli(['taxonomy', 'show', '--taxonomy', 'fixtures/taxonomy/unknown-team.yaml']).code).toBe(2);
  });

  it('--version and --help answer without loading the core', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^attrib\/\d+\.\d+\.\d+/);
    const help = runCli(['--help']);
    expect(help.stdout).toMatch(/taxonomy/);
    expect(help.stdout).toMatch(/init/);
    // Node's module debug log names every module loaded: neither TypeScript nor ts-morph may appear.
    for (const args of [['--version'], ['--help'], ['lint', '--help'], ['report', '--help']]) {
      const traced = runCli(args, { env: { NODE_DEBUG: 'module' } });
      expect(traced.stderr).toMatch(/^MODULE \d+:/m);
      expect(traced.stderr).not.toMatch(/ts-morph|typescript/i);
    }
  });
});

describe('published JSON schemas', () => {
  it('taxonomy validate and taxonomy show output conform', async () => {
    const { schemaErrors } = await import('../helpers/schema.js');
    for (const file of ['fixtures/attrib.yaml', 'fixtures/taxonomy/wrong-type.yaml', 'fixtures/taxonomy/budget-warnings.yaml']) {
      expect(schemaErrors('taxonomy-validation', JSON.parse(runCli(['taxonomy', 'validate', file, '--format', 'json']).stdout))).toEqual([]);
    }
    const view = JSON.parse(runCli(['taxonomy', 'show', '--taxonomy', 'fixtures/attrib.yaml', '--format', 'json']).stdout);
    expect(schemaErrors('registry-view', view)).toEqual([]);
    expect(schemaErrors('registry-view', { ...view, schemaVersion: 2 })).not.toEqual([]);
  });
});
