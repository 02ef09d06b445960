import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CarrierSummary, PackList } from '../lint/packs/describe.js';
import { sanitizeInline } from '../util/terminal.js';
import type { Formatter } from './types.js';

const clean = (s: string) => sanitizeInline(s);
const carrierText = (c: CarrierSummary) => `${c.path === '' ? `argument ${c.arg}` : `arg ${c.arg} ${clean(c.path)}`} (${c.form})`;
const uniq = (xs: string[]) => [...new Set(xs)];
/** Past this many clients a row lists the first ones and a count (the calls section lists everything). */
const MAX_LISTED = 6;

/**
 * `attrib lint --list-packs`: one row per pack (modules, clients or functions, how many billable calls,
 * carriers, the SDK versions it was checked against), then each pack's billable calls in full.
 */
export const format: Formatter<PackList> = (list, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const style = { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [], compact: true };
  const table = new Table({ head: ['Pack', 'Modules', 'Clients / functions', 'Calls', 'Tag carriers', 'Checked against'], colAligns: ['left', 'left', 'left', 'right', 'left', 'left'], style });
  const details: string[] = [];
  for (const p of list.packs) {
    const isCommand = (name: string) => p.methods.some((m) => m.commands?.includes(name));
    const clients = p.classes.filter((k) => !isCommand(k.name)).map((k) => clean(k.name));
    const shownClients = clients.length > MAX_LISTED ? [...clients.slice(0, MAX_LISTED - 1), c.dim(`+${clients.length - MAX_LISTED + 1} more`)] : clients;
    const callText = (m: (typeof p.methods)[number]) => {
      if (m.commands) return `${clean(m.path)}(${m.commands.map(clean).join(' | ')})`;
      if (m.when) return `${clean(m.path)}(${m.when.path === '' ? '' : `${clean(m.when.path)}: `}${m.when.equals.map(clean).join(' | ')})`;
      return clean(m.path);
    };
    const calls = [...p.methods.map(callText), ...p.functions.map((f) => clean(f.name))];
    const clientCarriers = uniq(p.classes.flatMap((k) => k.carriers.map((x) => `${isCommand(k.name) ? `new ${clean(k.name)}` : 'new'}: ${carrierText(x)}`)));
    const callCarriers = uniq([...p.methods, ...p.functions].flatMap((m) => m.carriers.map((x) => `call: ${carrierText(x)}`)));
    table.push([
      c.bold(clean(p.name)),
      p.modules.map(clean).join('\n'),
      [...shownClients, ...(p.functions.length > 0 ? ['(exported functions)'] : [])].join('\n'),
      String(calls.length),
      [...clientCarriers, ...callCarriers].join('\n') || c.dim('none: tag through a wrapper'),
      p.versions.map((v) => `${clean(v.package)}@${clean(v.version)}`).join('\n') || c.dim('-'),
    ]);
    details.push(`${c.bold(clean(p.name))} (${calls.length} billable, ${p.nonBillable.length} listed as not billable)\n  clients: ${clients.join(', ') || '-'}\n  calls: ${calls.join(', ')}`);
  }
  return `${table.toString()}\n\n${details.join('\n\n')}\n`;
};
