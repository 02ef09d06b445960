import { ts } from './ts.js';
import { followDecl } from './exports.js';
import { firstReturn, literalText, type OriginResolver } from './origin.js';
import type { ParsedFile } from './project.js';
import { isImportBinding, lookup, propertyName, unwrap } from './scope.js';

/**
 * Static evaluation of the values that carry tags, following the code as far as it allows
 * (the "Resolving values"): literals, const identifiers (also imported), string enum
 * members, spreads of const objects, declared types (a required property is present, an optional
 * one may be undefined), `process.env.X`.
 */

/** A value in the code: an expression, or only a declared type when that is all there is. */
export type ValueRef = { file: ParsedFile; expr: ts.Expression } | { file: ParsedFile; type: ts.TypeNode; optional: boolean };

export interface Entry {
  key: string;
  /** Where the key is written (for findings about it), when it is written in code. */
  keyNode?: ts.Node;
  value: ValueRef;
  /** The property is declared optional (`feature?: string`). */
  optional: boolean;
}

export type StringValue =
  | { kind: 'static'; value: string; at: { file: ParsedFile; node: ts.Node } }
  /**
   * Known to be there, value known only at run time. For a template literal (at `at`), `template` is
   * its static text with each substitution replaced by SUBSTITUTION.
   */
  | { kind: 'dynamic'; optional: boolean; template?: string; at?: { file: ParsedFile; node: ts.Node } }
  | { kind: 'absent' };

const MAX_DEPTH = 30;

/** Stands for a `${...}` substitution in a template literal's static text. */
export const SUBSTITUTION = '\u0000';

/**
 * The key of an entry standing for keys that cannot be known statically: a `Record<string, string>`,
 * an index signature, a spread of a value of unknown shape. It matches no tag or property name.
 */
export const OPEN_KEYS = '\u0000*';

/** Whether an object value's entries include keys that cannot be known statically. */
export const hasOpenKeys = (entries: readonly Entry[]): boolean => entries.some((e) => e.key === OPEN_KEYS);

export class ValueResolver {
  private depth = 0;
  /** How many times the depth limit cut a resolution short: a result computed meanwhile is not remembered. */
  private cutoffs = 0;
  /**
   * The entries of each expression, once known: a tags object spread into every call of a file is
   * resolved once, not once per call.
   */
  private readonly memo = new Map<ts.Expression, Entry[] | undefined>();

  constructor(readonly origins: OriginResolver) {}

