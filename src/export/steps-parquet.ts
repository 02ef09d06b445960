/**
 * The step ledger as Parquet (`attrib export steps --format parquet`): the JSONL ledger, streamed to
 * a scratch file, then converted by embedded DuckDB into the flat table of src/export/ledger-columns.ts
 * (typed columns, zstd-compressed), the shape a warehouse loads without a staging step.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { duckString, flatLedgerFromJsonl, openDuckDB, runDuck } from '../engine/duckdb.js';
import { writeChunks } from '../util/write-chunks.js';

/** Write the JSONL chunks as a Parquet file at `file` (`exclusive`: fail if it exists). */
export async function writeLedgerParquet(file: string, chunks: Iterable<string>, exclusive: boolean): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'attrib-ledger-'));
  const db = await openDuckDB('--format parquet', scratch);
  try {
    const jsonl = path.join(scratch, 'ledger.jsonl');
    const parquet = path.join(scratch, 'ledger.parquet');
    await writeChunks(jsonl, chunks, true);
    await runDuck(db.connection, `COPY (${flatLedgerFromJsonl(jsonl)} ORDER BY ledger_row) TO ${duckString(parquet)} (FORMAT parquet, COMPRESSION zstd)`, 'write the Parquet ledger');
    await pipeline(createReadStream(parquet), createWriteStream(file, { flags: exclusive ? 'wx' : 'w' }));
  } finally {
    db.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
