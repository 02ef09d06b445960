import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Write text chunks to a file with back-pressure, so output larger than one string never sits in memory. */
export async function writeChunks(file: string, chunks: Iterable<string>, exclusive: boolean): Promise<void> {
  const stream = createWriteStream(file, { flags: exclusive ? 'wx' : 'w' });
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } finally {
    stream.destroy();
  }
}
