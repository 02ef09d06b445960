import { ts } from './ts.js';
import { type ExportTarget, findExport, followDecl, importedName, wholeExport } from './exports.js';
import type { Carrier, PackBind, PackClass, PackReturn, RulePack } from './packs/types.js';
import type { ParsedFile, Project } from './project.js';
import { type Role, roleOf } from './roles.js';
import { enclosingClass, isImportBinding, lookup, propertyName, unwrap } from './scope.js';

/**
 * Where a value comes from, as far as attrib can tell without a type checker. Call sites are
 * recognised by the origin of their callee, never by its name.
 */
export type Origin =
  /** `import * as sdk from 'openai'`, `require('openai')`: every pack listing the module. */
  | { kind: 'sdk-module'; packs: readonly RulePack[] }
  /** A class or function a rule pack names (`OpenAI`, `generateText`). */
  | { kind: 'sdk-export'; pack: RulePack; name: string }
  /**
   * An SDK client or model, and the member path walked from it so far (`chat.completions`); `made`
   * holds the calls that made it (`new OpenAI({...})`, `initChatModel(...)`), whose tags reach every
   * call through it, and `bound` the configs bound to it on the way.
   */
  | { kind: 'sdk-instance'; pack: RulePack; cls: PackClass; path: readonly string[]; made?: readonly Made[]; bound?: readonly Binding[] }
  | { kind: 'project-module'; file: ParsedFile }
  | { kind: 'function'; file: ParsedFile; node: ts.SignatureDeclaration; role?: Role }
  | { kind: 'class'; file: ParsedFile; node: ts.ClassLikeDeclaration }
  | { kind: 'instance'; file: ParsedFile; node: ts.ClassLikeDeclaration }
  | { kind: 'object'; file: ParsedFile; node: ts.ObjectLiteralExpression };

/** A config bound to a client by a call (`model.withConfig({ tags })`, `ai.chats.create({ config })`), oldest first. */
export interface Binding {
  bind: PackBind;
  call: Located<ts.CallExpression>;
}

/** A call that made an SDK instance, and where tags live in it. */
export interface Made {
  file: ParsedFile;
  node: ts.NewExpression | ts.CallExpression;
  carriers: readonly Carrier[];
}

export interface Located<N extends ts.Node> {
  file: ParsedFile;
  node: N;
}

/** Beyond this many hops a chain of aliases is given up on (and cycles never get that far). */
const MAX_DEPTH = 40;

export class OriginResolver {
  private readonly byModule = new Map<string, RulePack[]>();
  private readonly byName = new Map<string, RulePack>();
  private readonly memo = new Map<ts.Node, Origin | null>();
  private readonly active = new Set<ts.Node>();
  private depth = 0;

  constructor(
    readonly project: Project,
    packs: readonly RulePack[],
  ) {
    for (const pack of packs) {
      this.byName.set(pack.name, pack);
      for (const m of pack.modules) {
        const list = this.byModule.get(m);
        if (list) list.push(pack);
        else this.byModule.set(m, [pack]);
      }
    }
  }

  /** The origin of an expression evaluated in `file`. */
  of(expression: ts.Expression, file: ParsedFile): Origin | undefined {
    return this.guard(expression, () => this.compute(unwrap(expression), file));
  }

  /**
   * What calling `expression` calls: its origin, except that a project module (what `require()` or
   * `import x = require()` gives) is called through its CommonJS whole export
   * (`module.exports = complete`).
   */
  callee(expression: ts.Expression, file: ParsedFile): Origin | undefined {
    let origin = this.of(expression, file);
    // `module.exports = require('./llm')` passes the whole module on; a cycle ends at a file seen before.
    for (const seen = new Set<ParsedFile>(); origin?.kind === 'project-module' && !seen.has(origin.file); ) {
      seen.add(origin.file);
      origin = this.ofExport(wholeExport(origin.file));
    }
    return origin?.kind === 'project-module' ? undefined : origin;
  }

  private guard(key: ts.Node, compute: () => Origin | undefined): Origin | undefined {
    const known = this.memo.get(key);
    if (known !== undefined) return known ?? undefined;
    if (this.active.has(key) || this.depth > MAX_DEPTH) return undefined;
    this.active.add(key);
    this.depth++;
    try {
      const origin = compute();
      this.memo.set(key, origin ?? null);
      return origin;
    } finally {
      this.depth--;
      this.active.delete(key);
    }
  }

