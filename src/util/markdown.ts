import { sanitizeInline } from './terminal.js';

/**
 * Making a string from a log inert in GitHub-flavoured markdown (PR comments via `gh pr comment`,
 * wikis). Backslash escapes stop markdown syntax, but not GitHub's post-processing: mentions (`@user`,
 * `@org/team`), issue references (`#12`, `GH-12`), email and URL autolinks are found in the rendered
 * text, so `\@octocat` still pings octocat. The one construct GitHub leaves alone is code, so a word
 * that would become a link or a notification is shown as a code span: `@octocat` stays readable and
 * notifies nobody. Everything else is escaped character by character.
 */

/**
 * A word GitHub would link or notify on: `@` anywhere (mention, team mention, email), a scheme's
 * `://`, `www.` (extended autolinks), `mailto:`/`xmpp:`, and issue references `#12` / `GH-12`.
 */
const LINKY = /@|:\/\/|www\.|(?:mailto|xmpp):|#\d|gh-\d/i;
/** Words are cut at whitespace, at backticks (which would end a code span) and at `|` (a table cell). */
const WORD = /[^\s`|]+/g;

/** Markdown punctuation (`$`: GitHub's math), backslash-escaped; `<`, `>`, `&` become entities. */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#!$]/g, (ch) => `\\${ch}`)
    .replace(/[<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&amp;'));
}

/**
 * Literal text for a markdown table cell or line: control and invisible characters become visible
 * escapes (`\x0a`), words that GitHub would link or turn into a mention become code spans, and the
 * rest has its markdown punctuation and HTML characters escaped (so `|` cannot split a cell).
 */
export function escapeMarkdown(text: string): string {
  const safe = sanitizeInline(text);
  let out = '';
  let last = 0;
  for (const match of safe.matchAll(WORD)) {
    if (!LINKY.test(match[0])) continue;
    out += `${escapeText(safe.slice(last, match.index))}\`${match[0]}\``;
    last = match.index + match[0].length;
  }
  return out + escapeText(safe.slice(last));
}
