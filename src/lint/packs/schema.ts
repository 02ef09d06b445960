import { ConfigError } from '../../util/errors.js';
import type { CallKind } from '../types.js';
import type { Carrier, CarrierForm, NonBillable, PackBind, PackClass, PackFunction, PackGiven, PackMethod, PackReturn, PackRun, PackScope, RulePack, FreeModel } from './types.js';

/**
 * Turn the parsed YAML of a rule pack into a RulePack, or throw a ConfigError naming the file and the
 * offending field. The accepted shape is published as schemas/rule-pack.schema.json.
 */
export function parseRulePack(data: unknown, file: string): RulePack {
  const fail = (where: string, problem: string): never => {
    throw new ConfigError(`invalid rule pack ${file}: ${where} ${problem}`, 'See schemas/rule-pack.schema.json and docs/lint.md for the pack format.');
  };
  const record = (value: unknown, where: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be a mapping');
    return value as Record<string, unknown>;
  };
  const onlyKeys = (value: Record<string, unknown>, allowed: readonly string[], where: string) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(`${where}.${key}`, `is not a known key (expected one of ${allowed.join(', ')})`);
  };
  const text = (value: unknown, where: string): string => {
    if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty string');
    return value as string;
  };
  const list = (value: unknown, where: string): unknown[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) fail(where, 'must be a list');
    return value as unknown[];
  };
  const kindOf = (value: unknown, where: string, fallback: CallKind): CallKind => {
    if (value === undefined) return fallback;
    if (value !== 'model' && value !== 'tool' && value !== 'agent') fail(where, 'must be `model`, `tool` or `agent`');
    return value as CallKind;
  };
  const dotted = (value: unknown, where: string): string[] => {
    const path = text(value, where);
    const parts = path.split('.');
    if (parts.some((p) => !/^[A-Za-z_$][\w$-]*$/.test(p))) fail(where, `\`${path}\` is not a dotted property path`);
    return parts;
  };
  const argIndex = (value: unknown, where: string): number => {
    if (!Number.isInteger(value) || (value as number) < 0) fail(where, 'must be a non-negative integer');
    return value as number;
  };
  const carriers = (value: unknown, where: string): Carrier[] =>
    list(value, where).map((raw, i) => {
      const at = `${where}[${i}]`;
      const c = record(raw, at);
      onlyKeys(c, ['arg', 'path', 'form', 'tag', 'included', 'label'], at);
      const arg = argIndex(c.arg, `${at}.arg`);
      const path = c.path === undefined || c.path === '' ? [] : dotted(c.path, `${at}.path`);
      if (!['object', 'tag-list', 'headers', 'value', 'model', 'instance'].includes(c.form as string)) fail(`${at}.form`, 'must be `object`, `tag-list`, `headers`, `value`, `model` or `instance`');
      const label = c.label === undefined ? (path.length > 0 ? path.join('.') : `argument ${arg}`) : text(c.label, `${at}.label`);
      const carrier: Carrier = { arg, path, form: c.form as CarrierForm, label };
      if ((c.form === 'value') !== (c.tag !== undefined)) fail(`${at}.tag`, 'names the tag of a `value` carrier, and only of one');
      if (c.tag !== undefined) carrier.tag = text(c.tag, `${at}.tag`);
      if (c.included !== undefined) {
        if (c.form !== 'object') fail(`${at}.included`, 'applies to `object` carriers only');
        carrier.included = dotted(c.included, `${at}.included`);
      }
      return carrier;
    });

  const top = record(data, 'the file');
  onlyKeys(top, ['name', 'description', 'kind', 'modules', 'classes', 'client_carriers', 'call_carriers', 'methods', 'functions', 'returns', 'binders', 'interfaces', 'statics', 'runs', 'scopes', 'given', 'free_models', 'versions', 'non_billable'], 'the pack');
  const name = text(top.name, 'name');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail('name', 'must be a lowercase slug');
  const kind = kindOf(top.kind, 'kind', 'model');
  const modules = list(top.modules, 'modules').map((m, i) => text(m, `modules[${i}]`));
  if (modules.length === 0) fail('modules', 'must list at least one module specifier');
  const clientCarriers = carriers(top.client_carriers, 'client_carriers');
  const callCarriers = carriers(top.call_carriers, 'call_carriers');

  const classes: PackClass[] = list(top.classes, 'classes').map((raw, i) => {
    const at = `classes[${i}]`;
    if (typeof raw === 'string') return { name: text(raw, at), default: false, carriers: clientCarriers };
    const c = record(raw, at);
    onlyKeys(c, ['name', 'default', 'carriers'], at);
    if (c.default !== undefined && typeof c.default !== 'boolean') fail(`${at}.default`, 'must be true or false');
    return { name: text(c.name, `${at}.name`), default: c.default === true, carriers: c.carriers === undefined ? clientCarriers : carriers(c.carriers, `${at}.carriers`) };
  });
  if (classes.filter((c) => c.default).length > 1) fail('classes', 'may mark only one class as `default`');
  const classNames = new Set(classes.map((c) => c.name));
  // Interfaces and abstract bases (`BaseChatModel`) a value may be declared with: each stands for some of the classes.
  for (const [i, raw] of list(top.interfaces, 'interfaces').entries()) {
    const at = `interfaces[${i}]`;
    const c = record(raw, at);
    onlyKeys(c, ['name', 'classes'], at);
    const like = list(c.classes, `${at}.classes`).map((n, j) => text(n, `${at}.classes[${j}]`));
    if (like.length === 0) fail(`${at}.classes`, 'must name at least one class it stands for');
    for (const n of like) if (!classNames.has(n)) fail(`${at}.classes`, `names \`${n}\`, which is not in \`classes\``);
    const interfaceName = text(c.name, `${at}.name`);
    if (classNames.has(interfaceName)) fail(`${at}.name`, `\`${interfaceName}\` is already in \`classes\``);
    classes.push({ name: interfaceName, default: false, carriers: [], like });
  }
  for (const c of classes) classNames.add(c.name);
  const onlyClasses = (value: unknown, at: string): string[] => {
    const only = list(value, `${at}.classes`).map((c, j) => text(c, `${at}.classes[${j}]`));
    for (const c of only) if (!classNames.has(c)) fail(`${at}.classes`, `names \`${c}\`, which is not in \`classes\``);
    return only;
  };

  // `()`: the instance itself is called (Genkit's prompt executable, `await greet(input)`).
  const methodPath = (value: unknown, where: string): string[] => (value === '()' ? [] : dotted(value, where));
  const methods: PackMethod[] = list(top.methods, 'methods').map((raw, i) => {
    const at = `methods[${i}]`;
    if (typeof raw === 'string') return { path: methodPath(raw, at), kind, carriers: callCarriers };
    const m = record(raw, at);
    onlyKeys(m, ['path', 'kind', 'carriers', 'classes', 'when', 'commands'], at);
    const method: PackMethod = {
      path: methodPath(m.path, `${at}.path`),
      kind: kindOf(m.kind, `${at}.kind`, kind),
      carriers: m.carriers === undefined ? callCarriers : carriers(m.carriers, `${at}.carriers`),
      ...(m.classes === undefined ? {} : { classes: onlyClasses(m.classes, at) }),
    };
    if (m.when !== undefined) {
      const w = record(m.when, `${at}.when`);
      onlyKeys(w, ['arg', 'path', 'equals'], `${at}.when`);
      const equals = typeof w.equals === 'string' ? [w.equals] : list(w.equals, `${at}.when.equals`).map((e, j) => text(e, `${at}.when.equals[${j}]`));
      if (equals.length === 0) fail(`${at}.when.equals`, 'must name at least one value');
      method.when = { arg: w.arg === undefined ? 0 : argIndex(w.arg, `${at}.when.arg`), path: dotted(w.path, `${at}.when.path`), equals };
    }
    if (m.commands === undefined) return method;
    const commands = list(m.commands, `${at}.commands`).map((c, j) => text(c, `${at}.commands[${j}]`));
    for (const c of commands) if (!classNames.has(c)) fail(`${at}.commands`, `names \`${c}\`, which is not in \`classes\``);
    if (commands.length === 0) fail(`${at}.commands`, 'must name at least one command class');
    return { ...method, commands };
  });
  if (methods.length > 0 && classes.length === 0) fail('methods', 'need at least one entry in `classes`');

  const functions: PackFunction[] = list(top.functions, 'functions').map((raw, i) => {
    const at = `functions[${i}]`;
    if (typeof raw === 'string') return { name: text(raw, at), kind, carriers: callCarriers };
    const f = record(raw, at);
    onlyKeys(f, ['name', 'kind', 'carriers'], at);
    return { name: text(f.name, `${at}.name`), kind: kindOf(f.kind, `${at}.kind`, kind), carriers: f.carriers === undefined ? callCarriers : carriers(f.carriers, `${at}.carriers`) };
  });
  const runs: PackRun[] = list(top.runs, 'runs').map((raw, i) => {
    const at = `runs[${i}]`;
    const r = record(raw, at);
    onlyKeys(r, ['path', 'function', 'construct', 'arg', 'at', 'link', 'run_by', 'classes'], at);
    if (r.run_by !== undefined && r.run_by !== 'agent' && r.run_by !== 'any') fail(`${at}.run_by`, 'must be `agent` or `any`');
    const named = (['path', 'function', 'construct'] as const).filter((k) => r[k] !== undefined);
    if (named.length !== 1) fail(at, 'must set exactly one of `path`, `function` and `construct`');
    if (r.link !== 'result' && r.link !== 'receiver') fail(`${at}.link`, 'must be `result` or `receiver`');
    if (r.link === 'receiver' && r.path === undefined) fail(`${at}.link`, '`receiver` needs a method `path`');
    const run: PackRun = {
      arg: r.arg === undefined ? 0 : argIndex(r.arg, `${at}.arg`),
      at: r.at === undefined || r.at === '' ? [] : dotted(r.at, `${at}.at`),
      link: r.link as PackRun['link'],
      runBy: r.run_by === 'any' ? 'any' : 'agent',
      label: '',
    };
    if (r.path !== undefined) run.path = dotted(r.path, `${at}.path`);
    if (r.function !== undefined) run.function = text(r.function, `${at}.function`);
    if (r.construct !== undefined) run.construct = text(r.construct, `${at}.construct`);
    if (r.classes !== undefined) run.classes = onlyClasses(r.classes, at);
    if (run.path && classes.length === 0) fail(`${at}.path`, 'needs at least one entry in `classes`');
    run.label = run.path?.join('.') ?? run.function ?? `new ${run.construct}`;
    return run;
  });

  const bindOf = (value: unknown, at: string): PackBind => {
    const b = record(value, at);
    onlyKeys(b, ['arg', 'as', 'merge'], at);
    if (b.merge !== undefined && b.merge !== 'tags' && b.merge !== 'shallow') fail(`${at}.merge`, 'must be `tags` or `shallow`');
    return { arg: b.arg === undefined ? 0 : argIndex(b.arg, `${at}.arg`), as: argIndex(b.as, `${at}.as`), merge: b.merge === 'shallow' ? 'shallow' : 'tags' };
  };
  const returns: PackReturn[] = list(top.returns, 'returns').map((raw, i) => {
    const at = `returns[${i}]`;
    const r = record(raw, at);
    onlyKeys(r, ['path', 'function', 'class', 'pack', 'carriers', 'bind', 'classes', 'holding', 'argument', 'unless'], at);
    if ((r.path === undefined) === (r.function === undefined)) fail(at, 'must have exactly one of `path` and `function`');
    if (r.argument !== undefined && (r.function === undefined || r.class !== undefined)) fail(`${at}.argument`, 'goes with `function` and without `class`: the result is that argument itself');
    if (r.class === undefined && r.function !== undefined && r.argument === undefined) fail(at, 'needs a `class` (or an `argument` it gives back): a function has no receiver to return');
    if (r.class === undefined && r.pack !== undefined) fail(`${at}.pack`, 'needs a `class` beside it');
    if (r.function !== undefined && (r.classes !== undefined || r.bind !== undefined)) fail(at, '`classes` and `bind` apply to methods (`path`), not to functions');
    const entry: PackReturn = r.path !== undefined ? { path: dotted(r.path, `${at}.path`), carriers: [] } : { function: text(r.function, `${at}.function`), carriers: [] };
    if (r.class !== undefined) {
      const cls = text(r.class, `${at}.class`);
      const other = r.pack === undefined ? undefined : text(r.pack, `${at}.pack`);
      if ((other === undefined || other === name) && !classNames.has(cls)) fail(`${at}.class`, `names \`${cls}\`, which is not in \`classes\``);
      entry.result = { pack: other ?? name, class: cls };
    }
    if (r.carriers !== undefined) entry.carriers = carriers(r.carriers, `${at}.carriers`);
    if (r.bind !== undefined) entry.bind = bindOf(r.bind, `${at}.bind`);
    if (r.classes !== undefined) entry.classes = onlyClasses(r.classes, at);
    if (r.argument !== undefined) entry.argument = argIndex(r.argument, `${at}.argument`);
    if (r.unless !== undefined) {
      const u = record(r.unless, `${at}.unless`);
      onlyKeys(u, ['arg', 'key', 'not_a_string'], `${at}.unless`);
      const key = text(u.key, `${at}.unless.key`);
      if (key.includes('.')) fail(`${at}.unless.key`, 'is one property name of the argument');
      if (u.not_a_string !== undefined && typeof u.not_a_string !== 'boolean') fail(`${at}.unless.not_a_string`, 'is true or false');
      entry.unless = { arg: u.arg === undefined ? 0 : argIndex(u.arg, `${at}.unless.arg`), key, notAString: u.not_a_string === true };
    }
    if (r.holding !== undefined) {
      if (entry.result === undefined) fail(`${at}.holding`, 'needs a `class` beside it: the receiver need not be an SDK object');
      if (entry.classes !== undefined) fail(`${at}.holding`, 'applies on any receiver, so `classes` cannot restrict it');
      entry.holding = list(r.holding, `${at}.holding`).map((n, j) => text(n, `${at}.holding[${j}]`));
      if (entry.holding.length === 0) fail(`${at}.holding`, 'must name at least one pack');
    }
    return entry;
  });
  // `statics`: one static method shared by many classes (`SupabaseVectorStore.fromDocuments`,
  // `Chroma.fromDocuments`, ...), each giving an instance of the class it is called on; with
  // `billable: true` each is a call site too. Spelled out here as a `returns` (and a `functions`) entry per class.
  for (const [i, raw] of list(top.statics, 'statics').entries()) {
    const at = `statics[${i}]`;
    const st = record(raw, at);
    onlyKeys(st, ['name', 'classes', 'carriers', 'billable', 'kind'], at);
    const method = text(st.name, `${at}.name`);
    if (method.includes('.')) fail(`${at}.name`, 'is one static method name, without its class');
    if (st.billable !== undefined && typeof st.billable !== 'boolean') fail(`${at}.billable`, 'must be true or false');
    if (st.kind !== undefined && st.billable !== true) fail(`${at}.kind`, 'goes with `billable: true`');
    const on = onlyClasses(st.classes, at);
    if (on.length === 0) fail(`${at}.classes`, 'must name at least one class');
    for (const cls of on) if (classes.find((c) => c.name === cls)?.like) fail(`${at}.classes`, `names \`${cls}\`, an interface, which has no static methods`);
    const staticCarriers = st.carriers === undefined ? callCarriers : carriers(st.carriers, `${at}.carriers`);
    const staticKind = kindOf(st.kind, `${at}.kind`, kind);
    for (const cls of on) {
      returns.push({ function: `${cls}.${method}`, result: { pack: name, class: cls }, carriers: staticCarriers });
      if (st.billable === true) functions.push({ name: `${cls}.${method}`, kind: staticKind, carriers: staticCarriers });
    }
  }
  // `binders` is the older spelling of a method returning the receiver with a config bound (merged per tag).
  for (const [i, raw] of list(top.binders, 'binders').entries()) {
    const at = `binders[${i}]`;
    const b = record(raw, at);
    onlyKeys(b, ['path', 'arg', 'as', 'classes'], at);
    const entry: PackReturn = { path: dotted(b.path, `${at}.path`), carriers: [], bind: bindOf({ arg: b.arg, as: b.as }, at) };
    if (b.classes !== undefined) entry.classes = onlyClasses(b.classes, at);
    returns.push(entry);
  }
  if (returns.some((r) => r.path) && classes.length === 0) fail(top.returns === undefined ? 'binders' : 'returns', 'need at least one entry in `classes`');

  const scopes: PackScope[] = list(top.scopes, 'scopes').map((raw, i) => {
    const at = `scopes[${i}]`;
    const c = record(raw, at);
    onlyKeys(c, ['function', 'callback', 'carriers'], at);
    return { function: text(c.function, `${at}.function`), callback: argIndex(c.callback, `${at}.callback`), carriers: carriers(c.carriers, `${at}.carriers`) };
  });
  const given: PackGiven[] = list(top.given, 'given').map((raw, i) => {
    const at = `given[${i}]`;
    const g = record(raw, at);
    onlyKeys(g, ['function', 'arg', 'at', 'param', 'path', 'class'], at);
    const cls = text(g.class, `${at}.class`);
    if (!classNames.has(cls)) fail(`${at}.class`, `names \`${cls}\`, which is not in \`classes\``);
    return {
      function: text(g.function, `${at}.function`),
      arg: g.arg === undefined ? 0 : argIndex(g.arg, `${at}.arg`),
      at: dotted(g.at, `${at}.at`),
      param: g.param === undefined ? 0 : argIndex(g.param, `${at}.param`),
      path: dotted(g.path, `${at}.path`),
      class: cls,
    };
  });
  const freeModels: FreeModel[] = list(top.free_models, 'free_models').map((raw, i) => {
    const at = `free_models[${i}]`;
    const f = record(raw, at);
    onlyKeys(f, ['module', 'names', 'reason'], at);
    const names = list(f.names, `${at}.names`).map((n, j) => text(n, `${at}.names[${j}]`));
    if (names.length === 0) fail(`${at}.names`, 'must list at least one export');
    return { module: text(f.module, `${at}.module`), names, reason: text(f.reason, `${at}.reason`) };
  });
  if (methods.length === 0 && functions.length === 0 && returns.length === 0 && runs.length === 0 && freeModels.length === 0) fail('the pack', 'defines no `methods`, `functions`, `returns` or `runs`');

  const versionsRaw = top.versions === undefined ? {} : record(top.versions, 'versions');
  const versions = new Map<string, string>();
  for (const [pkg, version] of Object.entries(versionsRaw)) versions.set(pkg, text(version, `versions.${pkg}`));

  const nonBillable: NonBillable[] = list(top.non_billable, 'non_billable').map((raw, i) => {
    const at = `non_billable[${i}]`;
    const n = record(raw, at);
    onlyKeys(n, ['path', 'reason'], at);
    return { path: dotted(n.path, `${at}.path`), reason: text(n.reason, `${at}.reason`) };
  });

  const pack: RulePack = { name, file, modules, runs, scopes, given, freeModels, classes, methods, functions, returns, versions, nonBillable };
  if (top.description !== undefined) pack.description = text(top.description, 'description');
  return pack;
}
