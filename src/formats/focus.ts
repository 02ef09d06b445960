/**
 * `attrib report --format focus`: FOCUS 1.2 CSV (columns and mapping in docs/report.md#focus-export).
 * Strings from logs (models, tools, providers, tag values) are escaped for terminals and, where a
 * cell could start a formula, neutralised as in the csv format; amounts are plain decimals.
 */
import { stringify } from 'csv-stringify/sync';
import { type FocusRow, FOCUS_TAGS, focusDateTime } from '../report/focus.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import { neutraliseFormula } from './csv.js';
import { plainDecimal } from './numbers.js';

/**
 * The columns written, in order (every Mandatory FOCUS 1.2 column and the ones attrib can fill),
 * each with its FOCUS data type (the spec's column files; checked against them in the tests).
 */
export const FOCUS_DATA_TYPES = {
  BilledCost: 'Decimal',
  BillingAccountId: 'String',
  BillingAccountName: 'String',
  BillingCurrency: 'String',
  BillingPeriodEnd: 'Date/Time',
  BillingPeriodStart: 'Date/Time',
  ChargeCategory: 'String',
  ChargeClass: 'String',
  ChargeDescription: 'String',
  ChargeFrequency: 'String',
  ChargePeriodEnd: 'Date/Time',
  ChargePeriodStart: 'Date/Time',
  ConsumedQuantity: 'Decimal',
  ConsumedUnit: 'String',
  ContractedCost: 'Decimal',
  EffectiveCost: 'Decimal',
  InvoiceIssuerName: 'String',
  ListCost: 'Decimal',
  PricingQuantity: 'Decimal',
  PricingUnit: 'String',
  ProviderName: 'String',
  PublisherName: 'String',
  ServiceCategory: 'String',
  ServiceName: 'String',
  ServiceSubcategory: 'String',
  SkuId: 'String',
  Tags: 'JSON',
} as const satisfies Record<string, 'Decimal' | 'Date/Time' | 'String' | 'JSON'>;

export type FocusColumn = keyof typeof FOCUS_DATA_TYPES;
export const FOCUS_COLUMNS = Object.keys(FOCUS_DATA_TYPES) as FocusColumn[];
/** One FOCUS row as column -> value; `null` is a FOCUS null (an empty CSV cell). */
export type FocusCells = Record<FocusColumn, string | null>;

/** Spend with no provider (a paid tool call, an in-house model) is the organisation's own. */
const INTERNAL = 'internal';

/**
 * The cells of one row. `text` makes a string from a log safe for the output it goes to (the CSV
 * neutralises formulas, Parquet is read by programs); decimals and dates are written as FOCUS
 * formats them (Numeric Format, `YYYY-MM-DDTHH:mm:ssZ`).
 */
export function focusCells(row: FocusRow, text: (value: string) => string): FocusCells {
  const cost = plainDecimal(row.costMicros / 1e6);
  const usage = row.category === 'Usage';
  const provider = text(row.provider ?? INTERNAL);
  const start = new Date(row.day);
  const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const tags: Record<string, string> = {};
  for (const tag of FOCUS_TAGS) if (row.tags[tag] !== undefined) tags[tag] = sanitizeForTerminal(row.tags[tag]!);
  return {
    BilledCost: cost,
    BillingAccountId: provider,
    BillingAccountName: null,
    BillingCurrency: 'USD',
    BillingPeriodEnd: focusDateTime(nextMonth),
    BillingPeriodStart: focusDateTime(month),
    ChargeCategory: row.category,
    ChargeClass: null,
    ChargeDescription: text(usage ? `${row.unit === 'Tokens' ? 'Model tokens' : 'Tool calls'}: ${row.sku ?? '(none)'}` : `Credit: ${row.credit ?? ''}`),
    ChargeFrequency: usage ? 'Usage-Based' : 'One-Time',
    ChargePeriodEnd: focusDateTime(row.end),
    ChargePeriodStart: focusDateTime(row.day),
    // FOCUS: consumed quantity and unit are null for anything but usage.
    ConsumedQuantity: usage ? String(row.quantity) : null,
    ConsumedUnit: usage ? row.unit : null,
    ContractedCost: cost,
    EffectiveCost: cost,
    InvoiceIssuerName: provider,
    ListCost: plainDecimal(row.listCostMicros / 1e6),
    PricingQuantity: usage ? String(row.quantity) : null,
    PricingUnit: usage ? row.unit : null,
    ProviderName: provider,
    PublisherName: provider,
    ServiceCategory: 'AI and Machine Learning',
    ServiceName: provider,
    ServiceSubcategory: 'Generative AI',
    SkuId: row.sku === null ? null : text(row.sku),
    Tags: JSON.stringify(tags),
  };
}

const csvText = (value: string) => neutraliseFormula(sanitizeForTerminal(value));

export function formatFocus(rows: readonly FocusRow[]): string {
  const records: string[][] = [[...FOCUS_COLUMNS]];
  for (const row of rows) {
    const cells = focusCells(row, csvText);
    records.push(FOCUS_COLUMNS.map((column) => cells[column] ?? ''));
  }
  return stringify(records);
}
