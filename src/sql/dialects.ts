/**
 * What differs between the SQL engines `attrib sql` writes for. The contract (src/sql/contract.ts)
 * is written once in the SQL they share (WITH RECURSIVE, FULL OUTER JOIN, COUNT(DISTINCT), CASE,
 * SUBSTR, ||); a dialect only names its types, quotes its strings and sets what it must.
 */
import { ConfigError } from '../util/errors.js';

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'clickhouse', 'spark'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  /** Type names for CAST. */
  text: string;
  bigint: string;
  /** Whether `WITH x AS MATERIALIZED (...)` is understood: the recursion then joins a computed table instead of recomputing the parent join at every step. */
  materializeCte: boolean;
  /** Statements before the views (session settings the contract relies on). */
  preamble: readonly string[];
  /** Whether a backslash in a string literal starts an escape (and must itself be escaped). */
  backslashEscapes: boolean;
  /**
   * Statements that (re)create a table from a query: the attributed steps are computed once per
   * run and every rollup view reads them (a view would redo the recursion for each of them).
   */
  createTable(name: string, query: string): string[];
  /** The engine's limit on recursion depth, when it has one, and how to raise it: printed in the script's header. */
  recursionNote: string;
}

const replaceTable = (name: string, query: string) => [`CREATE OR REPLACE TABLE ${name} AS\n${query}`];
/** Where CREATE OR REPLACE TABLE is missing (PostgreSQL) or only for some table formats (Spark): drop, then create. */
const dropAndCreate = (name: string, query: string) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS\n${query}`];
const plain = { text: 'VARCHAR', bigint: 'BIGINT', preamble: [], backslashEscapes: false, materializeCte: false, createTable: replaceTable };

export const dialects: Readonly<Record<DialectName, Dialect>> = {
  duckdb: { ...plain, name: 'duckdb', materializeCte: true, recursionNote: 'DuckDB recursion has no depth limit.' },
  postgres: { ...plain, name: 'postgres', text: 'TEXT', materializeCte: true, createTable: (name, query) => [`DROP TABLE IF EXISTS ${name} CASCADE`, `CREATE TABLE ${name} AS\n${query}`], recursionNote: 'PostgreSQL recursion has no depth limit.' },
  bigquery: {
    name: 'bigquery',
    text: 'STRING',
    bigint: 'INT64',
    preamble: [],
    materializeCte: false,
    backslashEscapes: true,
    createTable: replaceTable,
    recursionNote: 'BigQuery stops a recursive CTE after 500 iterations (an error, not a wrong number): a parent chain deeper than that needs the tree flattened first.',
  },
  snowflake: {
    ...plain,
    name: 'snowflake',
    backslashEscapes: true,
    recursionNote: 'Snowflake stops a recursive CTE after MAX_RECURSIONS iterations (100 by default; an error, not a wrong number): ALTER SESSION SET MAX_RECURSIONS = 10000 for deeper parent chains.',
  },
  clickhouse: {
    name: 'clickhouse',
    text: 'Nullable(String)',
    bigint: 'Nullable(Int64)',
    // Without it a LEFT JOIN's unmatched side reads as '' and 0, not NULL: inheritance would take '' for a value.
    preamble: ['SET join_use_nulls = 1', 'SET allow_experimental_analyzer = 1'],
    materializeCte: false,
    backslashEscapes: true,
    createTable: (name, query) => [`CREATE OR REPLACE TABLE ${name} ENGINE = MergeTree ORDER BY tuple() AS\n${query}`],
    recursionNote: 'ClickHouse 24.4+ (WITH RECURSIVE needs the new analyzer); max_recursive_cte_evaluation_depth (1000 by default) bounds the parent chain depth (an error, not a wrong number).',
  },
  spark: {
    name: 'spark',
    text: 'STRING',
    bigint: 'BIGINT',
    preamble: [],
    materializeCte: false,
    backslashEscapes: true,
    createTable: dropAndCreate,
    recursionNote: 'Spark 4.1+ / Databricks Runtime 17+ (WITH RECURSIVE); spark.sql.cteRecursionLevelLimit (100 by default) bounds the parent chain depth (an error, not a wrong number).',
  },
};

/** A string literal: quotes doubled, backslashes doubled where they escape; NUL refused (no engine stores it). */
export function stringLiteral(dialect: Dialect, value: string): string {
  if (value.includes('\u0000')) throw new ConfigError(`a taxonomy name holds a NUL character: ${JSON.stringify(value)}`, 'Rename it in attrib.yaml.');
  const escaped = dialect.backslashEscapes ? value.replaceAll('\\', '\\\\') : value;
  return `'${escaped.replaceAll("'", "''")}'`;
}

/** An identifier the user names (the step table, the view prefix): plain names, dotted for a schema. */
export function checkIdentifier(value: string, flag: string): string {
  if (!/^([A-Za-z_][A-Za-z0-9_]*\.){0,2}[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new ConfigError(`${flag} must be a table name like attrib_steps or analytics.attrib_steps, not ${JSON.stringify(value)}`, 'Letters, digits and underscores, optionally with a schema (and project or database) before dots.');
  }
  return value;
}
