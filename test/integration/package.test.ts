/**
 * The package as npm would publish it: `npm pack` (without re-running the build, which `npm test`
 * has just done), installed into a scratch project, used from there through its bin and its API.
 */
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { scratch, sh } from './scratch.js';

describe('npm package', () => {
  let project: string;
  let contents: string[];

  beforeAll(() => {
    const out = scratch('pack');
    const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], repoRoot);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    contents = info.files.map((f) => f.path);
    project = scratch('consumer');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    const install = sh('npm', ['install', '--no-audit', '--no-fund', path.join(out, info.filename)], project);
    expect(install.code, install.stderr).toBe(0);
  }, 300_000);

  it('ships the license, the built code and the data, and nothing that points at unshipped files', () => {
    expect(contents).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/run.js', 'dist/index.js', 'oclif.manifest.json', 'rules/pricing.yaml', 'schemas/report-result.schema.json']));
    expect(contents.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(contents).not.toContain('bin/dev.js');
    expect(contents.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('runs --version, lint and report from the installed package', () => {
    const bin = path.join(project, 'node_modules/.bin/attrib');
    expect(sh(bin, ['--version'], project).stdout).toMatch(/^attrib\/\d+\.\d+\.\d+ /);

    cpSync(path.join(repoRoot, 'fixtures'), path.join(project, 'fixtures'), { recursive: true });
    const lint = sh(bin, ['lint', 'fixtures/agent-app', '--format', 'json'], project);
    expect(lint.code, lint.stderr).toBe(1); // the fixture app has violations on purpose
    const found = JSON.parse(lint.stdout) as { summary: { callSites: number } };
    expect(found.summary.callSites).toBeGreaterThan(0);

    const report = sh(bin, ['report', '--format', 'json'], path.join(project, 'fixtures'));
    expect(report.code, report.stderr).toBe(0);
    expect((JSON.parse(report.stdout) as { totals: { steps: number } }).totals.steps).toBeGreaterThan(0);
  });

  it('is importable as a library, formatters included (attrib/formats)', () => {
    const run = sh(process.execPath, ['--input-type=module', '-e', "const a = await import('attrib'); console.log(typeof a.lint, typeof a.report)"], project);
    expect(run.stdout.trim(), run.stderr).toBe('function function');
    // What docs/lint-ci.md shows: lint through the API, then print SARIF with a repository root.
    const script = [
      "import { lint, loadTaxonomy } from 'attrib';",
      "import { sarif, github, junit, markdown } from 'attrib/formats';",
      "const cwd = process.cwd() + '/fixtures';",
      "const result = await lint({ cwd, paths: ['agent-app'], taxonomy: await loadTaxonomy({ cwd }) });",
      "const log = JSON.parse(sarif(result, { color: false, cwd, srcRoot: process.cwd() }));",
      "console.log(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri.split('/')[0], typeof github, typeof junit, typeof markdown);",
    ].join('\n');
    const api = sh(process.execPath, ['--input-type=module', '-e', script], project);
    expect(api.stdout.trim(), api.stderr).toBe('fixtures function function function');
    expect(readdirSync(path.join(project, 'node_modules/attrib'))).not.toContain('src');
  });
});
