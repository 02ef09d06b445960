import { createRequire } from 'node:module';
import type { ts as TsApi } from 'ts-morph';
import { requireWithCodeCache } from './compile-cache.js';

/**
 * The TypeScript compiler API that ts-morph bundles (`@ts-morph/common/dist/typescript.js`), required
 * directly. attrib only needs the raw parser: importing ts-morph from an ES module costs about half a
 * second more on every run (Node compiles the wrapper and its dependencies too, and scans its
 * CommonJS entry to find the named exports), and a V8 code cache saves most of the rest.
 * Resolved from ts-morph's own location, so it is the very copy ts-morph uses.
 */
const common = createRequire(createRequire(import.meta.url).resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js');
export const ts = requireWithCodeCache(common) as typeof TsApi;

/** The compiler's types, under the same name as the value (a type-only namespace merges with the const). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  type ArrayBindingPattern = TsApi.ArrayBindingPattern;
  type ArrayLiteralExpression = TsApi.ArrayLiteralExpression;
  type BindingElement = TsApi.BindingElement;
  type BindingName = TsApi.BindingName;
  type Block = TsApi.Block;
  type CallExpression = TsApi.CallExpression;
  type CaseOrDefaultClause = TsApi.CaseOrDefaultClause;
  type ClassLikeDeclaration = TsApi.ClassLikeDeclaration;
  type CompilerOptions = TsApi.CompilerOptions;
  type DiagnosticMessageChain = TsApi.DiagnosticMessageChain;
  type Expression = TsApi.Expression;
  type Identifier = TsApi.Identifier;
  type InterfaceDeclaration = TsApi.InterfaceDeclaration;
  type ImportClause = TsApi.ImportClause;
  type ImportEqualsDeclaration = TsApi.ImportEqualsDeclaration;
  type ImportSpecifier = TsApi.ImportSpecifier;
  type JSDocParsingMode = TsApi.JSDocParsingMode;
  type StringLiteralLike = TsApi.StringLiteralLike;
  type MemberName = TsApi.MemberName;
  type ModuleBlock = TsApi.ModuleBlock;
  type NamespaceImport = TsApi.NamespaceImport;
  type NewExpression = TsApi.NewExpression;
  type Node = TsApi.Node;
  type NodeArray<T extends Node> = TsApi.NodeArray<T>;
  type NodeFlags = TsApi.NodeFlags;
  type ObjectLiteralElementLike = TsApi.ObjectLiteralElementLike;
  type ObjectLiteralExpression = TsApi.ObjectLiteralExpression;
  type ParameterDeclaration = TsApi.ParameterDeclaration;
  type PropertyAccessExpression = TsApi.PropertyAccessExpression;
  type ParseConfigHost = TsApi.ParseConfigHost;
  type PropertyDeclaration = TsApi.PropertyDeclaration;
  type PropertyName = TsApi.PropertyName;
  type ScriptKind = TsApi.ScriptKind;
  type ScriptTarget = TsApi.ScriptTarget;
  type SignatureDeclaration = TsApi.SignatureDeclaration;
  type SourceFile = TsApi.SourceFile;
  type Statement = TsApi.Statement;
  type SyntaxKind = TsApi.SyntaxKind;
  type TypeElement = TsApi.TypeElement;
  type TypeLiteralNode = TsApi.TypeLiteralNode;
  type TypeNode = TsApi.TypeNode;
  type VariableDeclaration = TsApi.VariableDeclaration;
}
