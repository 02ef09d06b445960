import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../src/lint/index.js';
import type { RulePack } from '../../src/lint/packs/types.js';
import { SdkSurface } from './sdk-surface.js';

/**
 * Packs are checked against the SDKs' own type definitions. Each bundled pack names the SDK versions
 * it was checked against; those are pinned as exact devDependencies, and this test walks their .d.ts:
 * every request-sending method, model function or command class the SDK has must be a call site in
 * the pack or be listed under `non_billable` with its reason. A new SDK release that adds a billable
 * method fails here instead of silently passing real code. Driven by pack data only: a new pack is
 * checked by adding its SDK to devDependencies.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; devDependencies: Record<string, string> };
const packs = loadRulePacks([], ROOT);
/**
 * An agent-framework pack (one with entries of kind `agent`: runs, graphs, agents) names a few entry points
 * of a large framework whose other methods are configuration, not requests: walking every method of its
 * .d.ts says nothing. Its versions are still pinned and installed, and its entry points are held by its
 * RuleTester cases (test/packs/<framework>/) against those versions' types.
 */
const isFrameworkPack = (p: RulePack) => [...p.methods, ...p.functions].some((entry) => entry.kind === 'agent');
const sdkPacks = packs.filter((p) => !isFrameworkPack(p));
const surface = new SdkSurface(
  path.join(ROOT, 'test/packs'),
  sdkPacks.flatMap((p) => p.modules.filter((m) => p.versions.has(packageOf(m)))),
);

/** The package a module specifier belongs to (`@modelcontextprotocol/sdk/client/index.js` -> `@modelcontextprotocol/sdk`). */
function packageOf(module: string): string {
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function installedVersion(pkg: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Whether a `non_billable` entry covers a name: the same path, or a resource above it. */
function excused(pack: RulePack, name: string): boolean {
  return pack.nonBillable.some((n) => {
    const p = n.path.join('.');
    return name === p || name.startsWith(`${p}.`);
  });
}

/** What the SDK sends requests with, per the walk, that the pack neither lists nor excuses. */
function uncovered(pack: RulePack): string[] {
  const missing = new Set<string>();
  const commandClasses = new Set(pack.methods.flatMap((m) => m.commands ?? []));
  const commandMethods = pack.methods.filter((m) => m.commands);
  for (const module of pack.modules) {
    if (!pack.versions.has(packageOf(module)) || !surface.resolves(module)) continue;
    for (const cls of pack.classes) {
      // The class by its name, or as the module's default export (`export default class Replicate`).
      const exported = surface.exports(module, cls.name) ? cls.name : cls.default && surface.exports(module, 'default') ? 'default' : undefined;
      if (commandClasses.has(cls.name) || exported === undefined) continue;
      const billable = new Set(pack.methods.filter((m) => !m.commands && (!m.classes || m.classes.includes(cls.name))).map((m) => m.path.join('.')));
      for (const method of surface.methods(module, exported, new Set(pack.versions.keys()))) {
        if (!billable.has(method) && !commandMethods.some((m) => m.path.join('.') === method) && !excused(pack, method)) missing.add(`${cls.name}.${method}`);
      }
    }
    if (pack.functions.length > 0) {
      const billable = new Set(pack.functions.map((f) => f.name));
      for (const fn of surface.modelFunctions(module)) if (!billable.has(fn) && !excused(pack, fn)) missing.add(fn);
    }
    if (commandMethods.length > 0) {
      for (const command of surface.commands(module)) if (!commandClasses.has(command) && !excused(pack, command)) missing.add(command);
    }
  }
  return [...missing].sort();
}

describe('bundled packs against the SDKs they cover', () => {
  it('every pack names the versions it was checked against, pinned exactly as devDependencies and installed', () => {
    for (const pack of packs) {
      // attrib's own runtime (attrib-runtime.yaml) is this repository's source, checked by its own cases.
      if (pack.modules.every((m) => packageOf(m) === packageJson.name)) continue;
      expect(pack.versions.size, `${pack.name} names no \`versions\``).toBeGreaterThan(0);
      for (const [pkg, version] of pack.versions) {
        expect(packageJson.devDependencies[pkg], `${pack.name}: ${pkg} is not pinned in devDependencies`).toBe(version);
        expect(installedVersion(pkg), `${pack.name}: ${pkg}@${version} is not installed (npm ci)`).toBe(version);
      }
    }
  });

  it('a non_billable resource holds no billable method (else a new method below it would pass unseen)', () => {
    for (const pack of packs) {
      const billable = [...pack.methods.map((m) => m.path.join('.')), ...pack.functions.map((f) => f.name)];
      const wide = pack.nonBillable.flatMap((n) => {
        const p = n.path.join('.');
        return billable.filter((b) => b === p || b.startsWith(`${p}.`)).map((b) => `${p} covers ${b}`);
      });
      expect(wide, pack.name).toEqual([]);
    }
  });

  it('tells framework packs from SDK packs: the SDK packs are walked', () => {
    expect(packs.filter(isFrameworkPack).map((p) => p.name).sort()).toEqual(['ai-agents', 'langchain-agents', 'langchain-chains', 'langchain-vectorstores', 'langgraph', 'langgraph-sdk', 'llamaindex', 'mastra', 'openai-agents']);
  });

  for (const pack of sdkPacks) {
    it(`${pack.name}: every request-sending method of ${[...pack.versions].map(([p, v]) => `${p}@${v}`).join(', ')} is a call site or non_billable`, () => {
      expect(uncovered(pack)).toEqual([]);
    });
  }
});
