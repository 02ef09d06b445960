/**
 * Preloaded with `node --import` into a benchmarked child when GNU time is not available: records the
 * child's peak resident set size (kilobytes) and CPU time (milliseconds) in the file named by
 * ATTRIB_BENCH_USAGE_FILE as it exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.ATTRIB_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`);
  });
}
