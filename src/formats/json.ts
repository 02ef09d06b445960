import type { Formatter } from './types.js';

/** Past this many characters of compact JSON, the output is written compact: indented, it can grow past V8's string limit. */
export const INDENT_MAX_CHARS = 16 * 1024 * 1024;

/**
 * Stable JSON: the result objects are built in contract order, so plain JSON.stringify is stable.
 * JSON escapes control characters itself, so hostile strings are safe here. Indented with two
 * spaces, except for large documents (over INDENT_MAX_CHARS compact): indentation grows with depth,
 * and `attrib runs` on a 100k-step run with long chains made an indented string past V8's limit
 * (about 512 MB; stringify threw after building it, 6 s lost, then the compact retry). A document
 * nested deeper than V8's recursion allows (steps chaining thousands deep) is written by an
 * iterative writer, compact too.
 */
export const format: Formatter<object> = (result) => {
  let compact: string;
  try {
    compact = JSON.stringify(result);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `${stringifyDeep(result)}\n`;
  }
  return `${compact.length > INDENT_MAX_CHARS ? compact : JSON.stringify(result, null, 2)}\n`;
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
