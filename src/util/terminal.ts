/**
 * Strings from logs and source files are hostile: an ANSI or OSC escape in a tag value must not
 * repaint the user's terminal, and a bidi override must not reorder what the reader sees. Such
 * characters are replaced with a visible escape such as `\x1b` or `\u202e`.
 */
// C0/C1 controls (but tab and newline), DEL, line/paragraph separators, and bidi controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same plus tab and newline, which break a line or a table cell.
// eslint-disable-next-line no-control-regex
const CONTROL_AND_LAYOUT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Neutralise control characters in text that came from outside (keeps tabs and newlines). */
export function sanitizeForTerminal(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** Like sanitizeForTerminal, but also escapes tabs and newlines: for values inside one line or cell. */
export function sanitizeInline(text: string): string {
  return text.replace(CONTROL_AND_LAYOUT, escapeChar);
}
