import { ts } from '../lint/ts.js';

/** What `attrib diff` reads at a lint call site besides what lint reports: the model it names, and whether it runs in a loop. */
export interface CallFacts {
  /** The `model` of the call's options when it is written as a literal (`model: 'gpt-4o'`), else null. */
  model: string | null;
  /**
   * The call is inside a loop of its function: a `for`/`while`/`do` statement, or a callback of an
   * array method that calls it once per element (`map`, `forEach`, `flatMap`...). Loops in the
   * callers are not seen.
   */
  inLoop: boolean;
}

const PER_ELEMENT = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'from']);
const UNKNOWN: CallFacts = Object.freeze({ model: null, inLoop: false });

/**
 * Facts of the calls in one file, by the 1-based line and column lint gives a call site (the first
 * character of the call expression). The file is parsed once, without a program: syntax is enough.
 */
export class FileFacts {
  private readonly calls = new Map<string, ts.CallExpression>();
  private readonly sf: ts.SourceFile;

  constructor(fileName: string, text: string) {
    this.sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const { line, character } = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
        const key = `${line + 1}:${character + 1}`;
        // Nested calls can start at the same place (`a.b().c()`): the outermost is the one lint names.
        if (!this.calls.has(key) && ts.isCallExpression(node)) this.calls.set(key, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
  }

  at(line: number, column: number): CallFacts {
    const call = this.calls.get(`${line}:${column}`);
    return call ? { model: modelOf(call), inLoop: inLoop(call) } : UNKNOWN;
  }
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.[cm]?tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** `model` of the first object-literal argument, when it is a string literal (a variable's value is not followed). */
function modelOf(call: ts.CallExpression): string | null {
  for (const arg of call.arguments) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    for (const prop of arg.properties) {
      if (!ts.isPropertyAssignment(prop)) continue;
      const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (name !== 'model') continue;
      const value = prop.initializer;
      if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return value.text;
      return null;
    }
  }
  return null;
}

function inLoop(call: ts.Node): boolean {
  for (let node = call.parent; node; node = node.parent) {
    if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return true;
    if (ts.isFunctionLike(node)) {
      // A callback run per element (`items.map(async (x) => ...)`) loops; any other function ends the search.
      const holder = node.parent;
      if (!holder || !ts.isCallExpression(holder) || !holder.arguments.some((a) => a === node)) return false;
      const callee = holder.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (method === undefined || !PER_ELEMENT.has(method)) return false;
      return true;
    }
  }
  return false;
}
