/**
 * Which paths `--engine duckdb` reads itself as step ledgers (Parquet, or JSONL written by `attrib
 * export steps`) and which go through the JS ingest as logs. A ledger is never read as logs: its
 * rows look like attrib step records, but their `tags` are already resolved.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';
import { displayPath } from '../util/paths.js';

/** Enough of a file to hold a ledger row's first line (rows are about 1 KB). */
const SNIFF_BYTES = 64 * 1024;

/** Whether a line is a ledger row: a JSON object with the ledger's own fields. */
export function isLedgerLine(line: string): boolean {
  try {
    const row = JSON.parse(line) as unknown;
    return typeof row === 'object' && row !== null && !Array.isArray(row) && Object.hasOwn(row, 'ledger_row') && Object.hasOwn(row, 'own_tags') && Object.hasOwn(row, 'tag_sources');
  } catch {
    return false;
  }
}

async function isLedgerFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  if (file.toLowerCase().endsWith('.parquet')) return true;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    return isLedgerLine(end === -1 ? text : text.slice(0, end));
  } finally {
    await handle.close();
  }
}

/** The ledger files among `paths`; undefined when none is one; a ConfigError when some are and some are not. */
export async function ledgerFiles(paths: readonly string[], cwd: string): Promise<{ path: string; display: string }[] | undefined> {
  const found = await Promise.all(paths.map(async (p) => (p !== '-' && (await isLedgerFile(path.resolve(cwd, p))) ? p : undefined)));
  const ledgers = found.filter((p) => p !== undefined);
  if (ledgers.length === 0) return undefined;
  if (ledgers.length < paths.length) {
    const other = paths.find((_, k) => found[k] === undefined)!;
    throw new ConfigError(
      `--engine duckdb reads either step ledgers or logs, not both: ${displayPath(path.resolve(cwd, ledgers[0]!), cwd)} is a ledger, ${other} is not`,
      'Export the logs into a ledger first (attrib export steps LOGS --out ledger.jsonl), then pass the ledgers.',
    );
  }
  return ledgers.map((p) => ({ path: path.resolve(cwd, p), display: displayPath(path.resolve(cwd, p), cwd) }));
}
