/**
 * Parallel ingest (src/report/parallel-ingest.ts) against the single-threaded reader: the same logs
 * read with worker threads forced on (tiny byte ranges, so range boundaries fall inside lines,
 * between `\r` and `\n`'s neighbours and inside multi-byte characters) and with one thread must give
 * the same analysis: every total, group, flag, warning, skipped line with its file:line, and every
 * stored record. Workers run the compiled worker, so this imports dist/ (`npm run build` first).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, repoRoot } from '../helpers/cli.js';
import { BatchWriter, replayBatch } from '../../src/report/step-batch.js';
import { blankStep, type StepRecord } from '../../src/report/step.js';
import type { Analysis, ReportOptions } from '../../src/report/index.js';
import { fixtureTaxonomy, step, writeLogs } from './helpers.js';

const dist = path.join(repoRoot, 'dist/report/index.js');
const { analyze } = (await import(dist)) as typeof import('../../src/report/index.js');

const NOW = new Date('2026-11-15T00:00:00Z');
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'fixtures/logs', name));

/** The fixtures' LiteLLM, Langfuse and OTLP documents as JSONL: one record per line, as their exporters also write them. */
function otherFormatLines(): string[] {
  const litellm = JSON.parse(fixture('litellm-spend.json').toString()) as unknown[];
  const langfuse = (JSON.parse(fixture('langfuse-observations.json').toString()) as { data: unknown[] }).data;
  const otel = JSON.parse(fixture('otel-traces.json').toString()) as unknown;
  return [...litellm, ...langfuse, otel].map((record) => JSON.stringify(record));
}

/** What must be equal: the whole result and every stored record as the ledger sees it. */
function snapshot(analysis: Analysis) {
  return { result: analysis.result, steps: Array.from({ length: analysis.size }, (_, i) => analysis.step(i)) };
}

async function both(files: Record<string, string | Buffer>, threaded: Partial<ReportOptions> = {}) {
  const dir = writeLogs(files);
  const base = { cwd: dir, taxonomy: fixtureTaxonomy(), paths: Object.keys(files), fallbackPricing: false, now: NOW };
  const single = await analyze({ ...base, threads: 1 });
  const plan = { workers: 0, ranges: 0 };
  const onPlan = (workers: number, ranges: number) => Object.assign(plan, { workers, ranges });
  const parallel = await analyze({ ...base, threads: 2, ...threaded, ingest: { rangeBytes: 97, ...threaded.ingest, onPlan } });
  return { single: snapshot(single), parallel: snapshot(parallel), plan };
}

describe('parallel ingest: same analysis as one thread', () => {
  it('the fixture month with other formats, broken lines, CRLF, multi-byte text, a mid-file BOM and a duplicate id, over several files', async () => {
    const month = fixture('attrib-2026-10.jsonl').toString().trimEnd().split('\n');
    const broken = [
      '{"ts":"2026-10-05T10:00:00Z","step_id":"cut-off","kind":"model"', // not valid JSON
      '[1,2,3]', // not an object
      '{"unknown":"record"}', // no known format
      step({ step_id: 'bad-kind', kind: 'wizard' }), // a record the importer refuses
      '   ', // blank: padding, not a skip
      '\ufeff' + step({ step_id: 'bom-mid-file' }), // a BOM that does not start the file is part of the line
      step({ step_id: 'café-日本-€', tags: { feature: 'smart-compose', tenant: 'ws_ünïcödé-🚀' } }),
      month[0]!, // a duplicate step id: counted once, skipped with its file:line
    ];
    const lines = [...month.slice(0, 300), ...broken, ...otherFormatLines(), ...month.slice(300)];
    const crlf = month.slice(0, 40).join('\r\n') + '\r\n';
    const { single, parallel, plan } = await both({
      'a.jsonl': '\ufeff' + lines.join('\n') + '\n',
      'b-empty.jsonl': '',
      'c-crlf.jsonl': crlf.replace(/st_0/g, 'crlf_0'),
      'd-steps.csv': fixture('attrib-steps.csv'),
      'e-late.jsonl.gz': fixture('late-runs.jsonl.gz'),
      'f-no-trailing-newline.jsonl': [step({ step_id: 'last-1' }), '{oops', step({ step_id: 'last-2' })].join('\n'),
    });
    expect(parallel).toEqual(single);
    // Workers did read it: a.jsonl alone is ~250 ranges of 97 bytes; the CSV and the gzip file stay on the main thread.
    expect(plan.workers).toBe(2);
    expect(plan.ranges).toBeGreaterThan(250);
    // The comparison is only worth something if the inputs were really read: checked by hand. The
    // fixture month has its own bad lines (41, 201, 401); 301-308 are the inserted ones (305 is
    // blank, 307 is good), then come the other formats' lines, then the month from its line 301.
    const skippedAt = single.result.skipped.map((s) => `${s.file}:${s.line}`);
    const others = otherFormatLines().length;
    expect(skippedAt).toEqual([41, 201, 301, 302, 303, 304, 306, 308, 308 + others + (401 - 300)].map((n) => `a.jsonl:${n}`).concat('f-no-trailing-newline.jsonl:2'));
    const firstId = (JSON.parse(month[0]!) as { step_id: string }).step_id;
    expect(single.result.skipped[7]!.reason).toBe(`duplicate step id "${firstId}": already read, counted once`);
    expect(single.result.inputs.files).toHaveLength(6);
  });

  it('a range that starts with a byte-order mark keeps it (only the file start drops one), one line per range', async () => {
    const { single, parallel, plan } = await both({ 'bom.jsonl': ['\ufeff' + step({ step_id: 'a' }), '\ufeff' + step({ step_id: 'b' }), step({ step_id: 'c' })].join('\n') }, { ingest: { rangeBytes: 1 } });
    expect(plan.ranges).toBe(3);
    expect(parallel).toEqual(single);
    expect(single.result.inputs.records).toBe(2);
    expect(single.result.skipped.map((s) => [s.line, s.reason.slice(0, 14)])).toEqual([[2, 'not valid JSON']]);
  });
});

