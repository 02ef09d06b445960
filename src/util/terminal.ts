/**
 * Strings from logs and source files are hostile: an ANSI or OSC escape in a tag value must not
 * repaint the user's terminal. Replace C0/C1 control characters (except tab and newline when allowed)
 * with a visible escape such as `\x1b`.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_AND_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Neutralise control characters in text that came from outside (keeps tabs and newlines). */
export function sanitizeForTerminal(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** Like sanitizeForTerminal, but also escapes newlines: for values shown inside one line or cell. */
export function sanitizeInline(text: string): string {
  return text.replace(CONTROL_AND_NEWLINE, escapeChar);
}
