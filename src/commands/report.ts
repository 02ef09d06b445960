import { Args, Flags } from '@oclif/core';
import { LogsCommand, logInputFlags } from '../cli/logs-command.js';
import { reportFormats, type ReportFormatName } from '../formats/index.js';
import { ConfigError } from '../util/errors.js';
import type { ReportFormatOptions } from '../formats/report-view.js';
import { GATES } from '../report/options.js';
import type { Analysis } from '../report/index.js';
import type { Gate, ReportResult } from '../report/types.js';
import type { Tenant } from '../taxonomy/types.js';
import { sanitizeInline } from '../util/terminal.js';
import { prose } from '../cli/prose.js';

/** The first reasons a gate tripped, then how many more: one stderr line stays readable. */
const SHOWN_REASONS = 3;
function summarise(reasons: readonly string[]): string {
  const more = reasons.length - SHOWN_REASONS;
  return reasons.slice(0, SHOWN_REASONS).join('; ') + (more > 0 ? `; and ${more} more` : '');
}
export default class Report extends LogsCommand {
  static override summary = 'Roll usage logs up into showback, chargeback and budget variance.';
  static override description = prose`Reads attrib step records, LiteLLM spend logs, Langfuse observations and OTLP/JSON spans
(.jsonl, .json, .csv, each optionally .gz; folders, globs, - for stdin). Without PATHS, reads the
\`report.logs\` globs of attrib.yaml. Every step is priced (its own cost, else rules/pricing.yaml and
--pricing, else the @pydantic/genai-prices catalogue), attributed to a feature (own tags, nearest
ancestor, run consensus, registry team) and rolled up; unattributed spend is shown by reason.

--invoice compares the providers' bill with the logs (unlogged spend, the unowned share of the
invoice); --compare splits the change since a previous period into volume, unit cost and model mix;
--by call_site shows spend per call site (attrib/runtime records it), and --lint LINT_JSON joins it
to lint's call sites (docs/call-sites.md).

Exit codes: 0 ok; 1 a --fail-on gate tripped, or --strict and lines were skipped or the report has a
warning (nothing read, the period dropped every step, records without usage); 2 usage or config
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
    '<%= config.bin %> <%= command.id %> attrib-logs/ --lint lint.json --format json',
    '<%= config.bin %> <%= command.id %> logs/ --tenants tenants.csv --format json',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'Log files, folders, globs, or - for standard input. Default: report.logs of attrib.yaml.' }),
  };
  static override flags = {
    format: Flags.option({
      char: 'f',
      description:
        'Output format. Default: table (also when piped: ask for json with --format json). focus: FOCUS 1.2 CSV rows of the logged spend. focus-parquet: the same rows as a typed Parquet file (needs --out and the optional package @duckdb/node-api).',
      options: [...(Object.keys(reportFormats) as ReportFormatName[]), 'focus' as const, 'focus-parquet' as const],
    })(),
    out: Flags.string({ char: 'o', description: 'Write the output to this file instead of standard output.' }),
    by: Flags.string({
      description:
        'Sections of table/markdown/html, row groups of csv: feature, team, tenant, workload_class, environment, model, chargeback, tenant:revenue, tenant:feature, tenant:model, call_site, and day, week, month (spend per period of every feature and team, with a trend) (comma-separated or repeated). JSON always has all but call_site and the series, which it has (byCallSite, series) when asked for (call_site also with --lint).',
      multiple: true,
    }),
    top: Flags.integer({
      description: 'Rows shown per section of table, markdown and html (and flags listed); the rest are summed in one "… N more" row. Default: 20 (markdown: 10).',
      min: 1,
      exclusive: ['all'],
    }),
    all: Flags.boolean({ description: 'Show every row of every section in table, markdown and html (no "… N more" row).', default: false, exclusive: ['top'] }),
    ...logInputFlags,
    'outlier-factor': Flags.string({ description: 'A tenant is an outlier above this multiple of the median tenant cost.', default: '10' }),
    invoice: Flags.string({
      description:
        'What the providers billed: an amount in USD, or a file (OpenAI Costs API response, Anthropic cost report, CSV provider,amount_usd). Repeatable for several providers\' files.',
      multiple: true,
    }),
    lint: Flags.string({
      description: 'Join the spend to the call sites of this `attrib lint --format json` result: flagged and unattributed spend per call site, blind spots, idle call sites (JSON callSiteJoin). Adds the call_site section to table, markdown and html.',
    }),
    tenants: Flags.string({ description: 'Tenant contracts: a CSV with the header tenant,name,plan,monthly_contract_usd (name, plan optional); adds revenue, AI cost share and margin to the tenants section.' }),
    compare: Flags.string({ description: 'Explain the change since this period: a month (2026-09) or dates FROM..TO (inclusive, UTC).' }),
    'fail-on': Flags.string({
      description: `Exit 1 when this gate trips: ${GATES.join(', ')} (comma-separated or repeated). With --invoice, unattributed is the unowned share of the invoice.`,
      multiple: true,
    }),
    engine: Flags.option({
      description: 'js (default): attrib\'s own engine. duckdb: the attribution contract as SQL (attrib sql) in embedded DuckDB, over step ledgers (.parquet or JSONL from attrib export steps) or logs; needs the optional package @duckdb/node-api. See docs/warehouse.md.',
      options: ['js', 'duckdb'] as const,
      default: 'js',
    })(),
    strict: Flags.boolean({ description: 'Exit 1 when any line was skipped or the report has a warning (empty input, no usage).', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Report);
    const paths = argv as string[];
    const cwd = process.cwd();
    const { SKIPPED_SHOWN } = await import('../report/index.js');
    const { parseDimensions } = await import('../formats/report-view.js');

    // Human output unless asked otherwise, as for every command (and eslint, tsc): a pipe to less or
    // grep keeps the table; programs ask for --format json.
    const format: ReportFormatName | 'focus' | 'focus-parquet' = flags.format ?? 'table';
    if (format === 'focus-parquet') {
      if (flags.out === undefined) throw new ConfigError('--format focus-parquet writes a file: pass --out', 'For example: attrib report logs/ --format focus-parquet --out focus.parquet');
      // Loaded before the logs are read: a missing optional package costs nothing.
      await (await import('../engine/duckdb.js')).loadDuckDB('--format focus-parquet');
    }
    const by = flags.by === undefined ? undefined : parseDimensions(flags.by);
    const { parseNameList } = await import('../util/name-list.js');
    const failOn = flags['fail-on'] === undefined ? [] : parseNameList(flags['fail-on'], GATES, '--fail-on', 'gate');
    const outlierFactor = Number(flags['outlier-factor']);
    if (!(outlierFactor > 0)) {
      throw new ConfigError(`--outlier-factor must be a positive number, not ${JSON.stringify(flags['outlier-factor'])}`, 'For example --outlier-factor 10.');
    }
    // Flags that name other inputs are checked before the logs are read: a typo costs nothing.
    const invoice = flags.invoice === undefined ? undefined : await this.loadInvoices(flags.invoice, cwd);
    this.inputFiles.push(...(flags.invoice ?? []));
    const tenants = flags.tenants === undefined ? undefined : await (await import('../report/tenants-file.js')).loadTenantsFile(flags.tenants, cwd);
    if (flags.tenants !== undefined) this.inputFiles.push(flags.tenants);
    const { parseComparePeriod } = await import('../report/compare-period.js');
    const previousPeriod = flags.compare === undefined ? undefined : parseComparePeriod(flags.compare);
    const lint = flags.lint === undefined ? undefined : await (await import('../report/call-sites.js')).loadLintResult(flags.lint, cwd);
    if (flags.lint !== undefined) this.inputFiles.push(flags.lint);

    if (flags.engine === 'duckdb') {
      const unsupported = [
        previousPeriod && '--compare',
        invoice && '--invoice',
        (format === 'focus' || format === 'focus-parquet') && `--format ${format}`,
        tenants && '--tenants',
        lint && '--lint',
        by?.includes('call_site') && '--by call_site',
      ].filter(Boolean);
      if (unsupported.length > 0) {
        throw new ConfigError(`--engine duckdb does not do ${unsupported.join(', ')} yet`, 'Run without --engine duckdb for them (docs/warehouse.md lists what the SQL engine covers).');
      }
      await (await import('../engine/duckdb.js')).loadDuckDB('--engine duckdb');
    }
    const inputs = await this.logInputs(flags, paths, previousPeriod !== undefined);
    const { analysis, result } = await this.analyse(inputs, flags, paths, { outlierFactor, failOn, ...(tenants === undefined ? {} : { tenants }) });
    this.reportInputProblems({ result }, SKIPPED_SHOWN);

    if (previousPeriod) {
      const { compareReports } = await import('../report/compare.js');
      const previous = await inputs.analyze({ ...previousPeriod, outlierFactor, ...(tenants === undefined ? {} : { tenants }) });
      result.comparison = compareReports(previous.result, result);
    }
    if (lint || by?.includes('call_site')) {
      const { callSiteSpend, joinCallSites } = await import('../report/call-sites.js');
      // --engine duckdb refuses these before the run, so the JS analysis is there.
      result.byCallSite = callSiteSpend(analysis!, inputs.taxonomy);
      if (lint) result.callSiteJoin = joinCallSites(result.byCallSite, lint);
    }
    if (by?.some((d) => d === 'day' || d === 'week' || d === 'month')) {
      // The series are made from the day rows both engines write, so JSON carries them as the other formats show them.
      const { GRANULARITIES, buildSeries } = await import('../report/series.js');
      result.series = by.flatMap((d) => GRANULARITIES.filter((g) => g === d)).map((granularity) => buildSeries(result, granularity));
    }
    if (invoice && analysis) {
      const { applyInvoice } = await import('../report/reconciliation-input.js');
      applyInvoice(analysis, invoice, inputs.taxonomy.org.unattributedMaxPct, inputs.pricing);
    }

    if (format === 'html' && flags.out === undefined && process.stdout.isTTY) {
      this.writeErr('attrib: writing an HTML page to the terminal; use --out showback.html to save it to a file.');
    }
    if (format === 'focus') {
      // FOCUS rows are per day and tag set: they are built from the attributed steps, not from the JSON result.
      const [{ focusRows }, { formatFocus }] = await Promise.all([import('../report/focus.js'), import('../formats/focus.js')]);
      await this.emit(formatFocus(focusRows(analysis!)), flags.out);
    } else if (format === 'focus-parquet') {
      const [{ focusRows }, { writeFocusParquet }, { writeOutputWith }] = await Promise.all([import('../report/focus.js'), import('../export/focus-parquet.js'), import('../util/write-output.js')]);
      const rows = focusRows(analysis!);
      await writeOutputWith(flags.out!, (file, exclusive) => writeFocusParquet(file, rows, exclusive), { cwd, what: '--out file', inputs: this.inputFiles });
      this.writeErr(`attrib: wrote ${rows.length} FOCUS ${rows.length === 1 ? 'row' : 'rows'} to ${sanitizeInline(flags.out!)}`);
    } else {
      const formatter = await reportFormats[format]();
      const { ownersOf } = await import('../formats/owners.js');
      const { defaultSections } = await import('../formats/report-view.js');
      const options: ReportFormatOptions = {
        color: this.useColor(flags.color ?? (flags.out === undefined ? undefined : false)),
        cwd,
        // A file is read later, on any screen: only the terminal the table is printed to has a width.
        ...(flags.out === undefined && process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
        owners: ownersOf(inputs.taxonomy),
        // --lint adds the call-site section after the default ones (csv keeps its one default group).
        ...(by === undefined ? (lint && format !== 'csv' ? { by: [...defaultSections(result), 'call_site' as const] } : {}) : { by }),
        ...(flags.all ? { top: Infinity } : flags.top === undefined ? {} : { top: flags.top }),
      };
      await this.emit(formatter(result, options), flags.out);
    }

    const { gateReasons } = await import('../report/gates.js');
    for (const gate of result.gates.tripped) this.writeErr(`attrib: gate ${gate} tripped: ${sanitizeInline(summarise(gateReasons(gate, result)))}`);
    const strictFailed = flags.strict && (result.totals.skippedLines > 0 || result.warnings.length > 0);
    process.exitCode = result.gates.tripped.length > 0 || strictFailed ? 1 : 0;
  }

  /** The report by the engine asked for; the JS engine's Analysis too (what --invoice and focus rows need). */
  private async analyse(
    inputs: Awaited<ReturnType<LogsCommand['logInputs']>>,
    flags: { engine: 'js' | 'duckdb'; since?: string; until?: string },
    paths: string[],
    options: { outlierFactor: number; failOn: Gate[]; tenants?: ReadonlyMap<string, Tenant> },
  ): Promise<{ analysis?: Analysis; result: ReportResult }> {
    if (flags.engine === 'js') {
      const analysis = await inputs.analyze(options);
      return { analysis, result: analysis.result };
    }
    // Tenant contracts and prices beyond list (discounts, batch shares, credits) are the JS engine's only.
    const beyond = [inputs.taxonomy.tenants.size > 0 && 'tenants: in the taxonomy', inputs.pricing.providers.size > 0 && 'pricing providers: terms (discounts, batch)', inputs.pricing.credits.length > 0 && 'pricing credits:'].filter(Boolean);
    if (beyond.length > 0) throw new ConfigError(`--engine duckdb does not do ${beyond.join(', ')} yet`, 'Run without --engine duckdb for them (docs/warehouse.md lists what the SQL engine covers).');
    const [{ duckdbReport }, { ledgerFiles }] = await Promise.all([import('../engine/report.js'), import('../engine/inputs.js')]);
    const files = await ledgerFiles(paths, process.cwd());
    if (files) this.inputFiles.push(...files.map((f) => f.path));
    const input = files ? { kind: 'ledgers' as const, files } : { kind: 'analysis' as const, analysis: await inputs.analyze({ ...options, keepOwnTags: true }) };
    const result = await duckdbReport(input, { taxonomy: inputs.taxonomy, since: flags.since, until: flags.until, ...options });
    return { result };
  }

  /** `--invoice` values: amounts or files, combined into one invoice. */
  private async loadInvoices(args: string[], cwd: string) {
    const { loadInvoice, combineInvoices } = await import('../report/invoice.js');
    const invoices = [];
    for (const arg of args) invoices.push(await loadInvoice(arg, { cwd }));
    return combineInvoices(invoices);
  }
}
