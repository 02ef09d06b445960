import { ts } from './ts.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { FreeModels } from './free-models.js';
import type { Carrier, CarrierForm } from './packs/types.js';
import type { ParsedFile } from './project.js';
import { hasOpenKeys, OPEN_KEYS, type StringValue, SUBSTITUTION, type ValueRef, type ValueResolver } from './values.js';

/** One tag reaching a call through one carrier. */
export interface Evidence {
  tag: string;
  value: Exclude<StringValue, { kind: 'absent' }>;
  /** The carrier, e.g. `metadata`, `headers`, `defaultHeaders`, `scope`. */
  source: string;
}

/** A key in a tag carrier that looks like a misspelt tag (`tennant`, `workloadClass`, `x-attrib-enviroment`). */
export interface KeyProblem {
  key: string;
  suggestion: string;
  at?: { file: ParsedFile; node: ts.Node };
}

/** A carrier holding a value whose keys cannot be known statically (`metadata: tags` with `tags: Record<string, string>`). */
export interface Unverifiable {
  source: string;
  at: { file: ParsedFile; node: ts.Node };
}

export interface Harvest {
  evidence: Evidence[];
  keyProblems: KeyProblem[];
  /** Why the call costs nothing, when a `model` carrier holds a free model (a test double, a local model). */
  free?: string;
  /** Carriers whose tags cannot be read: any tag may or may not be in them. */
  unverifiable?: Unverifiable[];
}

const MAX_INSTANCE_DEPTH = 5;
const HEADER_PREFIXES = ['x-attrib-', 'helicone-property-'];
const LITELLM_TAGS_HEADER = 'x-litellm-tags';

/** Reads tags out of carriers, knowing the taxonomy's tag names. */
export class CarrierReader {
  /** How many `instance` carriers deep the current read is (an instance made from an instance...). */
  private instanceDepth = 0;
  /** Header spelling (`workload-class`, lowercase) to tag name. */
  private readonly headerNames = new Map<string, string>();

  constructor(
    private readonly values: ValueResolver,
    private readonly tags: ReadonlySet<string>,
    private readonly freeModels?: FreeModels,
  ) {
    for (const tag of tags) this.headerNames.set(tag.replace(/_/g, '-').toLowerCase(), tag);
  }

  /** Tags in `carrier` of a call or constructor with these arguments. */
  read(carrier: Carrier, args: readonly ts.Expression[], file: ParsedFile, into: Harvest): void {
    const arg = args[carrier.arg];
    if (!arg) return;
    let ref: ValueRef | undefined = { file, expr: arg };
    let optional = false;
    for (const key of carrier.path) {
      const entry: ReturnType<ValueResolver['property']> = this.values.property(ref, key);
      if (!entry) {
        // `{ ...opts }` with `opts: Record<string, unknown>`: the carrier may be in there.
        const entries = this.values.entries(ref);
        if (entries && hasOpenKeys(entries)) this.unverifiable(ref, carrier.label, into);
        return;
      }
      optional ||= entry.optional;
      ref = entry.value;
    }
    if (carrier.form === 'instance') {
      // The carriers of what made it (`new ToolLoopAgent({ experimental_telemetry })`), read as that call's.
      const origin = 'expr' in ref ? this.values.origins.of(ref.expr, ref.file) : undefined;
      if (origin?.kind !== 'sdk-instance' || this.instanceDepth > MAX_INSTANCE_DEPTH) return;
      this.instanceDepth++;
      try {
        for (const made of origin.made ?? []) for (const c of made.carriers) this.read(c, made.node.arguments ?? [], made.file, into);
      } finally {
        this.instanceDepth--;
      }
    } else if (carrier.form === 'model') {
      if (!('expr' in ref)) return;
      const reason = this.freeModels?.reason(ref.expr, ref.file);
      if (reason !== undefined) into.free ??= reason;
      else this.readWrappedModel(ref.expr, ref.file, into);
    } else if (carrier.form === 'value') {
      if (carrier.tag !== undefined && this.tags.has(carrier.tag)) this.add(carrier.tag, this.values.string(ref), carrier.label, optional, into);
    } else if (carrier.included) {
      const allowed = this.included(args[carrier.arg]!, carrier.included, file);
      const found: Harvest = { evidence: [], keyProblems: into.keyProblems };
      this.readForm(ref, carrier.form, carrier.label, optional, found);
      into.evidence.push(...found.evidence.filter((e) => allowed.has(e.tag)));
    } else this.readForm(ref, carrier.form, carrier.label, optional, into);
  }

