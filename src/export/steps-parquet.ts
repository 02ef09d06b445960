/**
 * Rows as a Parquet file: the rows are streamed as JSONL to a scratch file, then embedded DuckDB
 * reads them with declared types and writes Parquet (zstd-compressed), the shape a warehouse or a
 * FinOps tool loads without a staging step. Used by `attrib export steps --format parquet` (the flat
 * ledger of src/export/ledger-columns.ts) and `attrib report --format focus-parquet`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { duckString, flatLedgerFromJsonl, openDuckDB, runDuck } from '../engine/duckdb.js';
import { ConfigError } from '../util/errors.js';
import { writeChunks } from '../util/write-chunks.js';

/**
 * Write JSONL `chunks` as Parquet at `file` (`exclusive`: fail if it exists). `select` turns the
 * scratch JSONL's path into the typed SELECT whose rows are written; `what` names the flag for errors.
 */
export async function writeJsonlAsParquet(file: string, chunks: Iterable<string>, exclusive: boolean, select: (jsonl: string) => string, what: string): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'attrib-parquet-')).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot make a scratch directory under ${tmpdir()} for ${what}: ${error.code ?? error.message}`, 'Set TMPDIR to a writable directory with room for the rows: DuckDB writes the file there first.');
  });
  const db = await openDuckDB(what, scratch);
  try {
    const jsonl = path.join(scratch, 'rows.jsonl');
    const parquet = path.join(scratch, 'rows.parquet');
    await writeChunks(jsonl, chunks, true);
    await runDuck(db.connection, `COPY (${select(jsonl)}) TO ${duckString(parquet)} (FORMAT parquet, COMPRESSION zstd)`, `write ${what}`, `Check that ${scratch} (under TMPDIR) has room for the rows: DuckDB writes the file there first.`);
    await pipeline(createReadStream(parquet), createWriteStream(file, { flags: exclusive ? 'wx' : 'w' }));
  } finally {
    db.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The step ledger's JSONL chunks as the flat Parquet ledger at `file`. */
export function writeLedgerParquet(file: string, chunks: Iterable<string>, exclusive: boolean): Promise<void> {
  return writeJsonlAsParquet(file, chunks, exclusive, (jsonl) => `${flatLedgerFromJsonl(jsonl)} ORDER BY ledger_row`, 'the Parquet ledger (--format parquet)');
}
