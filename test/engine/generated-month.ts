/**
 * A generated month of attrib step records (JSONL) for the differential tests, against the bundled
 * taxonomy (fixtures/attrib.yaml): the shapes that make attribution hard, on purpose.
 * - deep trees: runs whose parent chains are hundreds of steps long, tags set at the root only;
 * - conflicts: runs whose records disagree on a tag that some of their steps need from the run;
 * - cycles: parent chains that loop (with and without a tag inside the loop, with a tail into it);
 * - steps with no run and no parent (a run of their own), unknown features, teams that are not in the
 *   registry, a team tag against the registry, mixed environments, tools with owners, an unpriced
 *   model, an outlier tenant, a duplicate step id, and steps on both ends of the month.
 * With `lastDay` the month stops early (the report then projects the month end), and with `spike`
 * one feature and tenant spend $8-10 every day and $95 on one day (a spend-spike of both).
 * Deterministic for a seed (a small LCG), so a failure can be replayed.
 */

const FEATURES = ['inbox-triage', 'smart-compose', 'contract-redline', 'clause-search', 'support-agent', 'semantic-search'];
const TEAMS = ['mail', 'legal', 'support', 'search', 'growth'];
const TENANTS = ['ws_acme', 'ws_globex', 'ws_initech', 'acct_umbrella', 'ws_hooli'];
const ENVS = ['production', 'staging', 'eval'];
const MODELS = [
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'anthropic', model: 'claude-3-5-haiku' },
  { provider: 'openai', model: 'gpt-4o' },
];

export interface GeneratedMonth {
  jsonl: string;
  /** Records written (the duplicate included). */
  lines: number;
}

export interface MonthOptions {
  seed: number;
  runs: number;
  deepChain: number;
  /** The last November day with data (default 30, the whole month; at least 11). */
  lastDay?: number;
  /** The day of a $95 spike of semantic-search for ws_initech, on top of $8-10 every day. */
  spike?: number;
}

