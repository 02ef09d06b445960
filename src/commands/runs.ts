import { Args, Flags } from '@oclif/core';
import { runsFormats, type RunsFormatName } from '../formats/index.js';
import { ConfigError } from '../util/errors.js';
import { LogsCommand, logInputFlags } from '../cli/logs-command.js';
import { prose } from '../cli/prose.js';

export default class Runs extends LogsCommand {
  static override summary = 'Explain one run step by step, or list the most expensive runs.';
  static override description = prose`attrib runs RUN_ID [PATHS...] shows one run (RUN_ID is its parent_run_id, trace or session id)
as the tree of steps it was (planner -> retrieval -> tool -> synthesis): each step's kind, model or tool, tokens and cost, and each attribution tag with
where its value came from (own, ancestor, run, registry), so "why is this step charged to this
feature" has an answer. Structural records (agents, chains) are shown and marked; a step whose parent
is not in the logs is a root.

attrib runs --top N [PATHS...] lists the N most expensive runs with their feature, team, tenant,
steps, cost and first step. PATHS and the input flags work as for attrib report.

Exit codes: 0 ok; 2 usage or config error (unknown run id, missing log file, bad flag).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> --top 10 logs/',
    '<%= config.bin %> <%= command.id %> --top 20 --unattributed logs/',
    '<%= config.bin %> <%= command.id %> run_42 logs/',
    '<%= config.bin %> <%= command.id %> run_42 logs/ --format json',
  ];
  static override usage = ['<%= command.id %> RUN_ID [PATHS...] [FLAGS]', '<%= command.id %> --top N [PATHS...] [FLAGS]'];
  static override strict = false;
  static override args = {
    // No description on purpose: oclif would list it as `[RUN...]` (every argument of a non-strict
    // command is shown as variadic); the usage lines and the description say what the arguments are.
    run: Args.string(),
  };
  static override flags = {
    format: Flags.option({ char: 'f', description: 'Output format.', options: Object.keys(runsFormats) as RunsFormatName[], default: 'table' })(),
    top: Flags.integer({ description: 'List the N most expensive runs instead of explaining one (every argument is then a log path).', min: 1 }),
    unattributed: Flags.boolean({ description: 'With --top, list the runs behind the unattributed spend, by their unattributed cost.', dependsOn: ['top'] }),
    out: Flags.string({ char: 'o', description: 'Write the output to this file instead of standard output.' }),
    ...logInputFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Runs);
    const args = argv as string[];
    const runId = flags.top === undefined ? args[0] : undefined;
    if (flags.top === undefined && runId === undefined) {
      throw new ConfigError('Give a run id to explain, or --top N to list the most expensive runs.', 'For example: attrib runs --top 10 logs/, then attrib runs <run id> logs/.');
    }
    const paths = runId === undefined ? args : args.slice(1);
    const { SKIPPED_SHOWN } = await import('../report/index.js');
    const { runLedger, runNames, topRuns } = await import('../report/ledger.js');

    const analysis = await (await this.logInputs(flags, paths)).analyze();
    this.reportInputProblems(analysis, SKIPPED_SHOWN);

    let result;
    if (runId === undefined) result = topRuns(analysis, flags.top, { unattributed: flags.unattributed === true });
    else {
      result = runLedger(analysis, runId);
      if (!result) {
        const { didYouMean } = await import('../util/did-you-mean.js');
        const suggestion = didYouMean(runId, runNames(analysis));
        throw new ConfigError(
          `No run ${JSON.stringify(runId)} in the logs read (${analysis.result.inputs.files.length} ${analysis.result.inputs.files.length === 1 ? 'file' : 'files'}).`,
          `${suggestion === undefined ? '' : `Did you mean ${JSON.stringify(suggestion)}? `}List the most expensive runs with attrib runs --top 10${paths.length > 0 ? ` ${paths.join(' ')}` : ''}.`,
        );
      }
    }
    const formatter = await runsFormats[flags.format]();
    await this.emit(formatter(result, { color: this.useColor(flags.color ?? (flags.out === undefined ? undefined : false)), cwd: process.cwd() }), flags.out);
    process.exitCode = 0;
  }
}