  private nested<T>(fallback: T, fn: () => T): T {
    if (this.depth >= MAX_DEPTH) {
      this.cutoffs++;
      return fallback;
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** The properties of an object value, or undefined when its shape is unknown. */
  entries(ref: ValueRef): Entry[] | undefined {
    if ('type' in ref) return this.nested(undefined, () => this.typeEntries(ref.type, ref.file, ref.optional));
    if (this.memo.has(ref.expr)) return this.memo.get(ref.expr);
    const cutoffs = this.cutoffs;
    const found = this.nested(undefined, () => this.exprEntries(unwrap(ref.expr), ref.file));
    if (cutoffs === this.cutoffs) this.memo.set(ref.expr, found);
    return found;
  }

  /** The entry `key` of an object value (the last one wins, as with spreads at run time). */
  property(ref: ValueRef, key: string): Entry | undefined {
    const all = this.entries(ref);
    if (!all) return undefined;
    for (let i = all.length - 1; i >= 0; i--) if (all[i]!.key === key) return all[i];
    return undefined;
  }

  private exprEntries(expr: ts.Expression, file: ParsedFile): Entry[] | undefined {
    if (ts.isObjectLiteralExpression(expr)) {
      const out: Entry[] = [];
      for (const p of expr.properties) {
        if (ts.isSpreadAssignment(p)) {
          const spread = this.entries({ file, expr: p.expression });
          out.push(...(spread ?? [{ key: OPEN_KEYS, value: { file, expr: p.expression }, optional: true }]));
          continue;
        }
        if (ts.isPropertyAssignment(p)) {
          const key = ts.isComputedPropertyName(p.name) ? this.staticString({ file, expr: p.name.expression }) : propertyName(p.name);
          if (key !== undefined) out.push({ key, keyNode: p.name, value: { file, expr: p.initializer }, optional: false });
        } else if (ts.isShorthandPropertyAssignment(p)) {
          out.push({ key: p.name.text, keyNode: p.name, value: { file, expr: p.name }, optional: false });
        }
      }
      return out;
    }
    if (ts.isIdentifier(expr)) {
      const target = this.declaration(expr, file);
      return target ? this.declarationEntries(target.node, target.file) : undefined;
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
      const key = ts.isPropertyAccessExpression(expr) ? expr.name.text : literalText(expr.argumentExpression);
      const entry = key === undefined ? undefined : this.property({ file, expr: expr.expression }, key);
      return entry ? this.entries(entry.value) : undefined;
    }
    if (ts.isConditionalExpression(expr)) {
      // `...(cond ? { a } : {})`: the keys of either branch, each only maybe there.
      const a = this.entries({ file, expr: expr.whenTrue });
      const b = this.entries({ file, expr: expr.whenFalse });
      return a && b ? [...a, ...b].map((e) => ({ ...e, optional: true })) : undefined;
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      // `...(cond && { a })`: spreading a falsy value adds nothing.
      return this.entries({ file, expr: expr.right })?.map((e) => ({ ...e, optional: true }));
    }
    if (ts.isCallExpression(expr)) {
      // A helper that builds the tags: its declared return type, else what it returns.
      const fn = this.origins.of(expr.expression, file);
      if (fn?.kind !== 'function') return undefined;
      const node = fn.node;
      if (node.type) return this.typeEntries(unwrapPromise(node.type), fn.file, false);
      const body = 'body' in node ? (node.body as ts.Node | undefined) : undefined;
      if (!body) return undefined;
      if (!ts.isBlock(body)) return this.entries({ file: fn.file, expr: body as ts.Expression });
      const returned = firstReturn(body);
      return returned ? this.entries({ file: fn.file, expr: returned }) : undefined;
    }
    return undefined;
  }

  private declarationEntries(decl: ts.Node, file: ParsedFile): Entry[] | undefined {
    if (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl)) {
      const optional = ts.isParameter(decl) && decl.questionToken !== undefined;
      // A const's initializer is the exact value; otherwise the declared type is all that is certain.
      if (decl.initializer && (!decl.type || isConst(decl))) {
        const fromValue = this.entries({ file, expr: decl.initializer });
        if (fromValue) return optional ? fromValue.map((e) => ({ ...e, optional: true })) : fromValue;
      }
      return decl.type ? this.typeEntries(decl.type, file, optional) : undefined;
    }
    if (ts.isBindingElement(decl)) {
      const entry = this.bindingEntry(decl, file);
      return entry ? this.entries(entry.value) : undefined;
    }
    return undefined;
  }

  /** What a destructured name (`const { tags } = opts`) holds. */
  private bindingEntry(decl: ts.BindingElement, file: ParsedFile): Entry | undefined {
    const pattern = decl.parent;
    if (!ts.isObjectBindingPattern(pattern)) return undefined;
    const key = propertyName(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
    if (key === undefined) return undefined;
    const owner = pattern.parent;
    let whole: Entry[] | undefined;
    if (ts.isBindingElement(owner)) {
      const parentEntry = this.bindingEntry(owner, file);
      whole = parentEntry ? this.entries(parentEntry.value) : undefined;
    } else whole = this.declarationEntries(owner, file);
    if (!whole) return undefined;
    for (let i = whole.length - 1; i >= 0; i--) if (whole[i]!.key === key) return whole[i];
    return undefined;
  }

  /** Properties of a declared type: type literals, interfaces (with `extends`), aliases, intersections, `Partial`/`Required`/`Readonly`. */
  private typeEntries(type: ts.TypeNode, file: ParsedFile, allOptional: boolean): Entry[] | undefined {
    if (ts.isParenthesizedTypeNode(type)) return this.typeEntries(type.type, file, allOptional);
    if (ts.isTypeLiteralNode(type)) return membersEntries(type.members, file, allOptional);
    if (ts.isIntersectionTypeNode(type)) {
      const out: Entry[] = [];
      for (const t of type.types) out.push(...(this.entries({ file, type: t, optional: allOptional }) ?? []));
      return out;
    }
    if (ts.isUnionTypeNode(type)) {
      // `Tags | undefined`: the object itself may be missing, so every tag in it may be.
      const defined = type.types.filter((t) => !isUndefinedType(t));
      if (defined.length !== 1) return undefined;
      return this.entries({ file, type: defined[0]!, optional: allOptional || defined.length < type.types.length });
    }
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
    const name = type.typeName.text;
    const arg = type.typeArguments?.[0];
    // `Record<string, string>`: any keys at all (a `Record<'feature' | 'tenant', string>` names its keys).
    if (name === 'Record' && arg && !lookup('Record', type.typeName, 'type')) return literalKeys(arg, file, type.typeArguments?.[1], allOptional) ?? [openEntry(file, type)];
    if ((name === 'Partial' || name === 'Required' || name === 'Readonly') && arg) {
      const inner = this.entries({ file, type: arg, optional: allOptional || name === 'Partial' });
      if (name !== 'Required') return inner;
      return inner?.map((e) => ({ ...e, optional: allOptional, value: 'type' in e.value ? { ...e.value, optional: allOptional } : e.value }));
    }
    return this.namedTypeEntries(type.typeName, file, allOptional);
  }

  /** Properties of the interface or type alias a name refers to (local or imported). */
  private namedTypeEntries(name: ts.Identifier, file: ParsedFile, allOptional: boolean): Entry[] | undefined {
    let decl = lookup(name.text, name, 'type');
    let declFile = file;
    if (decl && isImportBinding(decl)) {
      const target = followDecl(this.origins.project, file, decl);
      if (target?.kind !== 'decl') return undefined;
      decl = target.node;
      declFile = target.file;
    }
    if (!decl) return undefined;
    if (ts.isTypeAliasDeclaration(decl)) return this.entries({ file: declFile, type: decl.type, optional: allOptional });
    if (!ts.isInterfaceDeclaration(decl)) return undefined;
    const out: Entry[] = [];
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) {
        if (ts.isIdentifier(base.expression)) out.push(...(this.nested(undefined, () => this.namedTypeEntries(base.expression as ts.Identifier, declFile, allOptional)) ?? []));
      }
    }
    out.push(...membersEntries(decl.members, declFile, allOptional));
    return out;
  }

