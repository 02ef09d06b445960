/**
 * Preloaded with `node --import` into a benchmarked child when GNU time is not available: records the
 * child's peak resident set size (kilobytes) in the file named by ATTRIB_BENCH_RSS_FILE as it exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.ATTRIB_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
