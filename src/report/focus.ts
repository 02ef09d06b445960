/**
 * The logged spend as FOCUS 1.2 charge rows (FinOps Open Cost and Usage Specification, the format
 * Vantage, CloudZero, Finout and Azure Cost Management import): one row per UTC day x feature x
 * team x tenant x workload class x environment x model (or tool) x provider. Costs stay integer
 * micro-dollars here, so the rows sum to the report total exactly; the CSV writer
 * (src/formats/focus.ts) turns them into decimals. Usage rows carry list and effective cost (the
 * negotiated discount is their difference); each credit applied is a `Credit` row per provider, so
 * BilledCost sums to the report's billed total. The column mapping is documented in docs/report.md#focus-export.
 */
import type { Analysis } from './index.js';
import type { ReportResult } from './types.js';
import { ATTRIBUTION_TAGS, STEP_KINDS } from './step.js';
import { DAY, dayString } from './period.js';

const T = Object.fromEntries(ATTRIBUTION_TAGS.map((tag, i) => [tag, i])) as Record<(typeof ATTRIBUTION_TAGS)[number], number>;
const TOOLISH = new Set(['tool', 'retrieval', 'other'].map((k) => STEP_KINDS.indexOf(k as (typeof STEP_KINDS)[number])));

/** The attrib tags a row carries in FOCUS `Tags` (the run id is not a cost dimension). */
export const FOCUS_TAGS = ['feature', 'team', 'tenant', 'workload_class', 'environment'] as const;

export interface FocusRow {
  /** `Usage` for logged spend; `Credit` for a credit applied to it (negative costs, no quantity). */
  category: 'Usage' | 'Credit';
  /** UTC midnight of the charge day (ms): for a credit, the first day it covers. */
  day: number;
  /** Exclusive end of the charge period (ms): the next midnight, or after a credit's last day. */
  end: number;
  /** The credit's name (Credit rows only). */
  credit?: string;
  provider: string | null;
  /** The model, or for a tool step without one, the tool. */
  sku: string | null;
  /** `Tokens` for model and embedding steps, `Requests` for tool, retrieval and other steps. */
  unit: 'Tokens' | 'Requests';
  tags: Partial<Record<(typeof FOCUS_TAGS)[number], string>>;
  /** Effective cost in micro-dollars (after negotiated discounts; = billed for usage rows, credits are rows of their own). */
  costMicros: number;
  /** List cost in micro-dollars (batch steps at the batch list price); equals costMicros for credit rows, as FOCUS asks. */
  listCostMicros: number;
  /** Input + output tokens, or the number of calls. */
  quantity: number;
  steps: number;
}

/** Group the counted steps of an analysis into FOCUS rows, ordered by day, then by the row's key; then the credit rows. */
export function focusRows(analysis: Pick<Analysis, 'store' | 'attribution'> & { result?: Pick<ReportResult, 'credits'> }): FocusRow[] {
  const { store, attribution } = analysis;
  const str = (id: number) => (id === -1 ? null : store.strings.get(id));
  const rows = new Map<string, FocusRow>();
  for (let i = 0; i < store.size; i++) {
    if (!store.counted(i)) continue;
    const attributed = attribution.status.get(i) === 0;
    const tags: FocusRow['tags'] = {};
    for (const tag of FOCUS_TAGS) {
      // A feature value is only a feature when attribution accepted it (unknown values stay out).
      const value = tag === 'feature' && !attributed ? null : str(attribution.values[T[tag]]!.get(i));
      if (value !== null) tags[tag] = value;
    }
    const toolish = TOOLISH.has(store.kind.get(i));
    const model = str(store.model.get(i));
    const day = Math.floor(store.ts.get(i) / DAY) * DAY;
    const row: FocusRow = {
      category: 'Usage',
      day,
      end: day + DAY,
      provider: str(store.provider.get(i)),
      sku: model ?? (toolish ? str(store.tool.get(i)) : null),
      unit: toolish && model === null ? 'Requests' : 'Tokens',
      tags,
      costMicros: 0,
      listCostMicros: 0,
      quantity: 0,
      steps: 0,
    };
    const key = JSON.stringify([row.day, row.provider, row.sku, row.unit, FOCUS_TAGS.map((t) => tags[t] ?? null)]);
    const same = rows.get(key) ?? row;
    if (same === row) rows.set(key, row);
    same.costMicros += store.cost.get(i);
    same.listCostMicros += store.listCost.get(i);
    same.quantity += row.unit === 'Requests' ? 1 : store.inputTokens.get(i) + store.outputTokens.get(i);
    same.steps++;
  }
  const usage = [...rows.entries()].sort(([a, x], [b, y]) => x.day - y.day || (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return [...usage, ...creditRows(analysis.result?.credits ?? [])];
}

/** One Credit row per credit and provider it covered: negative micro-dollars, over the credit's days. */
function creditRows(credits: ReportResult['credits']): FocusRow[] {
  const rows: FocusRow[] = [];
  for (const credit of credits) {
    const day = Date.parse(`${credit.from}T00:00:00Z`);
    const end = Date.parse(`${credit.to}T00:00:00Z`) + DAY;
    for (const part of credit.byProvider) {
      const micros = -Math.round(part.appliedUsd * 1e6);
      rows.push({ category: 'Credit', day, end, credit: credit.name, provider: part.provider, sku: null, unit: 'Requests', tags: {}, costMicros: micros, listCostMicros: micros, quantity: 0, steps: 0 });
    }
  }
  return rows;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, the FOCUS Date/Time format. */
export function focusDateTime(ms: number): string {
  return `${dayString(ms)}T00:00:00Z`;
}
