/** Whom an over-budget feature or team goes to: the owners of the taxonomy registry, for the report view. */
import type { Taxonomy } from '../taxonomy/types.js';
import { describeRegistry } from '../taxonomy/registry.js';
import type { Owners } from './report-cells.js';

/** Feature owners (a feature's own, else its team's) and team owners, by name; unowned names are absent. */
export function ownersOf(taxonomy: Taxonomy): Owners {
  const registry = describeRegistry(taxonomy);
  const features = new Map<string, string>();
  const teams = new Map<string, string>();
  for (const f of registry.features) if (f.owner !== null) features.set(f.name, f.owner);
  for (const t of registry.teams) if (t.owner !== null) teams.set(t.name, t.owner);
  return { features, teams };
}
