/**
 * The attribution contract of docs/report.md as SQL views over a step table with the flat ledger's
 * columns (src/export/ledger-columns.ts): written once here, in the SQL the six engines share, with
 * the small differences in src/sql/dialects.ts. `attrib sql` prints it; `attrib report --engine duckdb`
 * runs the very same text in embedded DuckDB.
 *
 * What the views compute from the ledger's own columns (never from its resolved ones):
 * - the run: the nearest parent_run_id tag on the parent chain, else the source's trace/session id,
 *   else a run of the step's own;
 * - each tag: the step's own value, else the nearest ancestor's own value, else its run's when every
 *   record of the run that carries the tag agrees (a disagreement is a conflict);
 * - the feature's registry team, the attribution status, budgets prorated over the period.
 * Pricing is not recomputed: the ledger's cost_micro_usd is the priced cost (attrib prices while it
 * writes the ledger, with the date-effective price table and the fallback catalogue).
 *
 * Ancestor inheritance is one recursive walk down from the roots (records without a parent) that
 * carries every tag and the run tag at once: each record it reaches is reached once (one parent
 * each). Records no root reaches (parent cycles and what hangs below them) are walked per tag from
 * the records that carry it, never entering a record with a value of its own, so cycles terminate and
 * a cycle without any value stays without one, as the JS engine does.
 */
import type { Taxonomy } from '../taxonomy/types.js';
import { ATTRIBUTION_TAGS } from '../report/step.js';
import { type Period, proratedBudget } from '../report/period.js';
import { ConfigError } from '../util/errors.js';
import { type Dialect, type DialectName, checkIdentifier, dialects, stringLiteral } from './dialects.js';

export interface ContractOptions {
  dialect: DialectName;
  taxonomy: Taxonomy;
  /** The report period: budgets are prorated over it. */
  period: Period;
  /** Count only steps inside these UTC days (inclusive, YYYY-MM-DD); without them every step that is not structural counts. */
  since?: string;
  until?: string;
  /** The step table (default attrib_steps). */
  table?: string;
  /** Prefix of the view names (default attrib_). */
  prefix?: string;
}

/**
 * The views, in the order they must be created; each is referred to by its name without the prefix.
 * `attributed` (one row per step, its run and tags resolved) is a table, made once per run.
 */
