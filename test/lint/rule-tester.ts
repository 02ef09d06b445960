import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import type { CallSite, LintOptions, LintResult } from '../../src/lint/types.js';
import { parseTaxonomy } from '../../src/taxonomy/index.js';
import type { Taxonomy } from '../../src/taxonomy/types.js';

/**
 * typescript-eslint's RuleTester, for attrib lint: each case is a small code base (file name ->
 * source; a bare string is `src/index.ts`), linted for real from a temporary folder, with the exact
 * findings it must produce. Valid cases state how many call sites they contain, so a case that
 * finds nothing cannot pass by accident; precision cases state 0.
 */

/** A compact taxonomy: `feature` and `tenant` required, `team` derived from the feature, `environment` optional. */
export const TEST_TAXONOMY_YAML = `version: 1
tags:
  feature: { registry: features }
  team: { registry: teams, derive_from: feature }
  tenant: { pattern: "^(ws|acct)_[a-z0-9]+$" }
  environment: { values: [production, staging, eval], required: false }
teams:
  mail: { owner: dana@example.com }
  legal: { owner: lee@example.com }
features:
  inbox-triage: { team: mail }
  contract-redline: { team: legal }
`;

/** The required tags of TEST_TAXONOMY in a LangChain-style call config (`metadata: {...}`), and what lint reads from it. */
export const TAGGED_METADATA = `metadata: { feature: 'inbox-triage', tenant: 'ws_1' }`;
export const TAGGED_METADATA_TAGS = {
  feature: { value: 'inbox-triage', source: 'metadata' },
  tenant: { value: 'ws_1', source: 'metadata' },
  team: { value: 'mail', source: 'derived from feature' },
};
/** What a call site that carries no tag misses under TEST_TAXONOMY (team is derived, so reported with feature). */
export const MISSING_ALL = ['feature', 'team', 'tenant'];

export function taxonomyFrom(yaml: string): Taxonomy {
  const { taxonomy, findings } = parseTaxonomy(yaml, 'attrib.yaml');
  if (!taxonomy) throw new Error(`test taxonomy is invalid: ${findings.map((f) => f.message).join('; ')}`);
  return taxonomy;
}

export const TEST_TAXONOMY = taxonomyFrom(TEST_TAXONOMY_YAML);

export type Files = string | Record<string, string>;

export interface ExpectedFinding {
  ruleId: string;
  line: number;
  column: number;
  file?: string;
  missing?: string[];
  suggestion?: string;
}

/**
 * A call site the case must produce: where, what, and (when given) exactly which tags reach it, its
 * status and the entry sites it inherits from.
 */
export interface ExpectedSite {
  line: number;
  column: number;
  kind: CallSite['kind'];
  sdk: string;
  callee: string;
  file?: string;
  tags?: CallSite['tags'];
  status?: CallSite['status'];
  inheritsFrom?: string[];
}

interface CaseBase {
  name: string;
  files: Files;
  options?: Partial<LintOptions>;
  /** Every call site, in order (file, line, column); checked when given. */
  sites?: ExpectedSite[];
}
export interface ValidCase extends CaseBase {
  /** How many call sites the code holds (all compliant, but for `suppressed` and `inherited` of them). */
  callSites: number;
  suppressed?: number;
  inherited?: number;
}
export interface InvalidCase extends CaseBase {
  errors: ExpectedFinding[];
}

const roots: string[] = [];

/** Write a code base to a fresh temporary folder and return it. */
export function writeProject(files: Files): string {
  const root = mkdtempSync(path.join(tmpdir(), 'attrib-lint-'));
  roots.push(root);
  const all = typeof files === 'string' ? { 'src/index.ts': files } : files;
  for (const [name, text] of Object.entries(all)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

export async function lintFiles(files: Files, options: Partial<LintOptions> = {}): Promise<LintResult & { cwd: string }> {
  const cwd = writeProject(files);
  return { ...(await lint({ cwd, taxonomy: TEST_TAXONOMY, ...options })), cwd };
}

/** The findings as the cases state them: only the fields the expectation names. */
function comparable(result: LintResult, expected: readonly ExpectedFinding[], defaultFile: string | undefined) {
  return result.findings.map((f, i) => {
    const want = expected[i];
    const out: Record<string, unknown> = { ruleId: f.ruleId, line: f.line, column: f.column };
    if (want?.file !== undefined || defaultFile === undefined) out.file = f.file;
    if (want?.missing !== undefined) out.missing = f.missing;
    if (want?.suggestion !== undefined) out.suggestion = f.suggestion;
    return out;
  });
}

/** The call sites as the cases state them: only the fields the expectation names (and `inheritsFrom` whenever there is one). */
function comparableSites(result: LintResult, expected: readonly ExpectedSite[], defaultFile: string | undefined) {
  return result.callSites.map((site, i) => {
    const want = expected[i];
    const out: Record<string, unknown> = { line: site.line, column: site.column, kind: site.kind, sdk: site.sdk, callee: site.callee };
    if (want?.file !== undefined || defaultFile === undefined) out.file = site.file;
    if (want?.tags !== undefined) out.tags = site.tags;
    if (want?.status !== undefined) out.status = site.status;
    if (want?.inheritsFrom !== undefined || site.inheritsFrom !== undefined) out.inheritsFrom = site.inheritsFrom;
    return out;
  });
}

function checkSites(result: LintResult, c: CaseBase): void {
  if (!c.sites) return;
  const defaultFile = typeof c.files === 'string' ? 'src/index.ts' : undefined;
  if (defaultFile) for (const site of result.callSites) expect(site.file).toBe(defaultFile);
  expect(comparableSites(result, c.sites, defaultFile)).toEqual(c.sites.map((e) => ({ ...e })));
}

export function ruleTester(title: string, cases: { valid?: ValidCase[]; invalid?: InvalidCase[] }): void {
  describe(title, () => {
    afterAll(() => {
      for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
    });
    for (const c of cases.valid ?? []) {
      it(`valid: ${c.name}`, async () => {
        const result = await lintFiles(c.files, c.options);
        expect(result.findings).toEqual([]);
        expect(result.callSites.length).toBe(c.callSites);
        const suppressed = c.suppressed ?? 0;
        const inherited = c.inherited ?? 0;
        expect(result.callSites.map((s) => s.status).sort()).toEqual(
          [...Array(c.callSites - suppressed - inherited).fill('compliant'), ...Array(inherited).fill('inherited'), ...Array(suppressed).fill('suppressed')],
        );
        checkSites(result, c);
      });
    }
    for (const c of cases.invalid ?? []) {
      it(`invalid: ${c.name}`, async () => {
        const result = await lintFiles(c.files, c.options);
        const defaultFile = typeof c.files === 'string' ? 'src/index.ts' : undefined;
        if (defaultFile) for (const f of result.findings) expect(f.file).toBe(defaultFile);
        expect(comparable(result, c.errors, defaultFile)).toEqual(c.errors.map((e) => ({ ...e })));
        checkSites(result, c);
      });
    }
  });
}
