/**
 * Whole-file JSON values (`.json`: an array, `{ "data": [...] }`, one OTLP TracesData) and the
 * sniffing that tells them apart from JSONL. A broken document must cost the broken part, not the
 * file: JSONL saved as `.json` (or piped in) whose first line is broken is still read line by line,
 * and an array with one bad element (`NaN`, a trailing comma, a cut-off last record) keeps the rest.
 */

/** How the text of a source is laid out. */
export type Container = 'lines' | 'document' | 'csv';

/** How many leading lines the sniff looks at for one that is a JSON object on its own. */
const SNIFF_LINES = 64;

/**
 * Sniff the first chunk: `[` is a JSON document; `{` is JSONL when its first line parses alone or
 * one of the next lines is a JSON object starting at column 0 (a pretty-printed document indents
 * its inner lines, JSONL does not); a single `{` line is a document; anything else is CSV.
 */
export function containerFromText(text: string): Container {
  const trimmed = text.trimStart();
  const first = trimmed.charAt(0) === '\ufeff' ? trimmed.charAt(1) : trimmed.charAt(0);
  if (first === '[') return 'document';
  if (first !== '{') return 'csv';
  if (trimmed.indexOf('\n') === -1) return 'document';
  return hasObjectLine(trimmed, SNIFF_LINES) ? 'lines' : 'document';
}

/** Whether one of the first `maxLines` complete lines (all when omitted) is a JSON object by itself. */
export function hasObjectLine(text: string, maxLines = Infinity): boolean {
  let from = 0;
  for (let n = 0; n < maxLines; n++) {
    const nl = text.indexOf('\n', from);
    // The part after the last newline of a chunk may be cut short: only complete lines count,
    // except at the very end of a whole text (maxLines = Infinity).
    if (nl === -1 && maxLines !== Infinity) return false;
    const line = text.slice(from, nl === -1 ? text.length : nl);
    if (line.charCodeAt(0) === 0x7b && parsesAsObject(line)) return true;
    if (nl === -1) return false;
    from = nl + 1;
  }
  return false;
}

function parsesAsObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** One element of a JSON array that could not be parsed as a whole: its text and where it starts. */
export interface ArrayElement {
  text: string;
  /** 1-based line of its first character. */
  line: number;
}

/** Elements of a broken document, or why it cannot be split into records. */
export type Recovered = { elements: ArrayElement[]; trailing?: { line: number } } | { unusable: true };

/**
 * Split a document that failed to parse into its records' texts, each to be parsed alone: the
 * elements of a top-level array, or of the `data` array of a top-level object. Strings and nesting
 * are tracked so commas inside records do not split them; a last record cut off by the end of the
 * file is its own (unparsable) element. Anything else is unusable as a whole.
 */
export function recoverElements(text: string): Recovered {
  const scan = new Scanner(text);
  scan.whitespace();
  if (text.charCodeAt(scan.i) === 0x5b) return scan.arrayElements();
  if (text.charCodeAt(scan.i) !== 0x7b || !scan.seekMemberArray('data')) return { unusable: true };
  return scan.arrayElements(true);
}

/** An object's array member split out of its text: the object without it, and the array's elements. */
export interface MemberArray {
  /** The object's text with the array replaced by `[]` (parse it for the other members). */
  shell: string;
  elements: ArrayElement[];
  /** False when the text ends inside the array (a cut-off file). */
  closed: boolean;
}

/**
 * For an object text that did not parse: its top-level member `key`, if that is an array, split
 * into elements (lines relative to `text`), so a nested container (OTLP's resourceSpans, scopeSpans,
 * spans) can be recovered element by element like a top-level array.
 */
export function splitMemberArray(text: string, key: string): MemberArray | undefined {
  const scan = new Scanner(text);
  scan.whitespace();
  if (text.charCodeAt(scan.i) !== 0x7b || !scan.seekMemberArray(key)) return undefined;
  const open = scan.i;
  const recovered = scan.arrayElements(true);
  if (!('elements' in recovered)) return undefined;
  const closed = scan.arrayEnd !== -1;
  return { shell: `${text.slice(0, open)}[]${closed ? text.slice(scan.arrayEnd + 1) : ''}`, elements: recovered.elements, closed };
}

class Scanner {
  i = 0;
  /** Where the last arrayElements() found its closing `]`; -1 when the text ended first. */
  arrayEnd = -1;
  /** Line of position `lineAt`, advanced as the scan goes (text is scanned once, forwards). */
  private line = 1;
  private lineAt = 0;

  constructor(private readonly text: string) {}

  whitespace(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) break;
      this.i++;
    }
  }

  lineOf(position: number): number {
    for (let k = this.text.indexOf('\n', this.lineAt); k !== -1 && k < position; k = this.text.indexOf('\n', k + 1)) this.line++;
    this.lineAt = position;
    return this.line;
  }

  /** Past a string starting at `i` (a `"`); returns its end (after the closing quote, or the text's end). */
  private skipString(): void {
    const t = this.text;
    let k = this.i + 1;
    for (;;) {
      const q = t.indexOf('"', k);
      if (q === -1) {
        this.i = t.length;
        return;
      }
      let backslashes = 0;
      for (let b = q - 1; t.charCodeAt(b) === 0x5c; b--) backslashes++;
      if (backslashes % 2 === 0) {
        this.i = q + 1;
        return;
      }
      k = q + 1;
    }
  }

  /** From a `{`, move to the `[` of its top-level member `key`; false when there is none. */
  seekMemberArray(key: string): boolean {
    const quoted = JSON.stringify(key);
    const t = this.text;
    let depth = 0;
    let expectKey = false;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 0x22) {
        const start = this.i;
        this.skipString();
        if (depth === 1 && expectKey && t.slice(start, this.i) === quoted) {
          this.whitespace();
          if (t.charCodeAt(this.i) === 0x3a) {
            this.i++;
            this.whitespace();
            if (t.charCodeAt(this.i) === 0x5b) return true;
          }
        }
        expectKey = false;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        depth++;
        expectKey = c === 0x7b && depth === 1;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth <= 0) return false;
      } else if (c === 0x2c && depth === 1) expectKey = true;
      this.i++;
    }
    return false;
  }

  /**
   * From a `[`, the texts of its elements (empty ones, as from a trailing comma, are not elements).
   * `inObject`: the array is a member of an object, whose other members follow it (not trailing text).
   */
  arrayElements(inObject = false): Recovered {
    const t = this.text;
    const elements: ArrayElement[] = [];
    this.i++;
    let depth = 0;
    let start = this.i;
    const push = (end: number) => {
      const raw = t.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim().length > 0) elements.push({ text: raw.trim(), line: this.lineOf(start + lead) });
    };
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 0x22) {
        this.skipString();
        continue;
      }
      if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0 && c === 0x5d) {
          this.arrayEnd = this.i;
          push(this.i);
          this.i++;
          this.whitespace();
          return !inObject && this.i < t.length ? { elements, trailing: { line: this.lineOf(this.i) } } : { elements };
        }
        // A stray closing brace at the top stays part of its (unparsable) element.
        if (depth > 0) depth--;
      } else if (c === 0x2c && depth === 0) {
        push(this.i);
        start = this.i + 1;
      }
      this.i++;
    }
    // Cut off before the closing bracket: what is left is the last (incomplete) element.
    this.arrayEnd = -1;
    push(t.length);
    return { elements };
  }
}
