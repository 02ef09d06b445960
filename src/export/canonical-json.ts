/**
 * JSON with every object's keys sorted, so an export is byte-for-byte the same for the same taxonomy
 * whatever order attrib.yaml lists things in: generated files diff cleanly in review.
 * Keys are read with Object.keys and written with JSON.stringify, so a key such as `__proto__` is
 * just text, never a prototype.
 */
export function canonicalJson(value: unknown, indent = 2): string {
  return write(value, '', ' '.repeat(indent));
}

function write(value: unknown, pad: string, step: string): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson: cannot write a ${typeof value}`);
    return text;
  }
  const inner = pad + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + write(item, inner, step)).join(',\n')}\n${pad}]`;
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return '{}';
  const record = value as Record<string, unknown>;
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${write(record[key], inner, step)}`).join(',\n')}\n${pad}}`;
}