/** Lines of every kind the reader treats differently, for random logs. */
const lineArb = fc.oneof(
  fc.record({ id: fc.integer({ min: 0, max: 40 }), parent: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), day: fc.integer({ min: 1, max: 31 }), feature: fc.constantFrom('inbox-triage', 'smart-compose', 'ünknown-€'), cost: fc.integer({ min: 0, max: 5000 }) }).map(({ id, parent, day, feature, cost }) =>
    step({ ts: `2026-10-${String(day).padStart(2, '0')}T08:00:00.000Z`, step_id: `s${id}`, parent_step_id: parent === null ? null : `s${parent}`, cost_usd: cost / 1e6, tags: { feature, parent_run_id: `r${id % 3}` } }),
  ),
  fc.constantFrom('{"broken":', '', '  ', 'null', '"text"', '{"ts":"2026-10-01T00:00:00Z"}', step({ step_id: 'multi-byte-€-日本-🚀' })),
);

describe('parallel ingest: property', () => {
  it('for random logs cut into random ranges (CRLF or LF, with or without a last newline), the analysis equals the single-threaded one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 0, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 400 }),
        async (lines, crlf, trailing, rangeBytes) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = lines.join(eol) + (trailing && lines.length > 0 ? eol : '');
          const { single, parallel, plan } = await both({ 'x.jsonl': text, 'y.jsonl': lines.slice(0, 5).join('\n') }, { ingest: { rangeBytes } });
          expect(parallel).toEqual(single);
          // Every non-empty file is cut into ranges (empty ones are read on the main thread).
          const bytes = [text, lines.slice(0, 5).join('\n')].filter((t) => t.length > 0);
          expect(plan.ranges).toBeGreaterThanOrEqual(bytes.length);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('step batches', () => {
  it('a step goes through a batch unchanged, rare fields included (tool units, batch, a failed request, a call site)', () => {
    const original: StepRecord = {
      ...blankStep(),
      ts: Date.parse('2026-10-03T12:00:00.000Z'),
      stepId: 'st_1',
      parentStepId: 'st_0',
      kind: 'tool',
      provider: 'tavily',
      model: null,
      inputTokens: 3,
      cachedInputTokens: 1,
      cacheWriteTokens: 2,
      outputTokens: 4_294_967_296, // past 32 bits: numbers travel as doubles
      costUsd: 0.000125,
      tool: 'web-search',
      toolOwner: 'search',
      tags: { feature: 'semantic-search', tenant: 'ws_acme', parent_run_id: 'run_1' },
      traceId: 'trace-1',
      toolUnits: Object.assign(Object.create(null) as Record<string, number>, { results: 25, ['__proto__']: 2 }),
      batch: true,
      failed: true,
      callSite: 'src/agent.ts:12',
      usageAbsent: true,
    };
    const writer = new BatchWriter();
    writer.skip(0, 1, 'not valid JSON: x');
    writer.step(original, 'attrib', 0, 2);
    writer.step({ ...blankStep(), ts: 5, costUsd: null }, 'otel', 0, 2);
    writer.skip(0, 3, 'bad', 4);
    const events: unknown[] = [];
    replayBatch(writer.take(3), 7, 100, {
      step: (s, format, file, line) => events.push({ step: { ...s, tags: { ...s.tags }, toolUnits: s.toolUnits ? { ...s.toolUnits } : s.toolUnits }, format, file, line }),
      skip: (file, line, reason, record) => events.push({ file, line, reason, record }),
    });
    expect(events).toEqual([
      { file: 7, line: 101, reason: 'not valid JSON: x', record: undefined },
      { step: { ...original, tags: { feature: 'semantic-search', team: undefined, workload_class: undefined, tenant: 'ws_acme', environment: undefined, parent_run_id: 'run_1' }, toolUnits: { results: 25, ['__proto__']: 2 } }, format: 'attrib', file: 7, line: 102 },
      { step: { ...blankStep(), ts: 5, costUsd: null, failed: false, batch: false, callSite: null, toolUnits: null }, format: 'otel', file: 7, line: 102 },
      { file: 7, line: 103, reason: 'bad', record: 4 },
    ]);
  });
});

describe('--threads', () => {
  it('refuses a value that is not auto or a whole number from 1 (exit 2), from the flag and from ATTRIB_THREADS', () => {
    const dir = writeLogs({ 'a.jsonl': step({ step_id: 'a' }) });
    const flag = runCli(['report', 'a.jsonl', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml'), '--threads', '0'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--threads must be auto or a whole number from 1, not "0"');
    const env = runCli(['report', 'a.jsonl', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml')], { cwd: dir, env: { ATTRIB_THREADS: 'many' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('not "many"');
    const on = runCli(['report', 'a.jsonl', '--taxonomy', path.join(repoRoot, 'fixtures/attrib.yaml'), '--format', 'json', '--threads', '2'], { cwd: dir });
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout).totals.steps).toBe(1);
  });
});
