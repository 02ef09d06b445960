import { assignmentsOf } from './assignments.js';
import { type CalleeNames, escape, mayDeclareWrappers } from './callee-names.js';
import { findExport, importedName } from './exports.js';
import type { Origin, OriginResolver } from './origin.js';
import type { RulePack } from './packs/types.js';
import type { ParsedFile, Project } from './project.js';
import { propertyName } from './scope.js';
import { ts } from './ts.js';
import { pushAll } from '../util/arrays.js';

/**
 * Which lint targets can hold a call site, decided from their text, so that the others are never
 * parsed (parsing is most of lint's time, and most files of a code base call no model).
 *
 * The walk only resolves a call whose callee's last name is a candidate (a pack's method or function
 * name, a wrapper's name) or an imported binding. So a file can hold a call site only if its text has
 * - a pack module specifier in quotes (`'openai'`, `'openai/index'`), or an `@attrib-` tag;
 * - a candidate name, or a name another relevant file exports whose value can lead to a call site
 *   (a client, an SDK or wrapper function, a function returning one, a class or object holding one,
 *   a type alias of a client; `export { complete as ask }` makes `ask` such a name);
 * - or an import of a relevant file whose default export is such a value (`import ask from './llm'`
 *   names it freely).
 * Relevant files are parsed to learn their names, which can make more files relevant: repeated until
 * nothing changes. Files the targets import are read (not parsed) too, since their exports reach the
 * targets. Matching is by word in the raw text, comments and strings included, except module
 * specifiers (`from '../chat/planner'` names a folder, not a callee `chat`): it may keep a file
 * needlessly, never drop one that holds a call site.
 */
export function relevantFiles(targets: readonly string[], project: Project, origins: OriginResolver, packs: readonly RulePack[], names: CalleeNames): Set<string> {
  const modules = packs.flatMap((p) => p.modules).map(escape);
  const marker = modules.length > 0 ? new RegExp(`@attrib-|(['"\`])(?:${modules.join('|')})(?:/[^'"\`\\r\\n]*)?\\1`) : /@attrib-/;
  // The packs' method and function names (`create`, `run`, `parse`, `generateText`) are common words:
  // they count only where a call can use them (`x.create`, `create(`, `['create']`). Every other
  // name (classes, the names relevant files export, wrappers) counts anywhere it occurs.
  const packNames = new Set(names.all);
  const callee = calleeNamePattern(packNames);
  /** Every name that can lead to a call site: the packs' and those learned. */
  const words = new Set<string>(packNames);
  /** The names that count anywhere, in the order learned (a pack name too, once a file exports it). */
  const order: string[] = [];
  const plain = new Set<string>();
  const learn = (name: string) => {
    if (plain.has(name)) return;
    plain.add(name);
    words.add(name);
    order.push(name);
  };
  for (const pack of packs) for (const c of pack.classes) learn(c.name);
  const exporter = new InterestingExports(project, origins);

  interface Entry {
    path: string;
    /** The text with its module specifiers left out: `'../chat/planner'` names no callee `chat`. */
    words: string;
    /** Whether the text has a pack module or an `@attrib-` tag (it never changes). */
    marked: boolean;
    /** Project files it imports. */
    imports: string[];
    /** How many of `order` the text was tested against already (a later pass tests only the new ones). */
    tested: number;
    /** Whether the text has a pack's method or function name where a call can use it. */
    callsPackName: boolean;
  }
  const pending = new Map<string, Entry>();
  /** Every file read: the targets and, transitively, the project files they import. */
  const seen = new Set<string>();
  const relevant = new Set<string>();
  /** Relevant files whose default export leads to a call site. */
  const defaults = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = project.text(file);
    if (text === undefined) return;
    const words = withoutSpecifiers(text);
    pending.set(file, { path: file, words, marked: marker.test(text), imports: importsOf(file, text, project), tested: 0, callsPackName: callee?.test(words) ?? false });
  };
  for (const t of targets) add(t);

  /** The word pattern of each suffix of `order` that a pass needed. */
  const patterns = new Map<number, RegExp>();
  const hasWord = (entry: Entry): boolean => {
    const from = entry.tested;
    entry.tested = order.length;
    if (from === order.length) return false;
    let pattern = patterns.get(from);
    if (!pattern) {
      pattern = new RegExp(`(?<![\\w$])(?:${order.slice(from).map(escape).join('|')})(?![\\w$])`);
      patterns.set(from, pattern);
    }
    return pattern.test(entry.words);
  };

  /** Targets not yet found relevant (those that cannot be read never are). */
  const isTarget = new Set(targets);
  const waiting = new Set(targets.filter((t) => pending.has(t)));
  /** Files whose exports were learned: what the walk may skip importing from is known only for these. */
  const learned = new Set<string>();
  /** Whether the fixpoint ran to its end (every file read is then settled: learned or not relevant). */
  let settled = true;
  for (let changed = true; changed; ) {
    changed = false;
    const found: Entry[] = [];
    // Entries added while iterating (the files an entry imports) are visited in the same pass.
    for (const entry of pending.values()) {
      for (const i of entry.imports) add(i);
      if (entry.marked || entry.callsPackName || hasWord(entry) || entry.imports.some((i) => defaults.has(i))) found.push(entry);
    }
    for (const entry of found) waiting.delete(entry.path);
    if (waiting.size === 0) {
      // Every target is relevant: what the other files export can change nothing more. Learning it
      // parsed most of a large project's import graph for a few staged files (issue 14). Only the
      // wrappers they declare still matter (every wrapper file of the graph is found by now: its
      // `@attrib-` tag marks it in the first pass), and project.get learns them.
      for (const entry of found) {
        if (relevant.has(entry.path)) continue;
        relevant.add(entry.path);
        if (isTarget.has(entry.path) || mayDeclareWrappers(project.text(entry.path) ?? '')) project.get(entry.path);
      }
      settled = false;
      break;
    }
    for (const entry of found) {
      pending.delete(entry.path);
      relevant.add(entry.path);
      changed = true;
      const file = project.get(entry.path);
      if (!file) continue;
      learned.add(file.path);
      for (const name of exporter.of(file)) {
        if (name === 'default') defaults.add(file.path);
        else learn(name);
      }
    }
    // Wrappers declared by the files parsed so far.
    for (const n of names.all) if (!packNames.has(n)) learn(n);
  }

  // An imported name is worth resolving only if what it names can lead to a call site.
  names.narrowImports((binding, file) => {
    const imported = importedName(binding);
    if (!imported || origins.packsOf(imported.module)) return true;
    const source = project.resolve(imported.module, file.path);
    // A package no pack covers leads nowhere; a file the pass did not settle may lead anywhere.
    if (source === undefined) return false;
    if (!(settled ? seen : learned).has(source) || imported.name === '*') return true;
    return imported.name === 'default' ? defaults.has(source) : words.has(imported.name);
  });
  return new Set(targets.filter((t) => relevant.has(t)));
}

