import { ts } from './ts.js';
import { type ExportTarget, findExport, followDecl, importedName, wholeExport } from './exports.js';
import type { Carrier, PackBind, PackClass, PackReturn, RulePack } from './packs/types.js';
import type { ParsedFile, Project } from './project.js';
import { assignmentsOf } from './assignments.js';
import { declarationOf, sdkImport } from './sdk-imports.js';
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
  | { kind: 'object'; file: ParsedFile; node: ts.ObjectLiteralExpression }
  /** One of several values, decided at run time (`cond ? a : b`, a `let` assigned in branches, a factory's returns). */
  | { kind: 'either'; options: readonly Origin[] }
  /**
   * An array, Map, Set or record of values; `items` is what any element may be (an `either` when they
   * differ). Iterating a Map (`entries`) gives `[key, value]` pairs.
   */
  | { kind: 'collection'; items: () => Origin | undefined; entries?: boolean }
  /** A `[key, value]` pair of a Map or `Object.entries`. */
  | { kind: 'entry'; value: () => Origin | undefined }
  /** What a framework passes a function it runs (a pack's `given`): an object with SDK objects at known keys. */
  | { kind: 'given'; members: ReadonlyMap<string, Origin> }
  /**
   * A value of a declared object type (`type McpConnection = { client: Client }`, `interface
   * ServerConnection extends Info { client: Client | null }`): a member is what its declared type names.
   */
  | { kind: 'shape'; file: ParsedFile; node: ts.TypeLiteralNode | ts.InterfaceDeclaration };

/**
 * What a field holds: what it is given, else what its declared type says. A collection given empty
 * (`connections: McpConnection[] = []`, filled through calls attrib does not follow) has the items its
 * type names when none it was given are known. Never both at once: an option without the
 * constructor's tags would make them count as missing (discover.ts, common).
 */
function orDeclared(value: Origin, declared: Origin): Origin {
  // Reassigned too (`this.connections = this.connections.filter(...)`): one of several collections.
  const given = value.kind === 'either' ? value.options : [value];
  if (declared.kind !== 'collection' || !given.every((v) => v.kind === 'collection' && !v.entries === !declared.entries)) return value;
  const items = () => either(given.map((v) => (v.kind === 'collection' ? v.items() : undefined)));
  return { kind: 'collection', entries: declared.entries, items: () => items() ?? declared.items() };
}

/** Array methods that call their callback with an element first (`xs.map(c => ...)`); Map and Set `forEach` too. */
const ITERATING = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every']);
/** Methods whose result is an element (`clients.get(name)`, `xs.at(0)`). */
const ELEMENT = new Set(['get', 'at', 'find', 'findLast', 'pop', 'shift']);
/** Methods whose result holds the same elements (`xs.filter(...)`, `map.values()`). */
const SAME_ITEMS = new Set(['filter', 'slice', 'concat', 'toSorted', 'toReversed', 'sort', 'reverse', 'values']);
/** Global container constructors and types, and which type argument is the element. */
const CONTAINERS: ReadonlyMap<string, { item: number; entries: boolean }> = new Map([
  ['Map', { item: 1, entries: true }],
  ['ReadonlyMap', { item: 1, entries: true }],
  ['WeakMap', { item: 1, entries: false }],
  ['Record', { item: 1, entries: false }],
  ['Set', { item: 0, entries: false }],
  ['ReadonlySet', { item: 0, entries: false }],
  ['Array', { item: 0, entries: false }],
  ['ReadonlyArray', { item: 0, entries: false }],
]);

