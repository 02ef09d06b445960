import { ts } from './ts.js';
import type { CalleeNames } from './callee-names.js';
import type { CarrierReader, Harvest } from './carriers.js';
import { appliesTo, type Binding, type Origin, type OriginResolver } from './origin.js';
import type { Carrier, PackScope } from './packs/types.js';
import { sdkImport } from './sdk-imports.js';
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
  // A callee that is one of several values (`let client` assigned in branches, a factory with
  // several returns): the options that are call sites. An option that is not has no such method.
  const matches: Array<{ origin: Origin; match: CalleeMatch }> = [];
  for (const option of origin.kind === 'either' ? origin.options : [origin]) {
    const match = matchCallee(option, call, file, reader, origins);
    if (match) matches.push({ origin: option, match });
  }
  const first = matches[0];
  if (!first || insideWrapper(call)) return undefined;
  const harvests = matches.map(({ origin: option, match }) => harvestOf(call, file, option, match, reader));
  // Made with a test double or a local model (a `model` carrier says which), whichever option it is: nothing is billed.
  if (harvests.every((h) => h.free !== undefined)) return undefined;
  const harvest = harvests.length === 1 ? harvests[0]! : common(harvests);
  readScopes(call, file, origins, reader, harvest);
  const { match } = first;
  return { file, node: call, kind: match.kind, sdk: match.sdk, callee: match.callee ?? calleeText(call), harvest };
}

/** The tags that reach a call through one origin of its callee. */
function harvestOf(call: ts.CallExpression, file: ParsedFile, origin: Origin, match: CalleeMatch, reader: CarrierReader): Harvest {
  const harvest: Harvest = { evidence: [], keyProblems: [] };
  if (match.wrapper) {
    // A wrapper takes its tags from any argument object, or that object's `tags`.
    for (const arg of call.arguments) reader.readLoose({ file, expr: arg }, 'argument', harvest);
    return harvest;
  }
  for (const carrier of match.carriers) reader.read(carrier, call.arguments, file, harvest);
  if (origin.kind === 'sdk-instance' && origin.bound) readBindings(call, file, origin.bound, match.carriers, reader, harvest);
  // What made the client (its constructor, a factory like `initChatModel(name, fields)`) tags every call through it.
  // The command a command method sends (`client.send(new ConverseCommand(input))`) carries tags in its input.
  for (const made of [...(origin.kind === 'sdk-instance' ? (origin.made ?? []) : []), ...(match.command?.made ?? [])]) {
    for (const carrier of made.carriers) reader.read(carrier, made.node.arguments ?? [], made.file, harvest);
  }
  return harvest;
}

/**
 * What reaches a call whichever of several clients it goes through: the tags every option carries
 * (with each option's evidence, so each static value is checked), and every key problem. A tag only
 * some options carry may be missing at run time, so it is not counted.
 */
function common(harvests: readonly Harvest[]): Harvest {
  const tagSets = harvests.map((h) => new Set(h.evidence.map((e) => e.tag)));
  const everywhere = (tag: string) => tagSets.every((set) => set.has(tag));
  return {
    evidence: harvests.flatMap((h) => h.evidence.filter((e) => everywhere(e.tag))),
    keyProblems: harvests.flatMap((h) => h.keyProblems),
  };
}

type SdkInstance = Extract<Origin, { kind: 'sdk-instance' }>;

interface CalleeMatch {
  kind: CallKind;
  sdk: string;
  callee?: string;
  carriers: readonly Carrier[];
  wrapper: boolean;
  /** The command object a command method sends (`client.send(new ConverseCommand(input))`). */
  command?: SdkInstance;
}

