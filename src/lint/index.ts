import { compareFindings } from '../util/findings.js';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';
import { BaselineMatcher, buildBaseline, fingerprint, readBaseline, writeBaseline } from './baseline.js';
import { CalleeNames, mayDeclareWrappers } from './callee-names.js';
import { CarrierReader } from './carriers.js';
import { callSiteIds, enclosingScope } from './call-site-id.js';
import { type DraftCallSite, type DraftFinding, evaluate, position } from './check.js';
import { type FoundCall, findCalls } from './discover.js';
import { isSource, selectFiles } from './files.js';
import { FreeModels } from './free-models.js';
import { Inheritance } from './inherit.js';
import { OriginResolver } from './origin.js';
import { loadRulePacks } from './packs/load.js';
import { Project } from './project.js';
import { TsconfigPaths } from './tsconfig-paths.js';
import { KnownSdks } from './known-sdks.js';
import { relevantFiles } from './relevance.js';
import { LINT_RULES } from './rules.js';
import { applyRuleSettings, mergeRuleSettings } from './rule-settings.js';
import { type UncoveredImport, UncoveredSdks } from './uncovered.js';
import { applySuppressions, parseSuppressions, type Suppression, unusedSuppressions } from './suppressions.js';
import type { CallSite, CallSiteStatus, LintFinding, LintOptions, LintResult } from './types.js';
import { ValueResolver } from './values.js';
import { pushAll } from '../util/arrays.js';

export type * from './types.js';
export { LINT_RULES, SUPPRESSIBLE_RULES } from './rules.js';
export type { RulePack, PackClass, PackMethod, PackFunction, Carrier, CarrierForm } from './packs/types.js';
export { loadRulePacks, BUNDLED_PACK_DIR } from './packs/load.js';
export { describePacks, type PackList, type PackSummary } from './packs/describe.js';

