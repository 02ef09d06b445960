/**
 * The taxonomy (`attrib.yaml`, schema version 1) as every part of attrib sees it once loaded.
 * Maps (not plain objects) hold user-named keys so that a feature called `__proto__` is just a name.
 */

import type { LintRuleId, RuleSetting } from '../lint/rules.js';

/** The six tags of the seed taxonomy, in the order attrib reports them. */
export const SEED_TAGS = ['feature', 'team', 'workload_class', 'tenant', 'environment', 'parent_run_id'] as const;
export type SeedTag = (typeof SEED_TAGS)[number];

/** The registries a tag's values can come from. */
export type RegistryName = 'features' | 'teams';

/** Where a tag's allowed values come from: exactly one of these, or none (any non-empty value). */
export type TagValueRule =
  | { kind: 'any' }
  | { kind: 'values'; values: readonly string[] }
  | { kind: 'registry'; registry: RegistryName }
  | {
      kind: 'pattern';
      pattern: string;
      regex: RegExp;
      /** Matches in linear time (RE2): what attrib uses, so no value can make a pattern hang it. */
      matcher: { test(value: string): boolean };
    };

export interface TagSpec {
  name: string;
  description?: string;
  /** Defaults to true. */
  required: boolean;
  rule: TagValueRule;
  /** Name of a registry tag this tag can be derived from (e.g. team from feature). */
  deriveFrom?: string;
}

export interface Budget {
  monthlyUsd: number;
}

export interface Team {
  name: string;
  owner?: string;
  description?: string;
  budget?: Budget;
}

export interface Feature {
  name: string;
  team: string;
  owner?: string;
  description?: string;
  budget?: Budget;
}

/**
 * A customer of the product (`tenants:` in the taxonomy, or a row of `--tenants FILE`): what it pays,
 * so the report can set its AI cost against its revenue.
 */
export interface Tenant {
  id: string;
  name?: string;
  plan?: string;
  /** Contract revenue per month, USD. */
  monthlyContractUsd?: number;
  budget?: Budget;
}

export interface OrgSettings {
  budget?: Budget;
  /** A tenant whose AI cost is above this share (percent) of its revenue is flagged `tenant-cost-share`. Unset: no flag. */
  tenantCostSharePct?: number;
  /** Unattributed spend above this share (percent) is a bug. Default 5. */
  unattributedMaxPct: number;
  /** A budget is "near" from this share (percent) of it. Default 80. */
  nearPct: number;
}

export interface ReportSettings {
  /** Globs of usage logs, relative to the taxonomy file's folder. */
  logs: string[];
}

/**
 * What the chargeback view does with spend nobody owns (`allocation:` in the taxonomy):
 * `shared` keeps it on a visible shared line (today's showback), `proportional` spreads it over the
 * features by their attributed spend, `to` books it to one team.
 */
export type AllocationRule = { kind: 'shared' } | { kind: 'proportional' } | { kind: 'to'; team: string };

/** The three pools of unowned spend, each with its rule (default `shared`). */
export interface AllocationSettings {
  /** Logged spend that no feature owns (the `(unattributed)` line, tool steps without a consumer excepted). */
  unattributed: AllocationRule;
  /** Invoice minus logs (`--invoice`): spend that never reached the logs. */
  unlogged: AllocationRule;
  /** Tool steps whose consuming feature is unknown. */
  sharedTools: AllocationRule;
}

/** `lint:` in the taxonomy: per-rule severities (`lint.rules`), empty when the section is absent. */
export interface LintSettings {
  rules: ReadonlyMap<LintRuleId, RuleSetting>;
}

export interface Taxonomy {
  version: 1;
  /** Absolute path of the file it was loaded from, when it came from a file. */
  file?: string;
  tags: ReadonlyMap<string, TagSpec>;
  teams: ReadonlyMap<string, Team>;
  features: ReadonlyMap<string, Feature>;
  /** Known tenants (`tenants:`), by tenant id; empty when the section is absent. */
  tenants: ReadonlyMap<string, Tenant>;
  org: OrgSettings;
  report: ReportSettings;
  allocation: AllocationSettings;
  lint: LintSettings;
}
