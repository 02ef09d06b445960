import { ConfigError } from '../../util/errors.js';
import type { CallKind } from '../types.js';
import type { Carrier, CarrierForm, NonBillable, PackBinder, PackClass, PackCondition, PackFunction, PackMethod, RulePack } from './types.js';

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
    if (value !== 'model' && value !== 'tool') fail(where, 'must be `model` or `tool`');
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
      onlyKeys(c, ['arg', 'path', 'form', 'label'], at);
      const arg = argIndex(c.arg, `${at}.arg`);
      const path = c.path === undefined || c.path === '' ? [] : dotted(c.path, `${at}.path`);
      if (!['object', 'tag-list', 'headers'].includes(c.form as string)) fail(`${at}.form`, 'must be `object`, `tag-list` or `headers`');
      const label = c.label === undefined ? (path.length > 0 ? path.join('.') : `argument ${arg}`) : text(c.label, `${at}.label`);
      return { arg, path, form: c.form as CarrierForm, label };
    });

  const condition = (value: unknown, where: string): PackCondition => {
    const c = record(value, where);
    onlyKeys(c, ['arg', 'path', 'equals'], where);
    const equals = list(c.equals, `${where}.equals`).map((e, i) => text(e, `${where}.equals[${i}]`));
    if (equals.length === 0) fail(`${where}.equals`, 'must list at least one value');
    return { arg: argIndex(c.arg, `${where}.arg`), path: dotted(c.path, `${where}.path`), equals };
  };

  const top = record(data, 'the file');
  onlyKeys(top, ['name', 'description', 'kind', 'modules', 'classes', 'client_carriers', 'call_carriers', 'methods', 'functions', 'binders', 'versions', 'non_billable'], 'the pack');
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
  const onlyClasses = (value: unknown, at: string): string[] => {
    const only = list(value, `${at}.classes`).map((c, j) => text(c, `${at}.classes[${j}]`));
    for (const c of only) if (!classNames.has(c)) fail(`${at}.classes`, `names \`${c}\`, which is not in \`classes\``);
    return only;
  };

  const methods: PackMethod[] = list(top.methods, 'methods').map((raw, i) => {
    const at = `methods[${i}]`;
    if (typeof raw === 'string') return { path: dotted(raw, at), kind, carriers: callCarriers };
    const m = record(raw, at);
    onlyKeys(m, ['path', 'kind', 'carriers', 'classes', 'commands', 'when'], at);
    const method: PackMethod = {
      path: dotted(m.path, `${at}.path`),
      kind: kindOf(m.kind, `${at}.kind`, kind),
      carriers: m.carriers === undefined ? callCarriers : carriers(m.carriers, `${at}.carriers`),
      ...(m.classes === undefined ? {} : { classes: onlyClasses(m.classes, at) }),
      ...(m.when === undefined ? {} : { when: condition(m.when, `${at}.when`) }),
    };
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
  if (methods.length === 0 && functions.length === 0) fail('the pack', 'defines no `methods` and no `functions`');

  const binders: PackBinder[] = list(top.binders, 'binders').map((raw, i) => {
    const at = `binders[${i}]`;
    const b = record(raw, at);
    onlyKeys(b, ['path', 'arg', 'as', 'classes'], at);
    const binder: PackBinder = { path: dotted(b.path, `${at}.path`), arg: b.arg === undefined ? 0 : argIndex(b.arg, `${at}.arg`), as: argIndex(b.as, `${at}.as`) };
    return b.classes === undefined ? binder : { ...binder, classes: onlyClasses(b.classes, at) };
  });
  if (binders.length > 0 && classes.length === 0) fail('binders', 'need at least one entry in `classes`');

  const versionsRaw = top.versions === undefined ? {} : record(top.versions, 'versions');
  const versions = new Map<string, string>();
  for (const [pkg, version] of Object.entries(versionsRaw)) versions.set(pkg, text(version, `versions.${pkg}`));

  const nonBillable: NonBillable[] = list(top.non_billable, 'non_billable').map((raw, i) => {
    const at = `non_billable[${i}]`;
    const n = record(raw, at);
    onlyKeys(n, ['path', 'reason'], at);
    return { path: dotted(n.path, `${at}.path`), reason: text(n.reason, `${at}.reason`) };
  });

  const pack: RulePack = { name, file, modules, classes, methods, functions, binders, versions, nonBillable };
  if (top.description !== undefined) pack.description = text(top.description, 'description');
  return pack;
}