  /** The declaration an identifier names, followed through imports to the defining file. */
  private declaration(id: ts.Identifier, file: ParsedFile): { file: ParsedFile; node: ts.Node } | undefined {
    const decl = lookup(id.text, id);
    if (!decl) return undefined;
    const target = followDecl(this.origins.project, file, decl);
    if (!target) return undefined;
    if (target.kind === 'decl') return target;
    if (target.kind === 'expr') return { file: target.file, node: target.expr };
    return undefined;
  }

  /** A value that must be a static string (computed keys): its text, or undefined. */
  staticString(ref: ValueRef): string | undefined {
    const value = this.string(ref);
    return value.kind === 'static' ? value.value : undefined;
  }

  /** Evaluate a tag value. */
  string(ref: ValueRef): StringValue {
    return this.nested<StringValue>({ kind: 'dynamic', optional: false }, () => ('type' in ref ? typeString(ref.type, ref.file, ref.optional) : this.exprString(unwrap(ref.expr), ref.file)));
  }

  private exprString(expr: ts.Expression, file: ParsedFile): StringValue {
    if (ts.isStringLiteralLike(expr)) return { kind: 'static', value: expr.text, at: { file, node: expr } };
    if (ts.isTemplateExpression(expr)) {
      const template = expr.head.text + expr.templateSpans.map((span) => SUBSTITUTION + span.literal.text).join('');
      return { kind: 'dynamic', optional: false, template, at: { file, node: expr } };
    }
    if (expr.kind === ts.SyntaxKind.NullKeyword) return { kind: 'absent' };
    if (ts.isIdentifier(expr)) {
      if (expr.text === 'undefined' && !lookup('undefined', expr)) return { kind: 'absent' };
      const target = this.declaration(expr, file);
      if (!target) return { kind: 'dynamic', optional: false };
      return this.declarationString(target.node, target.file);
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
      const key = ts.isPropertyAccessExpression(expr) ? expr.name.text : literalText(expr.argumentExpression);
      if (key === undefined) return { kind: 'dynamic', optional: false };
      const enumValue = this.enumMember(expr.expression, key, file);
      if (enumValue) return enumValue;
      const entry = this.property({ file, expr: expr.expression }, key);
      if (!entry) return { kind: 'dynamic', optional: false };
      const value = this.string(entry.value);
      return entry.optional && value.kind === 'dynamic' ? { ...value, optional: true } : value;
    }
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        const right = this.string({ file, expr: expr.right });
        return right.kind === 'absent' ? this.string({ file, expr: expr.left }) : { kind: 'dynamic', optional: right.kind === 'dynamic' && right.optional };
      }
    }
    if (ts.isConditionalExpression(expr)) {
      const a = this.string({ file, expr: expr.whenTrue });
      const b = this.string({ file, expr: expr.whenFalse });
      if (a.kind === 'absent' && b.kind === 'absent') return { kind: 'absent' };
      return { kind: 'dynamic', optional: a.kind === 'absent' || b.kind === 'absent' || (a.kind === 'dynamic' && a.optional) || (b.kind === 'dynamic' && b.optional) };
    }
    return { kind: 'dynamic', optional: false };
  }

  private declarationString(decl: ts.Node, file: ParsedFile): StringValue {
    if (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl)) {
      if (decl.initializer && isConst(decl)) return this.string({ file, expr: decl.initializer });
      const optional = (ts.isParameter(decl) && decl.questionToken !== undefined && !decl.initializer) || (decl.type !== undefined && typeMayBeUndefined(decl.type));
      if (decl.type && !decl.initializer) {
        const typed = typeString(decl.type, file, optional);
        if (typed.kind === 'static') return typed;
      }
      return { kind: 'dynamic', optional };
    }
    if (ts.isBindingElement(decl)) {
      const entry = this.bindingEntry(decl, file);
      if (!entry) return { kind: 'dynamic', optional: false };
      const value = this.string(entry.value);
      if (value.kind === 'absent' && decl.initializer) return this.string({ file, expr: decl.initializer });
      return entry.optional && !decl.initializer && value.kind === 'dynamic' ? { ...value, optional: true } : value;
    }
    if (ts.isExpression(decl)) return this.string({ file, expr: decl });
    return { kind: 'dynamic', optional: false };
  }

  /** `Feature.InboxTriage` for a string enum (local or imported). */
  private enumMember(base: ts.Expression, key: string, file: ParsedFile): StringValue | undefined {
    const inner = unwrap(base);
    if (!ts.isIdentifier(inner)) return undefined;
    const target = this.declaration(inner, file);
    if (!target || !ts.isEnumDeclaration(target.node)) return undefined;
    const member = target.node.members.find((m) => propertyName(m.name) === key);
    if (member?.initializer && ts.isStringLiteralLike(member.initializer)) {
      return { kind: 'static', value: member.initializer.text, at: { file: target.file, node: member.initializer } };
    }
    return { kind: 'dynamic', optional: false };
  }

  /** The elements of an array value (`['feature:x', ...base]`), or undefined when unknown. */
  elements(ref: ValueRef): ValueRef[] | undefined {
    return this.nested(undefined, () => {
      if ('type' in ref) return undefined;
      const expr = unwrap(ref.expr);
      if (ts.isArrayLiteralExpression(expr)) {
        const out: ValueRef[] = [];
        for (const el of expr.elements) {
          if (ts.isSpreadElement(el)) out.push(...(this.elements({ file: ref.file, expr: el.expression }) ?? []));
          else out.push({ file: ref.file, expr: el });
        }
        return out;
      }
      if (ts.isIdentifier(expr)) {
        const target = this.declaration(expr, ref.file);
        if (!target) return undefined;
        const node = target.node;
        if (ts.isVariableDeclaration(node) && node.initializer && isConst(node)) return this.elements({ file: target.file, expr: node.initializer });
        if (ts.isExpression(node)) return this.elements({ file: target.file, expr: node });
        return undefined;
      }
      if (ts.isPropertyAccessExpression(expr)) {
        const entry = this.property({ file: ref.file, expr: expr.expression }, expr.name.text);
        return entry ? this.elements(entry.value) : undefined;
      }
      return undefined;
    });
  }
}

