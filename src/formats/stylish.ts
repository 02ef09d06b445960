import { Chalk, type ChalkInstance } from 'chalk';
import type { FormatOptions, Formatter } from './types.js';
import { type Finding, compareFindings, countBySeverity } from '../util/findings.js';
import { sanitizeForTerminal, sanitizeInline } from '../util/terminal.js';
import { maxOf, pushAll } from '../util/arrays.js';

/** Anything that carries findings: lint results and taxonomy validations alike. */
export interface FindingsResult {
  findings: readonly Finding[];
}

export interface StylishOptions extends FormatOptions {
  /**
   * The source text of a finding's file, or undefined when it cannot be had. When given, each finding
   * is followed by a code frame; `attrib lint` passes it on a TTY only, so piped output stays one line
   * per finding.
   */
  readSource?: (file: string) => string | undefined;
}

/** Lines of context around the finding's line in a code frame. */
const FRAME_ABOVE = 2;
const FRAME_BELOW = 2;
/** The line terminators TypeScript counts, so frame line numbers match finding line numbers. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * eslint/babel-style code frame: numbered context lines, `>` on the finding's line and carets under
 * the reported range. Source text is hostile too, so every line is sanitised; long lines are cut to a
 * window around the finding so the carets stay under what they point at.
 */
function codeFrame(source: readonly string[], f: Finding, c: ChalkInstance, columns: number | undefined): string[] {
  if (f.line < 1 || f.line > source.length) return [];
  const first = Math.max(1, f.line - FRAME_ABOVE);
  const last = Math.min(source.length, f.line + FRAME_BELOW);
  const gutter = String(last).length;
  const hit = source[f.line - 1]!;
  const start = Math.min(Math.max(1, f.column), hit.length + 1) - 1;
  const end =
    f.endLine === f.line && f.endColumn !== undefined && f.endColumn - 1 > start
      ? Math.min(f.endColumn - 1, hit.length)
      : f.endLine !== undefined && f.endLine > f.line
        ? hit.length
        : start + 1;
  const width = Math.max(40, (columns ?? 120) - gutter - 8);
  // Shift the window only when the carets would not fit in it otherwise.
  const from = end <= width ? 0 : start - Math.floor(width / 3);
  const cut = (text: string): string =>
    (from > 0 ? '…' : '') + text.slice(from, from + width) + (text.length > from + width ? '…' : '');
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = sanitizeForTerminal(cut(source[n - 1]!));
    const number = c.dim(`${String(n).padStart(gutter)} |`);
    out.push(`  ${n === f.line ? c.red.bold('>') : ' '} ${number}${text ? ` ${text}` : ''}`);
    if (n === f.line) {
      const pad = (from > 0 ? ' ' : '') + sanitizeForTerminal(hit.slice(from, start)).replace(/[^\t]/g, ' ');
      const span = Math.max(1, sanitizeForTerminal(hit.slice(start, Math.min(end, from + width))).length);
      out.push(`    ${c.dim(`${' '.repeat(gutter)} |`)} ${pad}${c.red.bold('^'.repeat(span))}`);
    }
  }
  return out;
}

/**
 * eslint's default look: findings grouped under their file, `line:col  severity  message  rule-id`,
 * then a one-line problem count. Prints nothing when there is nothing to say. With `readSource`, a
 * code frame follows each finding.
 */
export const format = ((result: FindingsResult, options: StylishOptions): string => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const findings = [...result.findings].sort(compareFindings);
  if (findings.length === 0) return '';
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(sanitizeInline(file)));
    const positions = list.map((f) => `${f.line}:${f.column}`);
    const width = maxOf(positions, (p) => p.length);
    const text = options.readSource?.(file);
    const source = text === undefined ? undefined : text.split(LINE_BREAK);
    list.forEach((f, i) => {
      const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${c.dim(positions[i]!.padEnd(width))}  ${severity}  ${sanitizeInline(f.message)}  ${c.dim(f.ruleId)}`);
      if (source) {
        const frame = codeFrame(source, f, c, options.columns);
        if (frame.length > 0) pushAll(lines, frame).push('');
      }
    });
    if (source && lines[lines.length - 1] === '') lines.pop();
    lines.push('');
  }
  const { errors, warnings } = countBySeverity(findings);
  const total = errors + warnings;
  const summary = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'})`;
  lines.push(errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  return `${lines.join('\n')}\n`;
}) satisfies Formatter<FindingsResult>;
