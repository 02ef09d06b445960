import { ts } from './ts.js';

/**
 * A call site's stable id, `FILE#SCOPE/CALLEE#N`, e.g. `src/agents/planner.ts#Planner.plan/chat.completions.create#1`:
 * the repo-relative file, the names of the enclosing named functions (class, method, function,
 * or the variable/property an arrow function is assigned to), outermost first and joined by `.`
 * (`(top)` at module level), the callee as the rule pack names it, and the 1-based ordinal among
 * the calls with the same file, scope and callee in source order. No line or column goes in, so
 * edits that shift lines keep the id (like the baseline fingerprint); adding a same call before an
 * existing one in the same scope renumbers the later ones, deterministically. Readable beats opaque:
 * the id is meant to be read in a report row. A `#` or `%` in the file or callee is percent-encoded,
 * so the id always splits back into its four parts. See docs/call-sites.md.
 */
export function callSiteIds(sites: ReadonlyArray<{ file: string; line: number; column: number; callee: string; scope: string }>): string[] {
  const order = sites.map((_, i) => i);
  order.sort((a, b) => {
    const x = sites[a]!;
    const y = sites[b]!;
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
  });
  const seen = new Map<string, number>();
  const ids: string[] = new Array<string>(sites.length);
  for (const i of order) {
    const site = sites[i]!;
    const base = `${escapeHashes(site.file)}#${site.scope}/${escapeHashes(site.callee)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    ids[i] = `${base}#${n}`;
  }
  return ids;
}

/** The enclosing scope of a call as `callSiteIds` names it. Anonymous callbacks add nothing: the ordinal tells their calls apart. */
export function enclosingScope(node: ts.Node): string {
  const names: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    const name = scopeName(n);
    if (name !== undefined) names.push(encodeSegment(name));
  }
  return names.length === 0 ? '(top)' : names.reverse().join('.');
}

function scopeName(node: ts.Node): string | undefined {
  if (ts.isClassLike(node) || ts.isFunctionDeclaration(node)) return node.name?.text;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) return propertyText(node.name);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    if (ts.isFunctionExpression(node) && node.name) return node.name.text;
    const holder = node.parent;
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
    if ((ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === node) return propertyText(holder.name);
  }
  return undefined;
}

function propertyText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

const percent = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

function escapeHashes(text: string): string {
  return text.replace(/[#%]/g, percent);
}

/** `.`, `/`, `#`, `%`, spaces and control characters would make the id ambiguous or unreadable: percent-encoded (UTF-8). */
function encodeSegment(name: string): string {
  return name.replace(/[^\p{ID_Continue}$]/gu, percent);
}
