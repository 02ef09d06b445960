import { ts } from './ts.js';
import { position } from './check.js';
import type { FoundCall } from './discover.js';
import { firstReturn, type OriginResolver } from './origin.js';
import type { PackRun, RulePack } from './packs/types.js';
import type { ParsedFile } from './project.js';
import { escape } from './callee-names.js';
import { importBindings, lookup, propertyName, unwrap } from './scope.js';
import { declarationOf, sdkImport } from './sdk-imports.js';

/**
 * Inheritance (docs/lint.md, "Agent frameworks"): a model or tool call lexically inside a function
 * that an agent framework runs on behalf of an entry point (a LangGraph node, a tool's `execute`)
 * receives that entry's config at run time. The packs' `runs` entries name the calls that hand a
 * framework such a function; this module finds them, then links each to the entry sites that reach
 * it through values in the code:
 * - a `result` registration (`const search = tool({ execute })`) is reached when an entry's receiver
 *   or arguments lead to that call (`run(agent)` where `agent = new Agent({ tools: [search] })`);
 * - a `receiver` registration (`workflow.addNode('a', fn)`) is reached when an entry leads to the
 *   object it was registered on (`app.invoke(x)` where `app = workflow.compile()`); whatever else was
 *   registered on that object (a `ToolNode` of tools, a compiled subgraph) is then reached too.
 * Values are followed without a type checker: identifiers to their initializers (also imported),
 * method chains to their receiver, calls of project functions to what they return, object and array
 * literals to their members. What cannot be followed links to nothing, which is reported, never guessed.
 */

/** A call handing a framework a function to run. */
interface Registration {
  run: PackRun;
  file: ParsedFile;
  call: ts.CallExpression | ts.NewExpression;
  /** What an entry site must reach: the call itself (`result`) or the object it registers on (`receiver`). */
  host: ts.Node;
}

/** How a found call relates to the entry sites that run it. */
export type Inherit =
  /** Run only by these agent entry sites (`file:line:col`, sorted). */
  | { entries: string[] }
  /** Run by a framework, but by no entry site lint could find. */
  | { unresolved: { label: string; at: string } };

/** Beyond this many values walked from one entry, the rest is not followed. */
const MAX_REACH = 5000;
/** Hops through identifiers and chains when finding what a registration's receiver is. */
const MAX_HOPS = 30;

export class Inheritance {
  /** Registrations by the function they hand over. */
  private readonly byFunction = new Map<ts.Node, Registration[]>();
  /** Registrations by the node an entry must reach. */
  private readonly byHost = new Map<ts.Node, Registration[]>();
  /** The names registrations are called by (`addNode`, `tool`), and a pattern a file must match to hold one. */
  private readonly names = new Set<string>();
  private readonly words: RegExp | undefined;

  constructor(
    private readonly origins: OriginResolver,
    packs: readonly RulePack[],
  ) {
    for (const pack of packs) for (const run of pack.runs) this.names.add(run.path?.[run.path.length - 1] ?? run.function ?? run.construct!);
    this.words = this.names.size > 0 ? new RegExp(`\\b(?:${[...this.names].map(escape).join('|')})\\b`) : undefined;
  }

