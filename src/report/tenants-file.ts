/**
 * `--tenants FILE`: a CSV of tenant contracts, `tenant,name,plan,monthly_contract_usd` (name and plan
 * may be absent or empty), as a finance export or a CRM report writes it. Amounts read as invoices
 * do: `1224.72`, `"1,224.72"`, `$1,224.72`.
 */
import { parse } from 'csv-parse/sync';
import type { Tenant } from '../taxonomy/types.js';
import { ConfigError } from '../util/errors.js';
import { readUserFile } from '../util/read-user-file.js';
import { plainUsdAmount } from './invoice.js';

const HINT = 'A tenants file is a CSV with the header tenant,name,plan,monthly_contract_usd (name and plan optional), one tenant per row.';
const COLUMNS = ['tenant', 'name', 'plan', 'monthly_contract_usd'] as const;
/** As for taxonomy budgets: past this a contract is a typo. */
const MAX_CONTRACT_USD = 1_000_000_000;

export async function loadTenantsFile(given: string, cwd: string): Promise<Map<string, Tenant>> {
  const { text, shown } = await readUserFile(given, { cwd, what: 'tenants file', hint: HINT });
  return parseTenantsCsv(text, shown);
}

/** Tenants by id; ConfigError with file:line on a bad header, a repeated tenant or an amount that is not one. */
export function parseTenantsCsv(text: string, file: string): Map<string, Tenant> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: not a valid CSV (${(error as Error).message}).`, HINT);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  if (at.tenant < 0 || at.monthly_contract_usd < 0) throw new ConfigError(`${file}:1: the header needs the columns tenant and monthly_contract_usd.`, HINT);
  const tenants = new Map<string, Tenant>();
  // csv-parse's `info` would give exact lines across quoted newlines; rows here are counted, which is
  // exact for the one-line rows tenant files have, and the message names the tenant as well.
  records.slice(1).forEach((cells, i) => {
    const where = `${file}:${i + 2}`;
    const id = cells[at.tenant] ?? '';
    if (id === '') throw new ConfigError(`${where}: the tenant is empty.`, HINT);
    if (tenants.has(id)) throw new ConfigError(`${where}: tenant ${JSON.stringify(id)} is listed twice.`, HINT);
    const raw = cells[at.monthly_contract_usd] ?? '';
    const plain = plainUsdAmount(raw);
    const amount = plain === undefined ? NaN : Number(plain);
    if (!(amount >= 0.01 && amount <= MAX_CONTRACT_USD)) {
      throw new ConfigError(`${where}: monthly_contract_usd of tenant ${JSON.stringify(id)} must be USD from 0.01 to ${MAX_CONTRACT_USD.toLocaleString('en-US')}, not ${JSON.stringify(raw)}.`, HINT);
    }
    const tenant: Tenant = { id, monthlyContractUsd: amount };
    for (const key of ['name', 'plan'] as const) {
      const value = at[key] < 0 ? '' : (cells[at[key]] ?? '');
      if (value !== '') tenant[key] = value;
    }
    tenants.set(id, tenant);
  });
  return tenants;
}

/** The taxonomy's tenants with the file's rows over them: the file's contract, name and plan win, a taxonomy budget stays. */
export function mergeTenants(taxonomy: ReadonlyMap<string, Tenant>, file: ReadonlyMap<string, Tenant>): Map<string, Tenant> {
  const merged = new Map(taxonomy);
  for (const [id, row] of file) merged.set(id, { ...taxonomy.get(id), ...row });
  return merged;
}