/** One origin for several possible ones: none, the only one, or `either` of them (flattened). */
export function either(options: ReadonlyArray<Origin | undefined>): Origin | undefined {
  const flat: Origin[] = [];
  for (const o of options) {
    if (!o) continue;
    for (const one of o.kind === 'either' ? o.options : [o]) if (!flat.includes(one)) flat.push(one);
  }
  return flat.length <= 1 ? flat[0] : { kind: 'either', options: flat };
}

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
  private readonly types = new Map<ts.TypeNode, Origin | undefined>();
  private readonly awaitedTypes = new Map<ts.TypeNode, Origin | undefined>();
  /** Object and array literals whose member or item lookup is under way (see unlessUnderWay). */
  private readonly memberLookups = new Set<ts.Node>();
  /** Declared object types whose member lookup is under way (`interface A extends B`, `B extends A`). */
  private readonly shapeLookups = new Set<ts.Node>();
  private readonly itemLookups = new Set<ts.Node>();
  /** Object literals whose keys `setsKey` is reading (a spread of itself ends there). */
  private readonly keyLookups = new Set<ts.Node>();
  private readonly byModule = new Map<string, RulePack[]>();
  private readonly byName = new Map<string, RulePack>();
  /** `returns` entries with `holding` on a one-name path (`pipe`), by that name: they apply on any receiver. */
  private readonly holdingByName = new Map<string, Array<{ pack: RulePack; entry: PackReturn }>>();
  private readonly memo = new Map<ts.Node, Origin | null>();
  /** A `createContext` declaration -> the `value`s its providers give (the file is scanned once). */
  private readonly providedValues = new Map<ts.Node, ts.Expression[]>();
  private readonly active = new Set<ts.Node>();
  private depth = 0;
  /** How many lookups were cut short as cycles (see guard). */
  private cuts = 0;

  constructor(
    readonly project: Project,
    packs: readonly RulePack[],
  ) {
    for (const pack of packs) {
      this.byName.set(pack.name, pack);
      for (const entry of pack.returns) {
        if (!entry.holding || entry.path?.length !== 1) continue;
        const list = this.holdingByName.get(entry.path[0]!);
        if (list) list.push({ pack, entry });
        else this.holdingByName.set(entry.path[0]!, [{ pack, entry }]);
      }
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
    if (this.active.has(key) || this.depth > MAX_DEPTH) {
      this.cuts++;
      return undefined;
    }
    this.active.add(key);
    this.depth++;
    const cutsBefore = this.cuts;
    try {
      const origin = compute();
      // "Unresolved" is only final when no cycle was cut short on the way: otherwise it may just be
      // the cycle's answer from inside it, and the same value asked afresh resolves.
      if (origin !== undefined || this.cuts === cutsBefore) this.memo.set(key, origin ?? null);
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
      const held = name !== undefined && ts.isIdentifier(expr.expression) ? this.heldMember(expr.expression, name, file) : undefined;
      const base = this.of(expr.expression, file);
      if (!base) return held;
      // `clients[provider]`: any of the values an object or collection holds.
      if (name === undefined) return this.anyItem(base);
      return held ? either([this.member(base, name), held]) : this.member(base, name);
    }
    if (ts.isNewExpression(expr)) return this.construct(expr, file);
    if (ts.isCallExpression(expr)) return this.callResult(expr, file);
    if (ts.isObjectLiteralExpression(expr)) return { kind: 'object', file, node: expr };
    if (ts.isArrayLiteralExpression(expr)) return { kind: 'collection', items: () => this.arrayItems(expr, file) };
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
    if (ts.isConditionalExpression(expr)) return either([this.of(expr.whenTrue, file), this.of(expr.whenFalse, file)]);
    return undefined;
  }

  /** Any of the values an object or a collection holds (`clients[name]`, `for (const c of clients)`). */
  /** An item of a spread object (`{ ...defaults }`); unknown, or the object itself again, holds nothing known. */
  private spreadItem(spread: Origin | undefined, into: Origin): Origin | undefined {
    return spread === undefined || spread === into ? undefined : this.anyItem(spread);
  }

  private anyItem(base: Origin): Origin | undefined {
    switch (base.kind) {
      case 'collection':
        return base.entries ? { kind: 'entry', value: base.items } : base.items();
      case 'object':
        return this.unlessUnderWay(this.itemLookups, base.node, () => either(base.node.properties.map((p) => (ts.isSpreadAssignment(p) ? this.spreadItem(this.of(p.expression, base.file), base) : this.objectMember(base.node, base.file, propertyName(p.name) ?? '')))));
      case 'either':
        return either(base.options.map((o) => this.anyItem(o)));
      default:
        return undefined;
    }
  }

  /** The values of an array literal, spreads included. */
  private arrayItems(array: ts.ArrayLiteralExpression, file: ParsedFile): Origin | undefined {
    return this.unlessUnderWay(this.itemLookups, array, () => either(
      array.elements.map((e) => {
        if (!ts.isSpreadElement(e)) return this.of(e, file);
        const spread = this.of(e.expression, file);
        return spread?.kind === 'collection' ? spread.items() : undefined;
      }),
    ));
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
      const iterated = ts.isVariableDeclaration(decl) ? this.iterated(decl, file) : ts.isParameter(decl) ? either([this.callbackItem(decl, file), this.givenParameter(decl, file)]) : undefined;
      // A `let` (or a field) may be assigned later: `let client; if (azure) client = new AzureOpenAI(); else client = new OpenAI();`.
      const later = ts.isPropertyDeclaration(decl) || isConst(decl) ? [] : (assignmentsOf(file.sf).byDeclaration.get(decl) ?? []);
      const fromValue = either([iterated, decl.initializer ? this.of(decl.initializer, file) : undefined, ...later.map((v) => this.of(v, file))]);
      const origin = fromValue ?? (decl.type ? this.ofType(decl.type, file) : undefined);
      return origin?.kind === 'collection' ? this.withStored(origin, assignmentsOf(file.sf).stored.get(decl) ?? [], file) : origin;
    }
    if (ts.isBindingElement(decl)) {
      const pattern = decl.parent;
      if (ts.isArrayBindingPattern(pattern)) {
        const state = reactState(pattern);
        if (state) return pattern.elements[0] === decl ? this.stateValue(state, pattern, file) : undefined;
      }
      const whole = this.ofDeclaration(pattern.parent, file);
      if (!whole) return undefined;
      // `for (const [name, client] of clients)`: the value of a Map entry; `const [a, b] = clients`: an element.
      if (ts.isArrayBindingPattern(pattern)) {
        if (whole.kind === 'entry') return pattern.elements.indexOf(decl) === 1 ? whole.value() : undefined;
        return decl.dotDotDotToken ? whole : this.anyItem(whole);
      }
      const name = propertyName(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
      return name !== undefined ? this.member(whole, name) : undefined;
    }
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) {
      return { kind: 'function', file, node: decl, role: roleOf(decl) };
    }
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return { kind: 'class', file, node: decl };
    if (ts.isSourceFile(decl)) return { kind: 'project-module', file };
    return undefined;
  }

  /**
   * What a holder's member was given: `sessionRef.current = new RealtimeSession(agent)` after `const
   * sessionRef = useRef<RealtimeSession | null>(null)` (React's `useRef` and `createRef` give an object
   * whose `current` is the initial value, the values assigned later, else the declared type), or
   * `state.client = new OpenAI()` on any variable. Assignments in the variable's own file only.
   */
  private heldMember(holder: ts.Identifier, name: string, file: ParsedFile): Origin | undefined {
    const members = assignmentsOf(file.sf).byDeclarationMember;
    if (members.size === 0 && name !== 'current') return undefined;
    const decl = lookup(holder.text, holder);
    if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
    const ref = name === 'current' ? reactRef(decl.initializer) : undefined;
    const values = [...(ref?.arguments.slice(0, 1) ?? []), ...(members.get(decl)?.get(name) ?? [])];
    const assigned = either(values.map((v) => this.of(v, file)));
    const typed = ref?.typeArguments?.[0];
    return assigned ?? (typed ? this.ofType(typed, file) : undefined);
  }

  /**
   * `const [client, setClient] = useState<TranscribeStreamingClient>()`: React state is its initial value
   * (a lazy initialiser's result, `useState(() => new OpenAI())`), any value the file passes to its
   * setter (`setClient(new TranscribeStreamingClient({ region }))` in an effect), else the type argument.
   */
  private stateValue(call: ts.CallExpression, pattern: ts.ArrayBindingPattern, file: ParsedFile): Origin | undefined {
    const setter = pattern.elements[1];
    const given = setter && ts.isBindingElement(setter) ? (assignmentsOf(file.sf).calledWith.get(setter) ?? []) : [];
    const values = [...call.arguments.slice(0, 1), ...given].map((raw) => {
      const v = unwrap(raw);
      // `useState(() => new OpenAI())`, `setClient(() => client)`: what the function returns.
      return ts.isArrowFunction(v) || ts.isFunctionExpression(v) ? this.resultOf({ file, node: v }) : this.of(v, file);
    });
    const typed = call.typeArguments?.[0];
    return either(values) ?? (typed ? this.ofType(typed, file) : undefined);
  }

  /** `for (const client of clients)`: what iterating the loop's expression gives. */
  private iterated(decl: ts.VariableDeclaration, file: ParsedFile): Origin | undefined {
    const list = decl.parent;
    const loop = ts.isVariableDeclarationList(list) ? list.parent : undefined;
    if (!loop || !ts.isForOfStatement(loop) || loop.initializer !== list) return undefined;
    const iterable = this.of(loop.expression, file);
    return iterable ? this.anyItem(iterable) : undefined;
  }

  /** `clients.map((client) => ...)`, `clients.forEach(...)`: the element a callback's first parameter receives. */
  private callbackItem(param: ts.ParameterDeclaration, file: ParsedFile): Origin | undefined {
    const fn = param.parent;
    const call = fn.parent;
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== param || !call || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ITERATING.has(callee.name.text)) return undefined;
    const receiver = this.of(callee.expression, file);
    if (receiver?.kind !== 'collection') return undefined;
    // Map#forEach passes the value first; iterating other ways passes the element.
    return receiver.items();
  }

  /**
   * `createTool({ execute: async ({ context, mastra }) => ... })`: what the framework passes the
   * function when a pack says so (`given`). The function must be written inline, at the entry's
   * property path of the call's argument, and the callee an export of the pack's modules.
   */
  private givenParameter(param: ts.ParameterDeclaration, file: ParsedFile): Origin | undefined {
    const fn = param.parent;
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn))) return undefined;
    const at: string[] = [];
    let node: ts.Node = fn;
    // Up through `{ execute: fn }` / `{ execute() {} }` (and nested objects) to the call's argument.
    for (;;) {
      const holder = node.parent;
      const named = ts.isMethodDeclaration(node) ? node : holder && ts.isPropertyAssignment(holder) && holder.initializer === node ? holder : undefined;
      if (!named) break;
      const key = propertyName(named.name);
      if (key === undefined || !ts.isObjectLiteralExpression(named.parent)) return undefined;
      at.unshift(key);
      node = named.parent;
    }
    const call = node.parent;
    if (at.length === 0 || !call || !ts.isCallExpression(call)) return undefined;
    const arg = call.arguments.indexOf(node as ts.Expression);
    const imported = sdkImport(call.expression, file, this.project);
    if (arg < 0 || !imported) return undefined;
    const index = fn.parameters.indexOf(param);
    const options: Origin[] = [];
    for (const pack of this.packsOf(imported.module) ?? []) {
      for (const g of pack.given) {
        if (g.function !== imported.name || g.arg !== arg || g.param !== index || g.at.join('.') !== at.join('.')) continue;
        const cls = pack.classes.find((c) => c.name === g.class);
        if (!cls) continue;
        let value: Origin = { kind: 'sdk-instance', pack, cls, path: [] };
        for (let i = g.path.length - 1; i >= 0; i--) value = { kind: 'given', members: new Map([[g.path[i]!, value]]) };
        options.push(value);
      }
    }
    return either(options);
  }

  /** A collection held by a declaration, with what `clients.set(k, v)` / `clients.push(v)` put in it. */
  private withStored(origin: Extract<Origin, { kind: 'collection' }>, stored: readonly ts.Expression[], file: ParsedFile): Origin {
    if (stored.length === 0) return origin;
    return { ...origin, items: () => either([origin.items(), ...stored.map((v) => this.of(v, file))]) };
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
          } else if (pack.classes.some((c) => c.name === name) || pack.functions.some((f) => f.name === name || f.name.startsWith(`${name}.`)) || pack.returns.some((r) => r.function === name || r.function?.startsWith(`${name}.`))) {
            return { kind: 'sdk-export', pack, name };
          }
        }
        return undefined;
      }
      case 'sdk-export': {
        // A static factory (`RunnableSequence.from`) or a billable static method (`VectorStoreIndex.fromDocuments`) a pack names.
        const fn = `${base.name}.${name}`;
        return base.pack.returns.some((r) => r.function === fn) || base.pack.functions.some((f) => f.name === fn) ? { kind: 'sdk-export', pack: base.pack, name: fn } : undefined;
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
      case 'either':
        return either(base.options.map((o) => this.member(o, name)));
      case 'collection':
        // `clients[0]`, a record's `clients.main`.
        return /^\d+$/.test(name) || !base.entries ? this.anyItem(base) : undefined;
      case 'entry':
        return name === '1' ? base.value() : undefined;
      case 'given':
        return base.members.get(name);
      case 'shape':
        return this.shapeMember(base.node, base.file, name);
      default:
        return undefined;
    }
  }

  /** `new X(...)`. */
  private construct(expr: ts.NewExpression, file: ParsedFile): Origin | undefined {
    const global = ts.isIdentifier(expr.expression) && !lookup(expr.expression.text, expr.expression) ? CONTAINERS.get(expr.expression.text) : undefined;
    if (global) return this.newContainer(expr, global, file);
    let ctor = this.of(expr.expression, file);
    if (ctor?.kind === 'either') return either(ctor.options.map((o) => this.constructFrom(o, expr, file)));
    return this.constructFrom(ctor, expr, file);
  }

  /** `new Map<string, OpenAI>()`, `new Map([['a', new OpenAI()]])`, `new Set([client])`. */
  private newContainer(expr: ts.NewExpression, kind: { item: number; entries: boolean }, file: ParsedFile): Origin {
    const typed = expr.typeArguments?.[kind.item];
    const initial = expr.arguments?.[0];
    return {
      kind: 'collection',
      entries: kind.entries,
      items: () => {
        const fromType = typed ? this.ofType(typed, file) : undefined;
        if (!initial || !ts.isArrayLiteralExpression(initial)) return fromType;
        const values = kind.entries ? initial.elements.map((e) => (ts.isArrayLiteralExpression(e) && e.elements[1] ? this.of(e.elements[1], file) : undefined)) : [this.arrayItems(initial, file)];
        return either([fromType, ...values]);
      },
    };
  }

  private constructFrom(origin: Origin | undefined, expr: ts.NewExpression, file: ParsedFile): Origin | undefined {
    let ctor = origin;
    if (ctor?.kind === 'sdk-module') ctor = this.member(ctor, 'default');
    if (ctor?.kind === 'project-module') ctor = this.member(ctor, 'default');
    if (ctor?.kind === 'sdk-export') {
      const cls = ctor.pack.classes.find((c) => c.name === (ctor as { name: string }).name);
      // An interface (`BaseChatModel`) names a type, not something to construct.
      return cls && !cls.like ? { kind: 'sdk-instance', pack: ctor.pack, cls, path: [], made: [{ file, node: expr, carriers: cls.carriers }] } : undefined;
    }
    if (ctor?.kind === 'class') return { kind: 'instance', file: ctor.file, node: ctor.node };
    return undefined;
  }

  /** `f(...)`: `require()`, or what a project function returns (declared type, else its returned expression). */
  private callResult(expr: ts.CallExpression, file: ParsedFile): Origin | undefined {
    const callee = expr.expression;
    // `require('openai')`, and `await import('openai')` (unwrap has stripped the await).
    if ((ts.isIdentifier(callee) && callee.text === 'require' && !lookup('require', callee)) || callee.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = expr.arguments[0];
      return arg && ts.isStringLiteralLike(arg) ? this.module(arg.text, file) : undefined;
    }
    const context = reactContextRead(expr);
    if (context) return this.contextValue(context, file);
    if (ts.isPropertyAccessExpression(callee)) {
      const collected = this.collectionCall(callee, expr, file);
      if (collected) return collected;
    }
    const result = this.resultOfCallee(this.callee(callee, file), { file, node: expr });
    if (result || !ts.isPropertyAccessExpression(callee)) return result;
    // `prompt.pipe(model)`: a method that gives an SDK object from what its receiver or arguments hold.
    for (const { pack, entry } of this.holdingByName.get(callee.name.text) ?? []) {
      if (this.holds(entry.holding!, [callee.expression, ...expr.arguments], file)) return this.fromEntry(pack, entry, { file, node: expr });
    }
    return undefined;
  }

  /**
   * Whether one of the expressions is (or, as array items and object literal values, holds) an
   * instance of a class of the named packs. A function in a chain (`RunnableLambda`, `(x) => ...`) is
   * not looked into: what it calls is a call site of its own.
   */
  private holds(packs: readonly string[], exprs: readonly ts.Expression[], file: ParsedFile): boolean {
    return exprs.some((raw) => {
      const e = unwrap(raw);
      if (ts.isArrayLiteralExpression(e)) return this.holds(packs, e.elements.map((x) => (ts.isSpreadElement(x) ? x.expression : x)), file);
      if (ts.isObjectLiteralExpression(e)) {
        return this.holds(
          packs,
          e.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : ts.isSpreadAssignment(p) ? [p.expression] : [])),
          file,
        );
      }
      if (ts.isFunctionLike(e)) return false;
      return originHolds(this.of(e, file), packs);
    });
  }

  private resultOfCallee(fn: Origin | undefined, call: Located<ts.CallExpression>): Origin | undefined {
    if (fn?.kind === 'either') return either(fn.options.map((o) => this.resultOfCallee(o, call)));
    if (fn?.kind === 'sdk-instance' || fn?.kind === 'sdk-export') return this.sdkResult(fn, call);
    return fn?.kind === 'function' ? this.resultOf(fn) : undefined;
  }

  /**
   * What `useContext(StreamContext)` reads: any `value` given to `<StreamContext.Provider value={...}>`
   * (or React 19's `<StreamContext value={...}>`) in the file that declares the context with
   * `createContext(...)`, where the provider component usually lives (`const stream = useStream({...})`
   * handed down to the components that call `stream.submit`). Providers in other files are not looked for.
   */
  private contextValue(context: ts.Identifier, file: ParsedFile): Origin | undefined {
    const decl = declarationOf(context, file, this.project);
    if (!decl || !ts.isVariableDeclaration(decl.node) || !ts.isIdentifier(decl.node.name) || !isCreateContext(decl.node.initializer)) return undefined;
    const values = this.providedValues.get(decl.node) ?? providerValues(decl.node, decl.node.name.text, decl.file.sf);
    this.providedValues.set(decl.node, values);
    return either(values.map((v) => this.of(v, decl.file)));
  }

  /** `clients.get(name)`, `xs.filter(...)`, `map.values()`, `Object.values(clients)`. */
  private collectionCall(callee: ts.PropertyAccessExpression, call: ts.CallExpression, file: ParsedFile): Origin | undefined {
    const method = callee.name.text;
    const base = callee.expression;
    if (ts.isIdentifier(base) && base.text === 'Object' && !lookup('Object', base) && (method === 'values' || method === 'entries') && call.arguments[0]) {
      const whole = this.of(call.arguments[0], file);
      return whole ? { kind: 'collection', entries: method === 'entries', items: () => this.anyItem(whole) } : undefined;
    }
    if (!ELEMENT.has(method) && !SAME_ITEMS.has(method) && method !== 'entries') return undefined;
    const receiver = this.of(base, file);
    if (receiver?.kind !== 'collection') return undefined;
    if (ELEMENT.has(method)) return receiver.items();
    return { kind: 'collection', items: receiver.items, entries: method === 'entries' };
  }

  /**
   * What an SDK method or function returns, when its pack says (`returns`): an instance of a class,
   * or the receiver itself, keeping what made the receiver and the configs bound to it so far.
   */
  private sdkResult(fn: Extract<Origin, { kind: 'sdk-instance' | 'sdk-export' }>, call: Located<ts.CallExpression>): Origin | undefined {
    const path = fn.kind === 'sdk-instance' ? fn.path.join('.') : undefined;
    const entry: PackReturn | undefined =
      fn.kind === 'sdk-instance'
        ? fn.pack.returns.find((r) => r.path?.join('.') === path && !r.holding && appliesTo(r.classes, fn.cls))
        : fn.pack.returns.find((r) => r.function === fn.name);
    if (!entry) return undefined;
    if (entry.unless && this.setsKey(call.node.arguments[entry.unless.arg], entry.unless, call.file)) return undefined;
    if (entry.argument !== undefined) {
      const arg = call.node.arguments[entry.argument];
      return arg ? this.of(arg, call.file) : undefined;
    }
    if (entry.holding && !this.holds(entry.holding, call.node.arguments, call.file)) return undefined;
    return this.fromEntry(fn.pack, entry, call, fn.kind === 'sdk-instance' ? fn : undefined);
  }

  /**
   * Whether an argument is an object that sets `key`: written in the literal (a property, a method, a
   * shorthand), or in an object it spreads or a constant it names. Anything else is taken not to.
   * With `notAString`, a property whose value is a string literal does not count.
   */
  private setsKey(arg: ts.Expression | undefined, unless: { key: string; notAString: boolean }, file: ParsedFile): boolean {
    const origin = arg ? this.of(arg, file) : undefined;
    if (origin?.kind !== 'object') return false;
    const sets = (p: ts.ObjectLiteralElementLike) =>
      propertyName(p.name) === unless.key && !(unless.notAString && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer));
    return this.unlessUnderWay(this.keyLookups, origin.node, () =>
      origin.node.properties.some((p) => (ts.isSpreadAssignment(p) ? this.setsKey(p.expression, unless, origin.file) : sets(p))) ? origin : undefined,
    ) !== undefined;
  }

  /**
   * The SDK object a `returns` entry gives for a call: of the entry's class, else of the receiver's
   * (`before`), carrying the receiver's makers and bindings plus the entry's own.
   */
  private fromEntry(pack: RulePack, entry: PackReturn, call: Located<ts.CallExpression>, before?: Extract<Origin, { kind: 'sdk-instance' }>): Origin | undefined {
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

  /**
   * What calling a project function gives: its declared return type, else (or when attrib cannot read
   * that type) what it returns: any of its `return` expressions (`switch (provider) { case 'openai':
   * return new ChatOpenAI(...); ... }`), awaited or not.
   */
  resultOf(fn: Located<ts.SignatureDeclaration>): Origin | undefined {
    const node = fn.node;
    const declared = node.type ? this.ofType(node.type, fn.file, true) : undefined;
    if (declared || !('body' in node) || !node.body) return declared;
    const body = node.body as ts.Node;
    if (!ts.isBlock(body)) return this.of(body as ts.Expression, fn.file);
    return either(allReturns(body).map((r) => this.of(r, fn.file)));
  }

  /** An instance of a declared type: `client: OpenAI`, `OpenAI | undefined`, `Promise<OpenAI>`, `sdk.OpenAI`. */
  ofType(type: ts.TypeNode, file: ParsedFile, unwrapPromise = false): Origin | undefined {
    // One origin per type node: a recursive type (`type Json = string | Json[]`) then refers to the
    // same collection again instead of expanding forever, and whoever walks it can see the cycle.
    const memo = unwrapPromise ? this.awaitedTypes : this.types;
    if (memo.has(type)) return memo.get(type);
    memo.set(type, undefined);
    const origin = this.readType(type, file, unwrapPromise);
    memo.set(type, origin);
    return origin;
  }

  private readType(type: ts.TypeNode, file: ParsedFile, unwrapPromise: boolean): Origin | undefined {
    if (ts.isParenthesizedTypeNode(type)) return this.ofType(type.type, file, unwrapPromise);
    if (ts.isUnionTypeNode(type)) return either(type.types.map((t) => this.ofType(t, file, unwrapPromise)));
    if (ts.isArrayTypeNode(type)) {
      const element = type.elementType;
      return { kind: 'collection', items: () => this.ofType(element, file) };
    }
    if (ts.isTypeLiteralNode(type)) {
      // `{ [provider: string]: OpenAI }`.
      const index = type.members.find(ts.isIndexSignatureDeclaration);
      return index ? { kind: 'collection', items: () => this.ofType(index.type, file) } : { kind: 'shape', file, node: type };
    }
    if (ts.isTypeQueryNode(type)) {
      return ts.isIdentifier(type.exprName) ? this.of(type.exprName, file) : undefined;
    }
    // `getClient: () => Promise<Client> | Client`: calling it gives what its declared return type
    // names, as calling a project function with a declared return type does (resultOf).
    if (ts.isFunctionTypeNode(type)) return { kind: 'function', file, node: type };
    // An interface's `extends Info` clause.
    if (ts.isExpressionWithTypeArguments(type)) return ts.isIdentifier(type.expression) ? this.namedType(type.expression, type.typeArguments, file) : undefined;
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const typeName = type.typeName;
    if (unwrapPromise && ts.isIdentifier(typeName) && typeName.text === 'Promise' && type.typeArguments?.[0]) {
      return this.ofType(type.typeArguments[0], file);
    }
    if (ts.isIdentifier(typeName)) return this.namedType(typeName, type.typeArguments, file);
    if (!ts.isIdentifier(typeName.left)) return undefined;
    const ns = this.of(typeName.left, file);
    return this.instanceOfNamed(ns ? this.member(ns, typeName.right.text) : undefined);
  }

  /** The value of a type written by name (`Client`, `Map<string, OpenAI>`, `McpConnection`, an `extends` clause's base). */
  private namedType(name: ts.Identifier, typeArguments: ts.NodeArray<ts.TypeNode> | undefined, file: ParsedFile): Origin | undefined {
    const decl = lookup(name.text, name, 'type');
    const container = decl ? undefined : CONTAINERS.get(name.text);
    if (container) {
      const item = typeArguments?.[container.item];
      return { kind: 'collection', entries: container.entries, items: () => (item ? this.ofType(item, file) : undefined) };
    }
    if (!decl) return undefined;
    if (ts.isTypeAliasDeclaration(decl)) return this.ofType(decl.type, file);
    if (ts.isInterfaceDeclaration(decl)) return { kind: 'shape', file, node: decl };
    const named = this.ofDeclaration(decl, file);
    // An imported type alias, interface or class from a project file.
    if (!named && isImportBinding(decl)) {
      const target = followDecl(this.project, file, decl);
      if (target?.kind === 'decl' && ts.isTypeAliasDeclaration(target.node)) return this.ofType(target.node.type, target.file);
      if (target?.kind === 'decl' && ts.isInterfaceDeclaration(target.node)) return { kind: 'shape', file: target.file, node: target.node };
    }
    return this.instanceOfNamed(named);
  }

  /** An instance of a named class: an SDK class of a pack, or a project class. */
  private instanceOfNamed(named: Origin | undefined): Origin | undefined {
    if (named?.kind === 'sdk-export') {
      const cls = named.pack.classes.find((c) => c.name === named.name);
      return cls ? { kind: 'sdk-instance', pack: named.pack, cls, path: [] } : undefined;
    }
    if (named?.kind === 'class') return { kind: 'instance', file: named.file, node: named.node };
    return undefined;
  }

  /**
   * A member of a project class (or its instances): a method, a getter, a property (its initializer,
   * and what any method assigns to `this.name`, else its declared type), a constructor parameter
   * property, or an inherited one (including `class MyClient extends OpenAI`).
   */
  private classMember(cls: ts.ClassLikeDeclaration, file: ParsedFile, name: string): Origin | undefined {
    const assignments = assignmentsOf(file.sf);
    const later = (assignments.byMember.get(cls)?.get(name) ?? []).map((v) => this.of(v, file));
    const stored = assignments.storedInMember.get(cls)?.get(name) ?? [];
    const held = (origin: Origin | undefined) => (origin?.kind === 'collection' ? this.withStored(origin, stored, file) : origin);
    for (const m of cls.members) {
      if (propertyName(m.name) === name) {
        if (ts.isMethodDeclaration(m)) return { kind: 'function', file, node: m, role: roleOf(m) };
        if (ts.isPropertyDeclaration(m)) {
          const value = either([m.initializer ? this.of(m.initializer, file) : undefined, ...later]);
          const declared = m.type ? this.ofType(m.type, file) : undefined;
          const found = value && declared ? orDeclared(value, declared) : (value ?? declared);
          if (found) return held(found);
        }
        if (ts.isGetAccessorDeclaration(m)) {
          const returned = m.body ? firstReturn(m.body) : undefined;
          return returned ? this.of(returned, file) : m.type ? this.ofType(m.type, file) : undefined;
        }
      }
      if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          if (ts.isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) return held(either([this.ofDeclaration(p, file), ...later]));
        }
      }
    }
    // `client;` with neither type nor initializer, or no declaration at all (JavaScript): what `this.client = ...` assigns.
    const assigned = either(later);
    if (assigned) return held(assigned);
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!heritage) return undefined;
    const base = this.of(heritage.expression, file);
    if (base?.kind === 'class') return this.classMember(base.node, base.file, name);
    if (base?.kind === 'sdk-export') {
      const sdkClass = base.pack.classes.find((c) => c.name === (base as { name: string }).name);
      // A class of the project built on an interface (`extends BaseChatModel`) is the project's own model, not the SDK's.
      return sdkClass && !sdkClass.like ? { kind: 'sdk-instance', pack: base.pack, cls: sdkClass, path: [name] } : undefined;
    }
    return undefined;
  }

  /**
   * A member of a declared object type: a property is what its type names, a method signature is a
   * function of that signature; an interface's own members first, then those of what it extends.
   */
  private shapeMember(node: ts.TypeLiteralNode | ts.InterfaceDeclaration, file: ParsedFile, name: string): Origin | undefined {
    return this.unlessUnderWay(this.shapeLookups, node, () => {
      for (const m of node.members) {
        if (propertyName(m.name) !== name) continue;
        if (ts.isPropertySignature(m)) return m.type ? this.ofType(m.type, file) : undefined;
        if (ts.isMethodSignature(m)) return { kind: 'function', file, node: m };
      }
      if (!ts.isInterfaceDeclaration(node)) return undefined;
      const bases = node.heritageClauses?.flatMap((h) => h.types) ?? [];
      return either(
        bases.map((base) => {
          const shape = this.ofType(base, file);
          return shape ? this.member(shape, name) : undefined;
        }),
      );
    });
  }

  private objectMember(obj: ts.ObjectLiteralExpression, file: ParsedFile, name: string): Origin | undefined {
    // `config = { ...config, model }` spreads a value that can be this very object again: a lookup
    // already under way in it finds nothing more.
    return this.unlessUnderWay(this.memberLookups, obj, () => this.lookupObjectMember(obj, file, name));
  }

  /**
   * `compute`, unless a computation for `key` is already under way: a value built from itself
   * (`config = { ...config, model }`, `list = [...list, client]`) adds nothing the first pass did not.
   */
  private unlessUnderWay(underWay: Set<ts.Node>, key: ts.Node, compute: () => Origin | undefined): Origin | undefined {
    if (underWay.has(key)) {
      this.cuts++;
      return undefined;
    }
    underWay.add(key);
    try {
      return compute();
    } finally {
      underWay.delete(key);
    }
  }

  private lookupObjectMember(obj: ts.ObjectLiteralExpression, file: ParsedFile, name: string): Origin | undefined {
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

/** Every `return expr` of a function body, in order (not looking into nested functions). */
export function allReturns(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Whether a `const` declares it (then no later assignment can change it). */
function isConst(decl: ts.VariableDeclaration | ts.ParameterDeclaration): boolean {
  return ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/**
 * Whether a pack entry restricted to `classes` applies to an instance of `cls`: always when
 * unrestricted; an interface (`BaseChatModel`) when it stands for one of them.
 */
export function appliesTo(classes: readonly string[] | undefined, cls: PackClass): boolean {
  return !classes || classes.includes(cls.name) || (cls.like?.some((c) => classes.includes(c)) ?? false);
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

/** Whether a value is (or may be, or, as a collection, holds) an SDK object of one of the packs. */
function originHolds(origin: Origin | undefined, packs: readonly string[]): boolean {
  if (origin?.kind === 'sdk-instance') return origin.path.length === 0 && packs.includes(origin.pack.name);
  if (origin?.kind === 'either') return origin.options.some((o) => originHolds(o, packs));
  if (origin?.kind === 'collection') return originHolds(origin.items(), packs);
  return false;
}

/** The name a React call is made by: `useContext(...)` or `React.useContext(...)` (by name; React is no pack). */
function reactCallName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'React' ? callee.name.text : undefined;
}

/** `useContext(StreamContext)`, `React.useContext(...)`, React 19's `use(StreamContext)`: the context read. */
function reactContextRead(call: ts.CallExpression): ts.Identifier | undefined {
  const name = reactCallName(call);
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  return (name === 'useContext' || name === 'use') && call.arguments.length === 1 && arg && ts.isIdentifier(arg) ? arg : undefined;
}

/** The `value` expressions of the providers of a context (`<Ctx.Provider value={...}>`, `<Ctx value={...}>`) in a file. */
function providerValues(context: ts.Node, name: string, sf: ts.SourceFile): ts.Expression[] {
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName;
      const provides = (ts.isIdentifier(tag) && tag.text === name) || (ts.isPropertyAccessExpression(tag) && tag.name.text === 'Provider' && ts.isIdentifier(tag.expression) && tag.expression.text === name);
      if (provides && lookup(name, node) === context) {
        for (const attr of node.attributes.properties) {
          if (ts.isJsxAttribute(attr) && ts.isIdentifier(attr.name) && attr.name.text === 'value' && attr.initializer && ts.isJsxExpression(attr.initializer) && attr.initializer.expression) values.push(attr.initializer.expression);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return values;
}

/** `const [x, setX] = useState(...)` / `React.useState(...)`: the call. */
function reactState(pattern: ts.ArrayBindingPattern): ts.CallExpression | undefined {
  const decl = pattern.parent;
  const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  return init && ts.isCallExpression(init) && reactCallName(init) === 'useState' ? init : undefined;
}

/** `createContext<T>(init)`, `React.createContext(...)`. */
function isCreateContext(init: ts.Expression | undefined): boolean {
  const call = init && unwrap(init);
  return !!call && ts.isCallExpression(call) && reactCallName(call) === 'createContext';
}

/** `useRef<T>(init)`, `React.useRef(...)`, `createRef<T>()`: a React ref (by name; React is no pack). */
function reactRef(init: ts.Expression | undefined): ts.CallExpression | undefined {
  const call = init && unwrap(init);
  if (!call || !ts.isCallExpression(call)) return undefined;
  const name = reactCallName(call);
  return name === 'useRef' || name === 'createRef' ? call : undefined;
}
