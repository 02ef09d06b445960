/**
 * Invoice reconciliation: what the providers billed against what reached the logs.
 *
 * Inputs (`attrib report --invoice AMOUNT|FILE`): a bare USD amount, an OpenAI organization Costs
 * API response, an Anthropic cost report (amounts are CENTS as decimal strings), or a CSV
 * `provider,amount_usd`. These are time-bucket aggregates: they are compared with the logged
 * totals, never added to them.
 *
 * Amounts are parsed from their decimal text exactly (never through a float) into pico-dollars
 * (10^-12 USD), because an Anthropic cents string such as "0.0345" is finer than a micro-dollar;
 * each provider's sum is rounded once to integer micro-dollars, and everything after that is
 * integer micro-dollar arithmetic, so invoice = logged + unlogged holds exactly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../util/errors.js';
import { readUserFile } from '../util/read-user-file.js';
import { formatUsd } from '../util/money.js';
import { TIME_RANGE, inTimeRange } from './period.js';
import { preview } from './step.js';

export type InvoiceSource = 'amount' | 'openai-costs' | 'anthropic-cost-report' | 'csv';

export interface InvoiceLine {
  /** Lower-case provider name (`openai`, `anthropic`, a CSV value); null for a bare amount. */
  provider: string | null;
  /** UTC date (`YYYY-MM-DD`) the line's time bucket starts on; null when the source has no buckets. */
  date: string | null;
  /** Exact amount in pico-dollars (10^-12 USD). */
  picos: bigint;
}

export interface Invoice {
  source: InvoiceSource;
  /** The file it came from (as given), or null for a bare amount. */
  file: string | null;
  lines: InvoiceLine[];
  /** Things the reader must know (an incomplete page, lines in another currency skipped...). */
  notes: string[];
}

/** Logged spend of one provider, split as the report attributed it (integer micro-dollars). */
export interface LoggedSpend {
  provider: string;
  attributedMicros: number;
  unattributedMicros: number;
}

/** The reconciliation figures of one scope (the whole invoice, or one provider). USD, 6 decimals. */
export interface ReconciliationFigures {
  /** Billed; null for a provider that has logged spend but is not on the invoice. */
  invoiceUsd: number | null;
  loggedUsd: number;
  /** invoice - logged: spend that never reached the logs (negative: the logs exceed the invoice). */
  unloggedUsd: number | null;
  attributedUsd: number;
  /** Logged but unattributed (the report's `unattributedCostUsd` for this scope). */
  unattributedUsd: number;
  /** invoice - attributed = unlogged + unattributed: the part of the bill nobody owns. */
  unownedUsd: number | null;
  /** unowned / invoice x 100, 2 decimals: the unattributed share measured against the invoice. */
  unattributedOfInvoicePct: number | null;
}

export interface ReconciliationRow extends ReconciliationFigures {
  provider: string;
}

export interface Reconciliation extends ReconciliationFigures {
  invoiceUsd: number;
  unloggedUsd: number;
  unownedUsd: number;
  unattributedOfInvoicePct: number | null;
  source: InvoiceSource;
  file: string | null;
  /**
   * Per provider, when the invoice names providers (empty for a bare amount). The totals above cover
   * the invoiced providers only; logged spend of other providers is in `loggedNotInvoicedUsd`.
   */
  byProvider: ReconciliationRow[];
  loggedNotInvoicedUsd: number;
  /** Invoice buckets that start outside the report period: left out of `invoiceUsd`. */
  outsidePeriodUsd: number;
  notes: string[];
}

const PICOS_PER_MICRO = 1_000_000n;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HINT =
  'Pass the billed amount in USD (--invoice 1234.56) or a file: an OpenAI organization Costs API ' +
  'response, an Anthropic cost report, or a CSV with the header provider,amount_usd.';

/**
 * Exact decimal text (plain or exponent notation) times 10^shift, rounded half away from zero to
 * an integer. Returns undefined for anything that is not a finite decimal number.
 */
export function decimalToScaledInteger(text: string, shift: number): bigint | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  if (Math.abs(Number(exponent)) > 30) return undefined; // no invoice line is 10^30 dollars; refuse to build huge integers
  const digits = BigInt(`${whole}${fraction}` || '0');
  const power = shift + Number(exponent) - fraction.length;
  let value: bigint;
  if (power >= 0) value = digits * 10n ** BigInt(power);
  else {
    const divisor = 10n ** BigInt(-power);
    value = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) value += 1n;
  }
  return sign === '-' ? -value : value;
}

