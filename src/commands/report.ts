import { Args, Flags } from '@oclif/core';
import { AttribCommand } from '../cli/base.js';
import { taxonomyFlag } from '../cli/flags.js';
import { reportFormats, type ReportFormatName } from '../formats/index.js';
import { ConfigError } from '../util/errors.js';
import { sanitizeInline } from '../util/terminal.js';
import type { ReportFormatOptions } from '../formats/report-sections.js';
import { GATES, INPUT_FORMATS } from '../report/options.js';
/** Inputs above this size get a progress bar (on a TTY). */
const PROGRESS_BYTES = 50 * 1024 * 1024;

export default class Report extends AttribCommand {
  static override summary = 'Roll usage logs up into showback, chargeback and budget variance.';
  static override description = `Reads attrib step records, LiteLLM spend logs, Langfuse observations and OTLP/JSON spans
(.jsonl, .json, .csv, each optionally .gz; folders, globs, - for stdin). Without PATHS, reads the
\`report.logs\` globs of attrib.yaml. Every step is priced (its own cost, else rules/pricing.yaml and
--pricing, else the @pydantic/genai-prices catalogue), attributed to a feature (own tags, nearest
ancestor, run consensus, registry team) and rolled up; unattributed spend is shown by reason.

Exit codes: 0 ok; 1 a --fail-on gate tripped, or --strict and lines were skipped; 2 usage or config
error (missing log file, bad flag, invalid taxonomy or pricing file).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> logs/',
    '<%= config.bin %> <%= command.id %> "logs/2026-10-*.jsonl.gz" --format json',
    '<%= config.bin %> <%= command.id %> logs/ --by team,tenant --format csv',
    'cat spend.json | <%= config.bin %> <%= command.id %> - --input-format litellm',
    '<%= config.bin %> <%= command.id %> logs/ --since 2026-10-01 --until 2026-10-31 --fail-on hard-cap --fail-on unattributed',
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
    by: Flags.string({
      description: 'Sections of table/markdown, row groups of csv: feature, team, tenant, workload_class, environment, model (comma-separated or repeated). JSON always has all.',
      multiple: true,
    }),
    taxonomy: taxonomyFlag,
    since: Flags.string({ description: 'First day of the period (UTC, inclusive, YYYY-MM-DD). Default: the first day of the first month with data.' }),
    until: Flags.string({ description: 'Last day of the period (UTC, inclusive). Default: the last day of the last month with data.' }),
    pricing: Flags.string({ description: 'Pricing file that overrides and extends rules/pricing.yaml (same schema).' }),
    'input-format': Flags.option({ description: 'Read every record as this format instead of detecting it.', options: INPUT_FORMATS, default: 'auto' })(),
    'outlier-factor': Flags.string({ description: 'A tenant is an outlier above this multiple of the median tenant cost.', default: '10' }),
    'fail-on': Flags.option({ description: 'Exit 1 when this gate trips (repeatable).', options: GATES, multiple: true })(),
    strict: Flags.boolean({ description: 'Exit 1 when any line was skipped.', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Report);
    const paths = argv as string[];
    const cwd = process.cwd();
    const { loadTaxonomy } = await import('../taxonomy/index.js');
    const { analyze, SKIPPED_SHOWN } = await import('../report/index.js');
    const { parseDimensions } = await import('../formats/report-sections.js');

    const format: ReportFormatName = flags.format ?? (process.stdout.isTTY && 'table' in reportFormats ? ('table' as ReportFormatName) : 'json');
    const by = flags.by === undefined ? undefined : parseDimensions(flags.by);
    const outlierFactor = Number(flags['outlier-factor']);
    if (!(outlierFactor > 0)) {
      throw new ConfigError(`--outlier-factor must be a positive number, not ${JSON.stringify(flags['outlier-factor'])}`, 'For example --outlier-factor 10.');
    }
    const taxonomy = await loadTaxonomy({
      cwd,
      ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }),
      searchFrom: paths.filter((p) => p !== '-'),
    });

    const progress = await this.progressBar();
    let analysis;
    try {
      analysis = await analyze({
        cwd,
        taxonomy,
        paths,
        stdin: process.stdin,
        inputFormat: flags['input-format'],
        pricingFile: flags.pricing,
        since: flags.since,
        until: flags.until,
        outlierFactor,
        failOn: flags['fail-on'] ?? [],
        onProgress: progress?.update,
      });
    } finally {
      progress?.stop();
    }
    const result = analysis.result;

    for (const s of result.skipped) {
      const where = s.record === undefined ? `${s.file}:${s.line}` : `${s.file}: record ${s.record}`;
      this.writeErr(`${sanitizeInline(where)}: ${sanitizeInline(s.reason)}`);
    }
    const more = result.totals.skippedLines - result.skipped.length;
    if (result.totals.skippedLines > 0) {
      this.writeErr(`attrib: skipped ${result.totals.skippedLines} unusable ${result.totals.skippedLines === 1 ? 'line' : 'lines'}${more > 0 ? ` (first ${SKIPPED_SHOWN} shown)` : ''}`);
    }

    const formatter = await reportFormats[format]();
    const options: ReportFormatOptions = { color: this.useColor(flags.color), cwd, columns: process.stdout.columns, ...(by === undefined ? {} : { by }) };
    this.writeOut(formatter(result, options));

    for (const gate of result.gates.tripped) this.writeErr(`attrib: gate ${gate} tripped`);
    const strictFailed = flags.strict && result.totals.skippedLines > 0;
    process.exitCode = result.gates.tripped.length > 0 || strictFailed ? 1 : 0;
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
