import { Readable } from 'node:stream';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/report/index.js';
import { fixtureTaxonomy, reportOn, step } from './helpers.js';

/** `n` attrib records costing $0.001 each (1000 micro-dollars), step ids s0.. */
const records = (n: number, from = 0) => Array.from({ length: n }, (_, i) => step({ step_id: `s${from + i}`, cost_usd: 0.001 }));

describe('a broken JSON document costs the broken part, not the file', () => {
  // 200 good JSONL records after one broken first line: 200 steps, 1 skipped line (line 1).
  const jsonl = ['{broken', ...records(200)].join('\n');

  it.each(['logs.json', 'logs.log', 'logs.txt'])('JSONL with a broken first line in %s is read line by line', async (name) => {
    const { result } = await reportOn({ [name]: jsonl });
    expect(result.totals).toMatchObject({ steps: 200, skippedLines: 1, costUsd: 0.2 });
    expect(result.skipped[0]).toMatchObject({ file: name, line: 1 });
  });

  it('JSONL with a broken first line on stdin is read line by line', async () => {
    const { dir } = await reportOn({ 'empty.jsonl': '' });
    const { result } = await analyze({ cwd: dir, taxonomy: fixtureTaxonomy(), paths: ['-'], stdin: Readable.from([Buffer.from(jsonl)]), fallbackPricing: false });
    expect(result.totals).toMatchObject({ steps: 200, skippedLines: 1 });
  });

  it('an array with one NaN element loses that element only, named by its line and number', async () => {
    const [a, b, c] = records(3);
    const { result } = await reportOn({ 'spend.json': `[\n${a},\n${b},\nNaN,\n${c}\n]` });
    // 3 good records of 1000 micro-dollars each
    expect(result.totals).toMatchObject({ steps: 3, skippedLines: 1, costUsd: 0.003 });
    expect(result.skipped[0]).toMatchObject({ file: 'spend.json', line: 4, record: 3 });
    expect(result.skipped[0]!.reason).toMatch(/not valid JSON/);
  });

  it('a trailing comma loses nothing; a record cut off at the end of the file costs that record', async () => {
    const trailing = await reportOn({ 'a.json': `[${records(3).join(',')},]` });
    expect(trailing.result.totals).toMatchObject({ steps: 3, skippedLines: 0 });
    const [a, b] = records(2);
    const cut = await reportOn({ 'a.json': `[${a},\n${b},\n${a!.replace('s0', 's9').slice(0, 40)}` });
    expect(cut.result.totals).toMatchObject({ steps: 2, skippedLines: 1 });
    expect(cut.result.skipped[0]).toMatchObject({ line: 3, record: 3 });
  });

  it('commas, brackets and escaped quotes inside strings do not split records', async () => {
    const tricky = step({ step_id: 'x",[{', cost_usd: 0.002, tags: { tenant: 'a\\"],b' } });
    const { result, analysis } = await reportOn({ 'a.json': `[${tricky}, NaN]` });
    expect(result.totals).toMatchObject({ steps: 1, skippedLines: 1, costUsd: 0.002 });
    expect(analysis.step(0).tags.tenant.value).toBe('a\\"],b');
  });

  it('a { "data": [...] } document keeps its good records; text after a top-level array is reported', async () => {
    const [a, b] = records(2);
    const data = await reportOn({ 'litellm.json': `{"data": [${a}, {"ts": NaN}, ${b}], "meta": {"page": 1}}` });
    expect(data.result.totals).toMatchObject({ steps: 2, skippedLines: 1 });
    expect(data.result.skipped[0]).toMatchObject({ record: 2 });
    const after = await reportOn({ 'a.json': `[${a}] trailing` });
    expect(after.result.totals).toMatchObject({ steps: 1, skippedLines: 1 });
    expect(after.result.skipped[0]!.reason).toMatch(/after the end of the JSON array/);
  });

  it('a pretty-printed document that is broken is one skipped document, not a skip per line', async () => {
    const pretty = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 'a' }] }] }] }, null, 2).replace('"a"', 'a');
    const { result } = await reportOn({ 'traces.json': pretty });
    expect(result.totals).toMatchObject({ steps: 0, skippedLines: 1 });
  });
});

