import { ts } from './ts.js';
import type { RulePack } from './packs/types.js';
import type { ParsedFile } from './project.js';
import { roleOf } from './roles.js';
import { type ImportBinding, importBindings, importedNames, propertyName, unwrap } from './scope.js';

/**
 * A cheap, permissive pre-check before origin resolution, which is exact but costs lookups: a call
 * can only be a call site if the name it calls is a billable member or function of some pack, the
 * name of a project wrapper, or an imported binding (which may be an alias of either). Most calls
 * in a code base (`items.map`, `normalize(x)`) fail this test and are never resolved.
 */
export class CalleeNames {
  private readonly names = new Set<string>();
  private readonly learned = new WeakSet<ts.SourceFile>();
  /** Each file's local aliases of candidate names, found by `offsets` (which every walk starts with). */
  private readonly aliases = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
  private pattern?: { size: number; source: string; regex: RegExp };
  /** Which import bindings can lead to a call site: all of them, unless the relevance pass knows better. */
  private importLeads: (binding: ImportBinding, file: ParsedFile) => boolean = () => true;

  /** Names of the methods and functions that return an instance that is itself called (`ai.prompt(name)`). */
  private readonly callableMakers = new Set<string>();

  constructor(packs: readonly RulePack[]) {
    for (const pack of packs) {
      for (const m of pack.methods) if (m.path.length > 0) this.names.add(m.path[m.path.length - 1]!);
      // A static method (`VectorStoreIndex.fromDocuments`) is called by its last name.
      for (const f of pack.functions) this.names.add(f.name.slice(f.name.lastIndexOf('.') + 1));
      const callable = new Set(pack.methods.filter((m) => m.path.length === 0).flatMap((m) => m.classes ?? pack.classes.map((c) => c.name)));
      for (const r of pack.returns) {
        if (r.result && callable.has(r.result.class)) this.callableMakers.add(r.path ? r.path[r.path.length - 1]! : r.function!.split('.').pop()!);
      }
    }
  }

  /** Every candidate name so far (the packs' and the wrappers learned). */
  get all(): ReadonlySet<string> {
    return this.names;
  }

  /** Narrow the imported names worth resolving (see relevance.ts). */
  narrowImports(test: (binding: ImportBinding, file: ParsedFile) => boolean): void {
    this.importLeads = test;
  }

  /** Remember the names of the `@attrib-model` / `@attrib-tool` functions and methods a file declares. */
  learn(file: ParsedFile): void {
    if (this.learned.has(file.sf)) return;
    this.learned.add(file.sf);
    if (!mayDeclareWrappers(file.sf.text)) return;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && (roleOf(node) === 'model' || roleOf(node) === 'tool')) {
        const name = declaredName(node);
        if (name !== undefined) this.names.add(name);
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }

  /**
   * Sorted offsets in a file's text where a candidate callee name occurs as a word (`\b` is permissive
   * around `$`, which only costs a little extra walking). The walk only
   * descends into nodes that contain one, which skips most of a typical file's tree.
   */
  offsets(file: ParsedFile): number[] {
    if (this.pattern?.size !== this.names.size) {
      const source = [...this.names].map(escape).join('|');
      this.pattern = { size: this.names.size, source, regex: new RegExp(`\\b(?:${source})\\b`, 'g') };
    }
    const imports = new Set(importedNames(file.sf).filter((name) => this.isLeadingImport(file, name)));
    const aliases = localAliases(file.sf.text, (name) => this.names.has(name) || imports.has(name), this.callableMakers);
    this.aliases.set(file.sf, aliases);
    const local = [...imports, ...aliases].map(escape);
    // Most files add no name of their own: they share the one compiled pattern (compiling ~150
    // alternatives per file cost more than the scan; a per-character word scan with a Set lookup
    // was slower than either, measured on the bench corpus: docs/benchmarks-lint.md).
    const regex = local.length > 0 ? new RegExp(`\\b(?:${this.pattern.source}|${local.join('|')})\\b`, 'g') : this.pattern.regex;
    const out: number[] = [];
    for (const m of file.sf.text.matchAll(regex)) out.push(m.index);
    return out;
  }

  private isLeadingImport(file: ParsedFile, name: string): boolean {
    return importBindings(file.sf, name).some((b) => this.importLeads(b, file));
  }

