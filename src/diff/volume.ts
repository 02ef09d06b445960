import type { Analysis } from '../report/index.js';
import { LintIndex, type LintResultInput } from '../report/call-sites.js';
import { decodeCallSiteKey } from '../report/call-site-record.js';

/** What one call site did in the logs' period: the volume a change is priced at. */
export interface Volume {
  steps: number;
  /** Integer micro-dollars, as the report priced them. */
  costMicros: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** The model the steps logged most (by steps), null when none named one. */
  model: string | null;
  provider: string | null;
}

/**
 * The logged volume per base call site (by callSiteId): the steps' recorded call sites joined to
 * the base's lint result as `attrib report --lint` joins them (docs/call-sites.md), since the logs
 * came from the code as it was.
 */
export function volumeByCallSite(analysis: Analysis, base: LintResultInput): Map<string, Volume> {
  const { store } = analysis;
  const index = new LintIndex(base);
  const idOfKey = new Map<number, string | null>();
  const out = new Map<string, Volume & { models: Map<string, { steps: number; provider: string | null }> }>();
  for (let i = 0; i < store.size; i++) {
    if (!store.counted(i)) continue;
    const key = store.callSite.get(i);
    if (key === -1) continue;
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = index.find(decodeCallSiteKey(store.callSites.get(key)))?.site.callSiteId ?? null;
      idOfKey.set(key, id);
    }
    if (id === null) continue;
    let v = out.get(id);
    if (!v) out.set(id, (v = { steps: 0, costMicros: 0, inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, model: null, provider: null, models: new Map() }));
    v.steps++;
    v.costMicros += store.cost.get(i);
    v.inputTokens += store.inputTokens.get(i);
    v.cachedInputTokens += store.cachedInputTokens.get(i);
    v.cacheWriteTokens += store.cacheWriteTokens.get(i);
    v.outputTokens += store.outputTokens.get(i);
    const m = store.model.get(i);
    if (m !== -1) {
      const name = store.strings.get(m);
      const p = store.provider.get(i);
      const seen = v.models.get(name) ?? { steps: 0, provider: p === -1 ? null : store.strings.get(p) };
      seen.steps++;
      v.models.set(name, seen);
    }
  }
  const result = new Map<string, Volume>();
  for (const [id, { models, ...v }] of out) {
    const top = [...models].sort((a, b) => b[1].steps - a[1].steps || (a[0] < b[0] ? -1 : 1))[0];
    result.set(id, { ...v, model: top?.[0] ?? null, provider: top?.[1].provider ?? null });
  }
  return result;
}
