import { Flags } from '@oclif/core';
import { LogsCommand, logInputFlags } from '../../cli/logs-command.js';
import { prose } from '../../cli/prose.js';
import { sanitizeForTerminal } from '../../util/terminal.js';
import { ConfigError } from '../../util/errors.js';

export default class ExportSteps extends LogsCommand {
  static override summary = 'Write the normalised step ledger: every record read, in one schema, with how it was priced and attributed.';
  static override description = prose`Reads the logs like attrib report (any input format, the same flags) and writes one JSON line per
record (or, with --format parquet, one row of a flat Parquet table): the step's fields, its cost in integer micro-dollars, the price source, the attributed tags
and where each came from, and the file and line it was read from (schemas/step-ledger.schema.json).
Summing cost_micro_usd over the rows where counted is true gives the report's total; grouping them
by a tag gives its group lists. Load it into a warehouse for the nightly rollup. See docs/report.md.

Exit codes: 0 written; 2 usage or config error (missing log file, bad flag, the file cannot be written,
--format parquet without --out or without @duckdb/node-api installed).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> logs/ --out ledger.jsonl',
    '<%= config.bin %> <%= command.id %> logs/ --format parquet --out ledger.parquet',
    '<%= config.bin %> <%= command.id %> litellm-spend.json --since 2026-10-01 --until 2026-10-31 > ledger.jsonl',
  ];
  static override strict = false;
  static override flags = {
    format: Flags.option({
      char: 'f',
      description: 'jsonl (default): one JSON object per line. parquet: the flat table (objects as <object>_<key> columns) through DuckDB; needs --out and the optional package @duckdb/node-api.',
      options: ['jsonl', 'parquet'] as const,
      default: 'jsonl',
    })(),
    out: Flags.string({ char: 'o', description: 'Write the ledger to this file instead of standard output (never over one of the logs read).' }),
    ...logInputFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ExportSteps);
    if (flags.format === 'parquet' && flags.out === undefined) {
      throw new ConfigError('--format parquet writes a file: pass --out', 'For example: attrib export steps logs/ --format parquet --out ledger.parquet');
    }
    // Loaded before the logs are read: a missing optional package costs nothing.
    const parquet = flags.format === 'parquet' ? await import('../../export/steps-parquet.js') : undefined;
    if (parquet) await (await import('../../engine/duckdb.js')).loadDuckDB('--format parquet');
    const { SKIPPED_SHOWN } = await import('../../report/index.js');
    const { ledgerJsonl, ledgerRows } = await import('../../export/steps.js');
    const analysis = await (await this.logInputs(flags, argv as string[])).analyze({ keepOwnTags: true });
    this.reportInputProblems(analysis, SKIPPED_SHOWN);
    const chunks = ledgerJsonl(ledgerRows(analysis));
    if (flags.out === undefined) {
      for (const chunk of chunks) {
        if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    } else {
      const { writeOutputWith } = await import('../../util/write-output.js');
      const { writeChunks } = await import('../../util/write-chunks.js');
      const write = parquet ? parquet.writeLedgerParquet : writeChunks;
      await writeOutputWith(flags.out, (file, exclusive) => write(file, chunks, exclusive), { cwd: process.cwd(), what: '--out file', inputs: this.inputFiles });
      this.writeErr(`attrib: wrote ${analysis.size} ${analysis.size === 1 ? 'row' : 'rows'} to ${sanitizeForTerminal(flags.out)}`);
    }
    process.exitCode = 0;
  }
}
