import { ts } from './ts.js';

/**
 * Lexical name lookup without a type checker: from a use, walk outwards through functions,
 * blocks, loops and catch clauses to the file, and return the node that declares the name.
 * Declarations are what origin and value resolution start from:
 * VariableDeclaration, BindingElement, ParameterDeclaration, FunctionDeclaration, ClassDeclaration,
 * EnumDeclaration, ImportSpecifier, ImportClause, NamespaceImport, ImportEqualsDeclaration
 * (values), InterfaceDeclaration and TypeAliasDeclaration (types).
 */
export type Space = 'value' | 'type';

/**
 * The declarations of each scope that holds statements (a file, a block, a case clause), collected
 * once on first lookup: scanning a block per lookup made a function of n calls cost n² (issue 8).
 */
const statementScopes = new WeakMap<ts.Node, Map<string, ts.Node[]>>();

export function lookup(name: string, from: ts.Node, space: Space = 'value'): ts.Node | undefined {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    let found: ts.Node | undefined;
    if (ts.isSourceFile(node)) return pick(statementScope(node).get(name), space);
    if (ts.isFunctionLike(node)) {
      for (const p of node.parameters) found ??= inBindingName(p.name, name, p);
      if ((ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.name?.text === name && space === 'value') found ??= node;
    } else if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      found = pick(statementScope(node).get(name), space);
    } else if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const d of node.initializer.declarations) found ??= inBindingName(d.name, name, d);
    } else if (ts.isCatchClause(node) && node.variableDeclaration) {
      found = inBindingName(node.variableDeclaration.name, name, node.variableDeclaration);
    } else if (ts.isClassExpression(node) && node.name?.text === name) {
      found = node;
    }
    if (found && space === 'value' && !isTypeOnly(found)) return found;
    if (found && space === 'type' && isTypeDeclaration(found)) return found;
  }
  return undefined;
}

/** The names a file binds at its top level with imports. */
export function importedNames(sf: ts.SourceFile): string[] {
  return [...statementScope(sf)].filter(([, nodes]) => nodes.some(isImportBinding)).map(([name]) => name);
}

/** The import bindings (`import x = require()` included) a file declares at its top level for `name`. */
export function importBindings(sf: ts.SourceFile, name: string): ImportBinding[] {
  return (statementScope(sf).get(name) ?? []).filter(isImportBinding);
}

function isTypeOnly(node: ts.Node): boolean {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
}

/** Classes, enums and imports name types as well as values. */
function isTypeDeclaration(node: ts.Node): boolean {
  return isTypeOnly(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node) || isImportBinding(node);
}

export type ImportBinding = ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport | ts.ImportEqualsDeclaration;

export function isImportBinding(node: ts.Node): node is ImportBinding {
  return ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node);
}

function pick(candidates: ts.Node[] | undefined, space: Space): ts.Node | undefined {
  if (!candidates) return undefined;
  return space === 'value' ? candidates.find((c) => !isTypeOnly(c)) : candidates.find(isTypeDeclaration);
}

function statementScope(node: ts.SourceFile | ts.Block | ts.ModuleBlock | ts.CaseOrDefaultClause): Map<string, ts.Node[]> {
  let scope = statementScopes.get(node);
  if (!scope) {
    scope = new Map();
    collect(node.statements, scope);
    statementScopes.set(node, scope);
  }
  return scope;
}

/** Record every declaration among `statements`. */
function collect(statements: ts.NodeArray<ts.Statement>, into: Map<string, ts.Node[]>): void {
  const add = (name: string, node: ts.Node) => {
    const list = into.get(name);
    if (list) list.push(node);
    else into.set(name, [node]);
  };
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) addBindingNames(d.name, d, add);
    } else if (
      (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) &&
      s.name
    ) {
      add(s.name.text, s);
    } else if (ts.isImportDeclaration(s) && s.importClause) {
      const clause = s.importClause;
      if (clause.name) add(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, bindings);
      else if (bindings) for (const spec of bindings.elements) add(spec.name.text, spec);
    } else if (ts.isImportEqualsDeclaration(s)) {
      add(s.name.text, s);
    } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
      add(s.name.text, s);
    }
  }
}

function addBindingNames(name: ts.BindingName, decl: ts.Node, add: (name: string, node: ts.Node) => void): void {
  if (ts.isIdentifier(name)) add(name.text, decl);
  else for (const el of name.elements) if (ts.isBindingElement(el)) addBindingNames(el.name, el, add);
}

function inBindingName(name: ts.BindingName, wanted: string, decl: ts.Node): ts.Node | undefined {
  if (ts.isIdentifier(name)) return name.text === wanted ? decl : undefined;
  for (const el of name.elements) {
    if (!ts.isBindingElement(el)) continue;
    const found = inBindingName(el.name, wanted, el);
    if (found) return found;
  }
  return undefined;
}

/** The nearest enclosing class of a node (for `this`). */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    // `this` inside a plain function is not the class instance.
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** Strip wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`, `await`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  for (;;) {
    // `useStream<State>` without a call (an instantiation expression) is still `useStream`.
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr) || ts.isTypeAssertionExpression(expr) || ts.isAwaitExpression(expr) || ts.isExpressionWithTypeArguments(expr)) {
      expr = expr.expression;
    } else return expr;
  }
}

/** The static name of a property (identifier, string or numeric literal, private names excluded). */
export function propertyName(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}
