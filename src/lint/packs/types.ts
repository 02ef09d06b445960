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
  /** Functions the framework runs on behalf of an entry point (graph nodes, tools). */
  runs: readonly PackRun[];
  /** Functions whose callback's calls carry the tags given to them (`withTrace(name, fn, { metadata })`). */
  scopes: readonly PackScope[];
  /** What the framework passes the functions it is handed (`createTool({ execute: ({ mastra }) => ... })`). */
  given: readonly PackGiven[];
  /** Models that cost nothing (test doubles, local models): a call made with one is no call site. */
  freeModels: readonly FreeModel[];
  classes: readonly PackClass[];
  /** Billable member paths on an instance of one of `classes` (`chat.completions.create`). */
  methods: readonly PackMethod[];
  /** Billable functions exported by the modules (`generateText`). */
  functions: readonly PackFunction[];
  /**
   * Methods and functions whose result the engine keeps following: an instance of a class
   * (`ai.chats.create()` is a `Chat`, `initChatModel()` a `ConfigurableModel`) or the receiver itself
   * (`model.bindTools(tools)`, `graph.addNode(...)`), possibly with a config bound (`withConfig`).
   * The pack file's `binders` entries are read into this list too.
   */
  returns: readonly PackReturn[];
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
 * `ai.chats.create(params)`, `initChatModel(name, fields)`, `model.withConfig(config)`: a call whose
 * result is a client or model that later calls go through. Exactly one of `path` and `function` is set.
 */
export interface PackReturn {
  /** A member path on instances of the pack's classes (`chats.create`, `withConfig`). */
  path?: readonly string[];
  /** A function the pack's modules export (`initChatModel`). */
  function?: string;
  /** The class the result is an instance of; absent: the receiver itself (only with `path`). */
  result?: PackClassRef;
  /** Where tags live in this call: they reach every later call through the result, as a constructor's do. */
  carriers: readonly Carrier[];
  /** A config this call binds into each later call through the result. */
  bind?: PackBind;
  /** Only on instances of these classes (with `path`); all of the pack's classes when absent. */
  classes?: readonly string[];
  /**
   * Pack names: the call gives an instance of `result` only when its receiver or an argument (an item
   * of an array or a value of an object literal included) is an instance of one of these packs'
   * classes, and then whatever the receiver is. An LCEL chain is a runnable that holds a model:
   * `prompt.pipe(model)`, `RunnableSequence.from([prompt, model, parser])`; `prompt.pipe(parser)` is none.
   */
  holding?: readonly string[];
  /** The call gives back this argument itself, wrapped (`instrument(client)` from `attrib/runtime`); only with `function`. */
  argument?: number;
  /**
   * The call gives nothing attrib follows when argument `arg` sets the property `key`: `useStream({
   * transport })` streams from the project's own route instead of a LangGraph server. An argument
   * whose shape attrib cannot read is taken not to set it. With `notAString`, a string literal does
   * not count as setting it (`@langchain/react`'s `transport: 'websocket'` still talks to the server).
   */
  unless?: { arg: number; key: string; notAString: boolean };
}

/**
 * A call that hands the framework a function to run on behalf of an entry point: a LangGraph node
 * (`graph.addNode('agent', callModel)`), a tool (`tool({ execute })`, `tool(fn, fields)`,
 * `new DynamicStructuredTool({ func })`). Model and tool calls lexically inside that function receive
 * the entry's config at run time. Exactly one of `path`, `function` and `construct` is set.
 */
export interface PackRun {
  /** A member path on instances of the pack's classes (`addNode`). */
  path?: readonly string[];
  /** A function the pack's modules export (`tool`). */
  function?: string;
  /** A class the pack's modules export, whose constructor takes the function (`DynamicStructuredTool`). */
  construct?: string;
  /** The argument holding the function, or an object, array or tuple list of functions (`addNode({ a: fn })`). */
  arg: number;
  /** Property path inside that argument (`execute`); empty: the argument itself. */
  at: readonly string[];
  /**
   * What an entry site must reach for the function to run on its behalf: `result`, the value the call
   * returns (a tool, listed in an agent's `tools`); `receiver`, the object it is registered on (the
   * graph builder, whose compiled graph the entry invokes).
   */
  link: 'result' | 'receiver';
  /**
   * Which call sites run the function when they reach it: `agent` (default), only agent entry sites (a
   * LangChain model given a tool with `bindTools` describes it, never runs it); `any`, every call site
   * (the AI SDK's `generateText({ tools })` runs its tools too, without passing its telemetry on, so a
   * tool reached that way is checked as usual).
   */
  runBy: 'agent' | 'any';
  /** With `path`: only on instances of these classes; all of the pack's classes when absent. */
  classes?: readonly string[];
  /** How the function is named in findings (`addNode`, `tool`). */
  label: string;
}

