import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, artifactUri, SARIF_SCHEMA } from '../../src/formats/sarif.js';
import { LINT_RULES } from '../../src/lint/rules.js';
import { agentAppLint } from './lint-fixtures.js';
import { agentAppResult, finding, hostileResult, HOSTILE_MESSAGE, options, resultOf } from './lint-fixtures.js';

/**
 * The essential constraints of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) and of GitHub code
 * scanning's upload, for the objects attrib emits: allowed keys (the schema's
 * `additionalProperties: false`), required fields, enums, 1-based positions, rule references and
 * repo-relative URIs. Returns the violations as `path: problem` strings.
 */
function checkSarif(doc: any): string[] {
  const problems: string[] = [];
  const fail = (path: string, problem: string) => problems.push(`${path}: ${problem}`);
  const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = (path: string, v: unknown, allowed: string[], required: string[] = []) => {
    if (!isObject(v)) return fail(path, 'not an object');
    for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(path, `unexpected property ${k}`);
    for (const k of required) if (!(k in v)) fail(path, `missing ${k}`);
  };
  const positiveInt = (path: string, v: unknown) => {
    if (!Number.isInteger(v) || (v as number) < 1) fail(path, `not an integer >= 1: ${String(v)}`);
  };
  const message = (path: string, v: unknown) => {
    keys(path, v, ['text', 'markdown', 'id', 'arguments', 'properties'], ['text']);
    if (isObject(v) && typeof v.text !== 'string') fail(path, 'text is not a string');
  };
  const levels = ['none', 'note', 'warning', 'error'];

  keys('$', doc, ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'], ['version', 'runs']);
  if (doc.version !== '2.1.0') fail('$.version', 'not 2.1.0');
  if (typeof doc.$schema !== 'string' || !/^https:\/\/.*sarif-(schema-)?2\.1\.0(-rtm\.\d+)?\.json$/.test(doc.$schema))
    fail('$.$schema', `not a SARIF 2.1.0 schema URI: ${doc.$schema}`);
  if (!Array.isArray(doc.runs) || doc.runs.length === 0) return [...problems, '$.runs: not a non-empty array'];

  doc.runs.forEach((run: any, r: number) => {
    const at = `$.runs[${r}]`;
    keys(at, run, ['tool', 'results', 'columnKind', 'originalUriBaseIds', 'artifacts', 'invocations', 'automationDetails', 'properties'], ['tool']);
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind))
      fail(`${at}.columnKind`, 'not an allowed value');
    keys(`${at}.tool`, run.tool, ['driver', 'extensions', 'properties'], ['driver']);
    const driver = run.tool?.driver;
    keys(`${at}.tool.driver`, driver, ['name', 'version', 'semanticVersion', 'informationUri', 'rules', 'fullName', 'organization', 'properties'], ['name']);
    if (typeof driver?.name !== 'string' || driver.name === '') fail(`${at}.tool.driver.name`, 'empty');
    if (driver?.informationUri !== undefined && !/^https?:\/\/\S+$/.test(driver.informationUri))
      fail(`${at}.tool.driver.informationUri`, 'not an absolute URI');
    const rules: any[] = driver?.rules ?? [];
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const rp = `${at}.tool.driver.rules[${i}]`;
      keys(rp, rule, ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration', 'messageStrings', 'properties'], ['id']);
      if (typeof rule.id !== 'string' || rule.id === '') fail(rp, 'id is not a non-empty string');
      if (ids.has(rule.id)) fail(rp, `duplicate rule id ${rule.id}`);
      ids.add(rule.id);
      for (const m of ['shortDescription', 'fullDescription', 'help'] as const) if (rule[m] !== undefined) message(`${rp}.${m}`, rule[m]);
      if (rule.defaultConfiguration !== undefined) {
        keys(`${rp}.defaultConfiguration`, rule.defaultConfiguration, ['enabled', 'level', 'rank', 'parameters', 'properties']);
        if (!levels.includes(rule.defaultConfiguration.level)) fail(`${rp}.defaultConfiguration.level`, 'not a level');
      }
      const tags = rule.properties?.tags;
      if (tags !== undefined && (!Array.isArray(tags) || new Set(tags).size !== tags.length)) fail(`${rp}.properties.tags`, 'not unique strings');
    });
    if (!Array.isArray(run.results)) return fail(`${at}.results`, 'not an array');
    run.results.forEach((res: any, i: number) => {
      const p = `${at}.results[${i}]`;
      keys(p, res, ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'suppressions', 'fixes', 'properties'], ['message', 'ruleId', 'ruleIndex', 'locations']);
      if ('partialFingerprints' in (res ?? {})) fail(p, 'partialFingerprints must be left to the upload');
      message(`${p}.message`, res.message);
      if (!levels.includes(res.level)) fail(`${p}.level`, 'not a level');
      if (!Number.isInteger(res.ruleIndex) || res.ruleIndex < 0 || res.ruleIndex >= rules.length) fail(`${p}.ruleIndex`, 'out of range');
      else if (rules[res.ruleIndex].id !== res.ruleId) fail(`${p}.ruleIndex`, `points at ${rules[res.ruleIndex].id}, not ${res.ruleId}`);
      if (!Array.isArray(res.locations) || res.locations.length === 0) return fail(`${p}.locations`, 'result is not located');
      res.locations.forEach((loc: any, l: number) => {
        const lp = `${p}.locations[${l}]`;
        keys(lp, loc, ['id', 'physicalLocation', 'logicalLocations', 'message', 'properties'], ['physicalLocation']);
        const phys = loc.physicalLocation;
        keys(`${lp}.physicalLocation`, phys, ['artifactLocation', 'region', 'contextRegion', 'properties'], ['artifactLocation', 'region']);
        const art = phys?.artifactLocation;
        keys(`${lp}.physicalLocation.artifactLocation`, art, ['uri', 'uriBaseId', 'index', 'properties'], ['uri']);
        const uri: unknown = art?.uri;
        if (typeof uri !== 'string' || uri === '') fail(`${lp}.uri`, 'empty');
        else {
          if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) fail(`${lp}.uri`, `has a scheme or drive letter: ${uri}`);
          if (uri.startsWith('/') || uri.startsWith('./')) fail(`${lp}.uri`, `not repo-relative: ${uri}`);
          if (uri.includes('\\')) fail(`${lp}.uri`, `not POSIX: ${uri}`);
          if (!/^([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/.test(uri)) fail(`${lp}.uri`, `not a valid URI reference: ${uri}`);
          if (uri.split('/').some((s) => s === '' || s === '.')) fail(`${lp}.uri`, `empty or dot segment: ${uri}`);
        }
        if (art?.uriBaseId !== '%SRCROOT%') fail(`${lp}.uriBaseId`, 'not %SRCROOT%');
        const reg = phys?.region;
        keys(`${lp}.physicalLocation.region`, reg, ['startLine', 'startColumn', 'endLine', 'endColumn', 'snippet', 'message', 'properties'], ['startLine', 'startColumn', 'endLine', 'endColumn']);
        for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) positiveInt(`${lp}.region.${k}`, reg?.[k]);
        if (reg && (reg.endLine < reg.startLine || (reg.endLine === reg.startLine && reg.endColumn < reg.startColumn)))
          fail(`${lp}.region`, 'ends before it starts');
      });
    });
  });
  return problems;
}

