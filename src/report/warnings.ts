import type { RecordFormat } from './importers/index.js';
import type { NotRead } from './input.js';
import type { ReportResult, ReportWarning } from './types.js';

/**
 * Report-level warnings: the input was read without a skipped line, yet the numbers cannot be
 * trusted as they stand (nothing was read, the period dropped everything, the export carries no
 * usage). A green $0 must never be the answer to "the logs said nothing". Printed on stderr, listed
 * in the JSON `warnings`, and under `--strict` they fail the run like skipped lines do.
 */

/** How to re-export records of each format so that they carry usage. */
const USAGE_ADVICE: Readonly<Record<RecordFormat, string>> = {
  attrib: 'Write `input_tokens`/`output_tokens` or `cost_usd` on each step record.',
  litellm: 'Read the spend logs from the proxy database or a logger that writes `prompt_tokens`, `completion_tokens` and `spend`/`response_cost`.',
  langfuse:
    'Export observations with their usage: the v2 API (GET /api/public/v2/observations) returns usage and cost only when `fields` includes `usage` (e.g. fields=core,basic,usage); the v1 API and blob exports include them.',
  'litellm-payload': 'The logger wrote no `prompt_tokens`/`completion_tokens` and no `response_cost`: check the LiteLLM version and logger settings.',
  helicone: 'Export the requests with their token columns (`prompt_tokens`, `completion_tokens`) or `cost`; Helicone writes -1 when a stream carried no usage (enable stream usage in the client).',
  bedrock: 'The invocation logs carry no `inputTokenCount`/`outputTokenCount`: check that model invocation logging is on for the model and that the export keeps the `input`/`output` objects.',
  otel: 'The spans carry no token attributes (gen_ai.usage.*, llm.token_count.*, ai.usage.*): enable usage capture in the instrumentation, or export the model spans and not only their parents.',
};

export interface WarningInputs {
  /** Steps counted in the report (inside the period). */
  steps: number;
  /** Steps read but outside `--since`/`--until`. */
  outsidePeriod: number;
  /** Whether `--since` or `--until` was given. */
  periodFiltered: boolean;
  /** Counted steps per format whose record had no usage field and no cost at all. */
  usageAbsent: ReadonlyMap<RecordFormat, number>;
  /** Folder entries named like logs that were not read: FIFOs, devices, sockets, broken links. */
  notRead: readonly NotRead[];
}

/** Entries named in the `log-entries-not-read` message; the rest are counted. */
const NOT_READ_NAMED = 5;

function notReadWarning(notRead: readonly NotRead[]): ReportWarning {
  const named = notRead.slice(0, NOT_READ_NAMED).map((n) => `${n.display} (${n.reason})`);
  const more = notRead.length - named.length;
  return {
    code: 'log-entries-not-read',
    message: `${notRead.length} ${plural(notRead.length, 'file')} in the log folders ${notRead.length === 1 ? 'has' : 'have'} a log file's name but ${notRead.length === 1 ? 'is not a regular file' : 'are not regular files'}, not read: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
    hint: 'If they hold usage, copy them into regular files (a FIFO or a device would be read forever, a broken link has nothing to read), or remove them from the folder.',
    count: notRead.length,
  };
}

export function reportWarnings(input: WarningInputs, result: Pick<ReportResult, 'totals' | 'byModel'>): ReportWarning[] {
  const warnings: ReportWarning[] = input.notRead.length > 0 ? [notReadWarning(input.notRead)] : [];
  if (input.steps === 0) {
    if (input.outsidePeriod > 0 && input.periodFiltered) {
      warnings.push({
        code: 'period-excludes-all',
        message: `the period filter dropped every step: ${input.outsidePeriod} ${plural(input.outsidePeriod, 'step')} outside --since/--until, none inside`,
        hint: 'Widen --since/--until, or check the dates in the logs.',
        count: input.outsidePeriod,
      });
    } else {
      warnings.push({
        code: 'no-steps',
        message: 'no billable step was read: the report is empty, not $0',
        hint: 'Check that the paths point at usage logs (attrib JSONL, LiteLLM, Langfuse, OTLP/JSON) and that their records are not all skipped or structural.',
        count: 0,
      });
    }
    return warnings;
  }
  for (const [format, count] of input.usageAbsent) {
    warnings.push({
      code: 'usage-missing',
      message: `${count} of ${input.steps} ${format} ${plural(input.steps, 'step')} ${count === 1 ? 'carries' : 'carry'} no token counts and no cost: counted at $0`,
      hint: USAGE_ADVICE[format],
      count,
    });
  }
  const tokens = result.byModel.reduce((sum, row) => sum + row.inputTokens + row.outputTokens, 0);
  if (result.totals.costUsd === 0 && tokens === 0 && warnings.length === 0) {
    warnings.push({
      code: 'all-zero',
      message: `every one of the ${input.steps} ${plural(input.steps, 'step')} has zero tokens and zero cost`,
      hint: 'A real month is never $0: check that the export includes usage, and that the records are the model calls and not only their parents.',
      count: input.steps,
    });
  }
  return warnings;
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
