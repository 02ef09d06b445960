/**
 * Issue 10: a bad resourceSpans, scopeSpans or span element of an OTLP/JSON file costs that element,
 * counted as a skipped line with its path and reason, never the file or a silent span.
 */
import { describe, expect, it } from 'vitest';
import { reportOn } from './helpers.js';

const attr = (key: string, value: unknown) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } });
/** A gen_ai chat span of 1,000,000 input tokens of gpt-4o-mini ($0.15 at $0.15 per 1M). */
const span = (id: string) =>
  JSON.stringify({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: id,
    name: 'chat gpt-4o-mini',
    startTimeUnixNano: '1791000000000000000',
    endTimeUnixNano: '1791000001000000000',
    attributes: [attr('gen_ai.operation.name', 'chat'), attr('gen_ai.request.model', 'gpt-4o-mini'), attr('gen_ai.usage.input_tokens', 1_000_000), attr('gen_ai.usage.output_tokens', 0), attr('attrib.feature', 'inbox-triage')],
  });
/** Pretty-printed as exporters write it: one span per line, indented (a line at column 0 would be JSONL). */
const scope = (spans: string[]) => `{"scope":{"name":"s"},"spans":[\n  ${spans.join(',\n  ')}\n  ]}`;
const resource = (scopes: string[]) => `{"resource":{"attributes":[]},"scopeSpans":[\n  ${scopes.join(',\n  ')}\n  ]}`;
const traces = (resources: string[]) => `{"resourceSpans":[\n  ${resources.join(',\n  ')}\n]}`;

describe('OTLP recovery', () => {
  it('a span that is not valid JSON costs that span; the other spans of its scope and file are read', async () => {
    const bad = span('00f067aa0ba902b3').replace('"1791000000000000000"', 'NaN');
    const text = traces([resource([scope([span('00f067aa0ba902b1'), bad, span('00f067aa0ba902b4')]), scope([span('00f067aa0ba902b5')])])]);
    const { result } = await reportOn({ 'traces.json': text }, { fallbackPricing: true });
    expect(result.totals.steps).toBe(3);
    expect(result.totals.skippedLines).toBe(1);
    expect(result.skipped[0]).toMatchObject({ line: 5 });
    expect(result.skipped[0]!.reason).toMatch(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]: not valid JSON: /);
    // 3 spans of 1M input tokens at $0.15 per 1M.
    expect(result.totals.costUsd).toBeCloseTo(0.45, 6);
  });

  it('a scope whose own members are broken costs its spans only; a file cut off mid-span keeps what came before', async () => {
    const brokenScope = scope([span('00f067aa0ba902b6')]).replace('"name":"s"', '"name":s');
    const text = traces([resource([brokenScope, scope([span('00f067aa0ba902b7')])]), resource([scope([span('00f067aa0ba902b8'), span('00f067aa0ba902b9')])])]);
    const cut = text.slice(0, text.lastIndexOf('00f067aa0ba902b9'));
    const whole = (await reportOn({ 'a.json': text })).result;
    const { result } = await reportOn({ 'b.json': cut });
    // a.json: 3 of 4 spans; b.json: 2, the broken scope and the cut-off span skipped.
    expect([whole.totals.steps, result.totals.steps]).toEqual([3, 2]);
    const reasons = (r: typeof result) => r.skipped.map((s) => `${s.file}:${s.line} ${s.reason.replace(/: not valid JSON: .*?(: its|$)/, ' bad$1')}`);
    expect(reasons(whole)).toEqual(['a.json:3 resourceSpans[0].scopeSpans[0] bad: its spans are not read']);
    expect(reasons(result)).toEqual(['b.json:3 resourceSpans[0].scopeSpans[0] bad: its spans are not read', 'b.json:13 resourceSpans[1].scopeSpans[0].spans[1] bad']);
  });

  it('elements of the wrong type are skipped with their path, not dropped in silence', async () => {
    const text = traces(['42', '{"scopeSpans":{"spans":[]}}', resource(['null', `{"spans":"x"}`, scope(['[]', span('00f067aa0ba902ba')])])]);
    const { result } = await reportOn({ 'traces.json': text });
    expect(result.totals.steps).toBe(1);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'resourceSpans[0]: expected an object, got number',
      'resourceSpans[1].scopeSpans: expected an array, got object: its spans are not read',
      'resourceSpans[2].scopeSpans[0]: expected an object, got null',
      'resourceSpans[2].scopeSpans[1].spans: expected an array, got string: its spans are not read',
      'resourceSpans[2].scopeSpans[2].spans[0]: expected an object, got an array',
    ]);
  });
});