/** Pico-dollars to integer micro-dollars, rounded half away from zero. */
function picosToMicros(picos: bigint): number {
  const negative = picos < 0n;
  const abs = negative ? -picos : picos;
  let micros = abs / PICOS_PER_MICRO;
  if ((abs % PICOS_PER_MICRO) * 2n >= PICOS_PER_MICRO) micros += 1n;
  const result = Number(negative ? -micros : micros);
  if (!Number.isSafeInteger(result)) throw new ConfigError(`Invoice amount is too large: ${picos} pico-dollars.`);
  return result;
}

const usd = (micros: number): number => micros / 1e6;
const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;

/** `--invoice 1234.56`: the billed total in USD, without providers. */
export function parseInvoiceAmount(text: string): Invoice | undefined {
  const plain = plainUsdAmount(text);
  if (plain === undefined) return undefined;
  const picos = decimalToScaledInteger(plain, 12)!;
  return { source: 'amount', file: null, lines: [{ provider: null, date: null, picos }], notes: [] };
}

/**
 * A billed amount as people and spreadsheets write it, as plain decimal text: `1224.72`,
 * `1,224.72`, `$1,224.72`, `USD 1224.72`, `1224.72 USD`. Thousands separators must group by three
 * (`1,22` is a European decimal comma, ambiguous: refused). Undefined when it is not such an amount.
 */
export function plainUsdAmount(text: string): string | undefined {
  const bare = text.trim().replace(/^(?:US)?\$\s*|^USD\s+|\s+USD$/gi, '');
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(bare) ? bare.replace(/,/g, '') : bare;
  return /^\d+(?:\.\d+)?$/.test(plain) ? plain : undefined;
}

/** `--invoice ARG`: an amount when ARG reads as one (see plainUsdAmount), else a file (relative to cwd). */
export async function loadInvoice(arg: string, options: { cwd: string }): Promise<Invoice> {
  const amount = parseInvoiceAmount(arg);
  if (amount) return amount;
  // `-5`, `1e400`, `NaN`, `$17,00`: meant as an amount, not a file name.
  if (/^\s*((US)?\$|USD\b)?\s*([-+]?\s*[\d.]|[-+]?(nan|inf))/i.test(arg) && !existsSync(resolve(options.cwd, arg))) {
    throw new ConfigError(`--invoice ${arg} is not a valid amount: write the billed USD as a positive decimal`, 'For example --invoice 1234.56 or --invoice \'$1,234.56\', or pass an invoice file.');
  }
  const { text, shown } = await readUserFile(arg, { cwd: options.cwd, what: 'invoice file', hint: HINT });
  return parseInvoiceFile(text, shown);
}

/** Detects the format of an invoice file's text and parses it. Throws ConfigError when it is none of them. */
export function parseInvoiceFile(text: string, file: string): Invoice {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(body)) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new ConfigError(`${file}${jsonErrorPosition(body, error as Error)}: not valid JSON (${(error as Error).message}).`, HINT);
    }
    return parseInvoiceJson(json, file);
  }
  return parseInvoiceCsv(body, file);
}

function jsonErrorPosition(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1]));
  const lines = before.split('\n');
  return `:${lines.length}:${lines.at(-1)!.length + 1}`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A response page, or an array of pages (several `next_page` fetches saved together). */
function parseInvoiceJson(json: unknown, file: string): Invoice {
  const pages = Array.isArray(json) ? json : [json];
  const buckets = pages.flatMap((page) => (isObject(page) && Array.isArray(page['data']) ? page['data'] : []));
  const results = buckets.flatMap((b) => (isObject(b) && Array.isArray(b['results']) ? b['results'] : []));
  const first = results.find(isObject);
  // An empty report still tells its origin: OpenAI pages say `object: "page"`, Anthropic's do not.
  const kind: InvoiceSource | undefined =
    first === undefined
      ? pages.every((p) => isObject(p) && Array.isArray(p['data']))
        ? pages.some((p) => isObject(p) && p['object'] === 'page') ? 'openai-costs' : 'anthropic-cost-report'
        : undefined
      : isObject(first['amount'])
        ? 'openai-costs'
        : typeof first['amount'] === 'string'
          ? 'anthropic-cost-report'
          : undefined;
  if (!kind) {
    throw new ConfigError(
      `${file}: not an invoice this version reads (expected data[].results[].amount as { value, currency } for OpenAI or a cents string for Anthropic).`,
      HINT,
    );
  }
  const invoice: Invoice = { source: kind, file, lines: [], notes: [] };
  const skippedCurrencies = new Set<string>();
  buckets.forEach((bucket, b) => {
    if (!isObject(bucket) || !Array.isArray(bucket['results'])) return;
    const date = kind === 'openai-costs' ? unixDate(bucket['start_time'], `${file}: data[${b}].start_time`) : isoDate(bucket['starting_at'], `${file}: data[${b}].starting_at`);
    bucket['results'].forEach((result: unknown, r: number) => {
      const where = `${file}: data[${b}].results[${r}]`;
      if (!isObject(result)) throw new ConfigError(`${where} is not an object.`, HINT);
      const line = kind === 'openai-costs' ? openAiLine(result, where) : anthropicLine(result, where);
      if (typeof line === 'string') skippedCurrencies.add(line);
      else invoice.lines.push({ provider: kind === 'openai-costs' ? 'openai' : 'anthropic', date, picos: line });
    });
  });
  for (const currency of [...skippedCurrencies].sort()) {
    invoice.notes.push(`Lines in ${currency} were left out: attrib reconciles USD only.`);
  }
  if (pages.some((p) => isObject(p) && p['has_more'] === true) && !pages.some((p) => isObject(p) && p['has_more'] === false)) {
    invoice.notes.push(
      `${file} is one page of a longer response (has_more is true): fetch every next_page and save the pages as one JSON array.`,
    );
  }
  return invoice;
}

