/**
 * Reference group-by for the report benchmark, run as its own process so it is timed and measured
 * like attrib: DuckDB's `read_json` over the JSONL corpus, steps and cost by the logged feature tag.
 * Prints `[{ feature, steps, costUsd }]` sorted by feature. Usage: node duckdb-groupby.js FILE [THREADS]
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', threads ? { threads } : {});
const connection = await instance.connect();
const path = file.replaceAll("'", "''");
const reader = await connection.runAndReadAll(`
  SELECT coalesce(tags.feature, '(none)') AS feature, count(*)::INTEGER AS steps, round(sum(coalesce(cost_usd, 0)), 6)::DOUBLE AS costUsd
  FROM read_json('${path}', format = 'newline_delimited')
  GROUP BY ALL ORDER BY feature`);
process.stdout.write(`${JSON.stringify(reader.getRowObjectsJson())}\n`);
