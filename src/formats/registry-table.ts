import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { RegistryView } from '../taxonomy/registry.js';
import { sanitizeInline } from '../util/terminal.js';
import { formatUsd } from '../util/money.js';
import type { Formatter } from './types.js';
import { pushRows } from './table-rows.js';

const budget = (usd: number | null) => (usd === null ? '-' : formatUsd(usd));

/**
 * `attrib taxonomy show`: the feature -> team registry, then one line per team comparing the team's
 * budget with the sum of its features' budgets.
 */
export const format: Formatter<RegistryView> = (view, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const style = { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [], compact: true };
  const features = new Table({ head: ['Feature', 'Team', 'Owner', 'Monthly budget'], colAligns: ['left', 'left', 'left', 'right'], style });
  pushRows(features, view.features, (f) => [sanitizeInline(f.name), sanitizeInline(f.team), sanitizeInline(f.owner ?? '-'), budget(f.budgetUsd)], 4);
  const teams = new Table({ head: ['Team', 'Owner', 'Features', 'Feature budgets', 'Team budget (hard cap)'], colAligns: ['left', 'left', 'right', 'right', 'right'], style });
  pushRows(teams, view.teams, (t) => {
    const over = t.budgetUsd !== null && t.featureBudgetUsd > t.budgetUsd;
    return [sanitizeInline(t.name), sanitizeInline(t.owner ?? '-'), String(t.features), over ? c.yellow(formatUsd(t.featureBudgetUsd)) : formatUsd(t.featureBudgetUsd), budget(t.budgetUsd)];
  }, 5);
  const { org } = view;
  teams.push([c.bold('org'), '', String(view.features.length), '', `${formatUsd(org.teamBudgetUsd)} of ${budget(org.budgetUsd)} (global cap)`]);
  const settings = c.dim(`Unattributed spend above ${org.unattributedMaxPct}% is a bug; a budget is "near" from ${org.nearPct}% of it.`);
  return `${features.toString()}\n\n${teams.toString()}\n${settings}\n`;
};
