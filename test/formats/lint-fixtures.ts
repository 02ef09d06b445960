import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LintFinding, LintResult } from '../../src/lint/types.js';

/** Hand-built lint results the format tests share: a realistic one from disk and a hostile one. */

export function agentAppResult(): LintResult {
  return JSON.parse(readFileSync(new URL('../../fixtures/lint-results/agent-app.json', import.meta.url), 'utf8'));
}

/** The real thing: `lint()` on the bundled agent app, for checks that must hold on actual output. */
export async function agentAppLint(): Promise<{ result: LintResult; cwd: string }> {
  const cwd = fileURLToPath(new URL('../../fixtures/agent-app', import.meta.url));
  const [{ lint }, { loadTaxonomy }] = await Promise.all([import('../../src/lint/index.js'), import('../../src/taxonomy/index.js')]);
  return { result: await lint({ cwd, taxonomy: await loadTaxonomy({ cwd }) }), cwd };
}

/** Every string a finding carries comes from source code or the taxonomy, so every one is hostile here. */
export const HOSTILE_MESSAGE =
  "Unknown value '\u001b[31mprod\u001b[0m' for tag \"environment\" <b>&amp;</b> ]]> 100% sure,\r\nnext: line\u0000\u0007 \ud800 end";
export const HOSTILE_FILE = 'src/we ird/100%,a:b#c?.ts';

export function finding(partial: Partial<LintFinding> & Pick<LintFinding, 'file' | 'line' | 'column'>): LintFinding {
  return { ruleId: 'missing-tags', severity: 'error', message: 'Missing required tag: feature.', ...partial };
}

export function resultOf(findings: LintFinding[], callSites: LintResult['callSites'] = []): LintResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    schemaVersion: 1,
    summary: {
      files: new Set([...findings.map((f) => f.file), ...callSites.map((s) => s.file)]).size,
      callSites: callSites.length,
      compliant: callSites.filter((s) => s.status === 'compliant').length,
      violations: callSites.filter((s) => s.status === 'violation').length,
      suppressed: callSites.filter((s) => s.status === 'suppressed').length,
      inherited: callSites.filter((s) => s.status === 'inherited').length,
      unresolved: new Set(findings.filter((f) => f.ruleId === 'unresolved-inheritance').map((f) => `${f.file}:${f.line}:${f.column}`)).size,
      errors,
      warnings: findings.length - errors,
      parseErrors: findings.filter((f) => f.ruleId === 'parse-error').length,
      suppressedFindings: 0,
      baselined: 0,
    },
    callSites,
    findings,
    warnings: [],
  };
}

export function hostileResult(): LintResult {
  return resultOf([
    finding({ file: HOSTILE_FILE, line: 7, column: 3, endLine: 7, endColumn: 12, message: HOSTILE_MESSAGE }),
    finding({
      file: 'src/a.ts',
      line: 2,
      column: 1,
      ruleId: '__proto__',
      severity: 'warning',
      message: '=cmd|\' /C calc\'!A0',
    }),
  ]);
}

export const options = { color: false, cwd: '/repo' };