/** OpenAI: `amount: { value: <USD number>, currency: "usd" }`. Returns the currency when not USD. */
function openAiLine(result: Json, where: string): bigint | string {
  const amount = result['amount'];
  if (!isObject(amount)) throw new ConfigError(`${where}.amount is missing.`, HINT);
  const currency = String(amount['currency'] ?? 'usd').toLowerCase();
  if (currency !== 'usd') return currency.toUpperCase();
  const value = amount['value'];
  // The shortest decimal text of the JSON number is what the API wrote: parse that, not the float.
  const picos = typeof value === 'number' || typeof value === 'string' ? decimalToScaledInteger(String(value), 12) : undefined;
  if (picos === undefined) throw new ConfigError(`${where}.amount.value is not a number: ${JSON.stringify(value)}.`, HINT);
  return picos;
}

/** Anthropic: `amount: "123.45"` is CENTS as a decimal string ($1.2345). */
function anthropicLine(result: Json, where: string): bigint | string {
  const currency = String(result['currency'] ?? 'USD').toUpperCase();
  if (currency !== 'USD') return currency;
  const value = result['amount'];
  const picos = typeof value === 'string' ? decimalToScaledInteger(value, 10) : undefined;
  if (picos === undefined) throw new ConfigError(`${where}.amount is not a decimal string of cents: ${JSON.stringify(value)}.`, HINT);
  return picos;
}

function unixDate(value: unknown, where: string): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? invoiceDay(value * 1000, value, where) : null;
}

function isoDate(value: unknown, where: string): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : invoiceDay(time, value, where);
}

function invoiceDay(ms: number, value: unknown, where: string): string {
  if (!inTimeRange(ms)) throw new ConfigError(`${where} is out of range: ${preview(value)} (attrib reads ${TIME_RANGE}).`, HINT);
  return new Date(ms).toISOString().slice(0, 10);
}

