import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { report } from '../../src/report/index.js';
import { configure, flush, instrument, jsonlSink, withAttribution } from '../../src/runtime/index.js';
import { loadTaxonomy } from '../../src/taxonomy/index.js';
import { schemaErrors } from '../helpers/schema.js';
import { FULL_TAGS, capture, json, mockFetch } from './helpers.js';

const completion = {
  id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } },
};
const client = () => instrument(new OpenAI({ apiKey: 'sk-test', fetch: mockFetch(json(completion)).fetch, maxRetries: 0 }));
const call = (c: OpenAI) => c.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });

describe('jsonlSink', () => {
  it('writes records that match the schema and that attrib report reads with no flag', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-runtime-'));
    configure({ sinks: [jsonlSink({ dir })], environment: 'test' });
    const c = client();
    await withAttribution({ ...FULL_TAGS, parent_run_id: 'run_1' }, async () => {
      await call(c);
      await call(c);
    });
    await flush();
    const files = readdirSync(dir);
    expect(files).toEqual([`steps-${new Date().toISOString().slice(0, 10)}.jsonl`]);
    const lines = readFileSync(path.join(dir, files[0]!), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(schemaErrors('step-record', JSON.parse(line))).toEqual([]);

    const cwd = path.resolve('fixtures');
    const result = await report({ cwd, taxonomy: await loadTaxonomy({ cwd }), paths: [dir] });
    // gpt-4o-mini: (1000 x $0.15 + 200 x $0.075 + 300 x $0.60) / 1M = $0.000345 per call, two calls.
    expect(result.totals.steps).toBe(2);
    expect(result.totals.runs).toBe(1);
    expect(result.totals.costUsd).toBeCloseTo(0.00069, 9);
    expect(result.totals.unattributedCostUsd).toBe(0);
    expect(result.byFeature.filter((f) => f.costUsd > 0).map((f) => f.key)).toEqual(['inbox-triage']);
  });

  it('rotates by UTC day and appends (never truncates) an existing day file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'attrib-runtime-'));
    writeFileSync(path.join(dir, 'steps-2026-10-03.jsonl'), '{"kept":true}\n');
    const { steps } = capture();
    const c = client();
    await withAttribution(FULL_TAGS, async () => {
      await call(c);
      await call(c);
    });
    steps[0]!.ts = Date.UTC(2026, 9, 3, 23, 59, 59);
    steps[1]!.ts = Date.UTC(2026, 9, 4, 0, 0, 0);
    const sink = jsonlSink({ dir });
    for (const s of steps) sink.end(s);
    await sink.flush!();
    expect(readdirSync(dir).sort()).toEqual(['steps-2026-10-03.jsonl', 'steps-2026-10-04.jsonl']);
    const first = readFileSync(path.join(dir, 'steps-2026-10-03.jsonl'), 'utf8').trimEnd().split('\n');
    expect(first).toHaveLength(2);
    expect(first[0]).toBe('{"kept":true}');
    expect(JSON.parse(first[1]!).ts).toBe('2026-10-03T23:59:59.000Z');
  });

  it('a bad path or a full disk loses no request and says so once', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'attrib-runtime-'));
    const notADir = path.join(base, 'file');
    writeFileSync(notADir, 'x');
    for (const options of [{ dir: path.join(notADir, 'logs') }, { file: () => '/dev/full' }]) {
      const warnings: string[] = [];
      const sink = jsonlSink({ ...options, onWarning: (m) => warnings.push(m), maxBuffered: 3 });
      configure({ sinks: [sink], environment: 'test', onWarning: () => {} });
      const c = client();
      for (let i = 0; i < 5; i++) {
        const answer = await withAttribution(FULL_TAGS, () => call(c));
        expect(answer.id).toBe('chatcmpl-1');
        await sink.flush!();
      }
      // One warning for the failure kind, one for the dropped steps (5 calls, 3 kept): not one per call.
      expect(warnings, warnings.join('\n')).toHaveLength(2);
      expect(warnings[0]).toMatch(options.dir ? /ENOTDIR|EEXIST/ : /ENOSPC/);
      expect(warnings[1]).toMatch(/dropped/);
      expect(sink.dropped).toBe(2);
    }
  });
});