describe('damaged gzip keeps everything decoded before the damage and says where, once', () => {
  // 20,000 records of 1000 micro-dollars: large enough that Node's Gunzip dropped its last block (2,588 records).
  const body = `${records(20_000).join('\n')}\n`;
  const gz = gzipSync(body);

  it('trailing bytes after the last member: every record is read, one skipped line names the byte offset', async () => {
    const { result } = await reportOn({ 'a.jsonl.gz': Buffer.concat([gz, Buffer.from('trailing garbage')]) });
    expect(result.totals).toMatchObject({ steps: 20_000, skippedLines: 1, costUsd: 20 });
    expect(result.skipped[0]).toEqual({ file: 'a.jsonl.gz', line: 20_001, reason: `gzip data damaged at byte ${gz.length}: the bytes after gzip member 1 are not gzip data: ignored` });
  });

  it('zero padding after the last member is not damage; concatenated members are one stream', async () => {
    const padded = await reportOn({ 'a.jsonl.gz': Buffer.concat([gz, Buffer.alloc(512)]) });
    expect(padded.result.totals).toMatchObject({ steps: 20_000, skippedLines: 0 });
    const [a, b] = [records(3), records(2, 3)].map((r) => gzipSync(`${r.join('\n')}\n`));
    const members = await reportOn({ 'a.jsonl.gz': Buffer.concat([a!, b!]) });
    expect(members.result.totals).toMatchObject({ steps: 5, skippedLines: 0 });
  });

  it('a file cut off inside the compressed data keeps the complete lines before the cut', async () => {
    const cut = gz.subarray(0, gz.length - 100);
    const { result } = await reportOn({ 'a.jsonl.gz': cut });
    // Only the 100 compressed bytes at the end are missing: most records survive, and exactly one line is reported.
    const lines = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString().split('\n').length - 1;
    expect(result.totals).toMatchObject({ steps: lines, skippedLines: 1 });
    expect(result.skipped[0]!.reason).toBe(`gzip data damaged at byte ${cut.length}: the file ends inside compressed data (cut off): the records before it were read`);
  });

  it('a corrupt checksum is reported after the records, and a gzipped JSON array cut short keeps its records', async () => {
    const bad = Buffer.from(gz);
    bad.writeUInt32LE((bad.readUInt32LE(bad.length - 8) ^ 1) >>> 0, bad.length - 8);
    const crc = await reportOn({ 'a.jsonl.gz': bad });
    expect(crc.result.totals).toMatchObject({ steps: 20_000, skippedLines: 1 });
    expect(crc.result.skipped[0]!.reason).toMatch(/^gzip data damaged at byte \d+: CRC-32 mismatch/);
    const array = gzipSync(`[${records(3).join(',\n')}]`);
    const doc = await reportOn({ 'a.json.gz': Buffer.concat([array, Buffer.from('xx')]) });
    expect(doc.result.totals).toMatchObject({ steps: 3, skippedLines: 1 });
  });
});

describe('CSV: one bad quote costs one record', () => {
  const header = 'ts,step_id,kind,model,cost_usd,tags.feature,tags.tenant';
  const csvRow = (i: number, tenant = `t${i % 7}`) => `2026-10-02T09:00:00Z,c${i},model,gpt-4o-mini,0.001,inbox-triage,${tenant}`;

  it('an unterminated quote skips its own line; the 29,999 rows after it are all read', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => (i === 1 ? csvRow(i, '"open quote') : csvRow(i)));
    const { result } = await reportOn({ 'steps.csv': [header, ...rows].join('\n') });
    // 29,999 rows of 1000 micro-dollars
    expect(result.totals).toMatchObject({ steps: 29_999, skippedLines: 1, costUsd: 29.999 });
    expect(result.skipped[0]).toEqual({ file: 'steps.csv', line: 3, reason: 'unterminated quoted CSV field: this line is skipped and the 29998 after it are read on their own' });
  });

  it('a quote still open past the record size limit is skipped and the lines after it are read again', async () => {
    const filler = Array.from({ length: 125_000 }, (_, i) => csvRow(i + 10)); // over 8 MiB after the open quote
    const text = [header, csvRow(0, '"open'), ...filler, `${csvRow(1)}"`].join('\n');
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const { result } = await reportOn({ 'steps.csv': text });
    expect(result.skipped[0]).toMatchObject({ line: 2 });
    expect(result.skipped[0]!.reason).toMatch(/^a quoted CSV field is still open after 8 MiB/);
    // Every filler row is read; the last line's stray quote reopens nothing (it is mid-field).
    expect(result.totals.steps).toBe(125_001);
  });

  it('keeps quoted fields, doubled quotes, multi-line cells and LiteLLM JSON-text request_tags', async () => {
    const csv = [
      'request_id,call_type,spend,startTime,model,prompt_tokens,completion_tokens,request_tags,end_user',
      'r1,acompletion,0.25,2026-10-05 10:00:00,gpt-4o,100,10,"[""feature:support-agent"", ""tenant:ws_acme""]",',
      'r2,acompletion,0.5,2026-10-05 10:00:01,gpt-4o,100,10,"[""feature:inbox-triage""]","multi',
      'line ""user"""',
      'r3,acompletion,1,2026-10-05 10:00:02,gpt-4o,1,1,a"b,"x"',
    ].join('\n');
    const { result, analysis } = await reportOn({ 'spend.csv': csv });
    expect(result.totals).toMatchObject({ steps: 3, skippedLines: 0, costUsd: 1.75 });
    expect(analysis.step(0).tags.feature.value).toBe('support-agent');
    expect(analysis.step(0).tags.tenant.value).toBe('ws_acme');
    expect(analysis.step(1).tags.tenant.value).toBe('multi\nline "user"');
    expect(analysis.step(2).tags.tenant.value).toBe('x');
  });
});