/**
 * Lint a code base for attribution tags: find every model, tool and agent call site (by the origin of its
 * callee, per the rule packs), work out which taxonomy tags reach it, and report what is missing
 * or wrong. Throws ConfigError for problems with the inputs themselves (paths, packs, baseline, git).
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { cwd, taxonomy } = options;
  const now = options.now ?? new Date();
  if (options.updateBaseline && options.baseline === undefined) {
    throw new ConfigError('--update-baseline needs --baseline FILE', 'Name the file to write, e.g. `--baseline .attrib-baseline.json`.');
  }
  if (options.updateBaseline && options.baseline !== undefined && isSource(options.baseline)) {
    throw new ConfigError(`refusing to write the baseline to ${options.baseline}: that is a source file name`, 'Name a JSON file, e.g. `--baseline .attrib-baseline.json`.');
  }
  const packs = loadRulePacks(options.rulePackDirs ?? [], cwd);
  const baseline = options.baseline !== undefined && !options.updateBaseline ? await readBaseline(options.baseline, cwd) : undefined;
  const selection = await selectFiles(options);

  const warnings = [...selection.warnings];
  const names = new CalleeNames(packs);
  const project = new Project(cwd, selection.overrides, new TsconfigPaths(cwd, warnings), (file) => names.learn(file), selection.files);
  const origins = new OriginResolver(project, packs);
  const reader = new CarrierReader(new ValueResolver(origins), new Set(taxonomy.tags.keys()), new FreeModels(packs, project));

  const inheritance = new Inheritance(origins, packs);
  const found: FoundCall[] = [];
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
  const uncovered = new UncoveredSdks(KnownSdks.load(), (specifier) => origins.packsOf(specifier) !== undefined);
  for (const absolute of selection.files) {
    const display = displayPath(absolute, cwd);
    const text = project.text(absolute);
    if (text === undefined) {
      const why = project.whyUnreadable(absolute);
      // A special file or a huge one in the tree is the repository's doing, not the user's: skip it, say so.
      if (why?.reason === 'special' || why?.reason === 'too-large' || why?.reason === 'folder') {
        warnings.push(`${display} ${why.problem}: not linted`);
        continue;
      }
      throw new ConfigError(`cannot read ${display}${why ? `: ${why.problem}` : ''}`, 'Check that the file exists and that you may read it.');
    }
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
        found.push(call);
      }
      inheritance.scan(file);
    }
    uncovered.scan(text, () => project.get(absolute));
    const parsed = parseSuppressions(text, display, now);
    pushAll(suppressions, parsed.suppressions);
    if (broken) for (const s of parsed.suppressions) if (s.target >= broken.line) unchecked.add(s);
    pushAll(draft, parsed.problems);
  }

  // Calls inside functions a framework runs are checked once every entry site is known.
  const inherited = inheritance.link(found);
  for (const call of found) {
    const { site, findings } = evaluate(call, taxonomy, sites.length, inherited.get(call));
    sites.push(site);
    draft.push(...findings);
  }

  draft.push(...uncovered.imports.map(uncoveredFinding));
  // `lint.rules` and `--rule` apply before suppressions, as in ESLint: a suppression comment for a
  // rule turned off is unused, and a rule made an error makes its call site a violation.
  const configured = applyRuleSettings(draft, mergeRuleSettings(taxonomy.lint.rules, options.rules ?? []));
  const { shown: afterInline, suppressed } = applySuppressions(configured, suppressions);
  pushAll(afterInline, unusedSuppressions(suppressions.filter((s) => !unchecked.has(s))));

  // Each file's lines, split once: splitting per finding cost findings x file length (issue 8).
  const lines = new Map<string, string[]>();
  const lineText = (f: LintFinding) => {
    let split = lines.get(f.file);
    if (!split) lines.set(f.file, (split = texts.get(f.file)?.split('\n') ?? []));
    return split[f.line - 1] ?? '';
  };
  // Parse errors are never baselined: a file that does not parse hides its call sites.
  const baselinable = afterInline.filter((f) => f.ruleId !== 'parse-error');
  if (options.updateBaseline && options.baseline !== undefined) {
    const inputs = [...selection.files, taxonomy.file, ...(options.rulePackDirs ?? [])];
    await writeBaseline(options.baseline, cwd, buildBaseline(baselinable.map((finding) => ({ finding: strip(finding), fingerprint: fingerprint(finding, lineText(finding)) }))), inputs);
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
  const statusOf = (i: number): CallSiteStatus =>
    erring.has(i) ? 'violation' : sites[i]!.inheritsFrom ? 'inherited' : silenced.has(i) ? 'suppressed' : 'compliant';
  // `sites[i]` was built from `found[i]`.
  const ids = callSiteIds(sites.map((site, i) => ({ ...site, scope: enclosingScope(found[i]!.node) })));
  const callSites = sites.map((site, i): CallSite => ({ ...site, callSiteId: ids[i]!, status: statusOf(i) }));
  callSites.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const findings = shown.map(strip).sort(compareFindings);
  const count = (status: CallSiteStatus) => callSites.filter((s) => s.status === status).length;
  return {
    schemaVersion: 1,
    summary: {
      // Files read and linted: a special file skipped with a warning is not one.
      files: texts.size,
      callSites: callSites.length,
      compliant: count('compliant'),
      violations: count('violation'),
      suppressed: count('suppressed'),
      inherited: count('inherited'),
      unresolved: new Set(shown.filter((f) => f.ruleId === 'unresolved-inheritance').map((f) => f.site)).size,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      parseErrors,
      suppressedFindings: suppressed.length,
      baselined: baselined.length,
    },
    callSites,
    findings,
    warnings,
  };
}

const KIND_WORDS = { provider: 'an AI provider SDK', 'agent-framework': 'an agent framework', tool: 'a tool SDK' } as const;

/** One warning per package that no pack covers, at its first import. */
function uncoveredFinding(u: UncoveredImport): DraftFinding {
  const from = position(u.file, u.node);
  const to = position(u.file, u.node, true);
  return {
    ruleId: 'uncovered-sdk',
    severity: LINT_RULES['uncovered-sdk'].severity,
    file: u.file.display,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    message: `\`${u.pkg}\` (${KIND_WORDS[u.kind]}) is imported but no rule pack covers it, so its calls are not checked; add a pack for it (docs/lint.md, "Writing a rule pack") and pass its folder with --rules`,
    anchorLines: [from.line],
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
