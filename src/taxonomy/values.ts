import { didYouMean } from '../util/did-you-mean.js';
import type { Taxonomy, TagSpec } from './types.js';

/** The outcome of checking one static tag value against the taxonomy. */
export type ValueCheck =
  | { ok: true }
  | { ok: false; reason: 'empty' | 'not-allowed' | 'no-match'; expected: string; suggestion?: string };

/** The values a closed tag allows (its `values` list or its registry's keys), or undefined if open. */
export function allowedValues(taxonomy: Taxonomy, spec: TagSpec): readonly string[] | undefined {
  switch (spec.rule.kind) {
    case 'values':
      return spec.rule.values;
    case 'registry':
      return [...(spec.rule.registry === 'features' ? taxonomy.features : taxonomy.teams).keys()];
    default:
      return undefined;
  }
}

/** Check a static value of tag `spec` against its `values`, `registry` or `pattern`. */
export function checkTagValue(taxonomy: Taxonomy, spec: TagSpec, value: string): ValueCheck {
  if (value.length === 0) return { ok: false, reason: 'empty', expected: 'a non-empty value' };
  const rule = spec.rule;
  if (rule.kind === 'any') return { ok: true };
  if (rule.kind === 'pattern') {
    return rule.matcher.test(value) ? { ok: true } : { ok: false, reason: 'no-match', expected: `a value matching /${rule.pattern}/` };
  }
  const allowed = allowedValues(taxonomy, spec) ?? [];
  if (allowed.includes(value)) return { ok: true };
  const expected = rule.kind === 'registry' ? `a key of \`${rule.registry}\`` : `one of ${allowed.join(', ')}`;
  const suggestion = didYouMean(value, allowed);
  return suggestion === undefined
    ? { ok: false, reason: 'not-allowed', expected }
    : { ok: false, reason: 'not-allowed', expected, suggestion };
}