  private compute(expr: ts.Expression, file: ParsedFile): Origin | undefined {
    if (ts.isIdentifier(expr)) {
      const decl = lookup(expr.text, expr);
      return decl ? this.ofDeclaration(decl, file) : undefined;
    }
    if (expr.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(expr);
      return cls ? { kind: 'instance', file, node: cls } : undefined;
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
      const name = ts.isPropertyAccessExpression(expr) ? expr.name.text : literalText(expr.argumentExpression);
      if (name === undefined) return undefined;
      const base = this.of(expr.expression, file);
      return base ? this.member(base, name) : undefined;
    }
    if (ts.isNewExpression(expr)) return this.construct(expr, file);
    if (ts.isCallExpression(expr)) return this.callResult(expr, file);
    if (ts.isObjectLiteralExpression(expr)) return { kind: 'object', file, node: expr };
    if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return { kind: 'function', file, node: expr, role: roleOf(expr) };
    if (ts.isClassExpression(expr)) return { kind: 'class', file, node: expr };
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      // `client ??= new OpenAI()`, `a ?? b`, `a || b`: either side may be the value.
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) {
        return this.of(expr.right, file) ?? this.of(expr.left, file);
      }
      if (op === ts.SyntaxKind.EqualsToken) return this.of(expr.right, file);
    }
    if (ts.isConditionalExpression(expr)) return this.of(expr.whenTrue, file) ?? this.of(expr.whenFalse, file);
    return undefined;
  }

  /** The origin of a declaration found by `lookup` (or reached through an import or export). */
  ofDeclaration(decl: ts.Node, file: ParsedFile): Origin | undefined {
    return this.guard(decl, () => this.computeDeclaration(decl, file));
  }

  private computeDeclaration(decl: ts.Node, file: ParsedFile): Origin | undefined {
    if (isImportBinding(decl)) {
      const imported = importedName(decl);
      if (!imported) return undefined;
      const module = this.module(imported.module, file);
      if (!module || imported.name === '*') return module;
      return this.member(module, imported.name);
    }
    if (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl)) {
      const fromValue = decl.initializer ? this.of(decl.initializer, file) : undefined;
      return fromValue ?? (decl.type ? this.ofType(decl.type, file) : undefined);
    }
    if (ts.isBindingElement(decl)) {
      const pattern = decl.parent;
      if (!ts.isObjectBindingPattern(pattern)) return undefined;
      const whole = this.ofDeclaration(pattern.parent, file);
      const name = propertyName(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
      return whole && name !== undefined ? this.member(whole, name) : undefined;
    }
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) {
      return { kind: 'function', file, node: decl, role: roleOf(decl) };
    }
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return { kind: 'class', file, node: decl };
    if (ts.isSourceFile(decl)) return { kind: 'project-module', file };
    return undefined;
  }

  /** What an export of a project file or a package is. */
  ofExport(target: ExportTarget | undefined): Origin | undefined {
    if (!target) return undefined;
    switch (target.kind) {
      case 'decl':
        return this.ofDeclaration(target.node, target.file);
      case 'expr':
        return this.of(target.expr, target.file);
      case 'package': {
        const packs = this.packsOf(target.module);
        return packs ? this.member({ kind: 'sdk-module', packs }, target.name) : undefined;
      }
      case 'package-namespace': {
        const packs = this.packsOf(target.module);
        return packs ? { kind: 'sdk-module', packs } : undefined;
      }
    }
  }

  /** A module specifier as seen from `file`: an SDK a pack covers, a project file, or nothing attrib follows. */
  module(specifier: string, file: ParsedFile): Origin | undefined {
    const packs = this.packsOf(specifier);
    if (packs) return { kind: 'sdk-module', packs };
    const resolved = this.project.resolve(specifier, file.path);
    const target = resolved === undefined ? undefined : this.project.get(resolved);
    return target ? { kind: 'project-module', file: target } : undefined;
  }

  /**
   * The packs covering a module specifier: those listing it exactly, else those listing the nearest
   * module it is a subpath of (`openai/index`, `@anthropic-ai/sdk/index.mjs` are the same clients).
   */
  packsOf(specifier: string): readonly RulePack[] | undefined {
    const exact = this.byModule.get(specifier);
    if (exact) return exact;
    for (let slash = specifier.lastIndexOf('/'); slash > 0; slash = specifier.lastIndexOf('/', slash - 1)) {
      const packs = this.byModule.get(specifier.slice(0, slash));
      if (packs) return packs;
    }
    return undefined;
  }

  /** `base.name`. */
  member(base: Origin, name: string): Origin | undefined {
    switch (base.kind) {
      case 'sdk-module': {
        for (const pack of base.packs) {
          if (name === 'default') {
            const cls = pack.classes.find((c) => c.default);
            if (cls) return { kind: 'sdk-export', pack, name: cls.name };
          } else if (pack.classes.some((c) => c.name === name) || pack.functions.some((f) => f.name === name) || pack.returns.some((r) => r.function === name)) {
            return { kind: 'sdk-export', pack, name };
          }
        }
        return undefined;
      }
      case 'sdk-instance':
        return { ...base, path: [...base.path, name] };
      case 'project-module':
        return this.ofExport(findExport(this.project, base.file, name));
      case 'instance':
      case 'class':
        return this.classMember(base.node, base.file, name);
      case 'object':
        return this.objectMember(base.node, base.file, name);
      default:
        return undefined;
    }
  }

  /** `new X(...)`. */
  private construct(expr: ts.NewExpression, file: ParsedFile): Origin | undefined {
    let ctor = this.of(expr.expression, file);
    if (ctor?.kind === 'sdk-module') ctor = this.member(ctor, 'default');
    if (ctor?.kind === 'project-module') ctor = this.member(ctor, 'default');
    if (ctor?.kind === 'sdk-export') {
      const cls = ctor.pack.classes.find((c) => c.name === (ctor as { name: string }).name);
      return cls ? { kind: 'sdk-instance', pack: ctor.pack, cls, path: [], made: [{ file, node: expr, carriers: cls.carriers }] } : undefined;
    }
    if (ctor?.kind === 'class') return { kind: 'instance', file: ctor.file, node: ctor.node };
    return undefined;
  }

  /** `f(...)`: `require()`, or what a project function returns (declared type, else its returned expression). */
  private callResult(expr: ts.CallExpression, file: ParsedFile): Origin | undefined {
    const callee = expr.expression;
    if (ts.isIdentifier(callee) && callee.text === 'require' && !lookup('require', callee)) {
      const arg = expr.arguments[0];
      return arg && ts.isStringLiteralLike(arg) ? this.module(arg.text, file) : undefined;
    }
    const fn = this.callee(callee, file);
    if (fn?.kind === 'sdk-instance' || fn?.kind === 'sdk-export') return this.sdkResult(fn, { file, node: expr });
    return fn?.kind === 'function' ? this.resultOf(fn) : undefined;
  }

  /**
   * What an SDK method or function returns, when its pack says (`returns`): an instance of a class,
   * or the receiver itself, keeping what made the receiver and the configs bound to it so far.
   */
  private sdkResult(fn: Extract<Origin, { kind: 'sdk-instance' | 'sdk-export' }>, call: Located<ts.CallExpression>): Origin | undefined {
    const path = fn.kind === 'sdk-instance' ? fn.path.join('.') : undefined;
    const entry: PackReturn | undefined =
      fn.kind === 'sdk-instance'
        ? fn.pack.returns.find((r) => r.path?.join('.') === path && (!r.classes || r.classes.includes(fn.cls.name)))
        : fn.pack.returns.find((r) => r.function === fn.name);
    if (!entry) return undefined;
    const before = fn.kind === 'sdk-instance' ? fn : undefined;
    let pack = fn.pack;
    let cls = before?.cls;
    if (entry.result) {
      pack = this.byName.get(entry.result.pack) ?? pack;
      cls = pack.classes.find((c) => c.name === entry.result!.class);
    }
    if (!cls) return undefined;
    const made = entry.carriers.length > 0 ? [...(before?.made ?? []), { ...call, carriers: entry.carriers }] : before?.made;
    const bound = entry.bind ? [...(before?.bound ?? []), { bind: entry.bind, call }] : before?.bound;
    return { kind: 'sdk-instance', pack, cls, path: [], ...(made ? { made } : {}), ...(bound ? { bound } : {}) };
  }

  /** What calling a project function gives: its declared return type, else its returned expression. */
  resultOf(fn: Located<ts.SignatureDeclaration>): Origin | undefined {
    const node = fn.node;
    if (node.type) return this.ofType(node.type, fn.file, true);
    if (!('body' in node) || !node.body) return undefined;
    const body = node.body as ts.Node;
    if (!ts.isBlock(body)) return this.of(body as ts.Expression, fn.file);
    const returned = firstReturn(body);
    return returned ? this.of(returned, fn.file) : undefined;
  }

  /** An instance of a declared type: `client: OpenAI`, `OpenAI | undefined`, `Promise<OpenAI>`, `sdk.OpenAI`. */
  ofType(type: ts.TypeNode, file: ParsedFile, unwrapPromise = false): Origin | undefined {
    if (ts.isParenthesizedTypeNode(type)) return this.ofType(type.type, file, unwrapPromise);
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) {
        const found = this.ofType(t, file, unwrapPromise);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isTypeQueryNode(type)) {
      return ts.isIdentifier(type.exprName) ? this.of(type.exprName, file) : undefined;
    }
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const typeName = type.typeName;
    if (unwrapPromise && ts.isIdentifier(typeName) && typeName.text === 'Promise' && type.typeArguments?.[0]) {
      return this.ofType(type.typeArguments[0], file);
    }
    let named: Origin | undefined;
    if (ts.isIdentifier(typeName)) {
      const decl = lookup(typeName.text, typeName, 'type');
      if (!decl) return undefined;
      if (ts.isTypeAliasDeclaration(decl)) return this.ofType(decl.type, file);
      named = this.ofDeclaration(decl, file);
      // An imported type alias or class from a project file.
      if (!named && isImportBinding(decl)) {
        const target = followDecl(this.project, file, decl);
        if (target?.kind === 'decl' && ts.isTypeAliasDeclaration(target.node)) return this.ofType(target.node.type, target.file);
      }
    } else if (ts.isIdentifier(typeName.left)) {
      const ns = this.of(typeName.left, file);
      named = ns ? this.member(ns, typeName.right.text) : undefined;
    }
    if (named?.kind === 'sdk-export') {
      const cls = named.pack.classes.find((c) => c.name === (named as { name: string }).name);
      return cls ? { kind: 'sdk-instance', pack: named.pack, cls, path: [] } : undefined;
    }
    if (named?.kind === 'class') return { kind: 'instance', file: named.file, node: named.node };
    return undefined;
  }

  /**
   * A member of a project class (or its instances): a method, a property with an initializer or a
   * type, a constructor parameter property, `this.x = ...` in the constructor, or an inherited one
   * (including `class MyClient extends OpenAI`).
   */
  private classMember(cls: ts.ClassLikeDeclaration, file: ParsedFile, name: string): Origin | undefined {
    for (const m of cls.members) {
      if (propertyName(m.name) === name) {
        if (ts.isMethodDeclaration(m)) return { kind: 'function', file, node: m, role: roleOf(m) };
        // `client;` with neither type nor initializer: keep looking for `this.client = ...`.
        const declared = ts.isPropertyDeclaration(m) ? this.ofDeclaration(m, file) : undefined;
        if (declared) return declared;
        if (ts.isGetAccessorDeclaration(m)) {
          const returned = m.body ? firstReturn(m.body) : undefined;
          return returned ? this.of(returned, file) : m.type ? this.ofType(m.type, file) : undefined;
        }
      }
      if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          if (ts.isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) return this.ofDeclaration(p, file);
        }
        for (const s of m.body?.statements ?? []) {
          if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
          const left = s.expression.left;
          if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) {
            return this.of(s.expression.right, file);
          }
        }
      }
    }
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return undefined;
    const base = this.of(heritage.expression, file);
    if (base?.kind === 'class') return this.classMember(base.node, base.file, name);
    if (base?.kind === 'sdk-export') {
      const sdkClass = base.pack.classes.find((c) => c.name === (base as { name: string }).name);
      return sdkClass ? { kind: 'sdk-instance', pack: base.pack, cls: sdkClass, path: [name] } : undefined;
    }
    return undefined;
  }

  private objectMember(obj: ts.ObjectLiteralExpression, file: ParsedFile, name: string): Origin | undefined {
    // Later properties win, as at run time.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i]!;
      if (ts.isSpreadAssignment(p)) {
        const spread = this.of(p.expression, file);
        const found = spread ? this.member(spread, name) : undefined;
        if (found) return found;
        continue;
      }
      if (propertyName(p.name) !== name) continue;
      if (ts.isPropertyAssignment(p)) return this.of(p.initializer, file);
      if (ts.isShorthandPropertyAssignment(p)) return this.of(p.name, file);
      if (ts.isMethodDeclaration(p)) return { kind: 'function', file, node: p, role: roleOf(p) };
      return undefined;
    }
    return undefined;
  }
}

/** The string a computed member access or key names, when it is a literal. */
export function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) ? node.text : undefined;
}

/** The first `return expr` of a function body (not looking into nested functions). */
export function firstReturn(body: ts.Block): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      found = node.expression;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}
