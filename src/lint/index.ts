import { compareFindings } from '../util/findings.js';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { BaselineMatcher, buildBaseline, fingerprint, readBaseline, writeBaseline } from './baseline.js';
import { CalleeNames, mayDeclareWrappers } from './callee-names.js';
import { CarrierReader } from './carriers.js';
import { type DraftCallSite, type DraftFinding, evaluate } from './check.js';
import { findCalls } from './discover.js';
import { selectFiles } from './files.js';
import { OriginResolver } from './origin.js';
import { loadRulePacks } from './packs/load.js';
import { Project } from './project.js';
import { relevantFiles } from './relevance.js';
import { LINT_RULES } from './rules.js';
import { applySuppressions, parseSuppressions, type Suppression, unusedSuppressions } from './suppressions.js';
import type { CallSite, CallSiteStatus, LintFinding, LintOptions, LintResult } from './types.js';
import { ValueResolver } from './values.js';
import { pushAll } from '../util/arrays.js';

export type * from './types.js';
export { LINT_RULES, SUPPRESSIBLE_RULES } from './rules.js';
export type { RulePack, PackClass, PackMethod, PackFunction, Carrier, CarrierForm } from './packs/types.js';
export { loadRulePacks, BUNDLED_PACK_DIR } from './packs/load.js';

/**
 * Lint a code base for attribution tags: find every model and tool call site (by the origin of its
 * callee, per the rule packs), work out which taxonomy tags reach it, and report what is missing
 * or wrong. Throws ConfigError for problems with the inputs themselves (paths, packs, baseline, git).
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { cwd, taxonomy } = options;
  const now = options.now ?? new Date();
  if (options.updateBaseline && options.baseline === undefined) {
    throw new ConfigError('--update-baseline needs --baseline FILE', 'Name the file to write, e.g. `--baseline .attrib-baseline.json`.');
  }
  const packs = loadRulePacks(options.rulePackDirs ?? [], cwd);
  const baseline = options.baseline !== undefined && !options.updateBaseline ? await readBaseline(options.baseline, cwd) : undefined;
  const selection = await selectFiles(options);

  const names = new CalleeNames(packs);
  const project = new Project(cwd, selection.overrides, selection.mapping, (file) => names.learn(file), selection.files);
  const origins = new OriginResolver(project, packs);
  const reader = new CarrierReader(new ValueResolver(origins), new Set(taxonomy.tags.keys()));

  const sites: DraftCallSite[] = [];
  const draft: DraftFinding[] = [];
  const suppressions: Suppression[] = [];
  /** Each target's text by display path, for baseline fingerprints. */
  const texts = new Map<string, string>();
  let parseErrors = 0;
  /** Suppressions aimed past a file's syntax error, at code whose call sites were not checked. */
  const unchecked = new Set<Suppression>();
  // Parse the targets that can hold a call site (and learn their wrappers) before any call is classified.
  const relevant = relevantFiles(selection.files, project, origins, packs, names);
  for (const absolute of selection.files) {
    const display = displayPath(absolute, cwd);
    const text = project.text(absolute);
    if (text === undefined) throw new ConfigError(`cannot read ${display}`, 'Check that the file exists and that you may read it.');
    texts.set(display, text);
    const file = relevant.has(absolute) ? project.get(absolute) : undefined;
    const broken = file?.parseError;
    if (broken) {
      parseErrors++;
      const { line, column, message } = broken;
      draft.push({ ruleId: 'parse-error', severity: LINT_RULES['parse-error'].severity, file: display, line, column, message: `cannot parse: ${message.replace(/\.$/, '')}; call sites from line ${line} on were not checked`, anchorLines: [] });
    }
    if (file) {
      project.touchImports(file, mayDeclareWrappers);
      for (const call of findCalls(file, origins, reader, names)) {
        // Past a syntax error the tree is the parser's guess (a truncated object would read as missing
        // tags): only the calls that end before it, with their closing parenthesis, are checked.
        if (broken && (call.node.end >= broken.offset || file.sf.text.charCodeAt(call.node.end - 1) !== 0x29)) continue;
        const { site, findings } = evaluate(call, taxonomy, sites.length);
        sites.push(site);
        pushAll(draft, findings);
      }
    }
    const parsed = parseSuppressions(text, display, now);
    pushAll(suppressions, parsed.suppressions);
    if (broken) for (const s of parsed.suppressions) if (s.target >= broken.line) unchecked.add(s);
    pushAll(draft, parsed.problems);
  }

  const { shown: afterInline, suppressed } = applySuppressions(draft, suppressions);
  pushAll(afterInline, unusedSuppressions(suppressions.filter((s) => !unchecked.has(s))));

  const lineText = (f: LintFinding) => texts.get(f.file)?.split('\n', f.line)[f.line - 1] ?? '';
  // Parse errors are never baselined: a file that does not parse hides its call sites.
  const baselinable = afterInline.filter((f) => f.ruleId !== 'parse-error');
  if (options.updateBaseline && options.baseline !== undefined) {
    await writeBaseline(options.baseline, cwd, buildBaseline(baselinable.map((finding) => ({ finding: strip(finding), fingerprint: fingerprint(finding, lineText(finding)) }))));
  }
  let shown = afterInline;
  const baselined: DraftFinding[] = [];
  if (options.updateBaseline) {
    shown = afterInline.filter((f) => f.ruleId === 'parse-error');
    pushAll(baselined, baselinable);
  } else if (baseline) {
    const matcher = new BaselineMatcher(baseline);
    shown = [];
    for (const f of [...afterInline].sort(compareFindings)) {
      if (f.ruleId !== 'parse-error' && matcher.take(f, fingerprint(f, lineText(f)))) baselined.push(f);
      else shown.push(f);
    }
  }

  const erring = new Set(shown.filter((f) => f.severity === 'error').map((f) => f.site));
  const silenced = new Set([...suppressed, ...baselined].map((f) => f.site));
  // A call site is a violation while an error about it is shown; suppressed when what it had was silenced.
  const statusOf = (i: number): CallSiteStatus => (erring.has(i) ? 'violation' : silenced.has(i) ? 'suppressed' : 'compliant');
  const callSites = sites.map((site, i): CallSite => ({ ...site, status: statusOf(i) }));
  callSites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const findings = shown.map(strip).sort(compareFindings);
  const count = (status: CallSiteStatus) => callSites.filter((s) => s.status === status).length;
  return {
    schemaVersion: 1,
    summary: {
      files: selection.files.length,
      callSites: callSites.length,
      compliant: count('compliant'),
      violations: count('violation'),
      suppressed: count('suppressed'),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      parseErrors,
      suppressedFindings: suppressed.length,
      baselined: baselined.length,
    },
    callSites,
    findings,
  };
}

/** The public finding: drop lint's bookkeeping, keep contract order. */
function strip(f: DraftFinding): LintFinding {
  const out: LintFinding = { ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message };
  if (f.endLine !== undefined) out.endLine = f.endLine;
  if (f.endColumn !== undefined) out.endColumn = f.endColumn;
  if (f.suggestion !== undefined) out.suggestion = f.suggestion;
  if (f.missing !== undefined) out.missing = f.missing;
  return out;
}
