import { ts } from './ts.js';
import { followDecl, importedName } from './exports.js';
import type { ParsedFile, Project } from './project.js';
import { isImportBinding, lookup, unwrap } from './scope.js';

/**
 * The package export a callee names, when it is bound by an import: `tool` (`import { tool } from
 * 'ai'`, also re-exported by a project file, also renamed) or `agents.tool` (a namespace import).
 * For exports that are neither call sites nor clients (`tool`, `withTrace`), which origin resolution
 * does not track: the packs' `runs` and `scopes` match them by module and name.
 */
export function sdkImport(expr: ts.Expression, file: ParsedFile, project: Project): { module: string; name: string } | undefined {
  const callee = unwrap(expr);
  if (ts.isIdentifier(callee)) {
    const decl = lookup(callee.text, callee);
    if (!decl || !isImportBinding(decl)) return undefined;
    const target = followDecl(project, file, decl);
    return target?.kind === 'package' ? { module: target.module, name: target.name } : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const decl = lookup(callee.expression.text, callee.expression);
    if (!decl || !isImportBinding(decl)) return undefined;
    const whole = importedName(decl);
    return whole?.name === '*' ? { module: whole.module, name: callee.name.text } : undefined;
  }
  return undefined;
}

/** The declaration a name refers to where it is used, through imports of project files (`export const graph = ...`). */
export function declarationOf(id: ts.Identifier, file: ParsedFile, project: Project): { node: ts.Node; file: ParsedFile } | undefined {
  const decl = lookup(id.text, id);
  if (!decl || !isImportBinding(decl)) return decl ? { node: decl, file } : undefined;
  const target = followDecl(project, file, decl);
  return target?.kind === 'decl' ? { node: target.node, file: target.file } : undefined;
}
