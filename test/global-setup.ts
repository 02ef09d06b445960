/**
 * Every scratch file a test (or a CLI it spawns) makes goes under one directory per run, removed at
 * the end: tests call os.tmpdir() freely, and without this each run left thousands of directories in
 * /tmp. TMPDIR is read by os.tmpdir() in the workers and inherited by child processes.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'attrib-tests-'));
  // As open as /tmp itself: the PostgreSQL server the engine tests start runs as the postgres user.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
