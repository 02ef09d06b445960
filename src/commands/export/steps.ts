import { Flags } from '@oclif/core';
import { LogsCommand, logInputFlags } from '../../cli/logs-command.js';
import { prose } from '../../cli/prose.js';
import { sanitizeForTerminal } from '../../util/terminal.js';

export default class ExportSteps extends LogsCommand {
  static override summary = 'Write the normalised step ledger: every record read, in one schema, with how it was priced and attributed.';
  static override description = prose`Reads the logs like attrib report (any input format, the same flags) and writes one JSON line per
record: the step's fields, its cost in integer micro-dollars, the price source, the attributed tags
and where each came from, and the file and line it was read from (schemas/step-ledger.schema.json).
Summing cost_micro_usd over the rows where counted is true gives the report's total; grouping them
by a tag gives its group lists. Load it into a warehouse for the nightly rollup. See docs/report.md.

Exit codes: 0 written; 2 usage or config error (missing log file, bad flag, the file cannot be written).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> logs/ --out ledger.jsonl',
    '<%= config.bin %> <%= command.id %> litellm-spend.json --since 2026-10-01 --until 2026-10-31 > ledger.jsonl',
  ];
  static override strict = false;
  static override flags = {
    out: Flags.string({ char: 'o', description: 'Write the ledger to this file instead of standard output (never over one of the logs read).' }),
    ...logInputFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ExportSteps);
    const { SKIPPED_SHOWN } = await import('../../report/index.js');
    const { ledgerJsonl, ledgerRows } = await import('../../export/steps.js');
    const analysis = await (await this.logInputs(flags, argv as string[])).analyze();
    this.reportInputProblems(analysis, SKIPPED_SHOWN);
    const chunks = ledgerJsonl(ledgerRows(analysis));
    if (flags.out === undefined) {
      for (const chunk of chunks) {
        if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    } else {
      const { writeOutputWith } = await import('../../util/write-output.js');
      const { writeChunks } = await import('../../util/write-chunks.js');
      await writeOutputWith(flags.out, (file, exclusive) => writeChunks(file, chunks, exclusive), { cwd: process.cwd(), what: '--out file', inputs: this.inputFiles });
      this.writeErr(`attrib: wrote ${analysis.size} ${analysis.size === 1 ? 'row' : 'rows'} to ${sanitizeForTerminal(flags.out)}`);
    }
    process.exitCode = 0;
  }
}
