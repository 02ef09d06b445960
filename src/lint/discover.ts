import { ts } from './ts.js';
import type { CalleeNames } from './callee-names.js';
import type { CarrierReader, Harvest } from './carriers.js';
import type { Binding, Origin, OriginResolver } from './origin.js';
import type { Carrier } from './packs/types.js';
import type { ParsedFile } from './project.js';
import { roleOf } from './roles.js';
import type { CallKind } from './types.js';
import { pushAll } from '../util/arrays.js';

/** A model or tool call site found in a file, with every tag that reaches it. */
export interface FoundCall {
  file: ParsedFile;
  node: ts.CallExpression;
  kind: CallKind;
  sdk: string;
  callee: string;
  harvest: Harvest;
}

/** Calls inside `@attrib-model`/`@attrib-tool` wrappers are reported at the wrapper's call sites instead. */
const WRAPPER_ROLES = new Set(['model', 'tool']);

/**
 * Walk every call expression of a file (raw compiler nodes, no wrapping) and keep those whose
 * callee's origin is a billable SDK member, an SDK function or a project wrapper.
 */
export function findCalls(file: ParsedFile, origins: OriginResolver, reader: CarrierReader, names: CalleeNames): FoundCall[] {
  const found: FoundCall[] = [];
  const offsets = names.offsets(file);
  if (offsets.length === 0) return found;
  const visit = (node: ts.Node): void => {
    if (!containsOffset(offsets, node.pos, node.end)) return;
    if (ts.isCallExpression(node) && names.worthResolving(node, file)) {
      const call = classify(node, file, origins, reader);
      if (call) found.push(call);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  return found;
}

/** Whether a sorted list holds a value in [start, end). */
function containsOffset(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < end;
}

function classify(call: ts.CallExpression, file: ParsedFile, origins: OriginResolver, reader: CarrierReader): FoundCall | undefined {
  const origin = origins.callee(call.expression, file);
  if (!origin) return undefined;
  const match = matchCallee(origin);
  if (!match || insideWrapper(call)) return undefined;
  const harvest: Harvest = { evidence: [], keyProblems: [] };
  if (match.wrapper) {
    // A wrapper takes its tags from any argument object, or that object's `tags`.
    for (const arg of call.arguments) reader.readLoose({ file, expr: arg }, 'argument', harvest);
  } else {
    for (const carrier of match.carriers) reader.read(carrier, call.arguments, file, harvest);
    if (origin.kind === 'sdk-instance' && origin.bound) readBindings(origin.bound, match.carriers, reader, harvest);
    if (origin.kind === 'sdk-instance' && origin.construction) {
      const { file: ctorFile, node: ctor } = origin.construction;
      for (const carrier of origin.cls.carriers) reader.read(carrier, ctor.arguments ?? [], ctorFile, harvest);
    }
  }
  readScopes(call, file, origins, reader, harvest);
  return { file, node: call, kind: match.kind, sdk: match.sdk, callee: match.callee ?? calleeText(call), harvest };
}

interface CalleeMatch {
  kind: CallKind;
  sdk: string;
  callee?: string;
  carriers: readonly Carrier[];
  wrapper: boolean;
}

function matchCallee(origin: Origin): CalleeMatch | undefined {
  if (origin.kind === 'sdk-instance') {
    const path = origin.path.join('.');
    const method = origin.pack.methods.find((m) => m.path.join('.') === path && (!m.classes || m.classes.includes(origin.cls.name)));
    return method ? { kind: method.kind, sdk: origin.pack.name, callee: path, carriers: method.carriers, wrapper: false } : undefined;
  }
  if (origin.kind === 'sdk-export') {
    const fn = origin.pack.functions.find((f) => f.name === origin.name);
    return fn ? { kind: fn.kind, sdk: origin.pack.name, callee: fn.name, carriers: fn.carriers, wrapper: false } : undefined;
  }
  if (origin.kind === 'function' && (origin.role === 'model' || origin.role === 'tool')) {
    return { kind: origin.role, sdk: 'wrapper', carriers: [], wrapper: true };
  }
  return undefined;
}

function insideWrapper(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && WRAPPER_ROLES.has(roleOf(n) ?? '')) return true;
  }
  return false;
}

/**
 * Tags in the configs bound to the client (`model.withConfig({ metadata }).invoke(x)`): the call's
 * carriers on the bound argument, read from each binder call. Merged as the SDK merges configs: a tag
 * the call carries itself wins over a bound one, and a later binding over an earlier one.
 */
function readBindings(bound: readonly Binding[], carriers: readonly Carrier[], reader: CarrierReader, harvest: Harvest): void {
  for (let i = bound.length - 1; i >= 0; i--) {
    const { binder, call } = bound[i]!;
    const known = new Set(harvest.evidence.map((e) => e.tag));
    const found: Harvest = { evidence: [], keyProblems: harvest.keyProblems };
    for (const carrier of carriers) {
      if (carrier.arg === binder.as) reader.read({ ...carrier, arg: binder.arg }, call.node.arguments, call.file, found);
    }
    pushAll(harvest.evidence, found.evidence.filter((e) => !known.has(e.tag)));
  }
}

/** Tags of every enclosing `@attrib-scope` callback: `withTags({ feature: 'x' }, async () => { ...here... })`. */
function readScopes(call: ts.CallExpression, file: ParsedFile, origins: OriginResolver, reader: CarrierReader, harvest: Harvest): void {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const parent = n.parent;
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !ts.isCallExpression(parent) || !parent.arguments.includes(n as ts.Expression)) continue;
    const scope = origins.callee(parent.expression, file);
    const tags = parent.arguments[0];
    if (scope?.kind === 'function' && scope.role === 'scope' && tags && tags !== n) {
      reader.readForm({ file, expr: tags }, 'object', 'scope', false, harvest);
    }
  }
}

/** The callee as written, on one line and bounded (it is shown to people). */
function calleeText(call: ts.CallExpression): string {
  const text = call.expression.getText().replace(/\s+/g, '');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
