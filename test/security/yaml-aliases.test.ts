/**
 * An alias with no anchor (`*x` without `&x`, or the anchor set after it) is a typo, not an attack:
 * yaml throws the same ReferenceError for it as for an alias bomb, and taxonomy and pricing used to
 * report it as "aliases expand to more than 100 nodes". Every YAML reader names the alias instead.
 */
import { describe, expect, it } from 'vitest';
import { parsePricing } from '../../src/report/pricing-table.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';

describe('an alias with no anchor', () => {
  it('in a taxonomy is a yaml-syntax finding at the alias, naming it', () => {
    const { taxonomy, findings } = parseTaxonomy('version: 1\ntags:\n  feature: *features\n', 'attrib.yaml');
    expect(taxonomy).toBeUndefined();
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.message])).toEqual([
      ['yaml-syntax', 3, 12, 'alias `*features` names no anchor: there is no `&features` before it'],
    ]);
  });

  it('set after its alias is still unresolved (YAML anchors only reach forward)', () => {
    const { findings } = parseTaxonomy('version: 1\ntags:\n  feature: *f\n  team: &f { required: false }\n', 'attrib.yaml');
    expect(findings.map((f) => f.message)).toEqual(['alias `*f` names no anchor: there is no `&f` before it']);
  });

  it('in a pricing file is a ConfigError at file:line:col', () => {
    expect(() => parsePricing('version: 1\nmodels:\n  m: *price\n', 'p.yaml')).toThrow('p.yaml:3:6: alias `*price` names no anchor: there is no `&price` before it');
  });

  it('does not hide a real anchor: an alias after its anchor still reads', () => {
    const priced = parsePricing('version: 1\nmodels:\n  a: &rates { input: 1, output: 2 }\n  b: *rates\n', 'p.yaml');
    expect(priced.lookup.get('b')?.rates).toEqual(priced.lookup.get('a')?.rates);
    expect(parseTaxonomy('version: 1\ntags:\n  feature: &t { required: true }\n  team: *t\n', 'attrib.yaml').taxonomy?.tags.get('team')?.required).toBe(true);
  });
});
