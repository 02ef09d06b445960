import { readFileSync } from 'node:fs';
import type { FormatOptions, Formatter } from './types.js';
import { type RepoPathOptions, repoRelativePath } from './repo-path.js';
import type { LintFinding, LintResult } from '../lint/types.js';
import { LINT_RULES, SUPPRESSIBLE_RULES, type LintRuleId } from '../lint/rules.js';
import { compareFindings, type Severity } from '../util/findings.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and any other SARIF
 * consumer. What GitHub needs and this file guarantees: one run, a tool driver with metadata for every
 * rule a result names (`ruleIndex` points into it), and every result located by a repo-relative POSIX
 * URI under `%SRCROOT%` with a full region. `partialFingerprints` are deliberately left out: the
 * upload action computes them from file content, which survives edits better than hashing file:line.
 */

/** `srcRoot` is `%SRCROOT%`, the root the URIs are relative to (see repo-path.ts). */
export interface SarifOptions extends FormatOptions, RepoPathOptions {}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

/** What a SARIF rule descriptor says about one lint rule. */
interface RuleMetadata {
  id: string;
  /** PascalCase name, as SARIF producers conventionally give it. */
  name: string;
  description: string;
  /** The description plus what the user can do about a finding. */
  help: string;
  level: Severity;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Every rule the core defines, in its order: a clean run still documents them all. */
const RULES: readonly RuleMetadata[] = Object.entries(LINT_RULES).map(([id, rule]) => ({
  id,
  name: pascalCase(id),
  description: rule.description,
  help: SUPPRESSIBLE_RULES.has(id as LintRuleId)
    ? `${rule.description} To accept one call as it is: \`// attrib-ignore-next-line ${id} -- <reason>\` above it.`
    : rule.description,
  level: rule.severity,
}));

/** A descriptor for an id the core does not list, so a result can never carry a dangling `ruleIndex`. */
function descriptorFor(id: string, severity: Severity): RuleMetadata {
  const description = `attrib lint rule ${id}.`;
  return { id, name: pascalCase(id), description, help: description, level: severity };
}

interface ToolInfo {
  version: string;
  informationUri: string;
}

/** attrib's own version and home page, read once from its package.json (src/ and dist/ sit beside it). */
function readToolInfo(): ToolInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
    homepage?: string;
  };
  return { version: pkg.version, informationUri: pkg.homepage ?? 'https://www.npmjs.com/package/attrib' };
}

let toolInfo: ToolInfo | undefined;

/** Characters a URI path segment may hold unescaped (RFC 3986 pchar minus `:`, which could read as a scheme). */
const NOT_PCHAR = /[^A-Za-z0-9\-._~!$&'()*+,;=@]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The repo-relative POSIX URI of a finding's file: relative to `srcRoot`, `/`-separated, no leading
 * `./`, each segment percent-encoded so that spaces, `#`, `%` or `?` in a file name stay part of the path.
 */
export function artifactUri(file: string, options: SarifOptions): string {
  return repoRelativePath(file, options)
    .split('/')
    .map((segment) => segment.replace(LONE_SURROGATE, '\ufffd').replace(NOT_PCHAR, (ch) => encodeURIComponent(ch)))
    .join('/');
}

/**
 * A full SARIF region. Lines and columns are 1-based UTF-16 offsets (SARIF's default column kind, and
 * what the TypeScript compiler reports). A finding without an end covers the first character of the
 * call expression, which is where its position points.
 */
function region(f: LintFinding) {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = f.endLine !== undefined && f.endLine >= startLine ? f.endLine : startLine;
  const endColumn =
    f.endColumn !== undefined && (endLine > startLine || f.endColumn > startColumn) ? f.endColumn : startColumn + 1;
  return { startLine, startColumn, endLine, endColumn };
}

export const format = ((result: LintResult, options: SarifOptions): string => {
  toolInfo ??= readToolInfo();
  const findings = [...result.findings].sort(compareFindings);

  // Rules in a stable order: the core's rules, then any other id a finding carries.
  const rules = [...RULES];
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (!ruleIndex.has(f.ruleId)) {
      ruleIndex.set(f.ruleId, rules.length);
      rules.push(descriptorFor(f.ruleId, f.severity));
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'attrib',
            version: toolInfo.version,
            semanticVersion: toolInfo.version,
            informationUri: toolInfo.informationUri,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: r.help },
              defaultConfiguration: { level: r.level },
              properties: { tags: ['attribution', 'cost'], precision: 'high' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => {
          const properties: Record<string, unknown> = {};
          if (f.missing !== undefined) properties.missing = f.missing;
          if (f.suggestion !== undefined) properties.suggestion = f.suggestion;
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId)!,
            level: f.severity,
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(f.file, options), uriBaseId: SRCROOT },
                  region: region(f),
                },
              },
            ],
            ...(Object.keys(properties).length > 0 ? { properties } : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}) satisfies Formatter<LintResult>;
