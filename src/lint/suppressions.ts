import { didYouMean } from '../util/did-you-mean.js';
import type { DraftFinding } from './check.js';
import { LINT_RULES, type LintRuleId, SUPPRESSIBLE_RULES } from './rules.js';

/**
 * `// attrib-ignore-next-line <rule-id>[, <rule-id>] -- <reason> (until YYYY-MM-DD)`
 * silences those rules on the next code line (and, for a call, anywhere inside that call).
 * A reason is required; past its `until` date the comment stops working and says so.
 */
export interface Suppression {
  file: string;
  /** Line and column of the comment. */
  line: number;
  column: number;
  /** The line it applies to: the next line that is not itself a suppression comment. */
  target: number;
  rules: ReadonlySet<string>;
  used: boolean;
}

const DIRECTIVE = 'attrib-ignore-next-line';
/** What looks like a suppression but is none: eslint's same-line spelling, or the directive after code. */
const STRAY = /(?:\/\/|\/\*)\s*attrib-ignore-(?:next-)?line\b/;
const UNTIL = /\(\s*until\s+([^)]*)\)\s*$/;

/** Read the suppression comments of one file; malformed or expired ones come back as findings. */
export function parseSuppressions(text: string, file: string, now: Date): { suppressions: Suppression[]; problems: DraftFinding[] } {
  const suppressions: Suppression[] = [];
  const problems: DraftFinding[] = [];
  if (!text.includes('attrib-ignore-')) return { suppressions, problems };
  const lines = text.split(/\r?\n/);
  const pending: Suppression[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    const at = raw.indexOf(DIRECTIVE);
    const isComment = at >= 0 && /^\s*(\/\/|\/\*|\*)/.test(raw) && /^[/*\s]*$/.test(raw.slice(0, at));
    if (!isComment) {
      const stray = raw.search(STRAY);
      // A comment that would read as a suppression but suppresses nothing must say so, not pass silently.
      if (stray >= 0) {
        problems.push({
          ruleId: 'invalid-suppression',
          severity: LINT_RULES['invalid-suppression'].severity,
          file,
          line,
          column: stray + 1,
          message: `a suppression must be a comment of its own on the line above what it suppresses: \`// ${DIRECTIVE} <rule-id> -- <reason>\` (a same-line \`attrib-ignore-line\` or a directive after code suppresses nothing)`,
          anchorLines: [],
        });
        return;
      }
      if (raw.trim() !== '') for (const p of pending.splice(0)) p.target = line;
      return;
    }
    const column = at + 1;
    const problem = (ruleId: 'invalid-suppression' | 'expired-suppression', message: string) =>
      problems.push({ ruleId, severity: LINT_RULES[ruleId].severity, file, line, column, message, anchorLines: [] });
    const body = raw.slice(at + DIRECTIVE.length).replace(/\*\/\s*$/, '');
    const separator = body.indexOf('--');
    const ruleText = separator === -1 ? body : body.slice(0, separator);
    let reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const rules = ruleText.split(/[\s,]+/).filter((r) => r !== '');
    if (rules.length === 0) return problem('invalid-suppression', `\`${DIRECTIVE}\` must name the rule it suppresses, e.g. \`${DIRECTIVE} missing-tags -- <reason>\``);
    for (const r of rules) {
      if (SUPPRESSIBLE_RULES.has(r as LintRuleId)) continue;
      const near = didYouMean(r, SUPPRESSIBLE_RULES);
      return problem('invalid-suppression', `\`${r}\` is not a rule an \`${DIRECTIVE}\` comment can suppress${near ? `; did you mean \`${near}\`?` : ''}`);
    }
    const until = UNTIL.exec(reason);
    let expires: Date | undefined;
    if (until) {
      expires = parseDay(until[1]!.trim());
      if (!expires) return problem('invalid-suppression', `\`until ${until[1]!.trim()}\` is not a date; write \`(until YYYY-MM-DD)\``);
      reason = reason.slice(0, until.index).trim();
    }
    if (reason === '') return problem('invalid-suppression', `\`${DIRECTIVE}\` needs a reason after \` -- \`, e.g. \`-- batch job, tagged by the queue\``);
    if (expires && now.getTime() >= expires.getTime()) {
      return problem('expired-suppression', `this suppression of ${rules.join(', ')} expired on ${until![1]!.trim()}; fix the finding or extend the date`);
    }
    const s: Suppression = { file, line, column, target: 0, rules: new Set(rules), used: false };
    suppressions.push(s);
    pending.push(s);
  });
  // A comment on the last lines applies to nothing: it stays in the list and is reported as unused.
  for (const p of pending) p.target = lines.length + 1;
  return { suppressions, problems };
}

/** Midnight UTC after the given day: a suppression `until 2027-03-31` still works all of that day. */
function parseDay(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return new Date(Date.UTC(y, mo - 1, d + 1));
}

/** Mark findings that a suppression covers; returns the ones still shown. */
export function applySuppressions(findings: DraftFinding[], suppressions: readonly Suppression[]): { shown: DraftFinding[]; suppressed: DraftFinding[] } {
  const byTarget = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const key = `${s.file}\0${s.target}`;
    const list = byTarget.get(key);
    if (list) list.push(s);
    else byTarget.set(key, [s]);
  }
  const shown: DraftFinding[] = [];
  const suppressed: DraftFinding[] = [];
  for (const f of findings) {
    let hit: Suppression | undefined;
    for (const line of f.anchorLines) {
      hit = byTarget.get(`${f.file}\0${line}`)?.find((s) => s.rules.has(f.ruleId));
      if (hit) break;
    }
    if (hit) {
      hit.used = true;
      suppressed.push(f);
    } else shown.push(f);
  }
  return { shown, suppressed };
}

/** Suppressions that matched nothing are reported, so stale ones do not pile up. */
export function unusedSuppressions(suppressions: readonly Suppression[]): DraftFinding[] {
  return suppressions
    .filter((s) => !s.used)
    .map((s) => ({
      ruleId: 'unused-suppression' as const,
      severity: LINT_RULES['unused-suppression'].severity,
      file: s.file,
      line: s.line,
      column: s.column,
      message: `this suppression of ${[...s.rules].join(', ')} matches no finding on line ${s.target}; remove it`,
      anchorLines: [],
    }));
}
