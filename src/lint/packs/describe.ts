import type { CallKind } from '../types.js';
import type { Carrier, CarrierForm, RulePack } from './types.js';

/** JSON contract of `attrib lint --list-packs --format json` (schemas/pack-list.schema.json). */
export interface PackList {
  schemaVersion: 1;
  packs: PackSummary[];
}

export interface CarrierSummary {
  arg: number;
  path: string;
  form: CarrierForm;
  label: string;
}

export interface PackSummary {
  name: string;
  description?: string;
  /** The pack file, as lint names it in messages (relative to the working directory). */
  file: string;
  modules: string[];
  /** SDK versions the pack was checked against. */
  versions: Array<{ package: string; version: string }>;
  classes: Array<{ name: string; default: boolean; carriers: CarrierSummary[] }>;
  methods: Array<{ path: string; kind: CallKind; classes?: string[]; commands?: string[]; when?: { arg: number; path: string; equals: string[] }; carriers: CarrierSummary[] }>;
  functions: Array<{ name: string; kind: CallKind; carriers: CarrierSummary[] }>;
  /** Calls whose result the engine keeps following (a client, a model, the receiver with a config bound). */
  returns: Array<{ path?: string; function?: string; result?: string; bind?: { arg: number; as: number; merge: 'tags' | 'shallow' }; classes?: string[]; carriers: CarrierSummary[] }>;
  nonBillable: Array<{ path: string; reason: string }>;
}

const carriers = (list: readonly Carrier[]): CarrierSummary[] => list.map((c) => ({ arg: c.arg, path: c.path.join('.'), form: c.form, label: c.label }));

/** What the loaded packs cover, in a stable order (by pack name, then as each pack lists them). */
export function describePacks(packs: readonly RulePack[]): PackList {
  const summaries = [...packs]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p): PackSummary => ({
      name: p.name,
      ...(p.description === undefined ? {} : { description: p.description }),
      file: p.file,
      modules: [...p.modules],
      versions: [...p.versions].map(([pkg, version]) => ({ package: pkg, version })),
      classes: p.classes.map((c) => ({ name: c.name, default: c.default, carriers: carriers(c.carriers) })),
      methods: p.methods.map((m) => ({
        path: m.path.length > 0 ? m.path.join('.') : '()',
        kind: m.kind,
        ...(m.classes ? { classes: [...m.classes] } : {}),
        ...(m.commands ? { commands: [...m.commands] } : {}),
        ...(m.when ? { when: { arg: m.when.arg, path: m.when.path.join('.'), equals: [...m.when.equals] } } : {}),
        carriers: carriers(m.carriers),
      })),
      functions: p.functions.map((f) => ({ name: f.name, kind: f.kind, carriers: carriers(f.carriers) })),
      returns: p.returns.map((r) => ({
        ...(r.path ? { path: r.path.join('.') } : {}),
        ...(r.function ? { function: r.function } : {}),
        ...(r.result ? { result: `${r.result.pack}.${r.result.class}` } : {}),
        ...(r.bind ? { bind: { ...r.bind } } : {}),
        ...(r.classes ? { classes: [...r.classes] } : {}),
        ...(r.holding ? { holding: [...r.holding] } : {}),
        ...(r.argument !== undefined ? { argument: r.argument } : {}),
        carriers: carriers(r.carriers),
      })),
      nonBillable: p.nonBillable.map((n) => ({ path: n.path.join('.'), reason: n.reason })),
    }));
  return { schemaVersion: 1, packs: summaries };
}
