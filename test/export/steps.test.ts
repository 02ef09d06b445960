import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import type { LedgerRow } from '../../src/export/steps.js';

const rowsOf = (jsonl: string): LedgerRow[] => jsonl.trim().split('\n').map((line) => JSON.parse(line) as LedgerRow);
const micros = (usd: number) => Math.round(usd * 1e6);

describe('attrib export steps', () => {
  // The bundled month mixes attrib JSONL, CSV, LiteLLM, Langfuse and OTel: one schema comes out.
  const run = runCli(['export', 'steps'], { cwd: path.join(repoRoot, 'fixtures') });
  const rows = rowsOf(run.stdout);
  const report = JSON.parse(runCli(['report', '--format', 'json'], { cwd: path.join(repoRoot, 'fixtures') }).stdout);

  it('writes one schema-valid row per record read, from every input format', () => {
    expect(run.code).toBe(0);
    expect(rows.length).toBe(report.inputs.records);
    expect(rows.flatMap((row) => schemaErrors('step-ledger', row))).toEqual([]);
  });

  it('reads every bundled format into the same columns', () => {
    const logs = ['logs/attrib-steps.csv', 'logs/litellm-spend.json', 'logs/langfuse-observations.json', 'logs/otel-traces.json'];
    const mixed = rowsOf(runCli(['export', 'steps', ...logs], { cwd: path.join(repoRoot, 'fixtures') }).stdout);
    expect(new Set(mixed.map((r) => r.source_format)).size).toBe(logs.length);
    expect(mixed.flatMap((row) => schemaErrors('step-ledger', row))).toEqual([]);
    const total = JSON.parse(runCli(['report', ...logs, '--format', 'json'], { cwd: path.join(repoRoot, 'fixtures') }).stdout).totals.costUsd;
    expect(mixed.filter((r) => r.counted).reduce((sum, r) => sum + r.cost_micro_usd, 0)).toBe(micros(total));
  });

  it('the counted rows sum to the report total and group to its feature and team lists', () => {
    const counted = rows.filter((r) => r.counted);
    expect(counted.length).toBe(report.totals.steps);
    expect(counted.reduce((sum, r) => sum + r.cost_micro_usd, 0)).toBe(micros(report.totals.costUsd));
    // A feature line holds attributed steps only; the team line is the team tag as resolved.
    const keyOf = { feature: (r: LedgerRow) => (r.attribution_status === 'attributed' ? r.tags.feature : null), team: (r: LedgerRow) => r.tags.team };
    for (const [list, tag] of [['byFeature', 'feature'], ['byTeam', 'team']] as const) {
      const byTag = new Map<string, number>();
      for (const r of counted) {
        const key = keyOf[tag](r) ?? '(unattributed)';
        byTag.set(key, (byTag.get(key) ?? 0) + r.cost_micro_usd);
      }
      for (const group of report[list] as { key: string; costUsd: number }[]) {
        expect([group.key, byTag.get(group.key) ?? 0]).toEqual([group.key, micros(group.costUsd)]);
      }
    }
  });

  it('keeps provenance: structural records, tag sources, parents and the line each row came from', () => {
    const child = rows.find((r) => r.parent_step_id !== null && Object.values(r.tag_sources).includes('ancestor'));
    expect(child).toBeDefined();
    expect(rows.some((r) => r.step_id === child!.parent_step_id)).toBe(true);
    const fromJsonl = rows.find((r) => r.source_format === 'attrib')!;
    const line = readFileSync(path.join(repoRoot, 'fixtures', fromJsonl.source_file), 'utf8').split('\n')[fromJsonl.source_line - 1]!;
    expect(JSON.parse(line).step_id).toBe(fromJsonl.step_id);
  });

  it('--out writes the same rows to a file and refuses to write over a log it read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-ledger-'));
    const log = path.join(dir, 'steps.jsonl');
    writeFileSync(log, `${JSON.stringify({ ts: '2026-10-01T00:00:00Z', step_id: 's1', model: 'gpt-4o', input_tokens: 10, output_tokens: 5, tags: { feature: 'f' } })}\n`);
    const out = runCli(['export', 'steps', log, '--out', path.join(dir, 'ledger.jsonl'), '-t', path.join(repoRoot, 'fixtures/attrib.yaml')]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('wrote 1 row to');
    const [row] = rowsOf(readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8'));
    expect(row).toMatchObject({ step_id: 's1', model: 'gpt-4o', counted: true, price_source: 'table', source_line: 1 });
    const over = runCli(['export', 'steps', log, '--out', log, '-t', path.join(repoRoot, 'fixtures/attrib.yaml')]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('it is also an input of this run');
    expect(readFileSync(log, 'utf8')).toContain('"s1"');
  });
});