/** `provider,amount_usd` with a header line; quoted fields allowed; a provider may repeat (summed). */
function parseInvoiceCsv(text: string, file: string): Invoice {
  const rows = text.split(/\r?\n/);
  const header = splitCsvLine(rows[0] ?? '').map((h) => h.trim().toLowerCase());
  const providerAt = header.indexOf('provider');
  const amountAt = header.indexOf('amount_usd');
  if (providerAt < 0 || amountAt < 0) {
    throw new ConfigError(`${file}:1: not an invoice this version reads (a CSV needs the header provider,amount_usd).`, HINT);
  }
  const invoice: Invoice = { source: 'csv', file, lines: [], notes: [] };
  rows.slice(1).forEach((row, i) => {
    if (row.trim() === '') return;
    const cells = splitCsvLine(row);
    const provider = (cells[providerAt] ?? '').trim().toLowerCase();
    const amount = (cells[amountAt] ?? '').trim();
    const plain = plainUsdAmount(amount);
    const picos = plain === undefined ? undefined : decimalToScaledInteger(plain, 12);
    if (provider === '') throw new ConfigError(`${file}:${i + 2}: the provider is empty.`, HINT);
    if (picos === undefined) {
      throw new ConfigError(`${file}:${i + 2}: amount_usd is not a decimal number: ${JSON.stringify(amount)}.`, HINT);
    }
    invoice.lines.push({ provider, date: null, picos });
  });
  return invoice;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') cells.push(cell), (cell = '');
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Invoices given together (`--invoice openai.json --invoice anthropic.json`) become one. A bare
 * amount says nothing about providers, so it cannot be combined with anything.
 */
export function combineInvoices(invoices: readonly Invoice[]): Invoice {
  if (invoices.length === 1) return invoices[0]!;
  if (invoices.length === 0 || invoices.some((i) => i.source === 'amount')) {
    throw new ConfigError(
      invoices.length === 0 ? 'No invoice given.' : 'A bare invoice amount cannot be combined with other invoices.',
      'Give one amount, or one or more invoice files.',
    );
  }
  return {
    source: invoices[0]!.source,
    file: invoices.map((i) => i.file).join(', '),
    lines: invoices.flatMap((i) => i.lines),
    notes: invoices.flatMap((i) => i.notes),
  };
}

/**
 * Compares the invoice with the logged spend. Invoice lines whose bucket starts outside `period`
 * (inclusive UTC dates) are left out and reported as `outsidePeriodUsd`. Providers match by their
 * lower-case name (`azure` spend is not on an OpenAI invoice).
 */
export function reconcile(
  invoice: Invoice,
  logged: readonly LoggedSpend[],
  period?: { from: string; to: string },
): Reconciliation {
  const billed = new Map<string | null, bigint>();
  let outside = 0n;
  for (const line of invoice.lines) {
    if (period && line.date !== null && (line.date < period.from || line.date > period.to)) outside += line.picos;
    else billed.set(line.provider, (billed.get(line.provider) ?? 0n) + line.picos);
  }
  const spend = new Map<string, { attributed: number; unattributed: number }>();
  for (const l of logged) {
    const key = l.provider.toLowerCase();
    const s = spend.get(key) ?? { attributed: 0, unattributed: 0 };
    s.attributed += l.attributedMicros;
    s.unattributed += l.unattributedMicros;
    spend.set(key, s);
  }

  const byProvider: ReconciliationRow[] = [];
  const perProvider = invoice.source !== 'amount';
  let invoiceMicros = 0;
  let attributed = 0;
  let unattributed = 0;
  let notInvoiced = 0;
  if (perProvider) {
    const providers = [...new Set<string>([...(billed.keys() as Iterable<string>), ...spend.keys()])].sort();
    for (const provider of providers) {
      const s = spend.get(provider) ?? { attributed: 0, unattributed: 0 };
      const picos = billed.get(provider);
      const invoiced = picos === undefined ? null : picosToMicros(picos);
      byProvider.push({ provider, ...figures(invoiced, s.attributed, s.unattributed) });
      if (invoiced === null) notInvoiced += s.attributed + s.unattributed;
      else (invoiceMicros += invoiced), (attributed += s.attributed), (unattributed += s.unattributed);
    }
  } else {
    invoiceMicros = picosToMicros(billed.get(null) ?? 0n);
    for (const s of spend.values()) (attributed += s.attributed), (unattributed += s.unattributed);
  }
  const total = figures(invoiceMicros, attributed, unattributed) as Reconciliation;
  const notes = [...invoice.notes];
  if (total.unloggedUsd < 0) {
    notes.push(
      `The logs hold ${formatUsd(-total.unloggedUsd)} more than the invoice: check the invoice period and that every provider account is on it.` +
        (total.unattributedOfInvoicePct === null
          ? ` The attributed spend alone (${formatUsd(total.attributedUsd)}) exceeds the invoice, so the unowned share of the invoice cannot be measured; --fail-on unattributed uses the logs' unattributed share.`
          : ''),
    );
  }
  return {
    ...total,
    source: invoice.source,
    file: invoice.file,
    byProvider,
    loggedNotInvoicedUsd: usd(notInvoiced),
    outsidePeriodUsd: usd(picosToMicros(outside)),
    notes,
  };
}

function figures(invoice: number | null, attributed: number, unattributed: number): ReconciliationFigures {
  const logged = attributed + unattributed;
  return {
    invoiceUsd: invoice === null ? null : usd(invoice),
    loggedUsd: usd(logged),
    unloggedUsd: invoice === null ? null : usd(invoice - logged),
    attributedUsd: usd(attributed),
    unattributedUsd: usd(unattributed),
    unownedUsd: invoice === null ? null : usd(invoice - attributed),
    // A negative share (attributed spend above the bill) means nothing: the invoice is incomplete.
    unattributedOfInvoicePct: invoice === null || invoice < attributed ? null : pct(invoice - attributed, invoice),
  };
}
