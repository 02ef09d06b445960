import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { metadataSchema, renderMetadataSchema } from '../../src/export/metadata-schema.js';
import { ConfigError } from '../../src/util/errors.js';
import { repoRoot } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { HOSTILE, SMALL, fixtureTaxonomy, taxonomyFrom } from './taxonomies.js';

/** A draft-07 validator (ajv's default draft), strict, as a gateway's would be. */
function compile(text: string) {
  return new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(text));
}

describe('attrib export metadata-schema: fixtures/attrib.yaml', () => {
  const text = renderMetadataSchema(fixtureTaxonomy());

  it('matches the golden file byte for byte', () => {
    expect(text).toBe(readFileSync(path.join(repoRoot, 'test/export/golden/fixtures-metadata.schema.json'), 'utf8'));
  });

  it('is a document of schemas/metadata-schema.schema.json: the Portkey shape', () => {
    const doc = JSON.parse(text);
    expect(schemaErrors('metadata-schema', doc)).toEqual([]);
    // Portkey: top-level object, additionalProperties true, every property a string.
    expect(doc).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: true });
    expect(Object.values(doc.properties).every((p) => (p as { type: string }).type === 'string')).toBe(true);
  });

  it('accepts well-tagged metadata, with extra keys and without the derived team', () => {
    const validate = compile(text);
    const good = { feature: 'inbox-triage', workload_class: 'batch', tenant: 'ws_42', environment: 'production', parent_run_id: 'run_1' };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, team: 'mail', _user: 'u1', trace_id: 'abc' })).toBe(true);
  });

  it('rejects each kind of bad metadata for the reason attrib would', () => {
    const validate = compile(text);
    const good = { feature: 'inbox-triage', workload_class: 'batch', tenant: 'ws_42', environment: 'production', parent_run_id: 'run_1' };
    const reasons = (data: unknown) => (validate(data) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`));
    expect(reasons({ ...good, feature: undefined })).toEqual([' required']);
    expect(reasons({ ...good, feature: 'inbox-triag' })).toEqual(['/feature enum']);
    expect(reasons({ ...good, team: 'legal-ops' })).toEqual(['/team enum']);
    expect(reasons({ ...good, environment: 'prod' })).toEqual(['/environment enum']);
    expect(reasons({ ...good, tenant: 'customer-9' })).toEqual(['/tenant pattern']);
    expect(reasons({ ...good, parent_run_id: '' })).toEqual(['/parent_run_id minLength']);
    expect(reasons({ ...good, tenant: 42 })).toEqual(['/tenant type']); // pattern and enum apply to strings only
  });
});

describe('attrib export metadata-schema: a small taxonomy', () => {
  it('requires what must be carried: required and not derived; an optional tag is described as such', () => {
    const schema = metadataSchema(taxonomyFrom(SMALL));
    expect(schema.required).toEqual(['feature', 'tenant']);
    expect(Object.keys(schema.properties).sort()).toEqual(['feature', 'region', 'team', 'tenant']);
    expect(schema.properties.region).toEqual({ type: 'string', minLength: 1, enum: ['eu', 'us'], description: 'Optional.' });
    expect(schema.properties.team!.description).toBe('A key of `teams` in attrib.yaml. May be left out when `feature` is given: attrib derives it from the registry.');
    expect(schema.properties.feature!.enum).toEqual(['chat', 'lab-demo']);
    expect(schema.properties.tenant).toEqual({ type: 'string', minLength: 1, pattern: '^t_[0-9]+$', description: 'Customer.' });
  });

  it('is deterministic: the same taxonomy listed in another order gives the same bytes', () => {
    const reordered = SMALL.replace('  chat: { team: core, budget: { monthly_usd: 40 } }\n  lab-demo: { team: labs }\n', '  lab-demo: { team: labs }\n  chat: { team: core, budget: { monthly_usd: 40 } }\n')
      .replace('  feature: { registry: features }\n  team: { registry: teams, derive_from: feature }\n', '  team: { registry: teams, derive_from: feature }\n  feature: { registry: features }\n');
    expect(reordered).not.toBe(SMALL);
    expect(renderMetadataSchema(taxonomyFrom(reordered))).toBe(renderMetadataSchema(taxonomyFrom(SMALL)));
  });

  it('refuses a registry tag whose registry is empty (no value could pass)', () => {
    const empty = taxonomyFrom('version: 1\ntags:\n  feature: { registry: features }\n');
    expect(() => metadataSchema(empty)).toThrow(ConfigError);
    expect(() => metadataSchema(empty)).toThrow(/`features`, which is empty/);
  });
});

describe('attrib export metadata-schema: hostile taxonomy strings', () => {
  it('gives valid JSON whose odd names are plain keys and values, and pollutes nothing', () => {
    const text = renderMetadataSchema(taxonomyFrom(HOSTILE));
    const doc = JSON.parse(text);
    expect(schemaErrors('metadata-schema', doc)).toEqual([]);
    expect(Object.keys(doc.properties)).toEqual(['constructor', 'feature', 'hasownproperty']);
    expect(doc.properties.constructor.enum).toEqual(['__proto__', 'constructor', 'toString', 'a: b', '- c', '#d']);
    expect(doc.properties.feature.enum).toEqual(['proto', 'tostring']);
    expect(doc.properties.feature.description).toContain('evil\ngeneral_settings:');
    expect(({} as Record<string, unknown>).master_key).toBeUndefined();
    const validate = compile(text);
    expect(validate({ feature: 'tostring', constructor: '__proto__', hasownproperty: 'abc' })).toBe(true);
    expect(validate({ feature: 'tostring', constructor: 'valueOf', hasownproperty: 'abc' })).toBe(false);
    expect(validate({ feature: 'hasOwnProperty', constructor: '__proto__', hasownproperty: 'abc' })).toBe(false);
  });
});

describe('attrib export metadata-schema --tags', () => {
  it('keeps only the named tags, for a per-key schema (Portkey API-key metadata)', () => {
    const schema = metadataSchema(fixtureTaxonomy(), { tags: ['feature', 'team', 'environment'] });
    expect(Object.keys(schema.properties).sort()).toEqual(['environment', 'feature', 'team']);
    expect(schema.required).toEqual(['environment', 'feature']);
    const validate = compile(JSON.stringify(schema));
    expect(validate({ feature: 'support-agent', environment: 'staging' })).toBe(true);
    expect(validate({ feature: 'support-agent' })).toBe(false);
  });

  it('names the tags there are when asked for one attrib.yaml lacks', () => {
    expect(() => metadataSchema(fixtureTaxonomy(), { tags: ['tenants'] })).toThrow(/attrib.yaml has no tag `tenants`/);
  });
});