  /**
   * A model an SDK makes around another (`new OpenAIChatCompletionsModel(new OpenAI({ baseURL }), name)`):
   * free when what it wraps is, as the `model` carriers of its constructor say. Only those are read:
   * the wrapped client's tags are not the call's.
   */
  private readWrappedModel(expr: ts.Expression, file: ParsedFile, into: Harvest): void {
    const origin = this.values.origins.of(expr, file);
    if (origin?.kind !== 'sdk-instance' || this.instanceDepth > MAX_INSTANCE_DEPTH) return;
    this.instanceDepth++;
    try {
      for (const made of origin.made ?? []) for (const c of made.carriers) if (c.form === 'model') this.read(c, made.node.arguments ?? [], made.file, into);
    } finally {
      this.instanceDepth--;
    }
  }

  /** The keys an object at `path` of an argument maps to the literal `true` (`includeRuntimeContext: { feature: true }`). */
  private included(arg: ts.Expression, path: readonly string[], file: ParsedFile): Set<string> {
    let ref: ValueRef | undefined = { file, expr: arg };
    for (const key of path) {
      ref = this.values.property(ref, key)?.value;
      if (!ref) return new Set();
    }
    const keys = new Set<string>();
    for (const e of this.values.entries(ref) ?? []) if ('expr' in e.value && e.value.expr.kind === ts.SyntaxKind.TrueKeyword) keys.add(e.key);
    return keys;
  }

  /** The static string at `path` inside argument `arg` (`request({ method: 'tools/call' })`), if it is one. */
  staticAt(args: readonly ts.Expression[], file: ParsedFile, arg: number, path: readonly string[]): string | undefined {
    const value = args[arg];
    if (!value) return undefined;
    let ref: ValueRef = { file, expr: value };
    for (const key of path) {
      const entry = this.values.property(ref, key);
      // A property that may be absent at run time is not a static value.
      if (!entry || entry.optional) return undefined;
      ref = entry.value;
    }
    return this.values.staticString(ref);
  }

  /**
   * Whether argument `arg` is known not to set the property `key` (with no key: whether the argument
   * is absent). An argument whose shape is unknown may set anything.
   */
  lacksKey(args: readonly ts.Expression[], file: ParsedFile, arg: number, key: string | undefined): boolean {
    const value = args[arg];
    if (!value) return true;
    if (key === undefined) return false;
    const entries = this.values.entries({ file, expr: value });
    return entries !== undefined && !entries.some((e) => e.key === key);
  }

  /** Tags in a value of a given form. `optional`: the carrier itself may be missing at run time. */
  readForm(ref: ValueRef, form: Exclude<CarrierForm, 'value' | 'model' | 'instance'>, source: string, optional: boolean, into: Harvest): void {
    if (form === 'tag-list') return this.readTagList(ref, source, optional, into);
    const entries = this.values.entries(ref);
    if (!entries || hasOpenKeys(entries)) this.unverifiable(ref, source, into);
    for (const entry of entries ?? []) {
      if (entry.key === OPEN_KEYS) continue;
      const at = entry.keyNode ? { file: entry.value.file, node: entry.keyNode } : undefined;
      if (form === 'headers') {
        this.readHeader(entry.key, entry.value, source, optional || entry.optional, at, into);
        continue;
      }
      if (this.tags.has(entry.key)) {
        this.add(entry.key, this.values.string(entry.value), source, optional || entry.optional, into);
      } else if (entry.key === 'tags') {
        // LiteLLM: `metadata: { tags: ['feature:x', 'team:y'] }`.
        this.readTagList(entry.value, source, optional || entry.optional, into);
      } else {
        this.checkKey(entry.key, this.tags, (s) => s, at, into);
      }
    }
  }

