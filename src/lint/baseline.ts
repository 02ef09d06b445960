import { createHash } from 'node:crypto';
import { ConfigError } from '../util/errors.js';
import { readUserFile } from '../util/read-user-file.js';
import { writeOutput } from '../util/write-output.js';
import type { LintFinding } from './types.js';

/**
 * A baseline lists accepted findings so a large code base can adopt attrib and fail only on new
 * ones. Entries are keyed by a fingerprint of the finding's content (rule, file, message and the
 * text of its source line, whitespace-collapsed), never its line number, so unrelated edits that
 * shift lines keep matching. Identical findings are counted, not merged.
 */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  message: string;
  count: number;
}

export interface BaselineFile {
  schemaVersion: 1;
  entries: BaselineEntry[];
}

/** Content fingerprint of a finding; `lineText` is the source line it points at. */
export function fingerprint(finding: LintFinding, lineText: string): string {
  const content = lineText.trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(`${finding.ruleId}\0${finding.file}\0${finding.message}\0${content}`).digest('hex').slice(0, 20);
}

const keyOf = (e: { file: string; ruleId: string; fingerprint: string }) => `${e.file}\0${e.ruleId}\0${e.fingerprint}`;

export function buildBaseline(findings: ReadonlyArray<{ finding: LintFinding; fingerprint: string }>): BaselineFile {
  const byKey = new Map<string, BaselineEntry>();
  for (const { finding, fingerprint: fp } of findings) {
    const entry = { file: finding.file, ruleId: finding.ruleId, fingerprint: fp, message: finding.message, count: 1 };
    const known = byKey.get(keyOf(entry));
    if (known) known.count++;
    else byKey.set(keyOf(entry), entry);
  }
  const entries = [...byKey.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  return { schemaVersion: 1, entries };
}

/** How many of each fingerprint the baseline still accepts; consumed as findings match. */
export class BaselineMatcher {
  private readonly remaining = new Map<string, number>();

  constructor(baseline: BaselineFile) {
    for (const e of baseline.entries) this.remaining.set(keyOf(e), (this.remaining.get(keyOf(e)) ?? 0) + e.count);
  }

  /** True (and one fewer left) when the baseline accepts this finding. */
  take(finding: LintFinding, fp: string): boolean {
    const key = keyOf({ file: finding.file, ruleId: finding.ruleId, fingerprint: fp });
    const left = this.remaining.get(key) ?? 0;
    if (left === 0) return false;
    this.remaining.set(key, left - 1);
    return true;
  }
}

export async function readBaseline(file: string, cwd: string): Promise<BaselineFile> {
  const { text, shown } = await readUserFile(file, { cwd, what: 'baseline file', hint: 'Create it with `attrib lint --baseline FILE --update-baseline`.' });
  const invalid = (why: string) => new ConfigError(`baseline file ${shown} is invalid: ${why}`, 'Regenerate it with `attrib lint --baseline FILE --update-baseline`.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const b = data as Partial<BaselineFile>;
  if (typeof data !== 'object' || data === null || b.schemaVersion !== 1 || !Array.isArray(b.entries)) throw invalid('expected `{ "schemaVersion": 1, "entries": [...] }`');
  b.entries.forEach((e, i) => {
    const ok = typeof e === 'object' && e !== null && typeof e.file === 'string' && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string' && Number.isInteger(e.count) && e.count > 0;
    if (!ok) throw invalid(`entry ${i} needs string \`file\`, \`ruleId\`, \`fingerprint\` and a positive integer \`count\``);
  });
  return data as BaselineFile;
}

/** Write the baseline, never over one of `inputs` (the linted files, the taxonomy: `--baseline src/a.ts` is a mistake). */
export async function writeBaseline(file: string, cwd: string, baseline: BaselineFile, inputs: readonly (string | undefined)[] = []): Promise<void> {
  await writeOutput(file, `${JSON.stringify(baseline, null, 2)}\n`, { cwd, what: 'baseline file', inputs });
}
