import { ConfigError } from '../util/errors.js';
import type { Feature, Team, TagSpec, Taxonomy } from '../taxonomy/types.js';

/**
 * The entries of the registry a tag's values come from (`features` or `teams`), or undefined when the
 * tag is not registry-backed. An empty registry is a ConfigError: a gateway rule generated from it
 * would refuse every value, which is never what the taxonomy meant.
 */
export function registryEntries(taxonomy: Taxonomy, spec: TagSpec): ReadonlyMap<string, Feature | Team> | undefined {
  if (spec.rule.kind !== 'registry') return undefined;
  const registry = spec.rule.registry;
  const entries = registry === 'features' ? taxonomy.features : taxonomy.teams;
  if (entries.size === 0) {
    throw new ConfigError(
      `tag \`${spec.name}\` takes its values from \`${registry}\`, which is empty: no value could pass the gateway`,
      `Add the ${registry} to attrib.yaml, or drop \`registry\` from tag \`${spec.name}\`.`,
    );
  }
  return entries;
}

/** Whether a gateway must see the tag on every request: required, and not derivable from another tag. */
export function mustCarry(spec: TagSpec): boolean {
  return spec.required && spec.deriveFrom === undefined;
}