export const VIEW_NAMES = [
  'features',
  'teams',
  'attributed',
  'totals',
  'by_feature',
  'by_team',
  'by_tenant',
  'by_workload_class',
  'by_environment',
  'by_model',
  'by_feature_model',
  'daily',
  'daily_features',
  'daily_tenants',
  'unknown_values',
  'tools',
  'tool_consumers',
  'tool_pricing',
  'pricing',
  'run_conflicts',
  'environment_mixing',
  'team_mismatches',
  'checks',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * The views a report is built from: each has a row per group (feature, day x team, tool...), never
 * one per step, so reading them whole stays small whatever the step count. `attributed` is left out:
 * at 3M steps its rows alone exhaust the JS heap.
 */
export const SUMMARY_VIEWS = VIEW_NAMES.filter((name): name is Exclude<ViewName, 'attributed'> => name !== 'attributed');
export type SummaryViewName = (typeof SUMMARY_VIEWS)[number];

export interface Contract {
  dialect: Dialect;
  /** Session settings to run first. */
  preamble: readonly string[];
  /** Each view (the attributed steps: a table) with the statements that create it. */
  views: { name: ViewName; qualified: string; create: string[] }[];
}

/** The ledger columns the price provenance is grouped by (one group per price attrib applied). */
const PRICE_REF = ['ref_model', 'ref_provider', 'price_tool', 'price_source', 'price_table', 'price_entry', 'price_effective_from', 'price_match', 'price_reason'];
/** The columns inherited down the parent chain: the tags, and the run tag. */
const INHERITED = [...ATTRIBUTION_TAGS.map((tag) => ({ name: tag, column: `own_tags_${tag}` })), { name: 'run', column: 'own_run_tag' }];

const day = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();

export function buildContract(options: ContractOptions): Contract {
  const dialect = dialects[options.dialect];
  const table = checkIdentifier(options.table ?? 'attrib_steps', '--table');
  const prefix = options.prefix ?? 'attrib_';
  checkIdentifier(`${prefix}x`, '--prefix');
  for (const [flag, value] of [['--since', options.since], ['--until', options.until]] as const) {
    if (value !== undefined && !day.test(value)) throw new ConfigError(`${flag} must be a date like 2026-10-01, not ${JSON.stringify(value)}`, `Pass ${flag} YYYY-MM-DD.`);
  }
  const v = (name: ViewName) => `${prefix}${name}`;
  const str = (s: string | null) => (s === null ? `CAST(NULL AS ${dialect.text})` : `CAST(${stringLiteral(dialect, s)} AS ${dialect.text})`);
  const int = (n: number | null) => `CAST(${n === null ? 'NULL' : String(n)} AS ${dialect.bigint})`;
  const budget = (monthlyUsd: number | undefined) => (monthlyUsd === undefined ? null : proratedBudget(Math.round(monthlyUsd * 1e6), options.period));
  const near = options.taxonomy.org.nearPct;
  const status = (cost: string, b: string) =>
    `CASE WHEN ${b} IS NULL THEN 'no-budget' WHEN ${cost} > ${b} THEN 'over' WHEN ${b} > 0 AND ${cost} * 100 >= ${b} * ${near} THEN 'near' ELSE 'under' END`;
  /** A values table as UNION ALL of SELECTs (the one form all six accept; BigQuery has no VALUES list). */
  const values = (rows: string[][], names: string[], empty: string[]) =>
    rows.length === 0 ? `SELECT ${empty.map((e, k) => `${e} AS ${names[k]}`).join(', ')} WHERE 1 = 0` : rows.map((r) => `SELECT ${r.map((e, k) => `${e} AS ${names[k]}`).join(', ')}`).join('\nUNION ALL ');
  const sum = 'SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs';
  const group = (keys: string, extra = '', where = '') => `SELECT ${keys}, ${sum}${extra} FROM ${v('attributed')} WHERE counted${where} GROUP BY ${keys.replace(/ AS \w+/g, '')}`;

  const counted = [
    'NOT r.structural',
    ...(options.since === undefined ? [] : [`r.ts >= ${stringLiteral(dialect, `${options.since}T00:00:00.000Z`)}`]),
    ...(options.until === undefined ? [] : [`r.ts < ${stringLiteral(dialect, nextDay(options.until))}`]),
  ].join(' AND ');

  // One walk down from the roots carries every inherited column at once: each record reached from a
  // root is reached exactly once (it has one parent), so the walk makes one row per record instead of
  // one per record and tag. Records it cannot reach (parent cycles and what hangs below them, rare)
  // are walked per column from the records that carry a value, which never enters a record with a
  // value of its own, so it terminates on cycles too.
  const walk = `walk AS (
  SELECT ledger_row, ${INHERITED.map(({ name, column }) => `${column} AS ${name}`).join(', ')} FROM linked WHERE parent_row IS NULL
  UNION ALL
  SELECT c.ledger_row, ${INHERITED.map(({ name, column }) => `COALESCE(c.${column}, w.${name})`).join(', ')}
  FROM walk AS w JOIN linked AS c ON c.parent_row = w.ledger_row
),
unreached AS (
  SELECT l.ledger_row, l.parent_row, ${INHERITED.map(({ column }) => `l.${column}`).join(', ')} FROM linked AS l WHERE NOT EXISTS (SELECT 1 FROM walk AS w WHERE w.ledger_row = l.ledger_row)
),
${INHERITED.map(
  ({ name, column }) => `cycle_${name} AS (
  SELECT ledger_row, ${column} AS inherited FROM unreached WHERE ${column} IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_${name} AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.${column} IS NULL
)`,
).join(',\n')},
inherited AS (
  SELECT ledger_row, ${INHERITED.map(({ name }) => name).join(', ')} FROM walk
  UNION ALL
  SELECT u.ledger_row, ${INHERITED.map(({ name }) => `cycle_${name}.inherited AS ${name}`).join(', ')} FROM unreached AS u
  ${INHERITED.map(({ name }) => `LEFT JOIN cycle_${name} ON cycle_${name}.ledger_row = u.ledger_row`).join('\n  ')}
)`;
  const tagColumns = ATTRIBUTION_TAGS.map(
    (tag) => `COALESCE(i.${tag}, CASE WHEN c.${tag}_values = 1 THEN c.${tag}_value END) AS ${tag},
    CASE WHEN l.own_tags_${tag} IS NOT NULL THEN 'own' WHEN i.${tag} IS NOT NULL THEN 'ancestor' WHEN c.${tag}_values = 1 THEN 'run' ELSE 'none' END AS ${tag}_source,
    (i.${tag} IS NULL AND COALESCE(c.${tag}_values, 0) > 1) AS ${tag}_conflict`,
  );
  const attributed = `WITH RECURSIVE
linked AS ${dialect.materializeCte ? 'MATERIALIZED ' : ''}(
  SELECT s.ledger_row, s.ts, s.kind, s.model, s.provider, s.tool, s.tool_owner, s.input_tokens, s.output_tokens, s.cost_micro_usd, s.unpriced, s.structural,
    s.price_source, s.price_table, s.price_entry, s.price_effective_from, s.price_match, s.price_tool, s.price_reason,
    ${INHERITED.map((i) => `s.${i.column}`).join(', ')}, s.source_run, p.ledger_row AS parent_row
  FROM ${table} AS s LEFT JOIN ${table} AS p ON p.step_id = s.parent_step_id
),
${walk},
runs AS (
  SELECT l.ledger_row, COALESCE(i.run, l.source_run) AS run_id FROM linked AS l JOIN inherited AS i ON i.ledger_row = l.ledger_row
),
consensus AS (
  SELECT r.run_id, ${ATTRIBUTION_TAGS.map((tag) => `COUNT(DISTINCT l.own_tags_${tag}) AS ${tag}_values, MIN(l.own_tags_${tag}) AS ${tag}_value`).join(',\n    ')}
  FROM linked AS l JOIN runs AS r ON r.ledger_row = l.ledger_row WHERE r.run_id IS NOT NULL GROUP BY r.run_id
),
resolved AS (
  SELECT l.*, r.run_id,
    ${tagColumns.join(',\n    ')}
  FROM linked AS l JOIN runs AS r ON r.ledger_row = l.ledger_row JOIN inherited AS i ON i.ledger_row = l.ledger_row LEFT JOIN consensus AS c ON c.run_id = r.run_id
)
SELECT r.ledger_row, r.ts, r.kind, r.model, r.provider, r.tool, r.tool_owner, r.input_tokens, r.output_tokens, r.cost_micro_usd, r.unpriced, r.structural,
  r.price_source, r.price_table, r.price_entry, r.price_effective_from, r.price_match, r.price_tool, r.price_reason,
  CASE WHEN r.price_tool IS NULL THEN r.model END AS ref_model, CASE WHEN r.price_tool IS NULL THEN r.provider END AS ref_provider,
  r.run_id,
  CASE WHEN r.run_id IS NOT NULL THEN 'r' || r.run_id ELSE 's' || CAST(r.ledger_row AS ${dialect.text}) END AS run_key,
  CASE WHEN r.feature IS NULL THEN CASE WHEN r.feature_conflict THEN 'conflict' ELSE 'missing' END WHEN f.name IS NULL THEN 'unknown-value' ELSE 'attributed' END AS attribution_status,
  f.name AS feature_key,
  r.feature, r.feature_source, r.feature_conflict,
  CASE WHEN f.name IS NOT NULL THEN f.team ELSE r.team END AS team,
  CASE WHEN f.name IS NOT NULL THEN 'registry' ELSE r.team_source END AS team_source,
  r.team AS tagged_team, r.team_conflict,
  ${ATTRIBUTION_TAGS.filter((t) => t !== 'feature' && t !== 'team').map((t) => `r.${t}, r.${t}_source, r.${t}_conflict`).join(',\n  ')},
  (${counted}) AS counted
FROM resolved AS r LEFT JOIN ${v('features')} AS f ON f.name = r.feature`;

  const features = [...options.taxonomy.features].map(([name, f]) => [str(name), str(f.team), int(budget(f.budget?.monthlyUsd))]);
  const teams = [...options.taxonomy.teams].map(([name, t]) => [str(name), int(budget(t.budget?.monthlyUsd))]);
  const orgBudget = int(budget(options.taxonomy.org.budget?.monthlyUsd));
  const conditional = (test: string, value: string) => `COALESCE(SUM(CASE WHEN counted AND ${test} THEN ${value} ELSE 0 END), 0)`;

  const bodies: Record<ViewName, string> = {
    features: values(features, ['name', 'team', 'budget_micro_usd'], [str(null), str(null), int(null)]),
    teams: values(teams, ['name', 'budget_micro_usd'], [str(null), int(null)]),
    attributed,
    totals: `SELECT t.*, ${orgBudget} AS budget_micro_usd, ${status('t.cost_micro_usd', orgBudget)} AS status FROM (
  SELECT ${conditional('1 = 1', 'cost_micro_usd')} AS cost_micro_usd, ${conditional('1 = 1', '1')} AS steps, COUNT(DISTINCT CASE WHEN counted THEN run_key END) AS runs,
    ${['missing', 'unknown-value', 'conflict'].map((s) => `${conditional(`attribution_status = '${s}'`, 'cost_micro_usd')} AS ${s.replace('-', '_')}_micro_usd, ${conditional(`attribution_status = '${s}'`, '1')} AS ${s.replace('-', '_')}_steps`).join(',\n    ')},
    ${conditional('unpriced', '1')} AS unpriced_steps,
    COUNT(*) AS records, COALESCE(SUM(CASE WHEN structural THEN 1 ELSE 0 END), 0) AS structural_records,
    COALESCE(SUM(CASE WHEN NOT structural AND NOT counted THEN 1 ELSE 0 END), 0) AS outside_period,
    MIN(CASE WHEN counted THEN ts END) AS first_ts, MAX(CASE WHEN counted THEN ts END) AS last_ts
  FROM ${v('attributed')}
) AS t`,
    by_feature: `SELECT COALESCE(f.name, g.feature_key) AS group_key, f.team, COALESCE(g.cost_micro_usd, 0) AS cost_micro_usd, COALESCE(g.steps, 0) AS steps, COALESCE(g.runs, 0) AS runs,
  f.budget_micro_usd, ${status('COALESCE(g.cost_micro_usd, 0)', 'f.budget_micro_usd')} AS status
FROM ${v('features')} AS f FULL OUTER JOIN (${group('feature_key')}) AS g ON g.feature_key = f.name`,
    by_team: `SELECT COALESCE(t.name, g.team) AS group_key, COALESCE(g.cost_micro_usd, 0) AS cost_micro_usd, COALESCE(g.steps, 0) AS steps, COALESCE(g.runs, 0) AS runs,
  t.budget_micro_usd, ${status('COALESCE(g.cost_micro_usd, 0)', 't.budget_micro_usd')} AS status, t.name IS NOT NULL AS registry
FROM ${v('teams')} AS t FULL OUTER JOIN (${group('team')}) AS g ON g.team = t.name`,
    by_tenant: group('tenant AS group_key'),
    by_workload_class: group('workload_class AS group_key'),
    by_environment: group('environment AS group_key'),
    by_model: group('model AS group_key', ', SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens'),
    by_feature_model: group('feature_key AS feature, model'),
    daily: group('SUBSTR(ts, 1, 10) AS day, team'),
    // Spend per day of each feature and tenant: what the spend-spike rule and the run-rate forecast
    // are computed from (src/report/spikes.ts, forecast.ts), a row per day and key.
    daily_features: group('SUBSTR(ts, 1, 10) AS day, feature_key AS feature'),
    daily_tenants: group('SUBSTR(ts, 1, 10) AS day, tenant'),
    unknown_values: group('feature AS feature_value', '', ` AND attribution_status = 'unknown-value'`),
    tools: group('tool', ', COUNT(DISTINCT tool_owner) AS owners, MIN(tool_owner) AS owner', ` AND kind = 'tool'`),
    tool_consumers: group('tool, feature_key AS feature', '', ` AND kind = 'tool'`),
    tool_pricing: group(['tool', ...PRICE_REF].join(', '), '', ` AND kind = 'tool'`),
    pricing: group(PRICE_REF.join(', ')),
    run_conflicts: ATTRIBUTION_TAGS.map((tag) => `SELECT run_id, '${tag}' AS tag FROM ${v('attributed')} WHERE counted AND ${tag}_conflict GROUP BY run_id`).join('\nUNION ALL '),
    environment_mixing: `SELECT run_id, environment FROM ${v('attributed')}
WHERE counted AND environment IS NOT NULL AND run_id IN (
  SELECT run_id FROM ${v('attributed')} WHERE counted AND environment IS NOT NULL AND run_id IS NOT NULL GROUP BY run_id HAVING COUNT(DISTINCT environment) > 1
)
GROUP BY run_id, environment`,
    team_mismatches: `SELECT feature_key AS feature, tagged_team AS team, COUNT(*) AS steps, MIN(ledger_row) AS first_row FROM ${v('attributed')}
WHERE counted AND feature_key IS NOT NULL AND tagged_team IS NOT NULL AND tagged_team <> team GROUP BY feature_key, tagged_team`,
    checks: `SELECT COUNT(*) AS duplicate_step_ids FROM (SELECT step_id FROM ${table} WHERE step_id IS NOT NULL GROUP BY step_id HAVING COUNT(*) > 1) AS d`,
  };
  return {
    dialect,
    preamble: dialect.preamble,
    views: VIEW_NAMES.map((name) => ({
      name,
      qualified: v(name),
      create: name === 'attributed' ? dialect.createTable(v(name), bodies[name]) : [`CREATE OR REPLACE VIEW ${v(name)} AS\n${bodies[name]}`],
    })),
  };
}

/** The contract as one script: a header saying what it reads and computes, the settings, then every view. */
export function contractScript(contract: Contract, header: readonly string[]): string {
  const comments = [...header, contract.dialect.recursionNote].map((line) => `-- ${line}`.trimEnd());
  return `${comments.join('\n')}\n\n${[...contract.preamble, ...contract.views.flatMap((view) => view.create)].map((s) => `${s};`).join('\n\n')}\n`;
}
