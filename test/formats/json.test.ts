import { describe, expect, it } from 'vitest';
import { INDENT_MAX_CHARS, format, stringifyDeep } from '../../src/formats/json.js';

describe('json format', () => {
  it('the iterative writer agrees with JSON.stringify on plain data', () => {
    const data = {
      schemaVersion: 1,
      empty: {},
      none: [],
      list: [1, 'two', null, undefined, { a: true, skip: undefined }, [[]]],
      text: 'tab\t"quote" \u001b[31m \u2028 </script>',
      n: -0.000001,
      __proto__: { hostile: 1 },
    };
    expect(stringifyDeep(data)).toBe(JSON.stringify(data));
    expect(JSON.parse(stringifyDeep(data))).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('writes documents nested deeper than JSON.stringify can recurse, as valid JSON', () => {
    let deep: { id: number; children: unknown[] } = { id: 0, children: [] };
    const root = deep;
    for (let i = 1; i < 20_000; i++) {
      const child = { id: i, children: [] };
      deep.children.push(child);
      deep = child;
    }
    expect(() => JSON.stringify(root)).toThrow(RangeError);
    const text = format(root, { color: false, cwd: '/' });
    expect(text.startsWith('{"id":0,"children":[{"id":1,')).toBe(true);
    expect(text.endsWith(']}]}\n')).toBe(true);
    expect(text.length).toBeLessThan(20_000 * 40);
  });

  it('indents with two spaces up to INDENT_MAX_CHARS of compact JSON, and writes larger documents compact', () => {
    const small = { schemaVersion: 1, steps: [{ id: 'a' }] };
    expect(format(small, { color: false, cwd: '/' })).toBe(`${JSON.stringify(small, null, 2)}\n`);
    // Each step is {"id":"<40 x's>"} plus a comma: 50 characters; enough of them to pass the limit.
    const large = { steps: Array.from({ length: Math.ceil(INDENT_MAX_CHARS / 50) + 1 }, () => ({ id: 'x'.repeat(40) })) };
    const text = format(large, { color: false, cwd: '/' });
    expect(text).toBe(`${JSON.stringify(large)}\n`);
    expect(JSON.parse(text)).toEqual(large);
  });
});
