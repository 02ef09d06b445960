import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { reportOn, step, writeLogs } from './helpers.js';

/**
 * A Langfuse v2 observation as GET /api/public/v2/observations returns it when `fields` leaves out
 * the `usage` group: type, ids, times, model, but no usageDetails/costDetails/usage/cost at all.
 */
const langfuseNoUsage = (id: string) =>
  JSON.stringify({ id, traceId: 't-1', type: 'GENERATION', name: 'chat', startTime: '2026-10-03T12:00:00.000Z', model: 'gpt-4o-mini', metadata: { feature: 'inbox-triage' } });

describe('report warnings: numbers that cannot be trusted say so', () => {
  it('an export without usage is a warning with how to re-export, not a clean $0', async () => {
    const { result } = await reportOn({ 'obs.jsonl': [langfuseNoUsage('o1'), langfuseNoUsage('o2'), langfuseNoUsage('o3')].join('\n') });
    expect(result.totals.steps).toBe(3);
    expect(result.totals.costUsd).toBe(0);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'usage-missing', count: 3, message: expect.stringContaining('3 of 3 langfuse steps carry no token counts and no cost'), hint: expect.stringContaining('fields') }),
    ]);
    expect(schemaErrors('report-result', result)).toEqual([]);
  });

  it('counts only the records without usage, and never tool steps (which often have no cost of their own)', async () => {
    const { result } = await reportOn({
      'mixed.jsonl': [
        step({ step_id: 'a', input_tokens: 1000, output_tokens: 10, tags: { feature: 'inbox-triage' } }),
        JSON.stringify({ step_id: 'b', ts: '2026-10-03T12:00:00.000Z', kind: 'model', model: 'gpt-4o-mini' }),
        JSON.stringify({ step_id: 'c', ts: '2026-10-03T12:00:00.000Z', kind: 'tool', tool: 'vector-search' }),
      ].join('\n'),
    });
    expect(result.warnings.map((w) => [w.code, w.count])).toEqual([['usage-missing', 1]]);
    expect(result.warnings[0]!.message).toContain('1 of 3 attrib steps carries no token counts');
  });

  it('every step at zero tokens and zero cost is a warning of its own', async () => {
    const { result } = await reportOn({ 'zero.jsonl': [step({ step_id: 'a', cost_usd: 0 }), step({ step_id: 'b', cost_usd: 0 })].join('\n') });
    expect(result.warnings.map((w) => [w.code, w.count])).toEqual([['all-zero', 2]]);
  });

  it('a period that excludes every record says how many it dropped; empty input says nothing was read', async () => {
    const logs = { 'oct.jsonl': [step({ step_id: 'a', cost_usd: 1 }), step({ step_id: 'b', cost_usd: 2 })].join('\n') };
    const { result } = await reportOn(logs, { since: '2026-11-01', until: '2026-11-30' });
    expect(result.warnings.map((w) => [w.code, w.count])).toEqual([['period-excludes-all', 2]]);
    expect(result.inputs.outsidePeriod).toBe(2);
    const empty = await reportOn({ 'empty.jsonl': '' });
    expect(empty.result.warnings.map((w) => w.code)).toEqual(['no-steps']);
  });

  it('a report with usage has no warning', async () => {
    const { result } = await reportOn({ 'ok.jsonl': step({ step_id: 'a', input_tokens: 10, output_tokens: 5 }) });
    expect(result.warnings).toEqual([]);
  });

  it('CLI: the warning goes to stderr with its hint, and --strict exits 1 on it', () => {
    const dir = writeLogs({ 'obs.jsonl': langfuseNoUsage('o1') });
    const run = runCli(['report', 'obs.jsonl', '--format', 'json', '--taxonomy', `${process.cwd()}/fixtures/attrib.yaml`], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('attrib: warning: 1 of 1 langfuse step carries no token counts and no cost');
    expect(run.stderr).toContain('(usage-missing)');
    expect(JSON.parse(run.stdout).warnings).toHaveLength(1);
    const strict = runCli(['report', 'obs.jsonl', '--format', 'json', '--strict', '--taxonomy', `${process.cwd()}/fixtures/attrib.yaml`], { cwd: dir });
    expect(strict.code).toBe(1);
  });
});
