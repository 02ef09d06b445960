/**
 * Runs a command as a child process and measures its wall time and peak resident memory (RSS).
 * Peak RSS comes from GNU time (`/usr/bin/time -v`) when present, else, for Node children only,
 * from a preload that prints `process.resourceUsage().maxRSS` on exit (max-rss.js).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
const PRELOAD = fileURLToPath(new URL('./max-rss.js', import.meta.url));
const TIME_RSS = /Maximum resident set size \(kbytes\): (\d+)/;
const PRELOAD_RSS = /\n@@max-rss-kb (\d+)\n/;

/** How peak memory is measured on this machine, for the report. */
export const rssMethod = hasGnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS preload (Node children only)';

/**
 * Run `command args` in `cwd`. Resolves to { wallMs, maxRssKb (null when unmeasurable), code,
 * stdout, stderr } with the measuring tool's own lines removed from stderr.
 */
export function measure(command, args, { cwd } = {}) {
  let argv;
  if (hasGnuTime) argv = [GNU_TIME, '-v', command, ...args];
  else if (command === process.execPath) argv = [command, '--import', PRELOAD, ...args];
  else argv = [command, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let stderr = Buffer.concat(err).toString('utf8');
      let maxRssKb = null;
      if (hasGnuTime) {
        const at = stderr.lastIndexOf('\tCommand being timed:');
        const match = TIME_RSS.exec(stderr.slice(at));
        if (match) maxRssKb = Number(match[1]);
        if (at !== -1) stderr = stderr.slice(0, at);
        // GNU time reports a non-zero exit of the child on its own line before the -v block.
        stderr = stderr.replace(/Command exited with non-zero status \d+\n$/, '');
      } else {
        const match = PRELOAD_RSS.exec(stderr);
        if (match) {
          maxRssKb = Number(match[1]);
          stderr = stderr.replace(PRELOAD_RSS, '');
        }
      }
      resolve({ wallMs, maxRssKb, code, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}
