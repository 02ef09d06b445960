import { type ArrayElement, splitMemberArray } from '../json-document.js';
import { isRecord } from '../step.js';

/**
 * An OTLP/JSON TracesData file that does not parse as a whole (one span with `NaN`, a trailing
 * comma, a file cut off mid-span) must cost the broken element, not every span of the file, just as
 * a broken JSON array costs one element (json-document.ts). The document is rebuilt from the parts
 * that parse: a resourceSpans element that does not parse is split into its scopeSpans, and a
 * scopeSpans element into its spans. A span that does not parse is skipped; a resource or scope
 * whose own members (its attributes, its name) do not parse is skipped with all it holds, since
 * reading its spans without them would attribute them wrongly.
 */

/** A skipped part of a broken document: its line and why. */
export interface OtlpSkip {
  line: number;
  reason: string;
}

/** Each level of the envelope, the member that holds the next one (OTLP before 0.15 said instrumentationLibrarySpans). */
const CHILDREN: readonly (readonly string[])[] = [['scopeSpans', 'instrumentationLibrarySpans'], ['spans'], []];
const WHAT = ['scopes and spans', 'spans', ''];

/** The readable part of a broken TracesData text; undefined when it has no top-level `resourceSpans` array. */
export function recoverOtlp(text: string): { value: { resourceSpans: unknown[] }; skips: OtlpSkip[] } | undefined {
  const top = splitMemberArray(text, 'resourceSpans');
  if (!top) return undefined;
  const skips: OtlpSkip[] = [];
  return { value: { resourceSpans: recoverLevel(top.elements, 1, 0, 'resourceSpans', skips) }, skips };
}

function recoverLevel(elements: readonly ArrayElement[], baseLine: number, depth: number, path: string, skips: OtlpSkip[]): unknown[] {
  const kept: unknown[] = [];
  elements.forEach((element, index) => {
    const where = `${path}[${index}]`;
    const line = baseLine + element.line - 1;
    let problem: string;
    try {
      kept.push(JSON.parse(element.text));
      return;
    } catch (error) {
      problem = (error as Error).message;
    }
    for (const child of CHILDREN[depth]!) {
      const split = splitMemberArray(element.text, child);
      if (!split) continue;
      // Cut off inside the array: the members before it are whole, those after it are gone.
      const shell = parseOrUndefined(split.closed ? split.shell : `${split.shell}}`);
      if (!isRecord(shell)) break; // its own members are broken too
      shell[child] = recoverLevel(split.elements, line, depth + 1, `${where}.${child}`, skips);
      kept.push(shell);
      return;
    }
    const lost = WHAT[depth] ? `: its ${WHAT[depth]} are not read` : '';
    skips.push({ line, reason: `${where}: not valid JSON: ${problem}${lost}` });
  });
  return kept;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
