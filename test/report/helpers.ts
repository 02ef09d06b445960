import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import type { Taxonomy } from '../../src/taxonomy/types.js';
import { analyze, type ReportOptions } from '../../src/report/index.js';
import type { ReportResult } from '../../src/report/types.js';
import { repoRoot } from '../helpers/cli.js';

/** The fixture taxonomy (fixtures/attrib.yaml), parsed the way the CLI does. */
export function fixtureTaxonomy(text?: string): Taxonomy {
  const file = path.join(repoRoot, 'fixtures/attrib.yaml');
  const { taxonomy, findings } = parseTaxonomy(text ?? readFileSync(file, 'utf8'), 'attrib.yaml');
  if (!taxonomy) throw new Error(findings.map((f) => f.message).join('\n'));
  return { ...taxonomy, file };
}

/** Write files into a fresh temporary folder; returns its path. */
export function writeLogs(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-report-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** One attrib step record (JSONL line) with defaults for what a test does not care about. */
export function step(fields: Record<string, unknown>): string {
  return JSON.stringify({ ts: '2026-10-03T12:00:00.000Z', kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 0, output_tokens: 0, ...fields });
}

/** Report over `files` written to a temp folder (all of them, in name order). */
export async function reportOn(files: Record<string, string | Buffer>, options: Partial<ReportOptions> = {}) {
  const dir = writeLogs(files);
  const analysis = await analyze({ cwd: dir, taxonomy: fixtureTaxonomy(), paths: Object.keys(files), fallbackPricing: false, ...options });
  return { dir, analysis, result: analysis.result };
}

export const row = <R extends { key: string }>(rows: R[], key: string): R | undefined => rows.find((r) => r.key === key);

/** Sum of a list's costs in micro-dollars (integers, so the comparison is exact). */
export const micros = (rows: { costUsd: number }[]) => rows.reduce((sum, r) => sum + Math.round(r.costUsd * 1e6), 0);

/** Every group list of a result sums exactly to its total. */
export function expectAllocation(result: ReportResult, expect: (v: unknown) => { toBe(v: unknown): void }): void {
  const total = Math.round(result.totals.costUsd * 1e6);
  for (const list of [result.byFeature, result.byTeam, result.byTenant, result.byWorkloadClass, result.byEnvironment, result.byModel, result.byFeatureModel]) {
    expect(micros(list)).toBe(total);
  }
  expect(micros(result.daily)).toBe(total);
  expect(Math.round(result.totals.attributedCostUsd * 1e6) + Math.round(result.totals.unattributedCostUsd * 1e6)).toBe(total);
  expect(micros(result.unattributed)).toBe(Math.round(result.totals.unattributedCostUsd * 1e6));
  expect(micros(result.pricing)).toBe(total);
}

/**
 * A small day of FOCUS input, summed by hand in test/report/focus*.test.ts: on Oct 3, a + b share
 * tags, model and provider (one row: $0.100003, 116 tokens), d is a tool call ($0.001, 1 request), e
 * has no feature ($0.5, 2 tokens); c is Oct 4 ($0.2, 10 tokens).
 */
export function focusSampleLog(): string {
  const tags = { feature: 'inbox-triage', tenant: 'ws_acme', workload_class: 'interactive', environment: 'production' };
  return [
    step({ step_id: 'a', ts: '2026-10-03T01:00:00Z', cost_usd: 0.1, input_tokens: 100, output_tokens: 10, tags }),
    step({ step_id: 'b', ts: '2026-10-03T23:59:59Z', cost_usd: 0.000003, input_tokens: 5, output_tokens: 1, tags }),
    step({ step_id: 'c', ts: '2026-10-04T00:00:00Z', cost_usd: 0.2, input_tokens: 7, output_tokens: 3, tags }),
    step({ step_id: 'd', ts: '2026-10-03T02:00:00Z', kind: 'tool', model: null, provider: null, tool: 'reranker', cost_usd: 0.001, tags }),
    step({ step_id: 'e', ts: '2026-10-03T03:00:00Z', cost_usd: 0.5, input_tokens: 1, output_tokens: 1, tags: { environment: 'production' } }),
  ].join('\n');
}
