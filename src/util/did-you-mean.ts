import { distance } from 'fastest-levenshtein';

const normalize = (s: string) => s.toLowerCase().replace(/[-_\s.]/g, '');

/**
 * The closest candidate to `input`, if it is a plausible typo or abbreviation of it.
 * Comparison ignores case and separators (`workloadClass` ~ `workload_class`). A candidate matches
 * when its edit distance is at most a third of the longer word (1 to 3 edits), or, failing that, when
 * it is the only candidate that starts with the input (`prod` -> `production`, at least 3 letters).
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalize(input);
  if (wanted.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  const prefixed: string[] = [];
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const normalized = normalize(candidate);
    const d = isAdjacentSwap(wanted, normalized) ? 1 : distance(wanted, normalized);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
    if (wanted.length >= 3 && normalized.startsWith(wanted)) prefixed.push(candidate);
  }
  if (best !== undefined) {
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(wanted.length, normalize(best).length) / 3)));
    if (bestDistance <= limit) return best;
  }
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `mial` vs `mail`: one transposition, which plain Levenshtein counts as two edits. */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!];
}
