import { ts } from './ts.js';

/** What a project function declares itself to be, through a JSDoc tag in its leading comment. */
export type Role = 'model' | 'tool' | 'scope';

const ROLE_TAG = /@attrib-(model|tool|scope)\b/;

/**
 * The `@attrib-model` / `@attrib-tool` / `@attrib-scope` tag of a function-like node. The comment
 * may sit on the function itself or on what declares it (`const f = () => ...`, a class property,
 * an object property, `export default`). Read from raw comment text: JSDoc is not parsed.
 */
export function roleOf(fn: ts.Node): Role | undefined {
  const sf = fn.getSourceFile();
  for (let node: ts.Node | undefined = fn, hops = 0; node && hops < 4; node = node.parent, hops++) {
    const role = roleInComments(sf.text, node.getFullStart());
    if (role) return role;
    if (!canCarryDocFor(node)) break;
  }
  return undefined;
}

/** Nodes whose leading comment also documents the function they contain. */
function canCarryDocFor(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  return (
    ts.isVariableDeclaration(parent) ||
    ts.isVariableDeclarationList(parent) ||
    ts.isVariableStatement(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isParenthesizedExpression(parent)
  );
}

function roleInComments(text: string, position: number): Role | undefined {
  for (const range of ts.getLeadingCommentRanges(text, position) ?? []) {
    if (range.kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const match = ROLE_TAG.exec(text.slice(range.pos, range.end));
    if (match) return match[1] as Role;
  }
  return undefined;
}
