/**
 * The logged spend as FOCUS 1.2 charge rows (FinOps Open Cost and Usage Specification, the format
 * Vantage, CloudZero, Finout and Azure Cost Management import): one row per UTC day x feature x
 * team x tenant x workload class x environment x model (or tool) x provider. Costs stay integer
 * micro-dollars here, so the rows sum to the report total exactly; the CSV writer
 * (src/formats/focus.ts) turns them into decimals. The column mapping is documented in docs/report.md#focus-export.
 */
import type { Analysis } from './index.js';
import { ATTRIBUTION_TAGS, STEP_KINDS } from './step.js';
import { DAY, dayString } from './period.js';

const T = Object.fromEntries(ATTRIBUTION_TAGS.map((tag, i) => [tag, i])) as Record<(typeof ATTRIBUTION_TAGS)[number], number>;
const TOOLISH = new Set(['tool', 'retrieval', 'other'].map((k) => STEP_KINDS.indexOf(k as (typeof STEP_KINDS)[number])));

/** The attrib tags a row carries in FOCUS `Tags` (the run id is not a cost dimension). */
export const FOCUS_TAGS = ['feature', 'team', 'tenant', 'workload_class', 'environment'] as const;

export interface FocusRow {
  /** UTC midnight of the charge day (ms). */
  day: number;
  provider: string | null;
  /** The model, or for a tool step without one, the tool. */
  sku: string | null;
  /** `Tokens` for model and embedding steps, `Requests` for tool, retrieval and other steps. */
  unit: 'Tokens' | 'Requests';
  tags: Partial<Record<(typeof FOCUS_TAGS)[number], string>>;
  /** Billed (= effective) cost in micro-dollars. */
  costMicros: number;
  /** Input + output tokens, or the number of calls. */
  quantity: number;
  steps: number;
}

/** Group the counted steps of an analysis into FOCUS rows, ordered by day, then by the row's key. */
export function focusRows(analysis: Pick<Analysis, 'store' | 'attribution'>): FocusRow[] {
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
    const row: FocusRow = {
      day: Math.floor(store.ts.get(i) / DAY) * DAY,
      provider: str(store.provider.get(i)),
      sku: model ?? (toolish ? str(store.tool.get(i)) : null),
      unit: toolish && model === null ? 'Requests' : 'Tokens',
      tags,
      costMicros: 0,
      quantity: 0,
      steps: 0,
    };
    const key = JSON.stringify([row.day, row.provider, row.sku, row.unit, FOCUS_TAGS.map((t) => tags[t] ?? null)]);
    const same = rows.get(key) ?? row;
    if (same === row) rows.set(key, row);
    same.costMicros += store.cost.get(i);
    same.quantity += row.unit === 'Requests' ? 1 : store.inputTokens.get(i) + store.outputTokens.get(i);
    same.steps++;
  }
  return [...rows.entries()].sort(([a, x], [b, y]) => x.day - y.day || (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** `YYYY-MM-DDTHH:mm:ssZ`, the FOCUS Date/Time format. */
export function focusDateTime(ms: number): string {
  return `${dayString(ms)}T00:00:00Z`;
}
