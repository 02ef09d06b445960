import type { Severity } from '../util/findings.js';

/**
 * Every check `attrib taxonomy validate` makes, with its id (part of the contract: scripts and
 * baselines key on it), default severity and a one-line description for docs and SARIF-like output.
 */
export const TAXONOMY_RULES = {
  'yaml-syntax': { severity: 'error', description: 'The file is not valid YAML.' },
  'duplicate-key': { severity: 'error', description: 'A mapping defines the same key twice.' },
  'alias-limit': { severity: 'error', description: 'YAML aliases expand beyond the safe limit (alias bomb).' },
  'file-too-large': { severity: 'error', description: 'The file is larger than attrib reads for a taxonomy.' },
  'unsupported-version': { severity: 'error', description: '`version` is missing or not 1.' },
  'missing-key': { severity: 'error', description: 'A required key is absent.' },
  'unknown-key': { severity: 'error', description: 'A key attrib does not know (often a typo).' },
  'invalid-type': { severity: 'error', description: 'A value has the wrong type.' },
  'invalid-name': { severity: 'error', description: 'A tag, team or feature name is not a lowercase slug.' },
  'empty-values': { severity: 'error', description: 'A `values` list is empty.' },
  'duplicate-value': { severity: 'error', description: 'A `values` list repeats a value.' },
  'conflicting-value-rules': { severity: 'error', description: 'A tag sets more than one of `values`, `registry`, `pattern`.' },
  'invalid-pattern': { severity: 'error', description: 'A `pattern` is not a valid regular expression, or uses lookaround or backreferences (attrib matches with RE2).' },
  'unsafe-pattern': { severity: 'error', description: 'A `pattern` can backtrack catastrophically (nested quantifiers, overlapping alternatives under a repeat).' },
  'invalid-registry': { severity: 'error', description: 'A tag `registry` is not `features` or `teams`.' },
  'invalid-derive-from': { severity: 'error', description: '`derive_from` does not name a tag with a registry.' },
  'unknown-team': { severity: 'error', description: 'A feature or an `allocation` rule names a team that is not in `teams`.' },
  'invalid-budget': { severity: 'error', description: 'A budget is not a positive number.' },
  'invalid-contract': { severity: 'error', description: "A tenant's `monthly_contract_usd` is not a positive number." },
  'invalid-allocation': { severity: 'error', description: 'An `allocation` rule is not `shared`, `proportional` or `{ to: <team> }`.' },
  'unknown-lint-rule': { severity: 'error', description: '`lint.rules` names a rule that does not exist or cannot be configured (parse errors, suppression problems).' },
  'invalid-percent': { severity: 'error', description: 'A percentage is not a number between 0 and 100.' },
  'missing-seed-tag': { severity: 'warning', description: 'One of the six standard tags is not declared.' },
  'missing-budget': { severity: 'warning', description: 'A team or feature has no monthly budget.' },
  'missing-owner': { severity: 'warning', description: 'A team (or a feature whose team has none) has no owner.' },
  'feature-budgets-exceed-team': { severity: 'warning', description: "A team's feature budgets add up to more than its own budget." },
  'team-budgets-exceed-org': { severity: 'warning', description: 'The team budgets add up to more than the org budget.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type TaxonomyRuleId = keyof typeof TAXONOMY_RULES;
