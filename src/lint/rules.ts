import type { Severity } from '../util/findings.js';

/**
 * Every check `attrib lint` makes. The ids are part of the contract: suppression comments, baselines,
 * SARIF rule metadata and CI scripts key on them.
 */
export const LINT_RULES = {
  'missing-tags': { severity: 'error', description: 'A required taxonomy tag does not reach a model or tool call.' },
  'unknown-tag-value': { severity: 'error', description: "A static tag value is outside the tag's values, registry or pattern." },
  'feature-team-mismatch': { severity: 'error', description: "A static team differs from the feature's owning team in the registry." },
  'unknown-tag-key': { severity: 'warning', description: 'A tag carrier holds a key that looks like a misspelt taxonomy tag.' },
  'tag-may-be-undefined': { severity: 'warning', description: 'A required tag reaches the call only through an optional (possibly undefined) value.' },
  'unresolved-inheritance': { severity: 'warning', description: 'A call inside a function an agent framework runs lacks tags, and no entry site that runs it was found to check instead.' },
  'uncovered-sdk': { severity: 'warning', description: 'A file imports an AI provider, agent framework or tool SDK that no rule pack covers: its calls are not checked.' },
  'unverifiable-tags': { severity: 'warning', description: 'A tag carrier holds a value whose keys cannot be known statically (a Record<string, string>): which tags reach the call is not checked.' },
  'parse-error': { severity: 'error', description: 'The file does not parse; its call sites from the first syntax error on were not checked.' },
  'invalid-suppression': { severity: 'error', description: 'An attrib-ignore-next-line comment lacks a reason, names an unknown rule or has a bad date.' },
  'expired-suppression': { severity: 'warning', description: 'An attrib-ignore-next-line comment is past its `until` date and no longer suppresses.' },
  'unused-suppression': { severity: 'warning', description: 'An attrib-ignore-next-line comment suppresses nothing.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type LintRuleId = keyof typeof LINT_RULES;

/** The rules an `attrib-ignore-next-line` comment may name (not parse errors or suppression problems). */
export const SUPPRESSIBLE_RULES: ReadonlySet<LintRuleId> = new Set<LintRuleId>([
  'missing-tags',
  'unknown-tag-value',
  'feature-team-mismatch',
  'unknown-tag-key',
  'tag-may-be-undefined',
  'unresolved-inheritance',
  'uncovered-sdk',
  'unverifiable-tags',
]);

/** What `lint.rules` in attrib.yaml or `--rule` may set a rule to, as in ESLint. */
export const RULE_SETTINGS = ['error', 'warning', 'off'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

/**
 * The rules whose severity may be changed: those about the code (the suppressible ones). A parse
 * error hides call sites and a broken suppression comment hides findings, so those stay as they are.
 */
export const CONFIGURABLE_RULES: ReadonlySet<LintRuleId> = SUPPRESSIBLE_RULES;

export function isLintRuleId(id: string): id is LintRuleId {
  return Object.hasOwn(LINT_RULES, id);
}
