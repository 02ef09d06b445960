import type { ts } from './ts.js';
import type { TagSpec, Taxonomy } from '../taxonomy/types.js';
import { checkTagValue } from '../taxonomy/values.js';
import type { Evidence } from './carriers.js';
import type { FoundCall } from './discover.js';
import type { Inherit } from './inherit.js';
import type { ParsedFile } from './project.js';
import { LINT_RULES, type LintRuleId } from './rules.js';
import type { CallSite, LintFinding, TagPresence } from './types.js';

/** A finding as lint builds it, before suppressions and the baseline decide whether it is shown. */
export interface DraftFinding extends LintFinding {
  ruleId: LintRuleId;
  /** Index of the call site it is about, if any. */
  site?: number;
  /** Lines an `attrib-ignore-next-line` comment may sit above: the finding's and its call's. */
  anchorLines: readonly number[];
}

export type DraftCallSite = Omit<CallSite, 'status' | 'callSiteId'>;

/**
 * Apply the taxonomy to one call site: which tags reach it, which are missing, and what is wrong.
 * `inherit`: the call runs inside a function a framework runs for entry sites (see inherit.ts); the
 * tags it lacks are then the entries' to carry, or, with no entry found, a warning says they are unknown.
 */
export function evaluate(call: FoundCall, taxonomy: Taxonomy, siteIndex: number, inherit?: Inherit): { site: DraftCallSite; findings: DraftFinding[] } {
  const start = position(call.file, call.node);
  const calleeEnd = position(call.file, call.node.expression, true);
  const findings: DraftFinding[] = [];
  const add = (ruleId: LintRuleId, message: string, at: { file: ParsedFile; node: ts.Node } | undefined, extra: Pick<LintFinding, 'missing' | 'suggestion'> = {}) => {
    const inside = at && at.file === call.file && at.node.pos >= call.node.pos && at.node.end <= call.node.end;
    const from = inside ? position(call.file, at.node) : start;
    const to = inside ? position(call.file, at.node, true) : calleeEnd;
    findings.push({
      ruleId,
      severity: LINT_RULES[ruleId].severity,
      file: call.file.display,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      message,
      ...extra,
      site: siteIndex,
      anchorLines: from.line === start.line ? [start.line] : [from.line, start.line],
    });
  };

  const byTag = new Map<string, Evidence[]>();
  for (const e of call.harvest.evidence) {
    const list = byTag.get(e.tag);
    if (list) list.push(e);
    else byTag.set(e.tag, [e]);
  }

  // Keyed by taxonomy tag names: a plain object would find an inherited `constructor`.
  const tags = Object.create(null) as Record<string, TagPresence>;
  for (const [name] of taxonomy.tags) {
    const best = strongest(byTag.get(name));
    if (best) tags[name] = presence(best);
  }
  for (const [name, spec] of taxonomy.tags) {
    if (tags[name] !== undefined) continue;
    const derived = derivedFrom(taxonomy, spec, tags);
    if (derived !== undefined) tags[name] = { value: derived.value, source: `derived from ${spec.deriveFrom}` };
  }

  const what = `${call.kind} call \`${call.callee}\``;
  const missing = [...taxonomy.tags.values()].filter((s) => s.required && tags[s.name] === undefined).map((s) => s.name);
  const unverifiable = call.harvest.unverifiable ?? [];
  if (missing.length > 0) {
    const list = missing.map((m) => `\`${m}\``).join(', ');
    const tags = `${missing.length === 1 ? 'tag' : 'tags'} ${list}`;
    if (inherit && !('unresolved' in inherit)) {
      // Inherited: the framework passes the entry site's config at run time; the entry site is checked instead.
    } else if (unverifiable.length > 0) {
      // The tags may well be there, in a value whose keys are only known at run time: say so, do not claim them missing.
      const sources = [...new Set(unverifiable.map((u) => `\`${u.source}\``))].join(', ');
      add(
        'unverifiable-tags',
        `${what} passes ${sources} a value whose keys are not known statically (e.g. a Record<string, string>), so ${tags} cannot be checked; give the value a declared tag type (docs/lint.md, "Checkable tag values")`,
        unverifiable[0]!.at,
        { missing },
      );
    } else if (!inherit) add('missing-tags', `${what} is missing required ${tags}`, undefined, { missing });
    else {
      const { label, at } = inherit.unresolved;
      add(
        'unresolved-inheritance',
        `${what} lacks ${tags} and runs inside the function given to \`${label}\` at ${at}, but no agent entry site that runs it was found in the linted files, so what it inherits is unknown: lint the code that runs it too, or tag this call`,
        undefined,
        { missing },
      );
    }
  }

  for (const [name, spec] of taxonomy.tags) {
    const p = tags[name];
    if (spec.required && p && 'dynamic' in p && p.optional) {
      add('tag-may-be-undefined', `tag \`${name}\` of ${what} may be undefined: it comes from an optional value (${p.source ?? 'unknown source'})`, undefined);
    }
    for (const e of byTag.get(name) ?? []) {
      if (e.value.kind !== 'static') continue;
      const check = checkTagValue(taxonomy, spec, e.value.value);
      if (!check.ok) {
        const hint = check.suggestion === undefined ? '' : `; did you mean '${check.suggestion}'?`;
        add('unknown-tag-value', `'${e.value.value}' is not a valid \`${name}\` (expected ${check.expected})${hint}`, e.value.at, check.suggestion === undefined ? {} : { suggestion: check.suggestion });
        continue;
      }
      const owner = derivedFrom(taxonomy, spec, tags);
      if (owner !== undefined && owner.value !== e.value.value) {
        add(
          'feature-team-mismatch',
          `\`${name}\` is '${e.value.value}' but ${spec.deriveFrom} '${owner.from}' belongs to ${name} '${owner.value}'`,
          e.value.at,
          { suggestion: owner.value },
        );
      }
    }
  }

  const seenKeys = new Set<string>();
  for (const problem of call.harvest.keyProblems) {
    const where = problem.at ? `${problem.at.file.path}:${problem.at.node.pos}` : '';
    if (seenKeys.has(`${problem.key}\0${where}`)) continue;
    seenKeys.add(`${problem.key}\0${where}`);
    add('unknown-tag-key', `unknown tag key '${problem.key}' in a tag carrier; did you mean '${problem.suggestion}'?`, problem.at, { suggestion: problem.suggestion });
  }

  const site: DraftCallSite = { file: call.file.display, line: start.line, column: start.column, kind: call.kind, sdk: call.sdk, callee: call.callee, tags, missing };
  if (inherit && 'entries' in inherit) site.inheritsFrom = inherit.entries;
  return { site, findings };
}

