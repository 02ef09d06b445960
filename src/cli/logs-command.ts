import { Flags } from '@oclif/core';
import { AttribCommand } from './base.js';
import { taxonomyFlag } from './flags.js';
import { sanitizeInline } from '../util/terminal.js';
import type { Analysis, ReportOptions } from '../report/index.js';
import type { PriceTable } from '../report/pricing-table.js';
import type { Taxonomy } from '../taxonomy/types.js';
import { INPUT_FORMATS } from '../report/options.js';
import type { Threads } from '../report/parallel-ingest.js';
import { ConfigError } from '../util/errors.js';

/** Inputs above this size get a progress bar (on a TTY). */
const PROGRESS_BYTES = 50 * 1024 * 1024;

/** The flags that say which logs to read and how to price and period them: `report` and `runs` share them. */
export const logInputFlags = {
  taxonomy: taxonomyFlag,
  since: Flags.string({ description: 'First day of the period (UTC, inclusive, YYYY-MM-DD). Default: the first day of the first month with data.' }),
  until: Flags.string({ description: 'Last day of the period (UTC, inclusive). Default: the last day of the last month with data.' }),
  pricing: Flags.string({ description: 'Pricing file that overrides and extends rules/pricing.yaml (same schema).' }),
  'input-format': Flags.option({ description: 'Read every record as this format instead of detecting it.', options: INPUT_FORMATS, default: 'auto' })(),
  threads: Flags.string({
    description: 'Worker threads for JSONL logs: 1 (default: none), auto (one per core, from 64 MiB of JSONL), or N >= 2 (N workers, whatever the size). Same result either way.',
    env: 'ATTRIB_THREADS',
    default: '1',
  }),
};

/** `--threads`: `auto` or a whole number of at least 1. */
function parseThreads(value: string | undefined): Threads {
  if (value === undefined || value === 'auto') return 'auto';
  if (/^[1-9][0-9]{0,3}$/.test(value)) return Number(value);
  throw new ConfigError(`--threads must be auto or a whole number from 1, not ${JSON.stringify(value)}`, 'For example --threads 1 (one thread) or --threads 4; ATTRIB_THREADS takes the same values.');
}

interface LogInputs {
  taxonomy: Taxonomy;
  pricing: PriceTable;
  /** Analyse the logs with these options on top of the flags (a second call re-reads them, stdin included). */
  analyze(extra?: Partial<ReportOptions>): Promise<Analysis>;
}

/**
 * A command that reads usage logs (`report`, `runs`): finds the taxonomy, loads the price table once,
 * reads the logs with a progress bar on a terminal, and prints skipped lines on stderr.
 */
export abstract class LogsCommand extends AttribCommand {
  /** Every file this run read (taxonomy, pricing, logs, invoices): `--out` may not overwrite any of them. */
  protected readonly inputFiles: (string | undefined)[] = [];

  protected async logInputs(
    flags: { taxonomy?: string; since?: string; until?: string; pricing?: string; 'input-format': (typeof INPUT_FORMATS)[number]; threads?: string },
    paths: string[],
    /** Standard input can be read once: keep it in memory when the logs are analysed twice (--compare). */
    readTwice = false,
  ): Promise<LogInputs> {
    const cwd = process.cwd();
    const threads = parseThreads(flags.threads);
    const { loadTaxonomy } = await import('../taxonomy/index.js');
    const { analyze, loadPricing } = await import('../report/index.js');
    const taxonomy = await loadTaxonomy({
      cwd,
      ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }),
      searchFrom: paths.filter((p) => p !== '-'),
    });
    const pricing = await loadPricing({ cwd, file: flags.pricing });
    this.inputFiles.push(taxonomy.file, flags.pricing);
    let kept: Buffer[] | undefined;
    const stdin = async (): Promise<AsyncIterable<Buffer | string>> => {
      if (!readTwice || !paths.includes('-')) return process.stdin;
      if (!kept) {
        kept = [];
        for await (const chunk of process.stdin) kept.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      }
      const chunks = kept;
      return (async function* () {
        yield* chunks;
      })();
    };
    return {
      taxonomy,
      pricing,
      analyze: async (extra = {}) => {
        const input = await stdin();
        const progress = await this.progressBar();
        try {
          const analysis = await analyze({
            cwd,
            taxonomy,
            paths,
            stdin: input,
            inputFormat: flags['input-format'],
            threads,
            pricing,
            since: flags.since,
            until: flags.until,
            onProgress: progress?.update,
            ...extra,
          });
          this.inputFiles.push(...analysis.result.inputs.files);
          return analysis;
        } finally {
          progress?.stop();
        }
      },
    };
  }

  /** Skipped lines on stderr (the first ones with file:line, then the count), then the report's warnings. */
  protected reportInputProblems(analysis: Pick<Analysis, 'result'>, shown: number): void {
    const result = analysis.result;
    for (const s of result.skipped) {
      const where = s.record === undefined ? `${s.file}:${s.line}` : `${s.file}: record ${s.record}`;
      this.writeErr(`${sanitizeInline(where)}: ${sanitizeInline(s.reason)}`);
    }
    const more = result.totals.skippedLines - result.skipped.length;
    if (result.totals.skippedLines > 0) {
      this.writeErr(`attrib: skipped ${result.totals.skippedLines} unusable ${result.totals.skippedLines === 1 ? 'line' : 'lines'}${more > 0 ? ` (first ${shown} shown)` : ''}`);
    }
    for (const w of result.warnings) this.writeErr(`attrib: warning: ${sanitizeInline(w.message)} (${w.code})\n  ${sanitizeInline(w.hint)}`);
  }

  /** Output to stdout or `--out FILE`, which may be none of the logs, taxonomy or pricing just read. */
  protected override async emit(text: string, out: string | undefined): Promise<void> {
    await super.emit(text, out, this.inputFiles);
  }

  /** A progress bar on stderr, only on a terminal and only once the input is known to be large. */
  private async progressBar(): Promise<{ update: (read: number, total: number) => void; stop: () => void } | undefined> {
    if (!process.stderr.isTTY) return undefined;
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    let bar: InstanceType<typeof SingleBar> | undefined;
    return {
      update: (read, total) => {
        if (total < PROGRESS_BYTES) return;
        if (!bar) {
          bar = new SingleBar({ stream: process.stderr, format: 'reading logs [{bar}] {percentage}% | {value}/{total} MB', hideCursor: true }, Presets.shades_classic);
          bar.start(Math.ceil(total / 1e6), 0);
        }
        bar.update(Math.min(Math.floor(read / 1e6), Math.ceil(total / 1e6)));
      },
      stop: () => bar?.stop(),
    };
  }
}