/** Module specifiers in import, export-from, `require()` and `import()` forms, by text. */
const IMPORT = /(?<![\w$.])(?:from|import|require)\s*\(?\s*(['"])([^'"\r\n]+)\1/g;

/**
 * A pack's method or function name where a call can use it: after a dot (`x.create`, `x?.create`,
 * `fn = x.create`), before a call (`create(`, `create<T>(`, `` create`...` ``, `create?.(`), or quoted
 * (`x['create']`). A bare word elsewhere (`process.env`, `// start`, `{ parse }`) is not one.
 */
function calleeNamePattern(names: Iterable<string>): RegExp | undefined {
  const list = [...names].map(escape).join('|');
  if (list === '') return undefined;
  const name = `(?:${list})`;
  return new RegExp(`(?<=\\.\\s*)${name}(?![\\w$])|(?<![\\w$])${name}(?=\\s*(?:\\?\\.\\s*)?[(\`<])|(['"\`])${name}\\1`);
}

/** The text without the specifiers of its imports, for the word test (a module path is no call name). */
function withoutSpecifiers(text: string): string {
  return text.replace(IMPORT, (match: string, quote: string, specifier: string) => match.slice(0, match.length - specifier.length - 1) + quote);
}

function importsOf(file: string, text: string, project: Project): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const resolved = project.resolve(m[2]!, file);
    if (resolved !== undefined) out.push(resolved);
  }
  return out;
}

/** The names a file exports whose values can lead to a call site, found through origin resolution. */
class InterestingExports {
  private readonly memo = new Map<ts.Node, boolean>();
  /** Values without a node of their own (collections, unions) being walked, and what they led to. */
  private readonly walking = new Set<Origin>();
  private readonly walked = new WeakMap<Origin, boolean>();

  constructor(
    private readonly project: Project,
    private readonly origins: OriginResolver,
  ) {}

  of(file: ParsedFile): string[] {
    return exportedNames(this.project, file, new Set()).filter((name) => {
      const target = findExport(this.project, file, name);
      if (target?.kind === 'decl' && ts.isTypeAliasDeclaration(target.node)) return this.leads(this.origins.ofType(target.node.type, target.file));
      return this.leads(this.origins.ofExport(target));
    });
  }

  /** Whether a value can be (or hold, or return) a billable SDK member or a wrapper. */
  private leads(origin: Origin | undefined): boolean {
    if (!origin) return false;
    // A value that holds itself (a recursive type: `type Json = string | Json[]`) leads nowhere by itself.
    const known = this.walked.get(origin);
    if (known !== undefined) return known;
    if (this.walking.has(origin)) return false;
    this.walking.add(origin);
    try {
      const result = this.leadsOnce(origin);
      this.walked.set(origin, result);
      return result;
    } finally {
      this.walking.delete(origin);
    }
  }

  private leadsOnce(origin: Origin): boolean {
    switch (origin.kind) {
      case 'sdk-module':
      case 'sdk-export':
      case 'sdk-instance':
      case 'project-module':
        return true;
      case 'function':
        if (origin.role === 'model' || origin.role === 'tool') return true;
        return this.once(origin.node, () => this.leads(this.origins.resultOf(origin)));
      case 'class':
      case 'instance':
        return this.once(origin.node, () => this.classLeads(origin));
      case 'either':
        return origin.options.some((o) => this.leads(o));
      case 'collection':
        return this.leads(origin.items());
      case 'entry':
        return this.leads(origin.value());
      case 'given':
        return [...origin.members.values()].some((o) => this.leads(o));
      case 'shape': {
        const node = origin.node;
        const bases = ts.isInterfaceDeclaration(node) ? (node.heritageClauses?.flatMap((h) => h.types) ?? []) : [];
        return this.once(node, () => node.members.some((m) => this.memberLeads(origin, propertyName(m.name))) || bases.some((b) => this.leads(this.origins.ofType(b, origin.file))));
      }
      case 'object':
        return this.once(origin.node, () =>
          origin.node.properties.some((p) =>
            ts.isSpreadAssignment(p) ? this.leads(this.origins.of(p.expression, origin.file)) : this.memberLeads(origin, propertyName(p.name)),
          ),
        );
    }
  }

  private classLeads(origin: Extract<Origin, { kind: 'class' | 'instance' }>): boolean {
    const cls = origin.node;
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (heritage && this.leads(this.origins.of(heritage.expression, origin.file))) return true;
    for (const m of cls.members) {
      if (this.memberLeads(origin, propertyName(m.name))) return true;
      if (!ts.isConstructorDeclaration(m)) continue;
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && this.memberLeads(origin, p.name.text)) return true;
    }
    // Fields only assigned in a method (`this.client = new OpenAI()`).
    for (const name of assignmentsOf(origin.file.sf).byMember.get(cls)?.keys() ?? []) if (this.memberLeads(origin, name)) return true;
    return false;
  }

  private memberLeads(base: Origin, name: string | undefined): boolean {
    return name !== undefined && this.leads(this.origins.member(base, name));
  }

  /** Memoised per node; a cycle (a class holding itself) leads nowhere by itself. */
  private once(node: ts.Node, compute: () => boolean): boolean {
    const known = this.memo.get(node);
    if (known !== undefined) return known;
    this.memo.set(node, false);
    const result = compute();
    this.memo.set(node, result);
    return result;
  }
}

