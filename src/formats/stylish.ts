import { Chalk } from 'chalk';
import type { Formatter } from './types.js';
import { type Finding, compareFindings, countBySeverity } from '../util/findings.js';
import { sanitizeInline } from '../util/terminal.js';

/** Anything that carries findings: lint results and taxonomy validations alike. */
export interface FindingsResult {
  findings: readonly Finding[];
}

/**
 * eslint's default look: findings grouped under their file, `line:col  severity  message  rule-id`,
 * then a one-line problem count. Prints nothing when there is nothing to say.
 */
export const format: Formatter<FindingsResult> = (result, options) => {
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
    const width = Math.max(...positions.map((p) => p.length));
    list.forEach((f, i) => {
      const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${c.dim(positions[i]!.padEnd(width))}  ${severity}  ${sanitizeInline(f.message)}  ${c.dim(f.ruleId)}`);
    });
    lines.push('');
  }
  const { errors, warnings } = countBySeverity(findings);
  const total = errors + warnings;
  const summary = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'})`;
  lines.push(errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  return `${lines.join('\n')}\n`;
};