/** A static value beats a certainly-present dynamic one, which beats a possibly-undefined one. */
function strongest(list: readonly Evidence[] | undefined): Evidence | undefined {
  if (!list || list.length === 0) return undefined;
  const rank = (e: Evidence) => (e.value.kind === 'static' ? 0 : e.value.optional ? 2 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b))[0];
}

function presence(e: Evidence): TagPresence {
  if (e.value.kind === 'static') return { value: e.value.value, source: e.source };
  return e.value.optional ? { dynamic: true, source: e.source, optional: true } : { dynamic: true, source: e.source };
}

/** `team` from a known `feature` when the taxonomy says `derive_from: feature` (the feature registry names its team). */
function derivedFrom(taxonomy: Taxonomy, spec: TagSpec, tags: Record<string, TagPresence>): { from: string; value: string } | undefined {
  if (spec.deriveFrom === undefined || spec.rule.kind !== 'registry' || spec.rule.registry !== 'teams') return undefined;
  const source = taxonomy.tags.get(spec.deriveFrom);
  const sourceValue = tags[spec.deriveFrom];
  if (source?.rule.kind !== 'registry' || source.rule.registry !== 'features' || !sourceValue || !('value' in sourceValue)) return undefined;
  const feature = taxonomy.features.get(sourceValue.value);
  return feature ? { from: sourceValue.value, value: feature.team } : undefined;
}

/** 1-based line and column of a node's first character (or of its end). */
export function position(file: ParsedFile, node: ts.Node, end = false): { line: number; column: number } {
  const { line, character } = file.sf.getLineAndCharacterOfPosition(end ? node.end : node.getStart(file.sf));
  return { line: line + 1, column: character + 1 };
}
