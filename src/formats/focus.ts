/**
 * `attrib report --format focus`: FOCUS 1.2 CSV (columns and mapping in docs/report.md#focus-export).
 * Strings from logs (models, tools, providers, tag values) are escaped for terminals and, where a
 * cell could start a formula, neutralised as in the csv format; amounts are plain decimals.
 */
import { stringify } from 'csv-stringify/sync';
import { type FocusRow, FOCUS_TAGS, focusDateTime } from '../report/focus.js';
import { DAY } from '../report/period.js';
import { sanitizeForTerminal } from '../util/terminal.js';
import { neutraliseFormula } from './csv.js';
import { plainDecimal } from './numbers.js';

/** The columns written, in order: every Mandatory FOCUS 1.2 column and the ones attrib can fill. */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'Tags',
] as const;

/** Spend with no provider (a paid tool call, an in-house model) is the organisation's own. */
const INTERNAL = 'internal';

const text = (value: string) => neutraliseFormula(sanitizeForTerminal(value));

export function formatFocus(rows: readonly FocusRow[]): string {
  const records: string[][] = [[...FOCUS_COLUMNS]];
  for (const row of rows) {
    const cost = plainDecimal(row.costMicros / 1e6);
    const provider = text(row.provider ?? INTERNAL);
    const start = new Date(row.day);
    const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
    const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    const tags: Record<string, string> = {};
    for (const tag of FOCUS_TAGS) if (row.tags[tag] !== undefined) tags[tag] = sanitizeForTerminal(row.tags[tag]!);
    const cells: Record<(typeof FOCUS_COLUMNS)[number], string> = {
      BilledCost: cost,
      BillingAccountId: provider,
      BillingAccountName: '',
      BillingCurrency: 'USD',
      BillingPeriodEnd: focusDateTime(nextMonth),
      BillingPeriodStart: focusDateTime(month),
      ChargeCategory: 'Usage',
      ChargeClass: '',
      ChargeDescription: text(`${row.unit === 'Tokens' ? 'Model tokens' : 'Tool calls'}: ${row.sku ?? '(none)'}`),
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: focusDateTime(row.day + DAY),
      ChargePeriodStart: focusDateTime(row.day),
      ConsumedQuantity: String(row.quantity),
      ConsumedUnit: row.unit,
      ContractedCost: cost,
      EffectiveCost: cost,
      InvoiceIssuerName: provider,
      ListCost: cost,
      PricingQuantity: String(row.quantity),
      PricingUnit: row.unit,
      ProviderName: provider,
      PublisherName: provider,
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: provider,
      ServiceSubcategory: 'Generative AI',
      SkuId: row.sku === null ? '' : text(row.sku),
      Tags: JSON.stringify(tags),
    };
    records.push(FOCUS_COLUMNS.map((column) => cells[column]));
  }
  return stringify(records);
}