  /** Learn the registrations a file makes. */
  scan(file: ParsedFile): void {
    if (!this.words?.test(file.sf.text)) return;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        for (const run of this.runsOf(node, file)) this.register(run, node, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }

  /**
   * For each call lexically inside a registered function: the agent entry sites that run it, or that
   * none was found. Calls a non-agent site runs too (a tool given to a plain `generateText`, for a
   * run with `run_by: any`) are left out: on that path nothing is inherited, so they are checked as usual.
   */
  link(calls: readonly FoundCall[]): Map<FoundCall, Inherit> {
    const out = new Map<FoundCall, Inherit>();
    if (this.byFunction.size === 0) return out;
    const runners = new Map<Registration, FoundCall[]>();
    for (const entry of calls) {
      for (const reg of this.reached(entry)) {
        if (entry.kind !== 'agent' && reg.run.runBy === 'agent') continue;
        const list = runners.get(reg);
        if (list) list.push(entry);
        else runners.set(reg, [entry]);
      }
    }
    for (const call of calls) {
      const regs = this.enclosing(call.node);
      if (regs.length === 0) continue;
      const entries = regs.flatMap((r) => runners.get(r) ?? []).filter((e) => e !== call);
      if (entries.some((e) => e.kind !== 'agent')) continue;
      if (entries.length === 0) {
        const first = regs[0]!;
        const at = position(first.file, first.call);
        out.set(call, { unresolved: { label: first.run.label, at: `${first.file.display}:${at.line}:${at.column}` } });
        continue;
      }
      const where = entries.map((e) => {
        const p = position(e.file, e.node);
        return `${e.file.display}:${p.line}:${p.column}`;
      });
      out.set(call, { entries: [...new Set(where)].sort() });
    }
    return out;
  }

  /** The runs of the packs that a call or `new` expression is, by where its callee comes from. */
  private runsOf(node: ts.CallExpression | ts.NewExpression, file: ParsedFile): PackRun[] {
    const callee = unwrap(node.expression);
    const out: PackRun[] = [];
    // Only names a run is called by, or names an import binds (`import { tool as t }`), are resolved.
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    const head = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : name;
    if (name === undefined || (!this.names.has(name) && (head === undefined || importBindings(file.sf, head).length === 0))) return out;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(callee) && this.names.has(name)) {
      const origin = this.origins.of(callee, file);
      if (origin?.kind === 'sdk-instance') {
        const path = origin.path.join('.');
        for (const run of origin.pack.runs) {
          if (run.path?.join('.') === path && (!run.classes || run.classes.includes(origin.cls.name))) out.push(run);
        }
      }
    }
    const imported = sdkImport(callee, file, this.origins.project);
    if (imported) {
      for (const pack of this.origins.packsOf(imported.module) ?? []) {
        for (const run of pack.runs) {
          if (ts.isCallExpression(node) ? run.function === imported.name : run.construct === imported.name) out.push(run);
        }
      }
    }
    return out;
  }

  private register(run: PackRun, call: ts.CallExpression | ts.NewExpression, file: ParsedFile): void {
    let value: ts.Node | undefined = call.arguments?.[run.arg];
    for (const key of run.at) value = value && memberOf(value, key);
    if (!value) return;
    // A `receiver` run is a method (the schema says so): its callee is `receiver.method`.
    const callee = unwrap(call.expression);
    const host = run.link === 'result' ? call : this.root(ts.isPropertyAccessExpression(callee) ? callee.expression : callee, file);
    const reg: Registration = { run, file, call, host };
    for (const fn of this.functionsIn(value, file, 0)) push(this.byFunction, fn, reg);
    push(this.byHost, host, reg);
  }

