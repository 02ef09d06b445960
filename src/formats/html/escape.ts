/**
 * Every value that reaches the HTML page goes through `html`: interpolations are escaped unless they
 * are already SafeHtml (built by this same tag), so a tenant named `<img src=x onerror=alert(1)>`
 * can only ever become text. Control characters are made visible first (an ANSI escape in a tag
 * value shows as `\x1b`, and a bidi override cannot reorder the row).
 */
import { sanitizeInline } from '../../util/terminal.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return sanitizeInline(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${key}</td>\`` escapes `key`; nested `html` results pass through. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}
