import type { FormatOptions, Formatter } from './types.js';
import { type RepoPathOptions, repoRelativePath } from './repo-path.js';
import type { LintFinding, LintResult } from '../lint/types.js';
import { compareFindings } from '../util/findings.js';
import { sanitizeKeepingLineBreaks } from '../util/terminal.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): the runner turns each line into
 * an annotation on the pull request's diff. Most severe first, so that when GitHub caps the number of
 * annotations per step the errors are the ones that survive.
 */

/**
 * `escapeData` of @actions/core: the message after `::`. Control, bidi and invisible characters other
 * than tab, CR and LF would reach the job log and the annotation raw (an ANSI escape repaints the log,
 * U+202E reorders the annotation), so they become visible escapes first; CR and LF are then
 * percent-encoded like the toolkit.
 */
export function escapeData(text: string): string {
  return sanitizeKeepingLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `escapeProperty` of @actions/core: a `key=value` property, where `:` and `,` are delimiters. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `srcRoot`: annotations name files relative to the repository root, where GitHub looks for them. */
export interface GithubOptions extends FormatOptions, RepoPathOptions {}

function command(f: LintFinding, options: GithubOptions): string {
  const line = Math.max(1, f.line);
  const col = Math.max(1, f.column);
  const properties: [string, string | number][] = [
    ['file', escapeProperty(repoRelativePath(f.file, options))],
    ['line', line],
    ['col', col],
  ];
  // GitHub only uses an end column on a one-line range; the end is omitted when the core has none.
  if (f.endLine !== undefined && f.endLine >= line) {
    properties.push(['endLine', f.endLine]);
    if (f.endColumn !== undefined) properties.push(['endColumn', f.endColumn]);
  }
  properties.push(['title', escapeProperty(`attrib (${f.ruleId})`)]);
  const props = properties.map(([key, value]) => `${key}=${value}`).join(',');
  return `::${f.severity} ${props}::${escapeData(f.message)}`;
}

export const format: Formatter<LintResult, GithubOptions> = (result, options) => {
  const findings = [...result.findings].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || compareFindings(a, b),
  );
  return findings.map((f) => `${command(f, options)}\n`).join('');
};
