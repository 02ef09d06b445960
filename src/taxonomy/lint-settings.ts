import type { Node } from 'yaml';
import { CONFIGURABLE_RULES, RULE_SETTINGS, isLintRuleId, type LintRuleId, type RuleSetting } from '../lint/rules.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { LintSettings } from './types.js';
import type { Entry, YamlChecker } from './yaml-checker.js';

const LINT_KEYS = ['rules'] as const;

/**
 * `lint:` of attrib.yaml: `rules:` maps a lint rule id to `error`, `warning` or `off`, as ESLint's
 * rule settings do. Rules that guard lint itself (parse errors, broken suppression comments) are not
 * configurable: turning them down would hide call sites in silence.
 */
export function readLintSettings(c: YamlChecker, section: Entry): LintSettings {
  const rules = new Map<LintRuleId, RuleSetting>();
  const fields = c.known(c.entries(section.value, '`lint`') ?? [], LINT_KEYS, '`lint`');
  const rulesEntry = fields.get('rules');
  if (!rulesEntry) return { rules };
  const configurable = [...CONFIGURABLE_RULES];
  for (const entry of c.entries(rulesEntry.value, '`lint.rules`') ?? []) {
    const id = entry.key;
    if (!isLintRuleId(id)) {
      const guess = didYouMean(id, configurable);
      c.report('unknown-lint-rule', entry.keyNode, `\`lint.rules\` names \`${id}\`, which is not a lint rule (${guess ? `did you mean \`${guess}\`?` : `configurable: ${configurable.join(', ')}`})`, guess);
      continue;
    }
    if (!CONFIGURABLE_RULES.has(id)) {
      c.report('unknown-lint-rule', entry.keyNode, `\`${id}\` cannot be configured: it means call sites or findings went unchecked, so it is always reported`);
      continue;
    }
    const setting = readSetting(c, entry.value, id);
    if (setting) rules.set(id, setting);
  }
  return { rules };
}

function readSetting(c: YamlChecker, node: Node | null, id: string): RuleSetting | undefined {
  const value = c.string(node, `\`lint.rules.${id}\``);
  if (value === undefined) return undefined;
  if ((RULE_SETTINGS as readonly string[]).includes(value)) return value as RuleSetting;
  const guess = didYouMean(value, RULE_SETTINGS);
  c.report('invalid-type', node, `\`lint.rules.${id}\` must be ${RULE_SETTINGS.map((s) => `\`${s}\``).join(', ')}, not \`${value}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`, guess);
  return undefined;
}
