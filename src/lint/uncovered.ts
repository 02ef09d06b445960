import { ts } from './ts.js';
import { type KnownSdks, packageName, type SdkKind } from './known-sdks.js';
import type { ParsedFile } from './project.js';

/** The first import of an SDK that no pack covers. */
export interface UncoveredImport {
  /** The npm package (`@langchain/langgraph`). */
  pkg: string;
  /** The specifier as written (`@langchain/langgraph/prebuilt`). */
  specifier: string;
  kind: SdkKind;
  file: ParsedFile;
  /** The specifier's string literal. */
  node: ts.StringLiteralLike;
}

/** A quoted specifier after `from`, `import`, `import(` or `require(`: a cheap text test before any parse. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\r\n]+)\1/g;

/**
 * Finds, per package, the first import of an SDK that looks like an AI provider, agent framework or
 * tool SDK (rules/known-sdks.yaml) and that no rule pack covers, so that lint says where it is blind.
 * Files are tested by text first; only a file with such a specifier is parsed, and only a real import
 * (not a comment or a string) counts.
 */
export class UncoveredSdks {
  private readonly first = new Map<string, UncoveredImport>();

  constructor(
    private readonly known: KnownSdks,
    private readonly covered: (specifier: string) => boolean,
  ) {}

  /** Look at one lint target (call in the order the findings should name first sites). */
  scan(text: string, parse: () => ParsedFile | undefined): void {
    let candidate = false;
    for (const m of text.matchAll(SPECIFIER)) {
      if (this.uncoveredKind(m[2]!) !== undefined) {
        candidate = true;
        break;
      }
    }
    if (!candidate) return;
    const file = parse();
    if (!file) return;
    for (const node of moduleSpecifiers(file.sf)) {
      const specifier = node.text;
      const kind = this.uncoveredKind(specifier);
      const pkg = packageName(specifier);
      if (kind === undefined || pkg === undefined || this.first.has(pkg)) continue;
      this.first.set(pkg, { pkg, specifier, kind, file, node });
    }
  }

  /** The first import site of each uncovered package, in the order found. */
  get imports(): UncoveredImport[] {
    return [...this.first.values()];
  }

  private uncoveredKind(specifier: string): SdkKind | undefined {
    if (packageName(specifier) === undefined || this.covered(specifier)) return undefined;
    return this.known.kindOf(specifier);
  }
}

/** Every module specifier a file imports, re-exports or requires (static and dynamic), in source order. */
function moduleSpecifiers(sf: ts.SourceFile): ts.StringLiteralLike[] {
  const out: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import type` / `export type` bring in types only: nothing is called through them.
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      if (!typeOnly) out.push(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push(node.arguments[0] as ts.StringLiteralLike);
    } else if (ts.isImportTypeNode(node)) {
      return; // `import('x').T` names a type: nothing is called
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
