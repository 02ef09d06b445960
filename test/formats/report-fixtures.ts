import { readFileSync } from 'node:fs';
import type { ReportResult } from '../../src/report/types.js';

/** A hand-built report result from fixtures/report-results/ (month: realistic; hostile: attack strings). */
export function loadResult(name: 'month' | 'hostile'): ReportResult {
  return JSON.parse(readFileSync(new URL(`../../fixtures/report-results/${name}.json`, import.meta.url), 'utf8')) as ReportResult;
}

/** Options as the report command passes them, colour off unless asked. */
export const plain = { color: false, cwd: '/work' } as const;
