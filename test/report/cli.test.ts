import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { step, writeLogs } from './helpers.js';

/** The fixture taxonomy without `report.logs`, in a folder of its own. */
const bareTaxonomy = () => readFileSync(path.join(repoRoot, 'fixtures/attrib.yaml'), 'utf8').replace(/^report:\n  logs: .*\n/m, '');

describe('attrib report (CLI)', () => {
  it('reads report.logs from attrib.yaml without paths; JSON conforms to the schema; skipped lines go to stderr', () => {
    const run = runCli(['report', '--format', 'json'], { cwd: 'fixtures' });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(schemaErrors('report-result', result)).toEqual([]);
    expect(result.inputs.files).toEqual(['logs/attrib-2026-10.jsonl']);
    expect(run.stderr).toContain('logs/attrib-2026-10.jsonl:41: not valid JSON');
    expect(run.stderr).toContain('skipped 3 unusable lines');
  });

  it('exits 1 when a --fail-on gate trips or --strict sees skipped lines, 0 otherwise', () => {
    expect(runCli(['report', 'fixtures/logs/', '--format', 'json', '--fail-on', 'hard-cap'])).toMatchObject({ code: 1, stderr: expect.stringContaining('gate hard-cap tripped') });
    expect(runCli(['report', 'fixtures/logs/', '--format', 'json', '--fail-on', 'global-cap']).code).toBe(0);
    // Commas and repetition mix, as for --by; each tripped gate names what tripped it.
    const both = runCli(['report', 'fixtures/logs/', '--format', 'json', '--fail-on', 'hard-cap,over-budget', '--fail-on', 'global-cap']);
    expect(both.code).toBe(1);
    expect(JSON.parse(both.stdout).gates).toEqual({ failOn: ['hard-cap', 'over-budget', 'global-cap'], tripped: ['hard-cap', 'over-budget'] });
    expect(both.stderr).toContain('attrib: gate hard-cap tripped: team legal $216.09 over its $200.00 hard cap\n');
    expect(both.stderr).toContain('attrib: gate over-budget tripped: team legal $216.09 over its $200.00 hard cap; feature contract-redline $176.70 over its $140.00 budget\n');
    expect(runCli(['report', 'fixtures/logs/', '--fail-on', 'hard-cpa'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Did you mean 'hard-cap'?") });
    expect(runCli(['report', 'fixtures/logs/', '--format', 'json', '--strict']).code).toBe(1);
    expect(runCli(['report', 'fixtures/logs/otel-traces.json', '--format', 'json', '--strict']).code).toBe(0);
  });

  it('prints the table when piped, as runs and lint print for people; json only when asked', () => {
    const piped = runCli(['report', 'fixtures/logs/otel-traces.json']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.startsWith('attrib report  ')).toBe(true);
    expect(() => JSON.parse(piped.stdout)).toThrow();
  });

  it('reads standard input with -', () => {
    const dir = writeLogs({ 'attrib.yaml': bareTaxonomy() });
    const run = runCli(['report', '-', '--format', 'json'], { cwd: dir, input: step({ step_id: 'a', cost_usd: 2, tags: { feature: 'inbox-triage' } }) });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).totals.costUsd).toBe(2);
  });

  it('exits 2 for a missing file, a bad flag value, a bad date, or no logs to read', () => {
    expect(runCli(['report', 'missing.jsonl'], { cwd: 'fixtures' })).toMatchObject({ code: 2, stderr: expect.stringContaining('log file not found: missing.jsonl') });
    expect(runCli(['report', 'fixtures/logs/', '--fail-on', 'everything']).code).toBe(2);
    expect(runCli(['report', 'fixtures/logs/', '--since', 'last week']).code).toBe(2);
    expect(runCli(['report', 'fixtures/logs/', '--outlier-factor', '-1']).code).toBe(2);
    expect(runCli(['report', 'fixtures/logs/', '--pricing', 'nope.yaml']).code).toBe(2);
    const dir = writeLogs({ 'attrib.yaml': bareTaxonomy() });
    expect(runCli(['report'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('no usage logs to read') });
  });

  it('passes --by to the csv format', () => {
    const run = runCli(['report', 'fixtures/logs/otel-traces.json', '--format', 'csv', '--by', 'model']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gpt-5-mini-2025-08-07');
    expect(runCli(['report', 'fixtures/logs/', '--format', 'csv', '--by', 'colour']).code).toBe(2);
  });
});
