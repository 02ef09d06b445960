/**
 * Preloaded (`node --import`) into a measured Node child when /usr/bin/time is missing: reports the
 * child's own peak resident set on stderr as it exits, for measure.js to pick up.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n@@max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
