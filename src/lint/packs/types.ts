import type { CallKind } from '../types.js';

/**
 * A rule pack, as loaded from `rules/packs/<sdk>.yaml`: which modules an SDK ships, which of their
 * exports are clients or call functions, which member paths of a client are billable calls, and
 * where each call carries its tags. Packs are data: adding an SDK means adding a YAML file.
 */
export interface RulePack {
  /** Reported as `sdk` on each call site. */
  name: string;
  /** The file it came from (absolute), for error messages. */
  file: string;
  description?: string;
  /** Module specifiers exactly as imported or required (`openai`, `@modelcontextprotocol/sdk/client/index.js`). */
  modules: readonly string[];
  classes: readonly PackClass[];
  /** Billable member paths on an instance of one of `classes` (`chat.completions.create`). */
  methods: readonly PackMethod[];
  /** Billable functions exported by the modules (`generateText`). */
  functions: readonly PackFunction[];
  /** Methods returning the same client with a call config bound to it (LangChain's `withConfig`, `bind`). */
  binders: readonly PackBinder[];
  /** The SDK package versions the pack was checked against (package name -> exact version). */
  versions: ReadonlyMap<string, string>;
  /** Request-sending members that are deliberately not call sites, each with why (`models.list`: free). */
  nonBillable: readonly NonBillable[];
}

/**
 * A request-sending member of the SDK that is not a billable call site: a method path (`models.list`),
 * a resource path covering every method below it (`files`), a function or a command class name.
 */
export interface NonBillable {
  path: readonly string[];
  reason: string;
}

/**
 * `model.withConfig(config)`: a method whose result is the same client, with `config` standing in for
 * an argument of each later call. The later call's carriers on argument `as` are then read from
 * argument `arg` of the binder too; what the call carries itself wins.
 */
export interface PackBinder {
  path: readonly string[];
  /** The binder's argument holding the config. */
  arg: number;
  /** The argument of later calls that the config is merged into. */
  as: number;
  /** Only on instances of these classes; all of the pack's classes when absent. */
  classes?: readonly string[];
}

export interface PackClass {
  name: string;
  /** The module's default export (and what `require(module)` returns) is this class. */
  default: boolean;
  /** Where tags live in `new Class(...)`: they then reach every call made through that client. */
  carriers: readonly Carrier[];
}

export interface PackMethod {
  path: readonly string[];
  kind: CallKind;
  carriers: readonly Carrier[];
  /** Only on instances of these classes; all of the pack's classes when absent. */
  classes?: readonly string[];
  /**
   * The AWS SDK's command pattern, `client.send(new ConverseCommand(input))`: the method is a call site
   * only when its argument 0 is an instance of one of these pack classes, and its carriers are then
   * those of the command's constructor (the input), with the method's own.
   */
  commands?: readonly string[];
  /**
   * Only when a property of an argument is one of these static strings: OpenAI's realtime
   * `rt.send({ type: 'response.create' })` is billed, `rt.send({ type: 'session.update' })` is not.
   * A value attrib cannot read statically is no call site.
   */
  when?: PackCondition;
}

export interface PackCondition {
  arg: number;
  path: readonly string[];
  equals: readonly string[];
}

export interface PackFunction {
  name: string;
  kind: CallKind;
  carriers: readonly Carrier[];
}

/**
 * The shape of the value that holds the tags:
 * - `object`: keys are tag names (`metadata: { feature: 'x' }`); an array under `tags` is a tag list;
 * - `tag-list`: an array of `key:value` strings (`tags: ['feature:x']`);
 * - `headers`: HTTP headers (`x-attrib-<tag>`, `helicone-property-<tag>`, `x-litellm-tags: "k:v,k:v"`).
 */
export type CarrierForm = 'object' | 'tag-list' | 'headers';

export interface Carrier {
  /** 0-based argument index of the call or constructor. */
  arg: number;
  /** Property path inside that argument; empty means the argument itself. */
  path: readonly string[];
  form: CarrierForm;
  /** Shown as the tag's `source` in the JSON output; defaults to the dotted path. */
  label: string;
}
