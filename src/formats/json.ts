import type { Formatter } from './types.js';

/**
 * Stable JSON: the result objects are built in contract order, so plain JSON.stringify is stable.
 * JSON escapes control characters itself, so hostile strings are safe here. A document nested
 * deeper than V8's recursion allows (`attrib runs` on a run whose steps chain thousands deep) is
 * written by an iterative writer instead, without indentation: indenting thousands of levels would
 * make the output grow with the square of the depth.
 */
export const format: Formatter<object> = (result) => {
  try {
    return `${JSON.stringify(result, null, 2)}\n`;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `${stringifyDeep(result)}\n`;
  }
};

type Frame = { close: string; items: [key: string | undefined, value: unknown][]; next: number };

/** `JSON.stringify(value)` for plain data (objects, arrays, primitives) at any depth. */
export function stringifyDeep(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) return void out.push('[]');
      out.push('[');
      stack.push({ close: ']', items: v.map((item) => [undefined, item === undefined || typeof item === 'function' ? null : item]), next: 0 });
    } else if (v !== null && typeof v === 'object') {
      const items = Object.entries(v).filter(([, item]) => item !== undefined && typeof item !== 'function') as Frame['items'];
      if (items.length === 0) return void out.push('{}');
      out.push('{');
      stack.push({ close: '}', items, next: 0 });
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  };
  open(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.items.length) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    const [key, item] = frame.items[frame.next]!;
    out.push(`${frame.next === 0 ? '' : ','}${key === undefined ? '' : `${JSON.stringify(key)}:`}`);
    frame.next++;
    open(item);
  }
  return out.join('');
}
