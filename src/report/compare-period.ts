/** `attrib report --compare PREVIOUS`: which period the current report is compared with. */
import { ConfigError } from '../util/errors.js';
import { dayString, parseDay } from './period.js';

const MONTH = /^(\d{4})-(\d{2})$/;
const HINT = 'Pass a month (--compare 2026-09) or two UTC dates, inclusive (--compare 2026-09-01..2026-09-30).';

/** `YYYY-MM` (that calendar month) or `FROM..TO` (inclusive UTC dates) as `--since`/`--until` values. */
export function parseComparePeriod(text: string): { since: string; until: string } {
  const value = text.trim();
  const month = MONTH.exec(value);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw new ConfigError(`--compare ${JSON.stringify(text)}: there is no month ${month[2]}.`, HINT);
    const y = Number(month[1]);
    return { since: dayString(Date.UTC(y, m - 1, 1)), until: dayString(Date.UTC(y, m, 0)) };
  }
  const parts = value.split('..');
  if (parts.length !== 2) throw new ConfigError(`--compare must be a month or a date range, not ${JSON.stringify(text)}.`, HINT);
  const [since, until] = parts as [string, string];
  const from = parseDay(since, '--compare');
  const to = parseDay(until, '--compare');
  if (to < from) throw new ConfigError(`--compare ${JSON.stringify(text)}: the range ends before it starts.`, 'Swap the dates.');
  return { since, until };
}