  /** The subset of tags that an arbitrary object (a wrapper's argument) carries, without key warnings. */
  readLoose(ref: ValueRef, source: string, into: Harvest): void {
    for (const entry of this.values.entries(ref) ?? []) {
      if (this.tags.has(entry.key)) this.add(entry.key, this.values.string(entry.value), source, entry.optional, into);
      else if (entry.key === 'tags') {
        const isList = 'expr' in entry.value && this.values.elements(entry.value) !== undefined;
        if (isList) this.readTagList(entry.value, source, entry.optional, into);
        else this.readForm(entry.value, 'object', source, entry.optional, into);
      }
    }
  }

  private readHeader(name: string, value: ValueRef, source: string, optional: boolean, at: KeyProblem['at'], into: Harvest): void {
    const lower = name.toLowerCase();
    if (lower === LITELLM_TAGS_HEADER) {
      const text = this.values.string(value);
      this.readPairs(text, source, optional, into);
      return;
    }
    const prefix = HEADER_PREFIXES.find((p) => lower.startsWith(p));
    if (!prefix) return;
    const rest = lower.slice(prefix.length);
    const tag = this.headerNames.get(rest);
    if (tag) this.add(tag, this.values.string(value), source, optional, into);
    else this.checkKey(rest, this.headerNames.keys(), (s) => name.slice(0, prefix.length) + s, at, into, name);
  }

  private readTagList(ref: ValueRef, source: string, optional: boolean, into: Harvest): void {
    const elements = this.values.elements(ref);
    if (!elements) this.unverifiable(ref, source, into);
    for (const element of elements ?? []) {
      this.readPairs(this.values.string(element), source, optional, into);
    }
  }

  /**
   * `key:value` pairs separated by commas (one per element of a tag list, several in `x-litellm-tags`).
   * In a template literal the static text still names the keys: in `feature:x,tenant:${id}` the
   * feature is static and the tenant present with a dynamic value.
   */
  private readPairs(text: StringValue, source: string, optional: boolean, into: Harvest): void {
    const known = text.kind === 'static' ? text.value : text.kind === 'dynamic' ? text.template : undefined;
    if (known === undefined || text.kind === 'absent') return;
    for (const part of known.split(',')) {
      const colon = part.indexOf(':');
      const key = part.slice(0, colon).trim();
      if (colon <= 0 || key.includes(SUBSTITUTION)) continue;
      if (!this.tags.has(key)) {
        this.checkKey(key, this.tags, (s) => s, text.at, into);
        continue;
      }
      const raw = part.slice(colon + 1).trim();
      const value: StringValue =
        text.at && !raw.includes(SUBSTITUTION) ? { kind: 'static', value: raw, at: text.at } : { kind: 'dynamic', optional: optional || (text.kind === 'dynamic' && text.optional) };
      this.add(key, value, source, optional, into);
    }
  }

  /** A carrier value of unknown keys (a present one: `null`, `undefined` and a missing value hold no tags). */
  private unverifiable(ref: ValueRef, source: string, into: Harvest): void {
    if (this.values.string(ref).kind === 'absent') return;
    const node = 'expr' in ref ? ref.expr : ref.type;
    (into.unverifiable ??= []).push({ source, at: { file: ref.file, node } });
  }

  private add(tag: string, value: StringValue, source: string, optional: boolean, into: Harvest): void {
    if (value.kind === 'absent') return;
    const v = optional && value.kind === 'dynamic' ? { ...value, optional: true } : value;
    into.evidence.push({ tag, value: v, source });
  }

  private checkKey(key: string, known: Iterable<string>, spell: (s: string) => string, at: KeyProblem['at'], into: Harvest, shown = key): void {
    const near = didYouMean(key, known);
    if (near !== undefined) into.keyProblems.push({ key: shown, suggestion: spell(near), ...(at ? { at } : {}) });
  }
}
