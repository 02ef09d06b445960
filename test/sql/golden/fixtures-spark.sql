-- attrib's attribution contract (docs/report.md) for spark, written by attrib sql.
-- Reads attrib_steps: the flat step ledger (attrib export steps --format parquet), one row per record.
-- Counts steps from 2026-10-01 to 2026-10-31 (UTC, inclusive); budgets are prorated over those days.
-- Costs are integer micro-dollars (cost_micro_usd): the ledger's, priced when it was written.
-- attrib_checks.duplicate_step_ids must be 0: a step id loaded twice makes parents ambiguous.
-- Spark 4.1+ / Databricks Runtime 17+ (WITH RECURSIVE); spark.sql.cteRecursionLevelLimit (100 by default) bounds the parent chain depth (an error, not a wrong number).

CREATE OR REPLACE VIEW attrib_features AS
SELECT CAST('inbox-triage' AS STRING) AS name, CAST('mail' AS STRING) AS team, CAST(240000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('smart-compose' AS STRING) AS name, CAST('mail' AS STRING) AS team, CAST(140000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('contract-redline' AS STRING) AS name, CAST('legal' AS STRING) AS team, CAST(140000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('clause-search' AS STRING) AS name, CAST('legal' AS STRING) AS team, CAST(60000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('support-agent' AS STRING) AS name, CAST('support' AS STRING) AS team, CAST(80000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('semantic-search' AS STRING) AS name, CAST('search' AS STRING) AS team, CAST(90000000 AS BIGINT) AS budget_micro_usd;

CREATE OR REPLACE VIEW attrib_teams AS
SELECT CAST('mail' AS STRING) AS name, CAST(400000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('legal' AS STRING) AS name, CAST(200000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('support' AS STRING) AS name, CAST(90000000 AS BIGINT) AS budget_micro_usd
UNION ALL SELECT CAST('search' AS STRING) AS name, CAST(100000000 AS BIGINT) AS budget_micro_usd;

DROP TABLE IF EXISTS attrib_attributed;

CREATE TABLE attrib_attributed AS
WITH RECURSIVE
linked AS (
  SELECT s.ledger_row, s.ts, s.kind, s.model, s.provider, s.tool, s.tool_owner, s.input_tokens, s.output_tokens, s.cost_micro_usd, s.unpriced, s.structural,
    s.price_source, s.price_table, s.price_entry, s.price_effective_from, s.price_match, s.price_tool, s.price_reason,
    s.own_tags_feature, s.own_tags_team, s.own_tags_workload_class, s.own_tags_tenant, s.own_tags_environment, s.own_run_tag, s.source_run, p.ledger_row AS parent_row
  FROM attrib_steps AS s LEFT JOIN attrib_steps AS p ON p.step_id = s.parent_step_id
),
walk AS (
  SELECT ledger_row, own_tags_feature AS feature, own_tags_team AS team, own_tags_workload_class AS workload_class, own_tags_tenant AS tenant, own_tags_environment AS environment, own_run_tag AS run FROM linked WHERE parent_row IS NULL
  UNION ALL
  SELECT c.ledger_row, COALESCE(c.own_tags_feature, w.feature), COALESCE(c.own_tags_team, w.team), COALESCE(c.own_tags_workload_class, w.workload_class), COALESCE(c.own_tags_tenant, w.tenant), COALESCE(c.own_tags_environment, w.environment), COALESCE(c.own_run_tag, w.run)
  FROM walk AS w JOIN linked AS c ON c.parent_row = w.ledger_row
),
unreached AS (
  SELECT l.ledger_row, l.parent_row, l.own_tags_feature, l.own_tags_team, l.own_tags_workload_class, l.own_tags_tenant, l.own_tags_environment, l.own_run_tag FROM linked AS l WHERE NOT EXISTS (SELECT 1 FROM walk AS w WHERE w.ledger_row = l.ledger_row)
),
cycle_feature AS (
  SELECT ledger_row, own_tags_feature AS inherited FROM unreached WHERE own_tags_feature IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_feature AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_tags_feature IS NULL
),
cycle_team AS (
  SELECT ledger_row, own_tags_team AS inherited FROM unreached WHERE own_tags_team IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_team AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_tags_team IS NULL
),
cycle_workload_class AS (
  SELECT ledger_row, own_tags_workload_class AS inherited FROM unreached WHERE own_tags_workload_class IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_workload_class AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_tags_workload_class IS NULL
),
cycle_tenant AS (
  SELECT ledger_row, own_tags_tenant AS inherited FROM unreached WHERE own_tags_tenant IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_tenant AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_tags_tenant IS NULL
),
cycle_environment AS (
  SELECT ledger_row, own_tags_environment AS inherited FROM unreached WHERE own_tags_environment IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_environment AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_tags_environment IS NULL
),
cycle_run AS (
  SELECT ledger_row, own_run_tag AS inherited FROM unreached WHERE own_run_tag IS NOT NULL
  UNION ALL
  SELECT c.ledger_row, i.inherited FROM cycle_run AS i JOIN unreached AS c ON c.parent_row = i.ledger_row WHERE c.own_run_tag IS NULL
),
inherited AS (
  SELECT ledger_row, feature, team, workload_class, tenant, environment, run FROM walk
  UNION ALL
  SELECT u.ledger_row, cycle_feature.inherited AS feature, cycle_team.inherited AS team, cycle_workload_class.inherited AS workload_class, cycle_tenant.inherited AS tenant, cycle_environment.inherited AS environment, cycle_run.inherited AS run FROM unreached AS u
  LEFT JOIN cycle_feature ON cycle_feature.ledger_row = u.ledger_row
  LEFT JOIN cycle_team ON cycle_team.ledger_row = u.ledger_row
  LEFT JOIN cycle_workload_class ON cycle_workload_class.ledger_row = u.ledger_row
  LEFT JOIN cycle_tenant ON cycle_tenant.ledger_row = u.ledger_row
  LEFT JOIN cycle_environment ON cycle_environment.ledger_row = u.ledger_row
  LEFT JOIN cycle_run ON cycle_run.ledger_row = u.ledger_row
),
runs AS (
  SELECT l.ledger_row, COALESCE(i.run, l.source_run) AS run_id FROM linked AS l JOIN inherited AS i ON i.ledger_row = l.ledger_row
),
consensus AS (
  SELECT r.run_id, COUNT(DISTINCT l.own_tags_feature) AS feature_values, MIN(l.own_tags_feature) AS feature_value,
    COUNT(DISTINCT l.own_tags_team) AS team_values, MIN(l.own_tags_team) AS team_value,
    COUNT(DISTINCT l.own_tags_workload_class) AS workload_class_values, MIN(l.own_tags_workload_class) AS workload_class_value,
    COUNT(DISTINCT l.own_tags_tenant) AS tenant_values, MIN(l.own_tags_tenant) AS tenant_value,
    COUNT(DISTINCT l.own_tags_environment) AS environment_values, MIN(l.own_tags_environment) AS environment_value
  FROM linked AS l JOIN runs AS r ON r.ledger_row = l.ledger_row WHERE r.run_id IS NOT NULL GROUP BY r.run_id
),
resolved AS (
  SELECT l.*, r.run_id,
    COALESCE(i.feature, CASE WHEN c.feature_values = 1 THEN c.feature_value END) AS feature,
    CASE WHEN l.own_tags_feature IS NOT NULL THEN 'own' WHEN i.feature IS NOT NULL THEN 'ancestor' WHEN c.feature_values = 1 THEN 'run' ELSE 'none' END AS feature_source,
    (i.feature IS NULL AND COALESCE(c.feature_values, 0) > 1) AS feature_conflict,
    COALESCE(i.team, CASE WHEN c.team_values = 1 THEN c.team_value END) AS team,
    CASE WHEN l.own_tags_team IS NOT NULL THEN 'own' WHEN i.team IS NOT NULL THEN 'ancestor' WHEN c.team_values = 1 THEN 'run' ELSE 'none' END AS team_source,
    (i.team IS NULL AND COALESCE(c.team_values, 0) > 1) AS team_conflict,
    COALESCE(i.workload_class, CASE WHEN c.workload_class_values = 1 THEN c.workload_class_value END) AS workload_class,
    CASE WHEN l.own_tags_workload_class IS NOT NULL THEN 'own' WHEN i.workload_class IS NOT NULL THEN 'ancestor' WHEN c.workload_class_values = 1 THEN 'run' ELSE 'none' END AS workload_class_source,
    (i.workload_class IS NULL AND COALESCE(c.workload_class_values, 0) > 1) AS workload_class_conflict,
    COALESCE(i.tenant, CASE WHEN c.tenant_values = 1 THEN c.tenant_value END) AS tenant,
    CASE WHEN l.own_tags_tenant IS NOT NULL THEN 'own' WHEN i.tenant IS NOT NULL THEN 'ancestor' WHEN c.tenant_values = 1 THEN 'run' ELSE 'none' END AS tenant_source,
    (i.tenant IS NULL AND COALESCE(c.tenant_values, 0) > 1) AS tenant_conflict,
    COALESCE(i.environment, CASE WHEN c.environment_values = 1 THEN c.environment_value END) AS environment,
    CASE WHEN l.own_tags_environment IS NOT NULL THEN 'own' WHEN i.environment IS NOT NULL THEN 'ancestor' WHEN c.environment_values = 1 THEN 'run' ELSE 'none' END AS environment_source,
    (i.environment IS NULL AND COALESCE(c.environment_values, 0) > 1) AS environment_conflict
  FROM linked AS l JOIN runs AS r ON r.ledger_row = l.ledger_row JOIN inherited AS i ON i.ledger_row = l.ledger_row LEFT JOIN consensus AS c ON c.run_id = r.run_id
)
SELECT r.ledger_row, r.ts, r.kind, r.model, r.provider, r.tool, r.tool_owner, r.input_tokens, r.output_tokens, r.cost_micro_usd, r.unpriced, r.structural,
  r.price_source, r.price_table, r.price_entry, r.price_effective_from, r.price_match, r.price_tool, r.price_reason,
  CASE WHEN r.price_tool IS NULL THEN r.model END AS ref_model, CASE WHEN r.price_tool IS NULL THEN r.provider END AS ref_provider,
  r.run_id,
  CASE WHEN r.run_id IS NOT NULL THEN 'r' || r.run_id ELSE 's' || CAST(r.ledger_row AS STRING) END AS run_key,
  CASE WHEN r.feature IS NULL THEN CASE WHEN r.feature_conflict THEN 'conflict' ELSE 'missing' END WHEN f.name IS NULL THEN 'unknown-value' ELSE 'attributed' END AS attribution_status,
  f.name AS feature_key,
  r.feature, r.feature_source, r.feature_conflict,
  CASE WHEN f.name IS NOT NULL THEN f.team ELSE r.team END AS team,
  CASE WHEN f.name IS NOT NULL THEN 'registry' ELSE r.team_source END AS team_source,
  r.team AS tagged_team, r.team_conflict,
  r.workload_class, r.workload_class_source, r.workload_class_conflict,
  r.tenant, r.tenant_source, r.tenant_conflict,
  r.environment, r.environment_source, r.environment_conflict,
  (NOT r.structural AND r.ts >= '2026-10-01T00:00:00.000Z' AND r.ts < '2026-11-01T00:00:00.000Z') AS counted
FROM resolved AS r LEFT JOIN attrib_features AS f ON f.name = r.feature;

CREATE OR REPLACE VIEW attrib_totals AS
SELECT t.*, CAST(900000000 AS BIGINT) AS budget_micro_usd, CASE WHEN CAST(900000000 AS BIGINT) IS NULL THEN 'no-budget' WHEN t.cost_micro_usd > CAST(900000000 AS BIGINT) THEN 'over' WHEN CAST(900000000 AS BIGINT) > 0 AND t.cost_micro_usd * 100 >= CAST(900000000 AS BIGINT) * 80 THEN 'near' ELSE 'under' END AS status FROM (
  SELECT COALESCE(SUM(CASE WHEN counted AND 1 = 1 THEN cost_micro_usd ELSE 0 END), 0) AS cost_micro_usd, COALESCE(SUM(CASE WHEN counted AND 1 = 1 THEN 1 ELSE 0 END), 0) AS steps, COUNT(DISTINCT CASE WHEN counted THEN run_key END) AS runs,
    COALESCE(SUM(CASE WHEN counted AND attribution_status = 'missing' THEN cost_micro_usd ELSE 0 END), 0) AS missing_micro_usd, COALESCE(SUM(CASE WHEN counted AND attribution_status = 'missing' THEN 1 ELSE 0 END), 0) AS missing_steps,
    COALESCE(SUM(CASE WHEN counted AND attribution_status = 'unknown-value' THEN cost_micro_usd ELSE 0 END), 0) AS unknown_value_micro_usd, COALESCE(SUM(CASE WHEN counted AND attribution_status = 'unknown-value' THEN 1 ELSE 0 END), 0) AS unknown_value_steps,
    COALESCE(SUM(CASE WHEN counted AND attribution_status = 'conflict' THEN cost_micro_usd ELSE 0 END), 0) AS conflict_micro_usd, COALESCE(SUM(CASE WHEN counted AND attribution_status = 'conflict' THEN 1 ELSE 0 END), 0) AS conflict_steps,
    COALESCE(SUM(CASE WHEN counted AND unpriced THEN 1 ELSE 0 END), 0) AS unpriced_steps,
    COUNT(*) AS records, COALESCE(SUM(CASE WHEN structural THEN 1 ELSE 0 END), 0) AS structural_records,
    COALESCE(SUM(CASE WHEN NOT structural AND NOT counted THEN 1 ELSE 0 END), 0) AS outside_period,
    MIN(CASE WHEN counted THEN ts END) AS first_ts, MAX(CASE WHEN counted THEN ts END) AS last_ts
  FROM attrib_attributed
) AS t;

CREATE OR REPLACE VIEW attrib_by_feature AS
SELECT COALESCE(f.name, g.feature_key) AS group_key, f.team, COALESCE(g.cost_micro_usd, 0) AS cost_micro_usd, COALESCE(g.steps, 0) AS steps, COALESCE(g.runs, 0) AS runs,
  f.budget_micro_usd, CASE WHEN f.budget_micro_usd IS NULL THEN 'no-budget' WHEN COALESCE(g.cost_micro_usd, 0) > f.budget_micro_usd THEN 'over' WHEN f.budget_micro_usd > 0 AND COALESCE(g.cost_micro_usd, 0) * 100 >= f.budget_micro_usd * 80 THEN 'near' ELSE 'under' END AS status
FROM attrib_features AS f FULL OUTER JOIN (SELECT feature_key, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY feature_key) AS g ON g.feature_key = f.name;

CREATE OR REPLACE VIEW attrib_by_team AS
SELECT COALESCE(t.name, g.team) AS group_key, COALESCE(g.cost_micro_usd, 0) AS cost_micro_usd, COALESCE(g.steps, 0) AS steps, COALESCE(g.runs, 0) AS runs,
  t.budget_micro_usd, CASE WHEN t.budget_micro_usd IS NULL THEN 'no-budget' WHEN COALESCE(g.cost_micro_usd, 0) > t.budget_micro_usd THEN 'over' WHEN t.budget_micro_usd > 0 AND COALESCE(g.cost_micro_usd, 0) * 100 >= t.budget_micro_usd * 80 THEN 'near' ELSE 'under' END AS status, t.name IS NOT NULL AS registry
FROM attrib_teams AS t FULL OUTER JOIN (SELECT team, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY team) AS g ON g.team = t.name;

CREATE OR REPLACE VIEW attrib_by_tenant AS
SELECT tenant AS group_key, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY tenant;

CREATE OR REPLACE VIEW attrib_by_workload_class AS
SELECT workload_class AS group_key, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY workload_class;

CREATE OR REPLACE VIEW attrib_by_environment AS
SELECT environment AS group_key, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY environment;

CREATE OR REPLACE VIEW attrib_by_model AS
SELECT model AS group_key, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens FROM attrib_attributed WHERE counted GROUP BY model;

CREATE OR REPLACE VIEW attrib_by_feature_model AS
SELECT feature_key AS feature, model, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY feature_key, model;

CREATE OR REPLACE VIEW attrib_daily AS
SELECT SUBSTR(ts, 1, 10) AS day, team, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY SUBSTR(ts, 1, 10), team;

CREATE OR REPLACE VIEW attrib_daily_features AS
SELECT SUBSTR(ts, 1, 10) AS day, feature_key AS feature, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY SUBSTR(ts, 1, 10), feature_key;

CREATE OR REPLACE VIEW attrib_daily_tenants AS
SELECT SUBSTR(ts, 1, 10) AS day, tenant, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY SUBSTR(ts, 1, 10), tenant;

CREATE OR REPLACE VIEW attrib_unknown_values AS
SELECT feature AS feature_value, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted AND attribution_status = 'unknown-value' GROUP BY feature;

CREATE OR REPLACE VIEW attrib_tools AS
SELECT tool, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs, COUNT(DISTINCT tool_owner) AS owners, MIN(tool_owner) AS owner FROM attrib_attributed WHERE counted AND kind = 'tool' GROUP BY tool;

CREATE OR REPLACE VIEW attrib_tool_consumers AS
SELECT tool, feature_key AS feature, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted AND kind = 'tool' GROUP BY tool, feature_key;

CREATE OR REPLACE VIEW attrib_tool_pricing AS
SELECT tool, ref_model, ref_provider, price_tool, price_source, price_table, price_entry, price_effective_from, price_match, price_reason, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted AND kind = 'tool' GROUP BY tool, ref_model, ref_provider, price_tool, price_source, price_table, price_entry, price_effective_from, price_match, price_reason;

CREATE OR REPLACE VIEW attrib_pricing AS
SELECT ref_model, ref_provider, price_tool, price_source, price_table, price_entry, price_effective_from, price_match, price_reason, SUM(cost_micro_usd) AS cost_micro_usd, COUNT(*) AS steps, COUNT(DISTINCT run_key) AS runs FROM attrib_attributed WHERE counted GROUP BY ref_model, ref_provider, price_tool, price_source, price_table, price_entry, price_effective_from, price_match, price_reason;

CREATE OR REPLACE VIEW attrib_run_conflicts AS
SELECT run_id, 'feature' AS tag FROM attrib_attributed WHERE counted AND feature_conflict GROUP BY run_id
UNION ALL SELECT run_id, 'team' AS tag FROM attrib_attributed WHERE counted AND team_conflict GROUP BY run_id
UNION ALL SELECT run_id, 'workload_class' AS tag FROM attrib_attributed WHERE counted AND workload_class_conflict GROUP BY run_id
UNION ALL SELECT run_id, 'tenant' AS tag FROM attrib_attributed WHERE counted AND tenant_conflict GROUP BY run_id
UNION ALL SELECT run_id, 'environment' AS tag FROM attrib_attributed WHERE counted AND environment_conflict GROUP BY run_id;

CREATE OR REPLACE VIEW attrib_environment_mixing AS
SELECT run_id, environment FROM attrib_attributed
WHERE counted AND environment IS NOT NULL AND run_id IN (
  SELECT run_id FROM attrib_attributed WHERE counted AND environment IS NOT NULL AND run_id IS NOT NULL GROUP BY run_id HAVING COUNT(DISTINCT environment) > 1
)
GROUP BY run_id, environment;

CREATE OR REPLACE VIEW attrib_team_mismatches AS
SELECT feature_key AS feature, tagged_team AS team, COUNT(*) AS steps, MIN(ledger_row) AS first_row FROM attrib_attributed
WHERE counted AND feature_key IS NOT NULL AND tagged_team IS NOT NULL AND tagged_team <> team GROUP BY feature_key, tagged_team;

CREATE OR REPLACE VIEW attrib_checks AS
SELECT COUNT(*) AS duplicate_step_ids FROM (SELECT step_id FROM attrib_steps WHERE step_id IS NOT NULL GROUP BY step_id HAVING COUNT(*) > 1) AS d;
