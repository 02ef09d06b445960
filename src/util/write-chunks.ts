import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Write text chunks to a file with back-pressure, so output larger than one string never sits in memory. */
export async function writeChunks(file: string, chunks: Iterable<string>, exclusive: boolean): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(file, { flags: exclusive ? 'wx' : 'w' }));
}
