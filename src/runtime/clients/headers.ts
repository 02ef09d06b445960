import type { Frame } from '../scope.js';

/** Header values must be visible ASCII (no CR/LF: a tag value must never split a header). */
const HEADER_VALUE = /^[\x20-\x7e]{1,1024}$/;

/**
 * The `x-attrib-<tag>` headers of a frame's tags, built once per frame and shared by its calls. A
 * value that cannot travel as a header is left out of the headers (it is still recorded), once
 * said.
 */
export function attribHeaders(frame: Frame): Readonly<Record<string, string>> {
  if (frame.headers) return frame.headers;
  const headers: Record<string, string> = {};
  for (const key in frame.tags) {
    const value = frame.tags[key] as string;
    if (HEADER_VALUE.test(value)) headers[`x-attrib-${key.replace(/_/g, '-')}`] = value;
    else frame.config.warn(`header:${key}`, `attrib: tag ${key} has a value that cannot be sent as a header (not printable ASCII, or over 1024 characters); it is recorded but not sent`);
  }
  frame.headers = Object.freeze(headers);
  return frame.headers;
}

type HeaderSource = Headers | readonly (readonly unknown[])[] | Record<string, unknown> | null | undefined;

/**
 * Request headers with the frame's tag headers under the caller's own: a header the caller set
 * (any case) wins. Returns the shared tag headers untouched when the caller set none.
 */
export function withTagHeaders(own: unknown, tags: Readonly<Record<string, string>>): HeaderSource {
  if (own === undefined || own === null) return tags;
  const out: Record<string, unknown> = { ...tags };
  const set = (name: string, value: unknown): void => {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-attrib-')) delete out[lower];
    out[name] = value;
  };
  if (typeof Headers !== 'undefined' && own instanceof Headers) own.forEach((value, name) => set(name, value));
  else if (Array.isArray(own)) for (const pair of own as unknown[][]) set(String(pair[0]), pair[1]);
  else if (typeof own === 'object') for (const name of Object.keys(own)) set(name, (own as Record<string, unknown>)[name]);
  return out;
}
