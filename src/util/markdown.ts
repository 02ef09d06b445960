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

/**
 * Escapes only what could start markdown syntax, so names stay readable in the raw comment too
 * (`feat-183`, `inbox_triage`, `$12.50` as written):
 * - always `\`, `` ` ``, `*`, `[`, `]`, `|` (a table cell), `~`; `&` becomes an entity;
 * - `<` when it could open a tag or an autolink (`<img`, `</`, `<!`, `<?`; `<0.1%` stays), `>` where
 *   the text starts (a quote; with every tag opener escaped no `>` can close one);
 * - `_` only at a word's edge (GitHub never emphasises inside a word: `inbox_triage`, but `_x_`);
 * - `#` only where the text starts (a heading); `!` never (with `[` escaped there is no image);
 * - `$` (GitHub's math) unless it starts an amount (`$1,234`): with every other `$` escaped, no
 *   two of them can pair into a formula.
 */
function escapeText(text: string): string {
  return text.replace(/[\\`*[\]|~<>&_#$]/g, (ch, at: number) => {
    const before = text[at - 1] ?? '';
    const after = text[at + 1] ?? '';
    switch (ch) {
      case '<':
        return /[A-Za-z/!?]/.test(after) ? '&lt;' : ch;
      case '>':
        return at === 0 ? '&gt;' : ch;
      case '&':
        return '&amp;';
      case '_':
        return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? ch : `\\${ch}`;
      case '#':
        return at === 0 ? `\\${ch}` : ch;
      case '$':
        return (before === '' || /[\s(+-]/.test(before)) && /\d/.test(after) ? ch : `\\${ch}`;
      default:
        return `\\${ch}`;
    }
  });
}

/** Letters and digits of any script: `_` between two of them is part of a word. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

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