  /** The functions a registered value holds: itself, what a name refers to, or each member of an object, array or tuple. */
  private functionsIn(node: ts.Node, file: ParsedFile, depth: number): ts.Node[] {
    if (depth > 3) return [];
    if (ts.isFunctionLike(node)) return [node];
    if (!ts.isExpression(node)) return [];
    const expr = unwrap(node);
    if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return [expr];
    if (ts.isObjectLiteralExpression(expr)) return expr.properties.flatMap((p) => this.functionsIn(ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : p, file, depth + 1));
    if (ts.isArrayLiteralExpression(expr)) return expr.elements.flatMap((e) => this.functionsIn(e, file, depth + 1));
    if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
      const origin = this.origins.of(expr, file);
      return origin?.kind === 'function' ? [origin.node] : [];
    }
    return [];
  }

  /** What a receiver is, at the start of its chain: the `new` expression that made it, or the declaration it cannot be followed past. */
  private root(start: ts.Expression, file: ParsedFile): ts.Node {
    let expr = start;
    let at = file;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      expr = unwrap(expr);
      if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
        expr = expr.expression.expression;
        continue;
      }
      if (!ts.isIdentifier(expr)) return expr;
      const decl = declarationOf(expr, at, this.origins.project);
      if (!decl) return expr;
      if (!ts.isVariableDeclaration(decl.node) || !decl.node.initializer) return decl.node;
      expr = decl.node.initializer;
      at = decl.file;
    }
    return expr;
  }

  /** The registrations an entry site reaches through its receiver and arguments. */
  private reached(entry: FoundCall): Set<Registration> {
    const found = new Set<Registration>();
    const seen = new Set<ts.Node>();
    const stack: Array<{ node: ts.Node; file: ParsedFile }> = [];
    const callee = unwrap(entry.node.expression);
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) stack.push({ node: callee.expression, file: entry.file });
    for (const arg of entry.node.arguments) stack.push({ node: arg, file: entry.file });
    while (stack.length > 0 && seen.size < MAX_REACH) {
      const { node, file } = stack.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      for (const reg of this.byHost.get(node) ?? []) {
        found.add(reg);
        // Everything else registered on a graph is part of it: a ToolNode's tools, a compiled subgraph.
        if (reg.host !== reg.call) for (const arg of reg.call.arguments ?? []) stack.push({ node: arg, file: reg.file });
      }
      for (const next of this.successors(node, file)) stack.push(next);
    }
    return found;
  }

  /** The values a value is made of, for `reached`. Function bodies are not entered (but what a project function returns is). */
  private successors(node: ts.Node, file: ParsedFile): Array<{ node: ts.Node; file: ParsedFile }> {
    const out: Array<{ node: ts.Node; file: ParsedFile }> = [];
    const add = (n: ts.Node | undefined, f = file) => {
      if (n) out.push({ node: n, file: f });
    };
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
      add(node.initializer);
      return out;
    }
    if (!ts.isExpression(node)) return out;
    const expr = unwrap(node);
    if (expr !== node) add(expr);
    else if (ts.isIdentifier(expr)) {
      const decl = declarationOf(expr, file, this.origins.project);
      if (decl) add(decl.node, decl.file);
    } else if (ts.isCallExpression(expr) || ts.isNewExpression(expr)) {
      for (const arg of expr.arguments ?? []) add(arg);
      const callee = unwrap(expr.expression);
      if (ts.isPropertyAccessExpression(callee)) add(callee.expression);
      else if (ts.isCallExpression(expr) && ts.isIdentifier(callee)) {
        const fn = this.origins.of(callee, file);
        if (fn?.kind === 'function' && 'body' in fn.node && fn.node.body) {
          const body = fn.node.body as ts.Node;
          add(ts.isBlock(body) ? firstReturn(body) : body, fn.file);
        }
      }
    } else if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) add(expr.expression);
    else if (ts.isObjectLiteralExpression(expr)) {
      for (const p of expr.properties) {
        if (ts.isPropertyAssignment(p)) add(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) add(p.name);
        else if (ts.isSpreadAssignment(p)) add(p.expression);
      }
    } else if (ts.isArrayLiteralExpression(expr)) for (const e of expr.elements) add(ts.isSpreadElement(e) ? e.expression : e);
    else if (ts.isConditionalExpression(expr)) {
      add(expr.whenTrue);
      add(expr.whenFalse);
    } else if (ts.isBinaryExpression(expr)) {
      add(expr.left);
      add(expr.right);
    }
    return out;
  }

  /** The registrations whose function lexically contains `node`, innermost first. */
  private enclosing(node: ts.Node): Registration[] {
    const out: Registration[] = [];
    for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) out.push(...(this.byFunction.get(n) ?? []));
    return out;
  }
}

/** `key` of an object literal: a property's value, or the method itself (`execute() {}`). */
function memberOf(node: ts.Node, key: string): ts.Node | undefined {
  const expr = ts.isExpression(node) ? unwrap(node) : node;
  let obj: ts.Node | undefined = expr;
  if (ts.isIdentifier(expr)) {
    const decl = lookup(expr.text, expr);
    obj = decl && ts.isVariableDeclaration(decl) ? decl.initializer && unwrap(decl.initializer) : undefined;
  }
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i]!;
    if (ts.isSpreadAssignment(p) || propertyName(p.name) !== key) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
    if (ts.isMethodDeclaration(p)) return p;
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