const parse = (text: string) => JSON.parse(text);
const packageVersion = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

describe('sarif format', () => {
  it('passes the structural check on a realistic result and on hostile strings', () => {
    expect(checkSarif(parse(format(agentAppResult(), options)))).toEqual([]);
    expect(checkSarif(parse(format(hostileResult(), options)))).toEqual([]);
    expect(checkSarif(parse(format(resultOf([]), options)))).toEqual([]);
  });

  it('passes the structural check on real lint output of fixtures/agent-app, every finding located', async () => {
    const { result, cwd } = await agentAppLint();
    expect(result.findings.length).toBeGreaterThan(0);
    const doc = parse(format(result, { ...options, cwd }));
    expect(checkSarif(doc)).toEqual([]);
    expect(doc.runs[0].results).toHaveLength(result.findings.length);
    for (const res of doc.runs[0].results) {
      const { uri } = res.locations[0].physicalLocation.artifactLocation;
      expect(existsSync(join(cwd, decodeURIComponent(uri)))).toBe(true);
    }
  });

  it('the structural check catches what GitHub would reject', () => {
    const doc = parse(format(agentAppResult(), options));
    const result = doc.runs[0].results[0];
    result.ruleIndex = 99;
    result.partialFingerprints = { primaryLocationLineHash: 'x' };
    doc.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = './src/a.ts';
    doc.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'C:/src/a.ts';
    doc.runs[0].results[3].locations = [];
    doc.runs[0].results[4].locations[0].physicalLocation.region.startColumn = 0;
    const duplicateAt = doc.runs[0].tool.driver.rules.push({ ...doc.runs[0].tool.driver.rules[0] }) - 1;
    expect(checkSarif(doc)).toEqual([
      `$.runs[0].tool.driver.rules[${duplicateAt}]: duplicate rule id missing-tags`,
      '$.runs[0].results[0]: unexpected property partialFingerprints',
      '$.runs[0].results[0]: partialFingerprints must be left to the upload',
      '$.runs[0].results[0].ruleIndex: out of range',
      '$.runs[0].results[1].locations[0].uri: not repo-relative: ./src/a.ts',
      '$.runs[0].results[1].locations[0].uri: empty or dot segment: ./src/a.ts',
      '$.runs[0].results[2].locations[0].uri: has a scheme or drive letter: C:/src/a.ts',
      '$.runs[0].results[3].locations: result is not located',
      '$.runs[0].results[4].locations[0].region.startColumn: not an integer >= 1: 0',
    ]);
  });

  it('describes the tool and every contract rule, and points each result at its rule', () => {
    const doc = parse(format(agentAppResult(), options));
    expect(doc.$schema).toBe(SARIF_SCHEMA);
    const { driver } = doc.runs[0].tool;
    expect(driver).toMatchObject({ name: 'attrib', version: packageVersion, semanticVersion: packageVersion });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(Object.keys(LINT_RULES));
    expect(ids).toEqual(
      expect.arrayContaining(['missing-tags', 'unknown-tag-value', 'feature-team-mismatch', 'unknown-tag-key', 'tag-may-be-undefined', 'parse-error']),
    );
    expect(ids.filter((id: string) => id.includes('suppression')).length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
    }
    const rule = (id: string) => driver.rules.find((r: { id: string }) => r.id === id);
    expect(rule('unknown-tag-key')).toMatchObject({ name: 'UnknownTagKey', defaultConfiguration: { level: 'warning' } });
    expect(rule('missing-tags').help.text).toContain('// attrib-ignore-next-line missing-tags -- <reason>');
    expect(rule('parse-error').help.text).not.toContain('attrib-ignore-next-line');
    for (const res of doc.runs[0].results) expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it('emits every finding in stable order with level, message, repo-relative URI and full region', () => {
    const doc = parse(format(agentAppResult(), options));
    const summary = doc.runs[0].results.map((r: any) => {
      const { uri } = r.locations[0].physicalLocation.artifactLocation;
      const { startLine, startColumn, endLine, endColumn } = r.locations[0].physicalLocation.region;
      return `${uri} ${startLine}:${startColumn}-${endLine}:${endColumn} ${r.level} ${r.ruleId}`;
    });
    expect(summary).toEqual([
      'src/agents/compose.ts 5:3-5:40 error feature-team-mismatch',
      'src/agents/triage.ts 14:9-18:6 error missing-tags',
      'src/agents/triage.ts 33:7-33:14 warning unknown-tag-key',
      'src/agents/triage.ts 33:34-33:40 error unknown-tag-value',
      // No end from the core: the region is the first character of the reported position.
      'src/broken.ts 3:1-3:2 error parse-error',
      'src/retrieval/embed.ts 8:10-12:4 warning tag-may-be-undefined',
    ]);
    const missing = doc.runs[0].results[1];
    expect(missing.message.text).toBe('Missing required tag: parent_run_id.');
    expect(missing.properties).toEqual({ missing: ['parent_run_id'] });
    expect(doc.runs[0].results[3].properties).toEqual({ suggestion: 'production' });
    expect(JSON.stringify(doc)).not.toContain('partialFingerprints');
  });

  it('keeps hostile text exactly and gives an unknown rule id its own descriptor', () => {
    const doc = parse(format(hostileResult(), options));
    const [proto, hostile] = doc.runs[0].results;
    // JSON escapes control characters and even a lone surrogate (`\ud800`), so the text survives exactly.
    expect(hostile.message.text).toBe(HOSTILE_MESSAGE);
    expect(hostile.locations[0].physicalLocation.artifactLocation.uri).toBe('src/we%20ird/100%25,a%3Ab%23c%3F.ts');
    expect(proto.ruleId).toBe('__proto__');
    expect(doc.runs[0].tool.driver.rules[proto.ruleIndex]).toMatchObject({
      id: '__proto__',
      name: 'Proto',
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('makes URIs relative to the repository root, POSIX, without ./', () => {
    const sub = { ...options, cwd: '/repo/packages/app', srcRoot: '/repo' };
    expect(artifactUri('src/a.ts', sub)).toBe('packages/app/src/a.ts');
    expect(artifactUri('./src//b.ts', options)).toBe('src/b.ts');
    expect(artifactUri('/repo/src/c.ts', options)).toBe('src/c.ts');
    expect(artifactUri('src/ünï.ts', options)).toBe('src/%C3%BCn%C3%AF.ts');
    const doc = parse(format(resultOf([finding({ file: 'lib/x.ts', line: 1, column: 1 })]), sub));
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('packages/app/lib/x.ts');
  });

  it('clamps positions below 1 and repairs an end that precedes the start', () => {
    const doc = parse(
      format(resultOf([finding({ file: 'a.ts', line: 0, column: 0 }), finding({ file: 'b.ts', line: 4, column: 9, endLine: 4, endColumn: 3 })]), options),
    );
    expect(doc.runs[0].results.map((r: any) => r.locations[0].physicalLocation.region)).toEqual([
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      { startLine: 4, startColumn: 9, endLine: 4, endColumn: 10 },
    ]);
  });
});
