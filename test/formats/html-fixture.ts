/** The showback page's test input: the October fixture with a reconciliation and a comparison. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportResult } from '../../src/report/types.js';
import { compareReports } from '../../src/report/compare.js';
import { parseInvoiceFile, reconcile } from '../../src/report/invoice.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const json = (path: string): ReportResult => JSON.parse(readFileSync(root + path, 'utf8')) as ReportResult;
const invoice = (name: string) => parseInvoiceFile(readFileSync(`${root}fixtures/invoices/${name}`, 'utf8'), `fixtures/invoices/${name}`);

export const HOSTILE_TENANT = '<img src=x onerror=alert(1)>';
export const october = (): ReportResult => json('fixtures/report-results/html/2026-10.json');
export const september = (): ReportResult => json('fixtures/report-results/html/2026-09.json');

export function fullReport(): ReportResult {
  const result = october();
  const bills = invoice('invoice-2026-10-showback.csv');
  // The logged side as the core would hand it over: a plausible provider split of the totals.
  const micros = (x: number) => Math.round(x * 1e6);
  const attributed = micros(result.totals.attributedCostUsd);
  const unattributed = micros(result.totals.unattributedCostUsd);
  const openAiShare = (x: number) => Math.round(x * 0.4);
  result.reconciliation = reconcile(
    bills,
    [
      { provider: 'openai', attributedMicros: openAiShare(attributed), unattributedMicros: openAiShare(unattributed) },
      { provider: 'anthropic', attributedMicros: attributed - openAiShare(attributed), unattributedMicros: unattributed - openAiShare(unattributed) },
    ],
    result.period,
  );
  result.comparison = compareReports(september(), result);
  return result;
}
