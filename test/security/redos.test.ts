/**
 * Security 4 (issue 10): patterns whose alternatives overlap under a repeat passed the ReDoS guard,
 * and lint then hung on a 40-character value. They are now flagged by `taxonomy validate`, and matching
 * runs on RE2 (linear time) whatever the pattern: a pattern that slips past the check cannot hang attrib.
 */
import { describe, expect, it } from 'vitest';
import { validateTaxonomy } from '../../src/taxonomy/index.js';
import { checkTagValue } from '../../src/taxonomy/values.js';
import { linearMatcher, overlappingAlternation } from '../../src/taxonomy/pattern.js';
import { taxonomyFrom } from '../lint/rule-tester.js';

const withPattern = (pattern: string) => `version: 1\ntags:\n  tenant:\n    pattern: ${JSON.stringify(pattern)}\n`;
const findings = (pattern: string) => validateTaxonomy(withPattern(pattern), 'attrib.yaml').findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);

describe('taxonomy validate', () => {
  it.each(['^(a|a)+$', '^(a|aa)+$', '(a|b|ab)*c$', '^(\\w|\\d)+$', '^((a|a)b)+$', '^(x|)*$', '^(?:[a-c]|b)*$'])('flags %s as unsafe-pattern', (pattern) => {
    expect(findings(pattern)).toEqual(['unsafe-pattern']);
  });

  it.each(['^(ws|acct)_[a-z0-9]+$', '^(a|b)+$', '^(?:ws|acct)_[a-z0-9]{1,40}$', '^env-(prod|staging)$', '^\\d{4}-\\d{2}$'])('accepts %s', (pattern) => {
    expect(findings(pattern)).toEqual([]);
    expect(overlappingAlternation(pattern)).toBeUndefined();
  });

  it('names the cause and the fix in the message', () => {
    const finding = validateTaxonomy(withPattern('^(a|aa)+$'), 'attrib.yaml').findings.find((f) => f.ruleId === 'unsafe-pattern')!;
    expect(finding.message).toContain('repeats a group with alternatives that can start with the same character');
  });

  it('refuses lookarounds and backreferences, which the linear-time matcher lacks, as invalid-pattern', () => {
    expect(findings('^(?=ws_)[a-z_0-9]+$')).toEqual(['invalid-pattern']);
    expect(findings('^(a)\\1$')).toEqual(['invalid-pattern']);
  });
});

describe('matching is linear whatever the pattern', () => {
  it('a pattern the check would miss still matches a long hostile value at once', () => {
    // JavaScript's RegExp takes about 2^n steps on this with n = 40; RE2 one pass.
    const matcher = linearMatcher('^(a|a)+$');
    if ('unsupported' in matcher) throw new Error(matcher.unsupported);
    expect(matcher.test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(matcher.test('a'.repeat(100_000))).toBe(true);
  });

  it('checkTagValue uses it, with the same answers as the RegExp for ordinary values', () => {
    const taxonomy = taxonomyFrom(withPattern('^(ws|acct)_[a-z0-9]+$'));
    const spec = taxonomy.tags.get('tenant')!;
    for (const value of ['ws_1', 'acct_abc', 'ws-1', 'xws_1', 'ws_1\n', 'WS_1']) {
      expect(checkTagValue(taxonomy, spec, value).ok).toBe(spec.rule.kind === 'pattern' && spec.rule.regex.test(value));
    }
  });
});
