import type { Finding } from '../util/findings.js';
import type { Taxonomy } from '../taxonomy/types.js';
import type { LintRuleId, RuleSetting } from './rules.js';

export { LINT_RULES, SUPPRESSIBLE_RULES, type LintRuleId } from './rules.js';

/** JSON contract of `attrib lint --format json`, schema version 1 (fields may be added, never changed). */
/** `agent`: an agent framework's entry point (a run, a graph's invoke, a chain): it makes the model and tool calls. */
export type CallKind = 'model' | 'tool' | 'agent';
/** `inherited`: run by a framework on behalf of entry sites (`inheritsFrom`), whose tags it receives at run time. */
export type CallSiteStatus = 'compliant' | 'violation' | 'suppressed' | 'inherited';

/** How a tag reached a call: a static value, or present with a value only known at run time. */
export type TagPresence =
  | { value: string; source?: string }
  | { dynamic: true; source?: string; optional?: boolean };

export interface CallSite {
  file: string;
  line: number;
  column: number;
  /**
   * Stable id, `FILE#SCOPE/CALLEE#N` (e.g. `src/agents/planner.ts#Planner.plan/chat.completions.create#1`):
   * no line number, so it survives edits above the call. See src/lint/call-site-id.ts and docs/call-sites.md.
   */
  callSiteId: string;
  kind: CallKind;
  /** Name of the rule pack (e.g. `openai`) or `wrapper` for `@attrib-model`/`@attrib-tool` functions. */
  sdk: string;
  /** The callee path as the pack names it, e.g. `chat.completions.create`. */
  callee: string;
  tags: Record<string, TagPresence>;
  missing: string[];
  status: CallSiteStatus;
  /**
   * For a call inside a function a framework runs (a LangGraph node, a tool's `execute`): the entry
   * sites that run it, as `file:line:col`, sorted. Present only when some were found.
   */
  inheritsFrom?: string[];
}

export interface LintFinding extends Finding {
  /** For `missing-tags`: the tags that do not reach the call; for `unverifiable-tags`: those that cannot be checked. */
  missing?: string[];
}

export interface LintSummary {
  files: number;
  callSites: number;
  compliant: number;
  violations: number;
  suppressed: number;
  /** Call sites that receive their tags from the agent entry sites that run them. */
  inherited: number;
  /**
   * Call sites that lack tags inside a function an agent framework runs, with no linted entry site
   * found to check instead (the `unresolved-inheritance` warning, shown). Their status stays
   * `compliant` (a warning is not a violation): a gate that must not let them through reads this
   * count or uses `--max-warnings 0`.
   */
  unresolved: number;
  errors: number;
  warnings: number;
  parseErrors: number;
  /** Findings hidden by an `attrib-ignore-next-line` comment. */
  suppressedFindings: number;
  /** Findings hidden because the baseline file lists them. */
  baselined: number;
}

/** What `lint()` needs. Everything that would otherwise come from the process is passed in. */
export interface LintOptions {
  /** Absolute working directory: paths resolve against it and output paths are relative to it. */
  cwd: string;
  /** Files, folders or globs. Empty or absent: the files of `cwd/tsconfig.json`, else every source file under `cwd`. */
  paths?: readonly string[];
  /** The loaded taxonomy (see `loadTaxonomy`). */
  taxonomy: Taxonomy;
  /** Folders of extra rule packs (`*.yaml`), added to the bundled ones. */
  rulePackDirs?: readonly string[];
  /** Lint only the files staged in git, reading their staged content. */
  staged?: boolean;
  /** Lint only the files changed against `base` (default `HEAD`), including untracked ones. */
  changed?: boolean;
  /** Git ref for `changed`: files differing from the merge base of `base` and HEAD. */
  base?: string;
  /** Baseline file (relative to `cwd`): findings it lists are not reported. */
  baseline?: string;
  /** Write every current finding to `baseline` instead of filtering by it. */
  updateBaseline?: boolean;
  /** "Today", for suppression expiry. Defaults to the current date. */
  now?: Date;
  /** Rule severities on top of the taxonomy's `lint.rules` (the CLI's `--rule`); `off` drops a rule's findings. */
  rules?: Iterable<readonly [LintRuleId, RuleSetting]>;
}

export interface LintResult {
  schemaVersion: 1;
  summary: LintSummary;
  callSites: CallSite[];
  findings: LintFinding[];
  /** Files (and .gitignore files) that were skipped and why: a FIFO, a device, a file over the size cap. */
  warnings: string[];
}
