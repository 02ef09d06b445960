/**
 * A scratch PostgreSQL server for the differential test: Debian's package (scripts/ensure-test-tools.sh
 * installs it), a fresh cluster in a temporary folder, reachable only through a Unix socket in that
 * folder (no TCP port is opened, so parallel runs never collide), stopped and removed afterwards.
 * PostgreSQL refuses to run as root: as root the server runs as the package's `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Postgres {
  /** Run a SQL script; throws with psql's message on the first error. */
  run(sql: string): void;
  /** One query's single value, as text. */
  value(sql: string): string;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: run sh scripts/ensure-test-tools.sh (apt-get install postgresql)');
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

export function startPostgres(): Postgres {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'attrib-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const server = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const port = String(20000 + Math.floor(Math.random() * 20000));
  server('initdb', ['-D', data, '-A', 'trust', '-U', 'attrib', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  server('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses= -c fsync=off`, 'start']);
  const psql = (args: string[], input?: string) => {
    const result = spawnSync(path.join(bin, 'psql'), ['-h', dir, '-p', port, '-U', 'attrib', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-X', '-q', ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
    return result.stdout;
  };
  return {
    run(sql) {
      const file = path.join(dir, 'script.sql');
      writeFileSync(file, sql);
      psql(['-f', file]);
    },
    value(sql) {
      return psql(['-A', '-t', '-c', sql]).replace(/\n$/, '');
    },
    stop() {
      try {
        server('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