  worthResolving(call: ts.CallExpression, file: ParsedFile): boolean {
    const callee = unwrap(call.expression);
    if (ts.isPropertyAccessExpression(callee)) return this.names.has(callee.name.text);
    if (ts.isElementAccessExpression(callee)) {
      const arg = callee.argumentExpression;
      return ts.isStringLiteralLike(arg) && this.names.has(arg.text);
    }
    if (ts.isIdentifier(callee)) return this.names.has(callee.text) || this.isLeadingImport(file, callee.text) || (this.aliases.get(file.sf)?.has(callee.text) ?? false);
    // `require('./llm')(...)`: a CommonJS module called as a whole.
    if (ts.isCallExpression(callee)) return ts.isIdentifier(callee.expression) && callee.expression.text === 'require';
    return false;
  }
}

/** `require('x')(`: the module is called at once (the `require` word then marks the call for the walk). */
const CALLED_REQUIRE = /(?<![\w$.])require\s*\(\s*(['"`])[^'"`\r\n]*\1\s*\)\s*\(/;

/**
 * `name = a.b.c` (a declaration or an assignment, with an optional type annotation) and
 * `name = require(...)`, by text. The value is a dotted chain; a `(` after it marks a call. The type
 * annotation is bounded: unbounded, each `key:` of a long one-line object literal would scan to its
 * end (quadratic on minified or hostile files).
 */
const ASSIGNMENT = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{0,200})?=(?![=>])\s*\(?\s*((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*[A-Za-z_$][\w$]*)\s*(\()?/g;

/** `const { complete: ask, other } = ...`: a flat object pattern (bounded, for the same reason). */
const DESTRUCTURING = /(?<![\w$.])(?:const|let|var)\s*\{([^{}=;]{0,1000})\}\s*(?::[^=;\n]{0,200})?=(?![=>])/g;
/** One renamed property of such a pattern: `complete: ask`. */
const RENAMED = /^\s*([A-Za-z_$][\w$]*)\s*:\s*([A-Za-z_$][\w$]*)\s*$/;

/**
 * Names a file binds to a candidate callee (`const ask = complete`, `const gen = ai.generateText`,
 * `const { complete: ask } = llm`, an alias of an alias), to a required module, which may itself be a wrapper
 * (`const ask = require('./llm')` where `module.exports = complete`), or to the result of a call that makes
 * an instance called itself (`const greet = ai.prompt('greet')`, `makers`). Calls through them are then
 * resolved; resolution, not this text match, decides whether they are call sites, so a match that
 * is not really an alias costs a lookup and nothing else. `require` itself is in the set when a
 * module is called as soon as it is required.
 */
function localAliases(text: string, known: (name: string) => boolean, makers: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (CALLED_REQUIRE.test(text)) out.add('require');
  const pairs: Array<[alias: string, target: string]> = [];
  for (const [, alias, chain, call] of text.matchAll(ASSIGNMENT)) {
    if (call !== undefined) {
      if (chain === 'require' || makers.has(chain!.split(/\s*\??\.\s*/).pop()!)) out.add(alias!);
      continue;
    }
    pairs.push([alias!, chain!.split(/\s*\??\.\s*/).pop()!]);
  }
  for (const [, pattern] of text.matchAll(DESTRUCTURING)) {
    for (const part of pattern!.split(',')) {
      const renamed = RENAMED.exec(part);
      if (renamed) pairs.push([renamed[2]!, renamed[1]!]);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [alias, target] of pairs) {
      if (out.has(alias) || !(known(target) || out.has(target))) continue;
      out.add(alias);
      grew = true;
    }
  }
  return out;
}

/** Whether a file's text has an `@attrib-model` / `@attrib-tool` tag (else it declares no wrapper). */
export function mayDeclareWrappers(text: string): boolean {
  return /@attrib-(model|tool)\b/.test(text);
}

/** The name a function is called by: its own, or that of the variable, property or member holding it. */
function declaredName(fn: ts.SignatureDeclaration): string | undefined {
  const own = fn.name && propertyName(fn.name as ts.PropertyName);
  if (own !== undefined) return own;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) return propertyName(parent.name);
  return undefined;
}

export function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
