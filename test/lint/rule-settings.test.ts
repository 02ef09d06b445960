/**
 * Rule severities (`lint.rules` in attrib.yaml, `--rule ID=SETTING`), as ESLint's rule settings: the
 * gate decision the held-out rounds asked for (docs/accuracy.md, "Tool calls with no tags pass the
 * gate") is the user's to make, e.g. `unresolved-inheritance: error` makes such a call a violation.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import { runCli } from '../helpers/cli.js';
import { TEST_TAXONOMY, TEST_TAXONOMY_YAML, taxonomyFrom, writeProject } from './rule-tester.js';

// A Mastra-style tool whose agent is run by a runtime outside the code: no entry can be found.
const orphanTool = `import { createTool } from '@mastra/core/tools';
import OpenAI from 'openai';
const openai = new OpenAI();
export const summarise = createTool({
  id: 'summarise',
  execute: async () => openai.responses.create({ model: 'gpt-4o-mini', input: 'x' }),
});
`;
// One plain call missing its tags (error by default) and a suppression aimed at it.
const untagged = `import OpenAI from 'openai';
const openai = new OpenAI();
// attrib-ignore-next-line unknown-tag-value -- legacy value, renamed in Q1 (until 2099-01-01)
await openai.responses.create({ model: 'gpt-4o-mini', input: 'x', metadata: { feature: 'inbox-triage', team: 'mail', tenant: 'nope' } });
await openai.responses.create({ model: 'gpt-4o-mini', input: 'x' });
`;

const withLint = (section: string) => taxonomyFrom(`${TEST_TAXONOMY_YAML}lint:\n  rules:\n${section}`);

describe('lint.rules', () => {
  it('leaves every default as it is without a lint section', async () => {
    const result = await lint({ cwd: writeProject(orphanTool), taxonomy: TEST_TAXONOMY });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`)).toEqual(['6:24 warning unresolved-inheritance']);
    expect(result.summary).toMatchObject({ violations: 0, compliant: 1, unresolved: 1, errors: 0, warnings: 1 });
  });

  it('unresolved-inheritance: error makes the orphan tool call a violation', async () => {
    const result = await lint({ cwd: writeProject(orphanTool), taxonomy: withLint('    unresolved-inheritance: error\n') });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`)).toEqual(['6:24 error unresolved-inheritance']);
    expect(result.callSites.map((s) => s.status)).toEqual(['violation']);
    expect(result.summary).toMatchObject({ violations: 1, compliant: 0, unresolved: 1, errors: 1, warnings: 0 });
  });

  it('off drops the rule: its call site counts as compliant and a suppression of it is unused', async () => {
    const result = await lint({ cwd: writeProject(untagged), taxonomy: withLint('    missing-tags: off\n    unknown-tag-value: off\n') });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`)).toEqual(['3:4 warning unused-suppression']);
    expect(result.summary).toMatchObject({ callSites: 2, violations: 0, compliant: 2, suppressed: 0, errors: 0 });
  });

  it('warning lowers an error: the call site is no longer a violation', async () => {
    const result = await lint({ cwd: writeProject(untagged), taxonomy: withLint('    missing-tags: warning\n') });
    expect(result.findings.filter((f) => f.ruleId === 'missing-tags').map((f) => `${f.line} ${f.severity}`)).toEqual(['5 warning']);
    expect(result.callSites.map((s) => `${s.line} ${s.status}`)).toEqual(['4 suppressed', '5 compliant']);
  });

  it('options.rules (the CLI --rule) override the taxonomy, the last one winning', async () => {
    const result = await lint({
      cwd: writeProject(orphanTool),
      taxonomy: withLint('    unresolved-inheritance: off\n'),
      rules: [['unresolved-inheritance', 'warning'], ['unresolved-inheritance', 'error']],
    });
    expect(result.findings.map((f) => f.severity)).toEqual(['error']);
  });
});

describe('lint.rules validation', () => {
  const findings = (section: string) =>
    parseTaxonomy(`${TEST_TAXONOMY_YAML}lint:\n${section}`, 'attrib.yaml')
      .findings.filter((f) => f.line > lintLine)
      .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
  // TEST_TAXONOMY_YAML ends with a newline: `lint:` is on the line after its last one.
  const lintLine = TEST_TAXONOMY_YAML.split('\n').length;
  const line = lintLine + 1; // `  rules:`

  it('names a misspelt rule with a did-you-mean, at its key', () => {
    expect(findings('  rules:\n    unresolved-inheritence: error\n')).toEqual([
      `${line + 1}:5 unknown-lint-rule \`lint.rules\` names \`unresolved-inheritence\`, which is not a lint rule (did you mean \`unresolved-inheritance\`?)`,
    ]);
  });

  it('refuses to configure parse errors and suppression problems', () => {
    expect(findings('  rules:\n    parse-error: off\n    unused-suppression: off\n')).toEqual([
      `${line + 1}:5 unknown-lint-rule \`parse-error\` cannot be configured: it means call sites or findings went unchecked, so it is always reported`,
      `${line + 2}:5 unknown-lint-rule \`unused-suppression\` cannot be configured: it means call sites or findings went unchecked, so it is always reported`,
    ]);
  });

  it('refuses a setting other than error, warning or off, at its value', () => {
    expect(findings('  rules:\n    missing-tags: warn\n    uncovered-sdk: 0\n')).toEqual([
      `${line + 1}:19 invalid-type \`lint.rules.missing-tags\` must be \`error\`, \`warning\`, \`off\`, not \`warn\` (did you mean \`warning\`?)`,
      `${line + 2}:20 invalid-type \`lint.rules.uncovered-sdk\` must be a string, not number 0`,
    ]);
  });

  it('refuses unknown keys of lint and a __proto__ rule name without touching Object.prototype', () => {
    expect(findings('  rule:\n    missing-tags: off\n')[0]).toMatch(/unknown-key unknown key `rule` in `lint` \(did you mean `rules`\?\)/);
    expect(findings('  rules:\n    __proto__: off\n')).toHaveLength(1);
    expect(({} as Record<string, unknown>).off).toBeUndefined();
  });
});

describe('attrib lint --rule', () => {
  it('exits 1 when a rule made an error fires, 0 without it', () => {
    const cwd = writeProject(orphanTool);
    writeFileSync(path.join(cwd, 'attrib.yaml'), TEST_TAXONOMY_YAML);
    expect(runCli(['lint'], { cwd }).code).toBe(0);
    const failing = runCli(['lint', '--rule', 'unresolved-inheritance=error'], { cwd });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('error  ');
  });

  it('exits 2 with the allowed ids for a misspelt rule or setting', () => {
    const cwd = writeProject(orphanTool);
    writeFileSync(path.join(cwd, 'attrib.yaml'), TEST_TAXONOMY_YAML);
    const typo = runCli(['lint', '--rule', 'unresolved-inheritence=error'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `unresolved-inheritance`?');
    const setting = runCli(['lint', '--rule', 'missing-tags'], { cwd });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('the setting must be error, warning or off');
  });
});