function openEntry(file: ParsedFile, type: ts.TypeNode): Entry {
  return { key: OPEN_KEYS, value: { file, type, optional: true }, optional: true };
}

/** The keys of `Record<'a' | 'b', V>` as entries of type V, or undefined when the key type is not a union of string literals. */
function literalKeys(keyType: ts.TypeNode, file: ParsedFile, valueType: ts.TypeNode | undefined, allOptional: boolean): Entry[] | undefined {
  const parts = ts.isUnionTypeNode(keyType) ? keyType.types : [keyType];
  const keys: Array<{ key: string; node: ts.Node }> = [];
  for (const t of parts) {
    if (!ts.isLiteralTypeNode(t) || !ts.isStringLiteral(t.literal)) return undefined;
    keys.push({ key: t.literal.text, node: t.literal });
  }
  if (!valueType) return undefined;
  return keys.map(({ key, node }) => ({ key, keyNode: node, value: { file, type: valueType, optional: allOptional }, optional: allOptional }));
}

function membersEntries(members: ts.NodeArray<ts.TypeElement>, file: ParsedFile, allOptional: boolean): Entry[] {
  const out: Entry[] = [];
  for (const m of members) {
    // `{ [key: string]: string }`: keys beyond the declared ones cannot be known.
    if (ts.isIndexSignatureDeclaration(m) && m.type) out.push(openEntry(file, m.type));
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const key = propertyName(m.name);
    if (key === undefined) continue;
    const optional = allOptional || m.questionToken !== undefined || typeMayBeUndefined(m.type);
    out.push({ key, keyNode: m.name, value: { file, type: m.type, optional }, optional });
  }
  return out;
}

/** A value known only by its type: a string literal type is static, anything else dynamic. */
function typeString(type: ts.TypeNode, file: ParsedFile, optional: boolean): StringValue {
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) && !optional) {
    return { kind: 'static', value: type.literal.text, at: { file, node: type.literal } };
  }
  if (isUndefinedType(type)) return { kind: 'absent' };
  return { kind: 'dynamic', optional };
}

function isUndefinedType(type: ts.TypeNode): boolean {
  return (
    type.kind === ts.SyntaxKind.UndefinedKeyword ||
    type.kind === ts.SyntaxKind.VoidKeyword ||
    (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

function typeMayBeUndefined(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return typeMayBeUndefined(type.type);
  return ts.isUnionTypeNode(type) && type.types.some(isUndefinedType);
}

function isConst(decl: ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration): boolean {
  if (ts.isVariableDeclaration(decl)) return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
  if (ts.isPropertyDeclaration(decl)) return ts.getModifiers(decl)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) ?? false;
  return false;
}

function unwrapPromise(type: ts.TypeNode): ts.TypeNode {
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise' && type.typeArguments?.[0]) return type.typeArguments[0];
  return type;
}

