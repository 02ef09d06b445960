import { describe, expect, it } from 'vitest';
import { lintFiles, ruleTester } from './rule-tester.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const CALL = `new OpenAI().chat.completions.create({ metadata: { feature: 'inbox-triage' } });`;

ruleTester('suppressions', {
  valid: [
    {
      name: 'a reasoned suppression of the rule on the next line',
      callSites: 1,
      suppressed: 1,
      options: { now: NOW },
      files: `import OpenAI from 'openai';\n// attrib-ignore-next-line missing-tags -- tenant is added by the gateway\n${CALL}`,
    },
    {
      name: 'stacked comments, several rules, and a date not yet past (the whole day counts)',
      callSites: 1,
      suppressed: 1,
      options: { now: new Date('2026-06-15T23:59:00Z') },
      files: `import OpenAI from 'openai';
// attrib-ignore-next-line missing-tags -- migrating (until 2026-06-15)
// attrib-ignore-next-line unknown-tag-value, unknown-tag-key -- legacy names
new OpenAI().chat.completions.create({ metadata: { feature: 'old', tennant: 'x' } });`,
    },
    {
      name: 'a comment above a multi-line call covers findings inside it',
      callSites: 1,
      suppressed: 1,
      options: { now: NOW },
      files: `import OpenAI from 'openai';
/* attrib-ignore-next-line unknown-tag-value -- the eval harness uses its own environment */
new OpenAI().chat.completions.create({
  metadata: { feature: 'inbox-triage', tenant: 'ws_1', environment: 'ci' },
});`,
    },
  ],
  invalid: [
    {
      name: 'expired: reported, and no longer suppresses',
      options: { now: NOW },
      files: `import OpenAI from 'openai';\n// attrib-ignore-next-line missing-tags -- migrating (until 2026-06-14)\n${CALL}`,
      errors: [
        { ruleId: 'expired-suppression', line: 2, column: 4 },
        { ruleId: 'missing-tags', line: 3, column: 1, missing: ['tenant'] },
      ],
    },
    {
      name: 'without a reason, with an unknown rule, with a bad date: invalid and not applied',
      options: { now: NOW },
      files: `import OpenAI from 'openai';
// attrib-ignore-next-line missing-tags
${CALL}
// attrib-ignore-next-line missing-tag -- typo in the rule id
${CALL}
// attrib-ignore-next-line missing-tags -- soon (until 2026-02-30)
${CALL}
// attrib-ignore-next-line -- no rule
${CALL}`,
      errors: [
        { ruleId: 'invalid-suppression', line: 2, column: 4 },
        { ruleId: 'missing-tags', line: 3, column: 1 },
        { ruleId: 'invalid-suppression', line: 4, column: 4 },
        { ruleId: 'missing-tags', line: 5, column: 1 },
        { ruleId: 'invalid-suppression', line: 6, column: 4 },
        { ruleId: 'missing-tags', line: 7, column: 1 },
        { ruleId: 'invalid-suppression', line: 8, column: 4 },
        { ruleId: 'missing-tags', line: 9, column: 1 },
      ],
    },
    {
      name: 'same-line spellings (eslint\'s attrib-ignore-line, a directive after code) are invalid, never silently ignored',
      options: { now: NOW },
      files: `import OpenAI from 'openai';
${CALL} // attrib-ignore-line missing-tags -- the gateway adds tenant
// attrib-ignore-line missing-tags -- meant for the next line
${CALL} /* attrib-ignore-next-line missing-tags -- after the call */`,
      errors: [
        { ruleId: 'missing-tags', line: 2, column: 1 },
        { ruleId: 'invalid-suppression', line: 2, column: CALL.length + 2 },
        { ruleId: 'invalid-suppression', line: 3, column: 1 },
        { ruleId: 'missing-tags', line: 4, column: 1 },
        { ruleId: 'invalid-suppression', line: 4, column: CALL.length + 2 },
      ],
    },
    {
      name: 'a suppression that suppresses nothing, or the wrong rule',
      options: { now: NOW },
      files: `import OpenAI from 'openai';
// attrib-ignore-next-line missing-tags -- nothing here
const x = 1;
// attrib-ignore-next-line unknown-tag-key -- wrong rule
${CALL}
export { x };`,
      errors: [
        { ruleId: 'unused-suppression', line: 2, column: 4 },
        { ruleId: 'unused-suppression', line: 4, column: 4 },
        { ruleId: 'missing-tags', line: 5, column: 1 },
      ],
    },
  ],
});

describe('suppressed call sites in the result', () => {
  it('have status `suppressed` and are counted', async () => {
    const result = await lintFiles(`import OpenAI from 'openai';\n// attrib-ignore-next-line missing-tags -- tenant is added by the gateway\n${CALL}\n${CALL}`, { now: NOW });
    expect(result.callSites.map((s) => s.status)).toEqual(['suppressed', 'violation']);
    expect(result.summary).toMatchObject({ callSites: 2, compliant: 0, violations: 1, suppressed: 1, suppressedFindings: 1, errors: 1 });
  });

  it('the suppression message suggests the rule a typo meant', async () => {
    const result = await lintFiles(`// attrib-ignore-next-line missing-tag -- x\nexport {};`, { now: NOW });
    expect(result.findings[0]!.message).toContain('did you mean `missing-tags`?');
  });
});
