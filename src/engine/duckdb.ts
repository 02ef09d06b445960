/**
 * Embedded DuckDB, loaded only when a command asks for it (`export steps --format parquet`,
 * `report --engine duckdb`). @duckdb/node-api is an optional peer dependency: a native package of
 * about 40 MB that most users of attrib never need, so it is not installed with attrib.
 */
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LEDGER_COLUMNS, type LedgerType } from '../export/ledger-columns.js';
import { ConfigError } from '../util/errors.js';

export const DUCKDB_PACKAGE = '@duckdb/node-api';
/** The version attrib is tested with (package.json devDependencies). */
export const DUCKDB_VERSION = '1.5.6-r.1';

type DuckDBModule = typeof import('@duckdb/node-api');

/** Import the optional package, or a ConfigError (exit 2) that names what to install. */
export async function loadDuckDB(what: string, packageName = DUCKDB_PACKAGE): Promise<DuckDBModule> {
  try {
    return (await import(packageName)) as DuckDBModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigError(`${what} needs the optional package ${packageName}, which is not installed`, `Install it next to attrib: npm install ${packageName}@${DUCKDB_VERSION}`);
  }
}

/**
 * An in-memory database and its connection; `close()` releases both. What does not fit in memory
 * spills to `scratch` (the caller's temporary folder, removed after the run): left to itself, an
 * in-memory DuckDB spills into `.tmp` in the user's working directory.
 */
export async function openDuckDB(what: string, scratch: string): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const duckdb = await loadDuckDB(what);
  const instance = await duckdb.DuckDBInstance.create(':memory:', { temp_directory: path.join(scratch, 'spill') });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A string literal for DuckDB (standard SQL: a quote is doubled, a backslash is itself). */
export const duckString = (value: string) => `'${value.replaceAll("'", "''")}'`;

const DUCK_TYPES: Readonly<Record<LedgerType, string>> = { text: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN' };

/**
 * A SELECT of the flat ledger columns from a JSONL ledger file (objects read as structs with every
 * key typed, so a missing or mistyped field fails loudly instead of guessing a type).
 */
export function flatLedgerFromJsonl(file: string): string {
  const fields = new Map<string, string>();
  const structs = new Map<string, string[]>();
  for (const c of LEDGER_COLUMNS) {
    if (c.path.length === 1) fields.set(c.name, DUCK_TYPES[c.type]);
    else {
      const [object, key] = c.path;
      if (!structs.has(object)) {
        structs.set(object, []);
        fields.set(object, '');
      }
      structs.get(object)!.push(`${key} ${DUCK_TYPES[c.type]}`);
    }
  }
  const spec = [...fields].map(([name, type]) => `${name}: '${type || `STRUCT(${structs.get(name)!.join(', ')})`}'`).join(', ');
  const select = LEDGER_COLUMNS.map((c) => (c.path.length === 1 ? c.name : `${c.path[0]}.${c.path[1]} AS ${c.name}`)).join(', ');
  return `SELECT ${select} FROM read_json(${duckString(file)}, format = 'newline_delimited', columns = {${spec}})`;
}

/** A SELECT of the flat ledger columns from a Parquet ledger file (the columns are checked by name). */
export function flatLedgerFromParquet(file: string): string {
  return `SELECT ${LEDGER_COLUMNS.map((c) => `CAST(${c.name} AS ${DUCK_TYPES[c.type]}) AS ${c.name}`).join(', ')} FROM read_parquet(${duckString(file)})`;
}

const READ_HINT = 'Check that the file is a step ledger written by attrib export steps.';

/**
 * Run SQL; DuckDB's own errors (a bad file, a missing column, an unwritable output) become
 * ConfigErrors with what was being done and what to check (by default: the ledger being read).
 */
export async function runDuck(connection: DuckDBConnection, sql: string, doing: string, hint = READ_HINT) {
  try {
    return await connection.runAndReadAll(sql);
  } catch (error) {
    if (error instanceof Error && !(error instanceof ConfigError)) {
      throw new ConfigError(`DuckDB could not ${doing}: ${error.message.split('\n')[0]}`, hint);
    }
    throw error;
  }
}