/** Every name a module exports (`default` included), through `export *` of project files. */
function exportedNames(project: Project, file: ParsedFile, seen: Set<string>): string[] {
  if (seen.has(file.path)) return [];
  seen.add(file.path);
  const out: string[] = [];
  const objectKeys = (expr: ts.Expression) => {
    if (!ts.isObjectLiteralExpression(expr)) return;
    for (const p of expr.properties) {
      const key = ts.isSpreadAssignment(p) ? undefined : propertyName(p.name);
      if (key !== undefined) out.push(key);
    }
  };
  for (const s of file.sf.statements) {
    if (ts.isExportDeclaration(s)) {
      const clause = s.exportClause;
      if (clause && ts.isNamespaceExport(clause)) out.push(clause.name.text);
      else if (clause) for (const e of clause.elements) out.push(e.name.text);
      else if (s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
        const resolved = project.resolve(s.moduleSpecifier.text, file.path);
        const source = resolved === undefined ? undefined : project.get(resolved);
        if (source) pushAll(out, exportedNames(project, source, seen).filter((n) => n !== 'default'));
      }
    } else if (ts.isExportAssignment(s)) {
      out.push('default');
      if (s.isExportEquals) objectKeys(s.expression);
    } else if (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const isDefault = ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push(d.name.text);
      } else if (isDefault) out.push('default');
      else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name) out.push(s.name.text);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // CommonJS: `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...`.
      const { left, right } = s.expression;
      if (!ts.isPropertyAccessExpression(left)) continue;
      const target = left.expression;
      const isModule = (n: ts.Node) => ts.isIdentifier(n) && n.text === 'module';
      if (isModule(target) && left.name.text === 'exports') {
        out.push('default');
        objectKeys(right);
      } else if ((ts.isIdentifier(target) && target.text === 'exports') || (ts.isPropertyAccessExpression(target) && isModule(target.expression) && target.name.text === 'exports')) {
        out.push(left.name.text);
      }
    }
  }
  return out;
}
