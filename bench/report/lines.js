/**
 * The ingest floor of `attrib report`, in-process: attrib's own line splitter (dist/report/lines.js,
 * fed 1 MiB chunks) against node:readline over the same stream, and the splitter plus JSON.parse of
 * every line (what no importer can go below).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const CHUNK = 1 << 20;

/** Loads the splitter from the build; undefined when the report core is not built yet. */
export async function loadSplitter(distDir) {
  try {
    const lines = await import(pathToFileURL(`${distDir}/report/lines.js`).href);
    return typeof lines.splitLines === 'function' ? lines.splitLines : undefined;
  } catch {
    return undefined;
  }
}

async function timed(fn) {
  const started = performance.now();
  const lines = await fn();
  return { ms: performance.now() - started, lines };
}

export function readlineCount(file) {
  return timed(async () => {
    let n = 0;
    const rl = createInterface({ input: createReadStream(file, { highWaterMark: CHUNK }), crlfDelay: Infinity });
    for await (const line of rl) if (line.length > 0) n++;
    return n;
  });
}

export function splitterCount(splitLines, file) {
  return timed(async () => {
    let n = 0;
    await splitLines(createReadStream(file, { highWaterMark: CHUNK }), (line) => {
      if (line.length > 0) n++;
    });
    return n;
  });
}

export function splitterParse(splitLines, file) {
  return timed(async () => {
    let n = 0;
    await splitLines(createReadStream(file, { highWaterMark: CHUNK }), (line) => {
      if (line.length > 0 && JSON.parse(line).step_id !== undefined) n++;
    });
    return n;
  });
}

/** Plain read of the file: the I/O ceiling (and it warms the page cache for what follows). */
export function readOnly(file) {
  return timed(async () => {
    let bytes = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) bytes += chunk.length;
    return bytes;
  });
}
