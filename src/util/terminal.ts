/**
 * Strings from logs and source files are hostile: an ANSI or OSC escape in a tag value must not
 * repaint the user's terminal, a bidi override must not reorder what the reader sees, and an
 * invisible character (zero-width space or joiner, U+FEFF, a Unicode tag character) must not make
 * two different values look the same. Such characters are replaced with a visible escape such as
 * `\x1b`, `\u202e` or `\u{e0041}`. This is the one escaping helper every human-read format uses
 * (stylish, github, table, markdown, csv, html, runs).
 */

/**
 * Every character a reader cannot see or that changes how the rest of the line is shown: controls
 * (Cc: C0, DEL, C1), format characters (Cf: bidi embeddings/overrides/isolates and marks, zero-width
 * space/joiners, word joiner, U+FEFF, soft hyphen, Unicode tag characters...) and the line and
 * paragraph separators (Zl, Zp). Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) render blank too.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** Escape every unsafe character but those in `keep`. */
function escapeUnsafe(text: string, keep: string): string {
  return text.replace(UNSAFE, (ch) => (keep.includes(ch) ? ch : escapeChar(ch)));
}

/** Neutralise control and invisible characters in text that came from outside (keeps tabs and newlines). */
export function sanitizeForTerminal(text: string): string {
  return escapeUnsafe(text, '\t\n');
}

/** Like sanitizeForTerminal, but also escapes tabs and newlines: for values inside one line or cell. */
export function sanitizeInline(text: string): string {
  return escapeUnsafe(text, '');
}

/**
 * Like sanitizeForTerminal, but keeps CR too: for formats that encode line breaks themselves
 * (GitHub workflow commands percent-encode CR and LF).
 */
export function sanitizeKeepingLineBreaks(text: string): string {
  return escapeUnsafe(text, '\t\n\r');
}
