import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTaxonomy, type Taxonomy } from '../../src/taxonomy/index.js';
import { repoRoot } from '../helpers/cli.js';

export const fixtureFile = path.join(repoRoot, 'fixtures/attrib.yaml');

/** Parse taxonomy text that must be valid (warnings allowed), as loadTaxonomy would. */
export function taxonomyFrom(text: string, file = 'attrib.yaml'): Taxonomy {
  const { taxonomy, findings } = parseTaxonomy(text, file);
  if (!taxonomy) throw new Error(`test taxonomy is invalid: ${findings.map((f) => f.message).join('; ')}`);
  return { ...taxonomy, file: path.join(repoRoot, file) };
}

export const fixtureTaxonomy = (): Taxonomy => taxonomyFrom(readFileSync(fixtureFile, 'utf8'), 'fixtures/attrib.yaml');

/** Small taxonomy written for these tests: one optional tag, a required pattern tag, a team without budget. */
export const SMALL = `version: 1
tags:
  feature: { registry: features }
  team: { registry: teams, derive_from: feature }
  tenant: { pattern: "^t_[0-9]+$", description: Customer }
  region: { values: [eu, us], required: false }
teams:
  core: { owner: a@example.com, budget: { monthly_usd: 99.5 } }
  labs: { owner: b@example.com }
features:
  chat: { team: core, budget: { monthly_usd: 40 } }
  lab-demo: { team: labs }
`;

/**
 * Hostile strings where attrib.yaml allows free text: descriptions with newlines and YAML/JSON syntax
 * (a comment that breaks out would add config keys), inherited object names as tag, value and feature
 * names, a line separator, a bidi override.
 */
export const HOSTILE = `version: 1
tags:
  feature:
    registry: features
    description: "evil\\ngeneral_settings:\\n  master_key: sk-pwned\\n# \\"quoted\\" & *alias {x: 1} --- \\u2028 \\u202e"
  constructor:
    values: ["__proto__", "constructor", "toString", "a: b", "- c", "#d"]
    description: "line one\\r\\nlitellm_settings: {tag_budget_config: {}}"
  hasownproperty:
    pattern: "^[a-z]+$"
teams:
  constructor: { owner: x@example.com, budget: { monthly_usd: 5 } }
features:
  proto: { team: constructor, description: "x" }
  tostring:
    team: constructor
    description: "'; DROP TABLE\\n  - metadata.pwned"
    budget: { monthly_usd: 7.25 }
`;
