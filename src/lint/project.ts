import { statSync } from 'node:fs';
import path from 'node:path';
import { ts } from './ts.js';
import { displayPath } from '../util/paths.js';
import { decodeText } from '../util/text.js';
import { UnreadableFile, readRegularFileSync } from '../util/read-user-file.js';
import type { TsconfigPaths } from './tsconfig-paths.js';

/** One parsed source file. `ts.createSourceFile` only: no Program, no type checker. */
export interface ParsedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory, `/` separators. */
  display: string;
  sf: ts.SourceFile;
  /**
   * The first syntax error, when the file does not parse. `offset` is where it starts: the parser
   * reads left to right, so the nodes that end before it are as written; after it the tree is the
   * parser's recovery guess.
   */
  parseError?: { line: number; column: number; offset: number; message: string };
}

/** A source file larger than this is skipped with a warning (minified bundles run to a few MiB). */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;
const RESOLVE_EXTENSIONS = [...SOURCE_EXTENSIONS, '.d.ts'];
/** NodeNext-style `./x.js` imports name the compiled file; the source is `./x.ts`. */
const COMPILED_TO_SOURCE: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

interface ParseDiagnostic {
  start: number;
  messageText: string | ts.DiagnosticMessageChain;
}

/** Parse one file. JSDoc is not parsed (attrib reads its `@attrib-*` tags from comment text), which keeps parsing fast. */
export function parseFile(absolute: string, text: string, cwd: string): ParsedFile {
  const parse = (source: string) =>
    ts.createSourceFile(
      absolute,
      source,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      true,
      scriptKind(absolute),
    );
  let sf: ts.SourceFile;
  try {
    sf = parse(text);
  } catch (error) {
    // The parser recurses per nesting level: thousands of nested brackets (generated or hostile code)
    // exhaust the stack. That file becomes a parse error with an empty tree; the others are linted.
    if (!(error instanceof RangeError)) throw error;
    return {
      path: absolute,
      display: displayPath(absolute, cwd),
      sf: parse(''),
      parseError: { line: 1, column: 1, offset: 0, message: 'the file is nested too deeply to parse (the parser ran out of stack)' },
    };
  }
  const file: ParsedFile = { path: absolute, display: displayPath(absolute, cwd), sf };
  // Syntax errors are recorded on the source file by the parser; they are not public API but stable for years.
  const diagnostics = (sf as unknown as { parseDiagnostics?: ParseDiagnostic[] }).parseDiagnostics;
  // The leftmost error (the parser reports in reading order, but speculative parses may add later).
  const first = diagnostics?.reduce<ParseDiagnostic | undefined>((a, d) => (a === undefined || d.start < a.start ? d : a), undefined);
  if (first) {
    const { line, character } = sf.getLineAndCharacterOfPosition(first.start);
    file.parseError = { line: line + 1, column: character + 1, offset: first.start, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') };
  }
  return file;
}

/**
 * The files attrib can see: parsed on first use (so following an import parses just that file),
 * read from `overrides` (staged content) before the disk, and resolved through relative specifiers
 * and the nearest tsconfig's `paths` and `baseUrl`. Package specifiers are never resolved to
 * node_modules: it may not exist.
 */
export class Project {
  private readonly parsed = new Map<string, ParsedFile | null>();
  private readonly existence = new Map<string, boolean>();
  private readonly resolved = new Map<string, string | undefined>();
  /** Texts read but not parsed (yet); undefined for files that cannot be read. */
  private readonly texts = new Map<string, string | undefined>();
  /** Why a file could not be read (a special file, too large...), for the warning that skips it. */
  private readonly unreadable = new Map<string, UnreadableFile>();

  constructor(
    readonly cwd: string,
    private readonly overrides: ReadonlyMap<string, string> = new Map(),
    /** The nearest tsconfig's `paths` and `baseUrl` of each importing file (none: only relative imports resolve). */
    private readonly tsconfigs?: TsconfigPaths,
    /** Called once for every file parsed, targets and followed imports alike. */
    private readonly onParse?: (file: ParsedFile) => void,
    /** Files known to exist (the lint targets), so resolving an import to them needs no stat. */
    known: Iterable<string> = [],
  ) {
    for (const file of known) this.existence.set(file, true);
  }

  /** The parsed file at an absolute path, or undefined when it cannot be read. */
  get(absolute: string): ParsedFile | undefined {
    const known = this.parsed.get(absolute);
    if (known !== undefined) return known ?? undefined;
    const text = this.text(absolute);
    if (text === undefined) {
      this.parsed.set(absolute, null);
      return undefined;
    }
    // From here on the syntax tree holds the text.
    this.texts.delete(absolute);
    const file = parseFile(absolute, text, this.cwd);
    this.parsed.set(absolute, file);
    this.onParse?.(file);
    return file;
  }

  /** The text of a file (staged content before the disk), without parsing it; undefined when it cannot be read. */
  text(absolute: string): string | undefined {
    const parsed = this.parsed.get(absolute);
    if (parsed) return parsed.sf.text;
    let text = this.overrides.get(absolute) ?? this.texts.get(absolute);
    if (text === undefined && !this.texts.has(absolute)) {
      try {
        text = decodeText(readRegularFileSync(absolute, MAX_SOURCE_BYTES));
      } catch (error) {
        if (error instanceof UnreadableFile) this.unreadable.set(absolute, error);
        text = undefined;
      }
      this.texts.set(absolute, text);
    }
    return text;
  }

  /** Why `text(absolute)` gave nothing, when it was read and refused. */
  whyUnreadable(absolute: string): UnreadableFile | undefined {
    return this.unreadable.get(absolute);
  }

  /**
   * Parse the project files a file imports or re-exports directly whose text `wanted` accepts (those
   * that declare wrappers, so their names are known before calls are classified). The others are
   * parsed only if resolution needs them.
   */
  touchImports(file: ParsedFile, wanted: (text: string) => boolean): void {
    for (const s of file.sf.statements) {
      const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      const resolved = spec === undefined ? undefined : this.resolve(spec, file.path);
      const text = resolved === undefined ? undefined : this.text(resolved);
      if (resolved !== undefined && text !== undefined && wanted(text)) this.get(resolved);
    }
  }

  /** The absolute path of the project file a specifier names, if it is one. */
  resolve(specifier: string, from: string): string | undefined {
    const key = `${path.dirname(from)}\0${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.resolveUncached(specifier, from);
    this.resolved.set(key, found);
    return found;
  }

  private resolveUncached(specifier: string, from: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return this.probe(path.resolve(path.dirname(from), specifier));
    }
    const mapping = this.tsconfigs?.mappingFor(from);
    if (!mapping) return undefined;
    for (const [pattern, targets] of mapping.paths) {
      const star = pattern.indexOf('*');
      let captured: string | undefined;
      if (star === -1) captured = pattern === specifier ? '' : undefined;
      else {
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
          captured = specifier.slice(prefix.length, specifier.length - suffix.length);
        }
      }
      if (captured === undefined) continue;
      for (const target of targets) {
        const found = this.probe(path.resolve(mapping.base, target.replace('*', captured)));
        if (found) return found;
      }
    }
    // `baseUrl: ./src` makes `import { tools } from 'tools.js'` the project's src/tools.ts; a package
    // name (`openai`) finds no file there and stays a package, as with tsc.
    return mapping.baseUrl === undefined ? undefined : this.probe(path.resolve(mapping.baseUrl, specifier));
  }

  private probe(base: string): string | undefined {
    const ext = path.extname(base);
    const candidates: string[] = [];
    for (const source of COMPILED_TO_SOURCE[ext] ?? []) candidates.push(base.slice(0, -ext.length) + source);
    candidates.push(base);
    for (const e of RESOLVE_EXTENSIONS) candidates.push(base + e);
    for (const e of RESOLVE_EXTENSIONS) candidates.push(path.join(base, `index${e}`));
    return candidates.find((c) => this.isFile(c));
  }

  private isFile(absolute: string): boolean {
    if (this.overrides.has(absolute)) return true;
    let known = this.existence.get(absolute);
    if (known === undefined) {
      try {
        // Most probes miss (`./x` before `./x.ts`): no exception for those, they cost more than the stat.
        known = statSync(absolute, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        known = false;
      }
      this.existence.set(absolute, known);
    }
    return known;
  }
}
