import { ConfigError } from '../util/errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { CONFIGURABLE_RULES, RULE_SETTINGS, type LintRuleId, type RuleSetting } from './rules.js';
import type { DraftFinding } from './check.js';

export type RuleSettings = ReadonlyMap<LintRuleId, RuleSetting>;

/**
 * Parse one `--rule ID=SETTING` value (`--rule unresolved-inheritance=error`). A usage error names
 * what is allowed: a typo must not leave a gate that looks configured but is not.
 */
export function parseRuleFlag(value: string): [LintRuleId, RuleSetting] {
  const at = value.indexOf('=');
  const id = (at === -1 ? value : value.slice(0, at)).trim();
  const setting = at === -1 ? '' : value.slice(at + 1).trim();
  const configurable = [...CONFIGURABLE_RULES];
  if (!CONFIGURABLE_RULES.has(id as LintRuleId)) {
    const guess = didYouMean(id, configurable);
    throw new ConfigError(
      `--rule ${value}: \`${id}\` is not a configurable lint rule${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
      `Write --rule ID=error|warning|off with one of: ${configurable.join(', ')}.`,
    );
  }
  if (!(RULE_SETTINGS as readonly string[]).includes(setting)) {
    throw new ConfigError(`--rule ${value}: the setting must be error, warning or off`, `For example --rule ${id}=error.`);
  }
  return [id as LintRuleId, setting as RuleSetting];
}

/** The taxonomy's `lint.rules`, then the command line's `--rule`s on top (the last one wins). */
export function mergeRuleSettings(fromTaxonomy: RuleSettings, fromFlags: Iterable<readonly [LintRuleId, RuleSetting]>): RuleSettings {
  const merged = new Map(fromTaxonomy);
  for (const [id, setting] of fromFlags) merged.set(id, setting);
  return merged;
}

/** Findings at their configured severity; those of rules set to `off` are dropped. */
export function applyRuleSettings(findings: readonly DraftFinding[], settings: RuleSettings): DraftFinding[] {
  if (settings.size === 0) return [...findings];
  const out: DraftFinding[] = [];
  for (const f of findings) {
    const setting = settings.get(f.ruleId);
    if (setting === undefined) out.push(f);
    else if (setting !== 'off') out.push(setting === f.severity ? f : { ...f, severity: setting });
  }
  return out;
}
