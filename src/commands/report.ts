import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { AttribCommand } from '../cli/base.js';
import { taxonomyFlag } from '../cli/flags.js';
import { reportFormats, type ReportFormatName } from '../formats/index.js';
import { ConfigError } from '../util/errors.js';
import { sanitizeInline } from '../util/terminal.js';
import type { ReportFormatOptions } from '../formats/report-sections.js';
import type { Analysis, ReportOptions } from '../report/index.js';
import type { PriceTable } from '../report/pricing-table.js';
import type { Taxonomy } from '../taxonomy/types.js';
import { GATES, INPUT_FORMATS } from '../report/options.js';
/** Inputs above this size get a progress bar (on a TTY). */
const PROGRESS_BYTES = 50 * 1024 * 1024;

/** The flags that say which logs to read and how to price and period them: `report` and `runs` share them. */
export const logInputFlags = {
  taxonomy: taxonomyFlag,
  since: Flags.string({ description: 'First day of the period (UTC, inclusive, YYYY-MM-DD). Default: the first day of the first month with data.' }),
  until: Flags.string({ description: 'Last day of the period (UTC, inclusive). Default: the last day of the last month with data.' }),
  pricing: Flags.string({ description: 'Pricing file that overrides and extends rules/pricing.yaml (same schema).' }),
  'input-format': Flags.option({ description: 'Read every record as this format instead of detecting it.', options: INPUT_FORMATS, default: 'auto' })(),
};

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
  protected async logInputs(
    flags: { taxonomy?: string; since?: string; until?: string; pricing?: string; 'input-format': (typeof INPUT_FORMATS)[number] },
    paths: string[],
    /** Standard input can be read once: keep it in memory when the logs are analysed twice (--compare). */
    readTwice = false,
  ): Promise<LogInputs> {
    const cwd = process.cwd();
    const { loadTaxonomy } = await import('../taxonomy/index.js');
    const { analyze, loadPricing } = await import('../report/index.js');
    const taxonomy = await loadTaxonomy({
      cwd,
      ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }),
      searchFrom: paths.filter((p) => p !== '-'),
    });
    const pricing = await loadPricing({ cwd, file: flags.pricing });
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
          return await analyze({
            cwd,
            taxonomy,
            paths,
            stdin: input,
            inputFormat: flags['input-format'],
            pricing,
            since: flags.since,
            until: flags.until,
            onProgress: progress?.update,
            ...extra,
          });
        } finally {
          progress?.stop();
        }
      },
    };
  }

  /** Skipped lines on stderr: the first ones with file:line, then the count. */
  protected reportSkipped(analysis: Analysis, shown: number): void {
    const result = analysis.result;
    for (const s of result.skipped) {
      const where = s.record === undefined ? `${s.file}:${s.line}` : `${s.file}: record ${s.record}`;
      this.writeErr(`${sanitizeInline(where)}: ${sanitizeInline(s.reason)}`);
    }
    const more = result.totals.skippedLines - result.skipped.length;
    if (result.totals.skippedLines > 0) {
      this.writeErr(`attrib: skipped ${result.totals.skippedLines} unusable ${result.totals.skippedLines === 1 ? 'line' : 'lines'}${more > 0 ? ` (first ${shown} shown)` : ''}`);
    }
  }

  /** Output to `--out FILE` (relative to the working directory) or to stdout. */
  protected async emit(text: string, out: string | undefined): Promise<void> {
    if (out === undefined) {
      this.writeOut(text);
      return;
    }
    try {
      await writeFile(path.resolve(process.cwd(), out), text.endsWith('\n') ? text : `${text}\n`);
    } catch (error) {
      throw new ConfigError(`Cannot write ${out}: ${(error as Error).message}`, 'Check that the folder exists and is writable.');
    }
    this.writeErr(`attrib: wrote ${sanitizeInline(out)}`);
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

export default class Report extends LogsCommand {
  static override summary = 'Roll usage logs up into showback, chargeback and budget variance.';
  static override description = `Reads attrib step records, LiteLLM spend logs, Langfuse observations and OTLP/JSON spans
(.jsonl, .json, .csv, each optionally .gz; folders, globs, - for stdin). Without PATHS, reads the
\`report.logs\` globs of attrib.yaml. Every step is priced (its own cost, else rules/pricing.yaml and
--pricing, else the @pydantic/genai-prices catalogue), attributed to a feature (own tags, nearest
ancestor, run consensus, registry team) and rolled up; unattributed spend is shown by reason.

--invoice compares the providers' bill with the logs (unlogged spend, the unowned share of the
invoice); --compare splits the change since a previous period into volume, unit cost and model mix.

Exit codes: 0 ok; 1 a --fail-on gate tripped, or --strict and lines were skipped; 2 usage or config
error (missing log or invoice file, bad flag, invalid taxonomy or pricing file).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> logs/',
    '<%= config.bin %> <%= command.id %> "logs/2026-10-*.jsonl.gz" --format json',
    '<%= config.bin %> <%= command.id %> logs/ --by team,tenant --format csv',
    'cat spend.json | <%= config.bin %> <%= command.id %> - --input-format litellm',
    '<%= config.bin %> <%= command.id %> logs/ --since 2026-10-01 --until 2026-10-31 --fail-on hard-cap --fail-on unattributed',
    '<%= config.bin %> <%= command.id %> logs/ --format html --out showback.html',
    '<%= config.bin %> <%= command.id %> logs/ --invoice openai-costs.json --invoice anthropic-cost-report.json',
    '<%= config.bin %> <%= command.id %> logs/ --since 2026-10-01 --until 2026-10-31 --compare 2026-09 --format markdown',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'Log files, folders, globs, or - for standard input. Default: report.logs of attrib.yaml.' }),
  };
  static override flags = {
    format: Flags.option({
      char: 'f',
      description: 'Output format. Default: table on a terminal, else json.',
      options: Object.keys(reportFormats) as ReportFormatName[],
    })(),
    out: Flags.string({ char: 'o', description: 'Write the output to this file instead of standard output.' }),
    by: Flags.string({
      description: 'Sections of table/markdown, row groups of csv: feature, team, tenant, workload_class, environment, model (comma-separated or repeated). JSON always has all.',
      multiple: true,
    }),
    ...logInputFlags,
    'outlier-factor': Flags.string({ description: 'A tenant is an outlier above this multiple of the median tenant cost.', default: '10' }),
    invoice: Flags.string({
      description:
        'What the providers billed: an amount in USD, or a file (OpenAI Costs API response, Anthropic cost report, CSV provider,amount_usd). Repeatable for several providers\' files.',
      multiple: true,
    }),
    compare: Flags.string({ description: 'Explain the change since this period: a month (2026-09) or dates FROM..TO (inclusive, UTC).' }),
    'fail-on': Flags.option({ description: 'Exit 1 when this gate trips (repeatable). With --invoice, unattributed is the unowned share of the invoice.', options: GATES, multiple: true })(),
    strict: Flags.boolean({ description: 'Exit 1 when any line was skipped.', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Report);
    const paths = argv as string[];
    const cwd = process.cwd();
    const { SKIPPED_SHOWN } = await import('../report/index.js');
    const { parseDimensions } = await import('../formats/report-sections.js');

    const format: ReportFormatName = flags.format ?? (process.stdout.isTTY && 'table' in reportFormats ? ('table' as ReportFormatName) : 'json');
    const by = flags.by === undefined ? undefined : parseDimensions(flags.by);
    const outlierFactor = Number(flags['outlier-factor']);
    if (!(outlierFactor > 0)) {
      throw new ConfigError(`--outlier-factor must be a positive number, not ${JSON.stringify(flags['outlier-factor'])}`, 'For example --outlier-factor 10.');
    }
    // Flags that name other inputs are checked before the logs are read: a typo costs nothing.
    const invoice = flags.invoice === undefined ? undefined : await this.loadInvoices(flags.invoice, cwd);
    const { parseComparePeriod } = await import('../report/compare-period.js');
    const previousPeriod = flags.compare === undefined ? undefined : parseComparePeriod(flags.compare);

    const inputs = await this.logInputs(flags, paths, previousPeriod !== undefined);
    const analysis = await inputs.analyze({ outlierFactor, failOn: flags['fail-on'] ?? [] });
    const result = analysis.result;
    this.reportSkipped(analysis, SKIPPED_SHOWN);

    if (previousPeriod) {
      const { compareReports } = await import('../report/compare.js');
      const previous = await inputs.analyze({ ...previousPeriod, outlierFactor });
      result.comparison = compareReports(previous.result, result);
    }
    if (invoice) {
      const { applyInvoice } = await import('../report/reconciliation-input.js');
      applyInvoice(analysis, invoice, inputs.taxonomy.org.unattributedMaxPct, inputs.pricing);
    }

    if (format === 'html' && flags.out === undefined && process.stdout.isTTY) {
      this.writeErr('attrib: writing an HTML page to the terminal; use --out showback.html to save it to a file.');
    }
    const formatter = await reportFormats[format]();
    const options: ReportFormatOptions = { color: this.useColor(flags.color ?? (flags.out === undefined ? undefined : false)), cwd, columns: process.stdout.columns, ...(by === undefined ? {} : { by }) };
    await this.emit(formatter(result, options), flags.out);

    for (const gate of result.gates.tripped) this.writeErr(`attrib: gate ${gate} tripped`);
    const strictFailed = flags.strict && result.totals.skippedLines > 0;
    process.exitCode = result.gates.tripped.length > 0 || strictFailed ? 1 : 0;
  }

  /** `--invoice` values: amounts or files, combined into one invoice. */
  private async loadInvoices(args: string[], cwd: string) {
    const { loadInvoice, combineInvoices } = await import('../report/invoice.js');
    const invoices = [];
    for (const arg of args) invoices.push(await loadInvoice(arg, { cwd }));
    return combineInvoices(invoices);
  }
}
