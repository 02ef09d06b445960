import { RE2JS } from 're2js';

/**
 * Tag `pattern`s come from a taxonomy file, and the values matched against them from source code and
 * logs: both are untrusted. Two defences, because either alone leaves a gap:
 *
 * - Matching never backtracks: values are matched with RE2JS, a linear-time engine (a port of RE2),
 *   so no pattern, however it is written, can hang lint or report. RE2 has no lookaround and no
 *   backreferences; a pattern using them is refused with a clear finding.
 * - `taxonomy validate` still flags patterns that would backtrack catastrophically in JavaScript
 *   (the runtime layer and users' own code match tags with RegExp): nested quantifiers (safe-regex2)
 *   and, which safe-regex2 misses, alternatives that can start with the same character under a
 *   repeat: `^(a|a)+$`, `^(a|aa)+$`, `(a|b|ab)*c$`, `^(\w|\d)+$`.
 */

export interface PatternMatcher {
  test(value: string): boolean;
}

/** The linear-time matcher of a pattern, or the reason RE2 cannot take it. */
export function linearMatcher(pattern: string): PatternMatcher | { unsupported: string } {
  try {
    const re = RE2JS.compile(pattern);
    return { test: (value) => re.test(value) };
  } catch (error) {
    return { unsupported: (error as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

type Atom = { kind: 'char'; source: string } | { kind: 'group'; branches: Term[][] } | { kind: 'empty' };
interface Term {
  atom: Atom;
  min: number;
  max: number;
}

/** A small parser for the JavaScript regex syntax, enough to see groups, alternatives and quantifiers. */
class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  alternatives(): Term[][] {
    const branches: Term[][] = [[]];
    while (this.i < this.s.length && this.s[this.i] !== ')') {
      if (this.s[this.i] === '|') {
        this.i++;
        branches.push([]);
      } else branches[branches.length - 1]!.push(this.term());
    }
    return branches;
  }

  private term(): Term {
    const atom = this.atom();
    let min = 1;
    let max = 1;
    const ch = this.s[this.i];
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
    if (ch === '*' || ch === '+' || ch === '?') {
      this.i++;
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
    } else if (braces) {
      this.i += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    } else return { atom, min, max };
    if (this.s[this.i] === '?') this.i++; // lazy: same choices, other order
    return { atom, min, max };
  }

  private atom(): Atom {
    const s = this.s;
    const ch = s[this.i]!;
    if (ch === '(') {
      this.i++;
      const head = /^\?(?::|=|!|<=|<!|<[^>]*>)/.exec(s.slice(this.i))?.[0] ?? '';
      this.i += head.length;
      // Lookarounds match no text of their own; `(?:` and named groups are groups.
      const lookaround = ['?=', '?!', '?<=', '?<!'].includes(head);
      const branches = this.alternatives();
      this.i++; // `)`
      return lookaround ? { kind: 'empty' } : { kind: 'group', branches };
    }
    if (ch === '[') {
      const end = /^\[\^?(?:\\.|[^\\\]])*\]/.exec(s.slice(this.i));
      const source = end ? end[0] : s.slice(this.i);
      this.i += source.length;
      return { kind: 'char', source };
    }
    if (ch === '\\') {
      const escape = /^\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|c[a-zA-Z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|[\s\S])/.exec(s.slice(this.i))![0];
      this.i += escape.length;
      if (escape === '\\b' || escape === '\\B') return { kind: 'empty' };
      // A backreference can repeat anything: treat it as any character.
      if (/^\\(?:[1-9]|k<)/.test(escape)) return { kind: 'char', source: '[\\s\\S]' };
      return { kind: 'char', source: escape };
    }
    this.i++;
    if (ch === '^' || ch === '$') return { kind: 'empty' };
    if (ch === '.') return { kind: 'char', source: '.' };
    return { kind: 'char', source: ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') };
  }
}

function nullable(terms: readonly Term[]): boolean {
  return terms.every((t) => t.min === 0 || atomNullable(t.atom));
}
function atomNullable(atom: Atom): boolean {
  return atom.kind === 'empty' || (atom.kind === 'group' && atom.branches.some(nullable));
}

/** The one-character sources a sequence can start with. */
function firsts(terms: readonly Term[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (t.atom.kind === 'char') out.push(t.atom.source);
    else if (t.atom.kind === 'group') for (const b of t.atom.branches) out.push(...firsts(b));
    if (!(t.min === 0 || atomNullable(t.atom))) break;
  }
  return out;
}

/** Characters a class or escape is tried on: printable ASCII, whitespace and a few beyond ASCII. */
const SAMPLES = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)), '\t', '\n', '\u00a0', 'é', 'ß', 'Ж', '日', '\u2028'];
const accepted = new Map<string, Set<string>>();

function acceptedBy(source: string): Set<string> {
  let set = accepted.get(source);
  if (!set) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${source})$`);
    } catch {
      re = /^[\s\S]$/;
    }
    set = new Set(SAMPLES.filter((c) => re.test(c)));
    accepted.set(source, set);
  }
  return set;
}

function overlap(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.flatMap((s) => [...acceptedBy(s)]));
  return b.some((s) => [...acceptedBy(s)].some((c) => left.has(c)));
}

/**
 * Whether a repeated part of the pattern holds alternatives that can match the same text: under a
 * backtracking engine each repetition then doubles the ways to fail (exponential time). Alternatives
 * are compared by the characters they can start with, which also flags harmless ones such as
 * `(ab|ac)+`: rewriting those as `(a[bc])+` is easy, a missed hang is not.
 */
export function overlappingAlternation(pattern: string): string | undefined {
  let found: string | undefined;
  const visit = (branches: readonly Term[][], repeated: boolean): void => {
    if (found !== undefined) return;
    if (repeated && branches.length > 1) {
      if (branches.some(nullable)) found = 'an alternative that can match nothing';
      for (let i = 0; i < branches.length && found === undefined; i++) {
        for (let j = i + 1; j < branches.length && found === undefined; j++) {
          if (overlap(firsts(branches[i]!), firsts(branches[j]!))) found = 'alternatives that can start with the same character';
        }
      }
    }
    for (const branch of branches) for (const t of branch) if (t.atom.kind === 'group') visit(t.atom.branches, repeated || t.max > 1);
  };
  try {
    visit(new Parser(pattern).alternatives(), false);
  } catch {
    return undefined;
  }
  return found;
}
