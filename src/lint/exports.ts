import { ts } from './ts.js';
import type { ParsedFile, Project } from './project.js';
import { isImportBinding, lookup, propertyName } from './scope.js';

/**
 * Where a name a module exports is defined: a declaration in a project file, an expression
 * (`export default x`, CommonJS `module.exports.x = ...`), or another package's export
 * (`export { OpenAI } from 'openai'`), which the caller matches against the rule packs.
 */
export type ExportTarget =
  | { kind: 'decl'; file: ParsedFile; node: ts.Node }
  | { kind: 'expr'; file: ParsedFile; expr: ts.Expression }
  | { kind: 'package'; module: string; name: string }
  | { kind: 'package-namespace'; module: string };

/** `name` is `default` for default exports. `seen` guards against export cycles. */
export function findExport(project: Project, file: ParsedFile, name: string, seen = new Set<string>()): ExportTarget | undefined {
  const key = `${file.path}\0${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const index = exportIndex(file.sf);
  for (const s of candidates(index, name)) {
    if (ts.isExportDeclaration(s)) {
      const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      const clause = s.exportClause;
      if (clause && ts.isNamespaceExport(clause)) {
        if (clause.name.text === name && from !== undefined) return throughModule(project, file, from, '*', seen);
      } else if (clause) {
        for (const spec of clause.elements) {
          if (spec.name.text !== name) continue;
          const local = (spec.propertyName ?? spec.name).text;
          if (from !== undefined) return throughModule(project, file, from, local, seen);
          const decl = lookup(local, spec.name);
          return decl ? followDecl(project, file, decl, seen) : undefined;
        }
      }
    } else if (ts.isExportAssignment(s)) {
      // `export default expr` and `export = expr` (the latter is CommonJS's whole module).
      if (name === 'default') return { kind: 'expr', file, expr: s.expression };
      const member = memberOfExpression(s.expression, name, file);
      if (member) return member;
    } else if (hasExport(s)) {
      const isDefault = hasModifier(s, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return { kind: 'decl', file, node: d };
      } else if (
        (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) &&
        (isDefault ? name === 'default' : s.name?.text === name)
      ) {
        return { kind: 'decl', file, node: s };
      }
    } else if (ts.isExpressionStatement(s)) {
      const found = commonJsExport(s.expression, name, file);
      if (found) return found;
    }
  }
  for (const from of index.stars) {
    const found = throughModule(project, file, from, name, seen);
    if (found) return found;
  }
  return undefined;
}

/**
 * Which top-level statements of a file may export which name, built once per file: looking a name
 * up by scanning every statement made a file of n exports cost n² to read (issue 8). `any` holds the
 * statements that may export any name (`export = expr`); `stars` the sources of `export * from`.
 */
interface ExportIndex {
  byName: Map<string, number[]>;
  any: number[];
  stars: string[];
  statements: readonly ts.Statement[];
}

const exportIndexes = new WeakMap<ts.SourceFile, ExportIndex>();

function exportIndex(sf: ts.SourceFile): ExportIndex {
  let index = exportIndexes.get(sf);
  if (index) return index;
  const built: ExportIndex = { byName: new Map(), any: [], stars: [], statements: sf.statements };
  const add = (name: string, i: number) => {
    const list = built.byName.get(name);
    if (!list) built.byName.set(name, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const objectKeys = (expr: ts.Expression, i: number) => {
    if (!ts.isObjectLiteralExpression(expr)) return;
    for (const p of expr.properties) {
      if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, i);
      else if (ts.isPropertyAssignment(p)) {
        const key = propertyName(p.name);
        if (key !== undefined) add(key, i);
      }
    }
  };
  sf.statements.forEach((s, i) => {
    if (ts.isExportDeclaration(s)) {
      const clause = s.exportClause;
      if (!clause) {
        if (s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) built.stars.push(s.moduleSpecifier.text);
      } else if (ts.isNamespaceExport(clause)) add(clause.name.text, i);
      else for (const spec of clause.elements) add(spec.name.text, i);
    } else if (ts.isExportAssignment(s)) {
      add('default', i);
      if (s.isExportEquals) built.any.push(i);
    } else if (hasExport(s)) {
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d.name.text, i);
      } else if (hasModifier(s, ts.SyntaxKind.DefaultKeyword)) add('default', i);
      else if ('name' in s && s.name && ts.isIdentifier(s.name as ts.Node)) add((s.name as ts.Identifier).text, i);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = s.expression;
      if (isModuleExports(left)) {
        add('default', i);
        objectKeys(right, i);
      } else if (ts.isPropertyAccessExpression(left)) add(left.name.text, i);
    }
  });
  index = built;
  exportIndexes.set(sf, index);
  return index;
}

/** The statements that may export `name`, in source order (the first that does wins, as before). */
function candidates(index: ExportIndex, name: string): ts.Statement[] {
  const named = index.byName.get(name) ?? [];
  const order = index.any.length === 0 ? named : [...named, ...index.any].sort((a, b) => a - b);
  return order.map((i) => index.statements[i]!);
}

/** Follow an import (or a local name that is one) to where the value is defined. */
export function followDecl(project: Project, file: ParsedFile, decl: ts.Node, seen = new Set<string>()): ExportTarget | undefined {
  if (!isImportBinding(decl)) return { kind: 'decl', file, node: decl };
  const imported = importedName(decl);
  if (!imported) return undefined;
  return throughModule(project, file, imported.module, imported.name, seen);
}

/** The module specifier and exported name (`default`, `*` for namespaces) an import binding names. */
export function importedName(decl: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport | ts.ImportEqualsDeclaration): { module: string; name: string } | undefined {
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    return ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? { module: ref.expression.text, name: '*' } : undefined;
  }
  const declaration = ts.isImportClause(decl) ? decl.parent : ts.isNamespaceImport(decl) ? decl.parent.parent : decl.parent.parent.parent;
  if (!ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
  const module = declaration.moduleSpecifier.text;
  if (ts.isImportClause(decl)) return { module, name: 'default' };
  if (ts.isNamespaceImport(decl)) return { module, name: '*' };
  return { module, name: (decl.propertyName ?? decl.name).text };
}

function throughModule(project: Project, from: ParsedFile, module: string, name: string, seen: Set<string>): ExportTarget | undefined {
  const resolved = project.resolve(module, from.path);
  if (resolved === undefined) return name === '*' ? { kind: 'package-namespace', module } : { kind: 'package', module, name };
  const target = project.get(resolved);
  if (!target) return undefined;
  if (name === '*') return { kind: 'decl', file: target, node: target.sf };
  return findExport(project, target, name, seen);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

function hasExport(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}

/** `module.exports = ...`, `module.exports.x = ...`, `exports.x = ...`. */
function commonJsExport(expr: ts.Expression, name: string, file: ParsedFile): ExportTarget | undefined {
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = expr.left;
  if (isModuleExports(left)) {
    if (name === 'default') return { kind: 'expr', file, expr: expr.right };
    return memberOfExpression(expr.right, name, file);
  }
  if (ts.isPropertyAccessExpression(left) && left.name.text === name) {
    const target = left.expression;
    if ((ts.isIdentifier(target) && target.text === 'exports') || isModuleExports(target)) return { kind: 'expr', file, expr: expr.right };
  }
  return undefined;
}

/**
 * What a CommonJS module is as a whole (`module.exports = x`, `export = x`), which calling or
 * constructing what `require()` returned reaches. The last assignment wins, as at run time.
 */
export function wholeExport(file: ParsedFile): ExportTarget | undefined {
  let found: ExportTarget | undefined;
  for (const s of file.sf.statements) {
    if (ts.isExportAssignment(s) && s.isExportEquals) found = { kind: 'expr', file, expr: s.expression };
    else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(s.expression.left)) {
      found = { kind: 'expr', file, expr: s.expression.right };
    }
  }
  return found;
}

function isModuleExports(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'exports' && ts.isIdentifier(node.expression) && node.expression.text === 'module';
}

/** `{ a, b: c }` exported as a whole: the member `name` of it. */
function memberOfExpression(expr: ts.Expression, name: string, file: ParsedFile): ExportTarget | undefined {
  if (!ts.isObjectLiteralExpression(expr)) return undefined;
  for (const p of expr.properties) {
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return { kind: 'expr', file, expr: p.name };
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return { kind: 'expr', file, expr: p.initializer };
  }
  return undefined;
}