function matchCallee(origin: Origin, call: ts.CallExpression, file: ParsedFile, reader: CarrierReader, origins: OriginResolver): CalleeMatch | undefined {
  if (origin.kind === 'sdk-instance') {
    const path = origin.path.join('.');
    const method = origin.pack.methods.find(
      (m) => m.path.join('.') === path && appliesTo(m.classes, origin.cls) && (!m.when || m.when.equals.includes(reader.staticAt(call.arguments, file, m.when.arg, m.when.path) ?? '\0')),
    );
    if (!method) return undefined;
    // The instance called itself (`greet(input)`) is named as written.
    const match: CalleeMatch = { kind: method.kind, sdk: origin.pack.name, callee: path || undefined, carriers: method.carriers, wrapper: false };
    if (!method.commands) return match;
    // Only a command the pack lists makes `send` billable; any other command (or an unknown value) is not a call site.
    const arg = call.arguments[0];
    const command = arg ? origins.of(arg, file) : undefined;
    if (command?.kind !== 'sdk-instance' || command.pack !== origin.pack || command.path.length > 0 || !method.commands.includes(command.cls.name)) return undefined;
    return { ...match, callee: `${path}(${command.cls.name})`, command };
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
 * Tags in the configs bound to the client (`model.withConfig({ metadata }).invoke(x)`,
 * `ai.chats.create({ config })`): the call's carriers on the bound argument, read from each binding
 * call. Combined as the SDK combines them (see PackBind): a tag the call carries itself wins over a
 * bound one, and a later binding over an earlier one; with `shallow`, a bound carrier counts only
 * while the call (and each later binding) is known not to set its top-level key.
 */
function readBindings(call: ts.CallExpression, file: ParsedFile, bound: readonly Binding[], carriers: readonly Carrier[], reader: CarrierReader, harvest: Harvest): void {
  // For `shallow` bindings: the carriers whose top-level key nothing newer sets (or may set).
  const open = new Set(carriers.filter((c) => reader.lacksKey(call.arguments, file, c.arg, c.path[0])));
  for (let i = bound.length - 1; i >= 0; i--) {
    const { bind, call: binding } = bound[i]!;
    const known = new Set(harvest.evidence.map((e) => e.tag));
    const found: Harvest = { evidence: [], keyProblems: harvest.keyProblems };
    for (const carrier of carriers) {
      if (carrier.arg !== bind.as || (bind.merge === 'shallow' && !open.has(carrier))) continue;
      reader.read({ ...carrier, arg: bind.arg }, binding.node.arguments, binding.file, found);
    }
    pushAll(harvest.evidence, found.evidence.filter((e) => !known.has(e.tag)));
    if (bind.merge !== 'shallow') continue;
    for (const carrier of open) if (carrier.arg === bind.as && !reader.lacksKey(binding.node.arguments, binding.file, bind.arg, carrier.path[0])) open.delete(carrier);
  }
}

/**
 * Tags of every enclosing `@attrib-scope` callback (`withTags({ feature: 'x' }, async () => { ...here... })`)
 * and pack scope callback (`withTrace('name', async () => { ...here... }, { metadata })`).
 */
function readScopes(call: ts.CallExpression, file: ParsedFile, origins: OriginResolver, reader: CarrierReader, harvest: Harvest): void {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const parent = n.parent;
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !ts.isCallExpression(parent) || !parent.arguments.includes(n as ts.Expression)) continue;
    const scope = origins.callee(parent.expression, file);
    const tags = parent.arguments[0];
    if (scope?.kind === 'function' && scope.role === 'scope' && tags && tags !== n) {
      reader.readForm({ file, expr: tags }, 'object', 'scope', false, harvest);
    }
    for (const sdk of packScopes(parent, file, origins)) {
      if (parent.arguments[sdk.callback] === n) for (const carrier of sdk.carriers) reader.read(carrier, parent.arguments, file, harvest);
    }
  }
}

/** The pack scopes a call is (`withTrace(...)` imported from `@openai/agents`), by the module and name its callee is imported as. */
function packScopes(call: ts.CallExpression, file: ParsedFile, origins: OriginResolver): PackScope[] {
  const imported = sdkImport(call.expression, file, origins.project);
  if (!imported) return [];
  return (origins.packsOf(imported.module) ?? []).flatMap((p) => p.scopes.filter((s) => s.function === imported.name));
}

/** The callee as written, on one line and bounded (it is shown to people). */
function calleeText(call: ts.CallExpression): string {
  const text = call.expression.getText().replace(/\s+/g, '');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
