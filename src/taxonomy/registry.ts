import type { Taxonomy } from './types.js';

/** JSON contract of `attrib taxonomy show --format json`, schema version 1. */
export interface RegistryView {
  schemaVersion: 1;
  features: { name: string; team: string; owner: string | null; budgetUsd: number | null; description: string | null }[];
  teams: {
    name: string;
    owner: string | null;
    budgetUsd: number | null;
    /** Sum of the budgets of the team's features. */
    featureBudgetUsd: number;
    features: number;
  }[];
  org: { budgetUsd: number | null; teamBudgetUsd: number; unattributedMaxPct: number; nearPct: number };
}

/** The feature -> team registry with owners (a feature's own, else its team's) and budget totals. */
export function describeRegistry(taxonomy: Taxonomy): RegistryView {
  const features = [...taxonomy.features.values()]
    .map((f) => ({
      name: f.name,
      team: f.team,
      owner: f.owner ?? taxonomy.teams.get(f.team)?.owner ?? null,
      budgetUsd: f.budget?.monthlyUsd ?? null,
      description: f.description ?? null,
    }))
    .sort((a, b) => (a.team === b.team ? (a.name < b.name ? -1 : 1) : a.team < b.team ? -1 : 1));
  const teams = [...taxonomy.teams.values()]
    .map((t) => {
      const own = features.filter((f) => f.team === t.name);
      return {
        name: t.name,
        owner: t.owner ?? null,
        budgetUsd: t.budget?.monthlyUsd ?? null,
        featureBudgetUsd: own.reduce((sum, f) => sum + (f.budgetUsd ?? 0), 0),
        features: own.length,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    schemaVersion: 1,
    features,
    teams,
    org: {
      budgetUsd: taxonomy.org.budget?.monthlyUsd ?? null,
      teamBudgetUsd: teams.reduce((sum, t) => sum + (t.budgetUsd ?? 0), 0),
      unattributedMaxPct: taxonomy.org.unattributedMaxPct,
      nearPct: taxonomy.org.nearPct,
    },
  };
}