/**
 * `createTool({ id, execute: async ({ context, mastra }) => { mastra.getAgent('a') } })`: a function
 * handed to an export of the pack's modules is called by the framework with an SDK object in one of
 * its parameters. The function is `at` (a property path) of argument `arg` of a call to `function`,
 * written inline there; its parameter `param` is an object whose property `path` is an instance of
 * `class`. Without this, the parameter is untyped and what it holds is unknown.
 */
export interface PackGiven {
  function: string;
  arg: number;
  at: readonly string[];
  param: number;
  path: readonly string[];
  class: string;
}

/** A class of a pack, by name: this pack's unless another is named. */
export interface PackClassRef {
  pack: string;
  class: string;
}

/**
 * Argument `arg` of the binding call stands for argument `as` of each later call: the later call's
 * carriers on `as` are read from it too. How the two combine, as the SDK combines them:
 * - `tags`: per tag, what the later call carries itself wins (LangChain's `mergeConfigs`);
 * - `shallow`: per top-level key of the argument, the later call's key replaces the bound one
 *   (`{ ...bound, ...own }`, `own.config ?? bound.config`), so a bound carrier counts only when the
 *   later call is known not to set that key.
 */
export interface PackBind {
  arg: number;
  as: number;
  merge: 'tags' | 'shallow';
}

/**
 * `withTrace('name', async () => { ...calls... }, { metadata, groupId })`: a function the modules
 * export that runs its callback in a context (a trace) whose tags every call lexically inside the
 * callback carries, as an `@attrib-scope` function's do.
 */
export interface PackScope {
  function: string;
  /** The argument holding the callback. */
  callback: number;
  /** Where the tags live in the scope call. */
  carriers: readonly Carrier[];
}

/** Exports of a module that make a model which costs nothing, and why (`test double`, `local model`). */
export interface FreeModel {
  module: string;
  names: readonly string[];
  reason: string;
}

export interface PackClass {
  name: string;
  /**
   * For an interface or abstract base (`BaseChatModel`): the classes it stands for. A value declared
   * with it (`model: BaseChatModel`) is an instance of one of them; it is never constructed.
   */
  like?: readonly string[];
  /** The module's default export (and what `require(module)` returns) is this class. */
  default: boolean;
  /** Where tags live in `new Class(...)`: they then reach every call made through that client. */
  carriers: readonly Carrier[];
}

export interface PackMethod {
  /** The member called on an instance (`chat.completions.create`); empty for the instance called itself (`()` in YAML). */
  path: readonly string[];
  kind: CallKind;
  carriers: readonly Carrier[];
  /**
   * Only when a property of an argument is one of these static strings: MCP's generic
   * `client.request({ method: 'tools/call', params })` is a tool call, `request({ method: 'ping' })` is
   * not; OpenAI's realtime `rt.send({ type: 'response.create' })` is billed, `session.update` is not.
   * A value attrib cannot read statically is no call site.
   */
  when?: { arg: number; path: readonly string[]; equals: readonly string[] };
  /** Only on instances of these classes; all of the pack's classes when absent. */
  classes?: readonly string[];
  /**
   * The AWS SDK's command pattern, `client.send(new ConverseCommand(input))`: the method is a call site
   * only when its argument 0 is an instance of one of these pack classes, and its carriers are then
   * those of the command's constructor (the input), with the method's own.
   */
  commands?: readonly string[];
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
 * - `headers`: HTTP headers (`x-attrib-<tag>`, `helicone-property-<tag>`, `x-litellm-tags: "k:v,k:v"`);
 * - `value`: the value of the one tag the carrier names (`groupId` is the `parent_run_id`);
 * - `model`: no tags, but the model the call uses (or a client's server URL): a free one (`free_models`, a literal loopback URL) makes it no call site;
 * - `instance`: an SDK instance (`createAgentUIStreamResponse({ agent })`): what made it carries the tags.
 */
export type CarrierForm = 'object' | 'tag-list' | 'headers' | 'value' | 'model' | 'instance';

export interface Carrier {
  /** 0-based argument index of the call or constructor. */
  arg: number;
  /** Property path inside that argument; empty means the argument itself. */
  path: readonly string[];
  form: CarrierForm;
  /** With form `value`: the tag it holds. */
  tag?: string;
  /**
   * Property path, in the same argument, of an object that lets keys through: only a tag it maps to
   * `true` counts (the AI SDK 7 exports a `runtimeContext` key to telemetry only when
   * `telemetry.includeRuntimeContext` says `{ key: true }`).
   */
  included?: readonly string[];
  /** Shown as the tag's `source` in the JSON output; defaults to the dotted path. */
  label: string;
}
