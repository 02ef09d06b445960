import type { Finding } from '../util/findings.js';

/** JSON contract of `attrib lint --format json`, schema version 1 (fields may be added, never changed). */
export type CallKind = 'model' | 'tool';
export type CallSiteStatus = 'compliant' | 'violation' | 'suppressed';

/** How a tag reached a call: a static value, or present with a value only known at run time. */
export type TagPresence =
  | { value: string; source?: string }
  | { dynamic: true; source?: string; optional?: boolean };

export interface CallSite {
  file: string;
  line: number;
  column: number;
  kind: CallKind;
  /** Name of the rule pack (e.g. `openai`) or `wrapper` for `@attrib-model`/`@attrib-tool` functions. */
  sdk: string;
  /** The callee path as the pack names it, e.g. `chat.completions.create`. */
  callee: string;
  tags: Record<string, TagPresence>;
  missing: string[];
  status: CallSiteStatus;
}

export interface LintFinding extends Finding {
  /** For `missing-tags`: the tags that do not reach the call. */
  missing?: string[];
}

export interface LintSummary {
  files: number;
  callSites: number;
  compliant: number;
  violations: number;
  suppressed: number;
  errors: number;
  warnings: number;
  parseErrors: number;
}

export interface LintResult {
  schemaVersion: 1;
  summary: LintSummary;
  callSites: CallSite[];
  findings: LintFinding[];
}
