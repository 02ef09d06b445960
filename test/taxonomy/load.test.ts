import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/util/errors.js';
import { findTaxonomyFile, initTaxonomy, loadTaxonomy, parseTaxonomy, STARTER_TAXONOMY, describeRegistry } from '../../src/taxonomy/index.js';
import { repoRoot } from '../helpers/cli.js';

const fixture = path.join(repoRoot, 'fixtures/attrib.yaml');

function tempRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-tax-'));
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

describe('finding the taxonomy', () => {
  it('walks up from a nested folder, trying attrib.yaml, attrib.yml, .attrib.yaml', () => {
    const root = tempRepo();
    mkdirSync(path.join(root, 'a/b'), { recursive: true });
    writeFileSync(path.join(root, '.attrib.yaml'), 'version: 1\n');
    expect(findTaxonomyFile(path.join(root, 'a/b'))).toBe(path.join(root, '.attrib.yaml'));
    writeFileSync(path.join(root, 'a/attrib.yml'), 'version: 1\n');
    expect(findTaxonomyFile(path.join(root, 'a/b'))).toBe(path.join(root, 'a/attrib.yml'));
  });

  it('stops at the repository root', () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'attrib-outer-'));
    writeFileSync(path.join(outer, 'attrib.yaml'), 'version: 1\n');
    const repo = path.join(outer, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    expect(findTaxonomyFile(repo)).toBeUndefined();
  });

  it('loads from the working directory, then from searchFrom paths', async () => {
    const taxonomy = await loadTaxonomy({ cwd: repoRoot, searchFrom: ['fixtures/agent-app'] });
    expect(taxonomy.file).toBe(fixture);
    expect(taxonomy.features.get('contract-redline')?.team).toBe('legal');
  });

  it('an explicit path wins, and its problems are ConfigErrors with file:line:col', async () => {
    await expect(loadTaxonomy({ cwd: repoRoot, path: 'fixtures/taxonomy/unknown-team.yaml' })).rejects.toThrow(
      /fixtures\/taxonomy\/unknown-team\.yaml:9:11: feature `inbox-triage` names team `mial`.*\(unknown-team\)/,
    );
    await expect(loadTaxonomy({ cwd: repoRoot, path: 'no/such.yaml' })).rejects.toBeInstanceOf(ConfigError);
    await expect(loadTaxonomy({ cwd: repoRoot, path: 'fixtures' })).rejects.toThrow(/is a folder/);
  });

  it('says how to get a taxonomy when there is none', async () => {
    const err = await loadTaxonomy({ cwd: tempRepo() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).hint).toMatch(/attrib init/);
  });
});

describe('attrib init', () => {
  it('writes a starter that validates without a single finding', async () => {
    const dir = tempRepo();
    const { file } = await initTaxonomy({ cwd: dir });
    expect(file).toBe(path.join(dir, 'attrib.yaml'));
    const { taxonomy, findings } = parseTaxonomy(STARTER_TAXONOMY);
    expect(findings).toEqual([]);
    expect(taxonomy!.teams.size).toBe(2);
    expect(taxonomy!.features.size).toBe(2);
    expect([...taxonomy!.tags.keys()]).toHaveLength(6);
  });

  it('refuses to overwrite or shadow without force', async () => {
    const dir = tempRepo();
    await initTaxonomy({ cwd: dir });
    await expect(initTaxonomy({ cwd: dir })).rejects.toThrow(/already exists/);
    await expect(initTaxonomy({ cwd: dir, force: true })).resolves.toMatchObject({ overwritten: true });
    const other = tempRepo();
    writeFileSync(path.join(other, '.attrib.yaml'), 'version: 1\n');
    await expect(initTaxonomy({ cwd: other })).rejects.toThrow(/\.attrib\.yaml already exists/);
  });
});

describe('registry view', () => {
  it('lists features with inherited owners and per-team budget totals', async () => {
    const view = describeRegistry(await loadTaxonomy({ cwd: repoRoot, path: fixture }));
    expect(view.features.map((f) => f.name)).toEqual(['clause-search', 'contract-redline', 'inbox-triage', 'smart-compose', 'semantic-search', 'support-agent']);
    expect(view.teams.find((t) => t.name === 'mail')).toEqual({ name: 'mail', owner: 'dana@example.com', budgetUsd: 400, featureBudgetUsd: 380, features: 2 });
    // mail: 240 + 140 of its features; teams: 400 + 200 + 90 + 100.
    expect(view.org).toEqual({ budgetUsd: 900, teamBudgetUsd: 790, unattributedMaxPct: 5, nearPct: 80 });
  });
});
