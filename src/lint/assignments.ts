import { ts } from './ts.js';
import { enclosingClass, lookup } from './scope.js';

/**
 * The values a file assigns after declaring: `client = new OpenAI()` to a `let` (keyed by its
 * declaration), `this.client = ...` in any method of a class (keyed by class and name), and what
 * `clients.set(key, value)` / `clients.push(value)` put into a container held by a declaration.
 * Built once per file by one walk (a lookup per assignment, each answered from cached scopes), so
 * following a `let` costs the same however many there are.
 */
export interface Assignments {
  /** `x = v`, `x ??= v`, `x ||= v`, by the declaration of `x`. */
  byDeclaration: Map<ts.Node, ts.Expression[]>;
  /** `this.name = v` (and `??=`, `||=`), by class, then name. */
  byMember: Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>;
  /** `x.name = v` (a holder: a React ref's `sessionRef.current = ...`, `state.client = ...`), by the declaration of `x`, then name. */
  byDeclarationMember: Map<ts.Node, Map<string, ts.Expression[]>>;
  /** `x.set(k, v)` (v), `x.push(v, ...)`, `x.unshift(v)`, `x.add(v)`, by the declaration of `x`. */
  stored: Map<ts.Node, ts.Expression[]>;
  /** The same into `this.name`, by class, then name. */
  storedInMember: Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>;
  /**
   * `setClient(v)`: the first argument of each call of a function, by the function's declaration
   * (React state setters, `const [client, setClient] = useState<OpenAI>()`). Only in files that
   * mention `useState`.
   */
  calledWith: Map<ts.Node, ts.Expression[]>;
}

const ASSIGNING = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);
/** Container methods that store a value, and which of their arguments are the values. */
const STORING: ReadonlyMap<string, (args: ts.NodeArray<ts.Expression>) => readonly ts.Expression[]> = new Map([
  ['set', (args) => args.slice(1, 2)],
  ['push', (args) => [...args]],
  ['unshift', (args) => [...args]],
  ['add', (args) => args.slice(0, 1)],
]);

const cache = new WeakMap<ts.SourceFile, Assignments>();

export function assignmentsOf(sf: ts.SourceFile): Assignments {
  let found = cache.get(sf);
  if (found) return found;
  const out: Assignments = { byDeclaration: new Map(), byMember: new Map(), byDeclarationMember: new Map(), stored: new Map(), storedInMember: new Map(), calledWith: new Map() };
  const setters = sf.text.includes('useState');
  const push = <K>(map: Map<K, ts.Expression[]>, key: K, values: readonly ts.Expression[]) => {
    const list = map.get(key);
    if (list) list.push(...values);
    else map.set(key, [...values]);
  };
  const target = (node: ts.Expression, byDecl: Map<ts.Node, ts.Expression[]>, byMember: Assignments['byMember'], values: readonly ts.Expression[]) => {
    if (ts.isIdentifier(node)) {
      const decl = lookup(node.text, node);
      if (decl) push(byDecl, decl, values);
    } else if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(node);
      if (!cls) return;
      let members = byMember.get(cls);
      if (!members) byMember.set(cls, (members = new Map()));
      push(members, node.name.text, values);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && ASSIGNING.has(node.operatorToken.kind)) {
      target(node.left, out.byDeclaration, out.byMember, [node.right]);
      const left = node.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression)) {
        const decl = lookup(left.expression.text, left.expression);
        if (decl) {
          let members = out.byDeclarationMember.get(decl);
          if (!members) out.byDeclarationMember.set(decl, (members = new Map()));
          push(members, left.name.text, [node.right]);
        }
      }
    } else if (setters && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length === 1) {
      target(node.expression, out.calledWith, out.byMember, node.arguments.slice(0, 1));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const values = STORING.get(node.expression.name.text)?.(node.arguments);
      if (values && values.length > 0) target(node.expression.expression, out.stored, out.storedInMember, values);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  found = out;
  cache.set(sf, found);
  return found;
}