export function generateMonth(options: MonthOptions): GeneratedMonth {
  const lastDay = options.lastDay ?? 30;
  let state = options.seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const lines: string[] = [];
  let n = 0;
  const ts = (day: number) => new Date(Date.UTC(2026, 10, day, Math.floor(rand() * 24), Math.floor(rand() * 60), Math.floor(rand() * 60), Math.floor(rand() * 1000))).toISOString();
  const step = (fields: Record<string, unknown>) => {
    const record: Record<string, unknown> = { ts: ts(1 + Math.floor(rand() * lastDay)), step_id: `g${n++}`, kind: 'model', ...fields };
    if (record.kind === 'model' && record.model === undefined) {
      const m = pick(MODELS);
      record.provider = m.provider;
      record.model = m.model;
      record.input_tokens = 100 + Math.floor(rand() * 5000);
      record.output_tokens = Math.floor(rand() * 800);
      if (rand() < 0.3) record.cost_usd = Math.floor(rand() * 40000) / 1e6;
    }
    lines.push(JSON.stringify(record));
    return record.step_id as string;
  };
  const tags = (t: Record<string, string | undefined>) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));

  for (let r = 0; r < options.runs; r++) {
    const run = `run_${r}`;
    const feature = rand() < 0.07 ? 'unknown-feature' : pick(FEATURES);
    const root = step({ tags: tags({ feature, team: rand() < 0.1 ? pick(TEAMS) : undefined, tenant: r % 17 === 0 ? 'ws_whale' : pick(TENANTS), environment: pick(ENVS), workload_class: 'interactive', parent_run_id: run }) });
    const nodes = [root];
    const size = 1 + Math.floor(rand() * 12);
    for (let k = 0; k < size; k++) {
      const parent = pick(nodes);
      const own = rand();
      const child = step({
        parent_step_id: parent,
        ...(rand() < 0.15 ? { kind: 'tool', tool: pick(['reranker', 'web-search']), tool_owner: 'search', cost_usd: Math.floor(rand() * 9000) / 1e6 } : {}),
        tags: tags({
          feature: own < 0.1 ? pick(FEATURES) : undefined,
          environment: own > 0.95 ? pick(ENVS) : undefined,
          tenant: own > 0.9 && own <= 0.95 ? pick(TENANTS) : undefined,
        }),
      });
      nodes.push(child);
    }
    // A conflict: two records of the run without a parent disagree on the feature and the team.
    if (r % 11 === 0) {
      step({ tags: tags({ feature: 'smart-compose', team: 'mail', parent_run_id: run }) });
      step({ tags: tags({ feature: 'clause-search', team: 'legal', parent_run_id: run }) });
      step({ tags: tags({ parent_run_id: run, tenant: pick(TENANTS) }) });
    }
  }

  // Deep trees: a chain from a tagged root, and one whose run tag sits at the root only.
  for (const [name, rootTags] of [
    ['deep_a', { feature: 'support-agent', tenant: 'ws_acme', environment: 'production', parent_run_id: 'run_deep_a' }],
    ['deep_b', { parent_run_id: 'run_deep_b' }],
  ] as const) {
    let parent = step({ tags: rootTags });
    for (let d = 0; d < options.deepChain; d++) parent = step({ parent_step_id: parent, tags: d === Math.floor(options.deepChain / 2) && name === 'deep_b' ? { feature: 'semantic-search' } : {} });
  }

  // Cycles. c0 -> c1 -> c2 -> c0 with a feature on c1; d0 <-> d1 with nothing at all; a tail into each.
  const cycle = (prefix: string, length: number, tagged: number | undefined, run: string | undefined) => {
    for (let k = 0; k < length; k++) {
      lines.push(JSON.stringify({ ts: ts(10), step_id: `${prefix}${k}`, parent_step_id: `${prefix}${(k + 1) % length}`, kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 1000 + k, output_tokens: 10, tags: tags({ feature: k === tagged ? 'contract-redline' : undefined, parent_run_id: k === 0 ? run : undefined }) }));
    }
    lines.push(JSON.stringify({ ts: ts(11), step_id: `${prefix}_tail`, parent_step_id: `${prefix}0`, kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 500, output_tokens: 5, tags: {} }));
  };
  cycle('c', 3, 1, 'run_cycle');
  cycle('d', 2, undefined, undefined);
  cycle('e', 4, 2, undefined);

  // Steps of their own run, an unpriced model, a team against the registry, mixed environments.
  for (let k = 0; k < 25; k++) step({ tags: tags({ feature: k % 3 === 0 ? undefined : pick(FEATURES), tenant: pick(TENANTS) }) });
  step({ model: 'mystery-model-x', provider: 'acme', input_tokens: 100, output_tokens: 100, tags: { feature: 'inbox-triage' } });
  step({ tags: { feature: 'inbox-triage', team: 'legal', parent_run_id: 'run_mismatch' } });
  step({ tags: { feature: 'clause-search', environment: 'staging', parent_run_id: 'run_mixed' } });
  step({ tags: { environment: 'production', parent_run_id: 'run_mixed' } });
  if (options.spike !== undefined) {
    for (let day = 1; day <= lastDay; day++) {
      step({ ts: ts(day), provider: 'openai', model: 'gpt-4o', input_tokens: 2000, output_tokens: 400, cost_usd: day === options.spike ? 95 : 8 + (day % 3), tags: { feature: 'semantic-search', tenant: 'ws_initech', parent_run_id: `run_steady_${day}` } });
    }
  }
  // Both ends of the month (or of the data), so the period is the whole month and nothing is projected unless lastDay says so.
  lines.push(JSON.stringify({ ts: '2026-11-01T00:00:00.000Z', step_id: 'first', kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 1, tags: { feature: 'smart-compose' } }));
  lines.push(JSON.stringify({ ts: `2026-11-${String(lastDay).padStart(2, '0')}T23:59:59.999Z`, step_id: 'last', kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 1, tags: { feature: 'smart-compose' } }));
  // A duplicate step id: skipped by the ingest, counted once.
  lines.push(JSON.stringify({ ts: '2026-11-15T00:00:00.000Z', step_id: 'first', kind: 'model', provider: 'openai', model: 'gpt-4o-mini', input_tokens: 10, output_tokens: 1 }));
  return { jsonl: `${lines.join('\n')}\n`, lines: lines.length };
}
