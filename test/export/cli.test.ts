import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from '../helpers/cli.js';

const golden = (name: string) => readFileSync(path.join(repoRoot, 'test/export/golden', name), 'utf8');

describe('attrib export (CLI)', () => {
  it('metadata-schema prints the golden schema on stdout and nothing on stderr', () => {
    const run = runCli(['export', 'metadata-schema', '--taxonomy', 'fixtures/attrib.yaml']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(golden('fixtures-metadata.schema.json'));
  });

  it('litellm prints the golden YAML and its warning on stderr; --budgets none drops tag budgets', () => {
    const run = runCli(['export', 'litellm', '-t', 'fixtures/attrib.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(golden('fixtures-litellm.yaml'));
    expect(run.stderr).toMatch(/^attrib: warning: team budgets count only requests/);
    const none = runCli(['export', 'litellm', '-t', 'fixtures/attrib.yaml', '--budgets', 'none']);
    expect(none).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys(parse(none.stdout))).toEqual(['general_settings']);
  });

  it('--out writes the file and says so; it refuses the taxonomy file itself, also through a symlink', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-export-'));
    const taxonomy = path.join(dir, 'attrib.yaml');
    const original = readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8');
    writeFileSync(taxonomy, original);
    const run = runCli(['export', 'metadata-schema', '--out', 'schema.json'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'attrib: wrote schema.json\n' });
    expect(readFileSync(path.join(dir, 'schema.json'), 'utf8')).toBe(golden('fixtures-metadata.schema.json'));

    for (const out of ['attrib.yaml', './attrib.yaml', 'link.yaml']) {
      if (out === 'link.yaml') symlinkSync(taxonomy, path.join(dir, out));
      const refused = runCli(['export', 'litellm', '--out', out], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`refusing to write over the taxonomy file ${out}`);
    }
    expect(readFileSync(taxonomy, 'utf8')).toBe(original);
  });

  it('exits 2 with no taxonomy, an invalid one, an unwritable --out, or a bad flag', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'attrib-export-none-'));
    const none = runCli(['export', 'metadata-schema'], { cwd: empty });
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/no taxonomy file found/);
    const invalid = runCli(['export', 'litellm', '-t', 'fixtures/taxonomy/unknown-key.yaml']);
    expect(invalid).toMatchObject({ code: 2, stdout: '' });
    expect(invalid.stderr).toMatch(/the taxonomy is invalid/);
    const unwritable = runCli(['export', 'metadata-schema', '-t', 'fixtures/attrib.yaml', '--out', path.join(empty, 'no/such/dir/x.json')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write .*ENOENT/);
    expect(runCli(['export', 'litellm', '-t', 'fixtures/attrib.yaml', '--budgets', 'features']).code).toBe(2);
  });
});
