/**
 * Runs a command as a child process and measures its wall time, CPU time and peak resident memory.
 * CPU time and memory come from GNU time (`/usr/bin/time -v -o FILE`) when the machine has it, else
 * from a preloaded probe that records the Node child's own `process.resourceUsage()` at exit.
 * CPU time is the steadier figure on a busy machine: other processes stretch wall time, not it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const PROBE = new URL('./usage-probe.js', import.meta.url);

function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  // BusyBox and BSD `time` lack `-o`/`-v`; probe once.
  return spawnSync(GNU_TIME, ['-v', '-o', '/dev/null', 'true']).status === 0;
}

export const memorySource = hasGnuTime() ? 'GNU time -v' : 'process.resourceUsage() probe';

/**
 * @param {string[]} argv  the command and its arguments (without GNU time, CPU and memory only for `node`)
 * @param {{ cwd: string; env?: NodeJS.ProcessEnv; okStatus?: number[] }} options
 * @returns {{ ms: number; cpuMs: number | undefined; rssKb: number | undefined; status: number | null; stdout: string; stderr: string }}
 */
export function run(argv, { cwd, env = process.env, okStatus = [0] }) {
  const dir = mkdtempSync(join(tmpdir(), 'attrib-bench-'));
  const out = join(dir, 'rss');
  try {
    // Without GNU time only a Node child can report its own usage; another program is timed by wall only.
    const [command, ...args] =
      memorySource === 'GNU time -v'
        ? [GNU_TIME, '-v', '-o', out, ...argv]
        : argv[0] === 'node'
          ? [argv[0], '--import', PROBE.href, ...argv.slice(1)]
          : argv;
    const start = process.hrtime.bigint();
    const child = spawnSync(command, args, {
      cwd,
      env: { ...env, ATTRIB_BENCH_USAGE_FILE: out },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.error) throw child.error;
    if (!okStatus.includes(child.status ?? -1)) {
      throw new Error(
        `\`${argv.join(' ')}\` exited with ${child.status ?? child.signal} in ${cwd}\n${child.stderr.slice(0, 2000)}`,
      );
    }
    const usage = existsSync(out) ? parseUsage(readFileSync(out, 'utf8')) : {};
    return { ms, ...usage, status: child.status, stdout: child.stdout, stderr: child.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GNU time's `-v` report, or the probe's `maxRssKb cpuMs` line. */
function parseUsage(text) {
  const gnu = (label) => new RegExp(`${label}: ([\\d.]+)`).exec(text)?.[1];
  const rss = gnu('Maximum resident set size \\(kbytes\\)');
  if (rss !== undefined) {
    return { rssKb: Number(rss), cpuMs: (Number(gnu('User time \\(seconds\\)')) + Number(gnu('System time \\(seconds\\)'))) * 1000 };
  }
  const probe = /^(\d+) ([\d.]+)$/.exec(text.trim());
  return probe ? { rssKb: Number(probe[1]), cpuMs: Number(probe[2]) } : {};
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
