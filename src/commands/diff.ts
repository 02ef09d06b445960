import { Args, Flags } from '@oclif/core';
import { LogsCommand, logInputFlags } from '../cli/logs-command.js';
import { formatFlag } from '../cli/flags.js';
import { prose } from '../cli/prose.js';
import { ConfigError } from '../util/errors.js';
import { sanitizeInline } from '../util/terminal.js';

export default class Diff extends LogsCommand {
  static override summary = 'Price a change: the call sites it adds, removes or alters, at the last period\'s logged volume.';
  static override description = prose`Lints the code at --base (copied from git into a temporary folder; the repository is not
touched) and the working tree, matches their call sites by callSiteId, and finds the ones the change
adds, removes or alters: another literal model, a call moved into or out of a loop, other tags, a new
agent entry point. Each is priced with the logs of the last period (--logs, else report.logs of
attrib.yaml) joined to the base's call sites as attrib report --lint joins them: the same tokens at
the new model's price. Without history it says so and shows the price ratio of the two models.

--format markdown (the default) prints a PR comment; json prints schemas/diff-result.schema.json.

Exit codes: 0 ok (whatever the change costs); 2 usage or config error (not a git repository, unknown
--base, bad taxonomy, pricing or log file).`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> --base origin/main --logs "attrib-logs/2026-10-*.jsonl"',
    '<%= config.bin %> <%= command.id %> --base origin/main src --logs logs/ --since 2026-10-01 --until 2026-10-31 --format json',
    '<%= config.bin %> <%= command.id %> --base origin/main --logs logs/ --out cost.md && gh pr comment --body-file cost.md',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'Source files, folders or globs to lint on both sides. Default: as attrib lint with no paths.' }),
  };
  static override flags = {
    base: Flags.string({ description: 'The git ref the change is against (a commit, branch or tag), e.g. origin/main.', required: true }),
    logs: Flags.string({ description: 'Usage logs of the last period (files, folders, globs; repeatable). Default: report.logs of attrib.yaml.', multiple: true }),
    format: formatFlag(['markdown', 'json'] as const, 'markdown'),
    out: Flags.string({ char: 'o', description: 'Write the output to this file instead of standard output.' }),
    rules: Flags.string({ description: 'Folder of extra rule packs (*.yaml); repeatable.', multiple: true }),
    ...logInputFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Diff);
    const cwd = process.cwd();
    const logs = flags.logs ?? [];
    const inputs = await this.logInputs(flags, logs);
    const hasLogs = logs.length > 0 || (inputs.taxonomy.report.logs.length > 0 && inputs.taxonomy.file !== undefined);
    const history = hasLogs ? await this.history(inputs, logs.length > 0) : undefined;
    if (history) this.reportInputProblems(history, (await import('../report/index.js')).SKIPPED_SHOWN);
    const { diffCallSites } = await import('../diff/index.js');
    const result = await diffCallSites({ cwd, base: flags.base, paths: argv as string[], taxonomy: inputs.taxonomy, rulePackDirs: flags.rules ?? [], pricing: inputs.pricing, history });
    if (flags.format === 'json') {
      await this.emit(`${JSON.stringify(result, null, 2)}\n`, flags.out);
    } else {
      const { diffMarkdown } = await import('../diff/markdown.js');
      await this.emit(diffMarkdown(result), flags.out);
    }
    process.exitCode = 0;
  }

  /**
   * The logs to price with. Logs named with --logs must be readable (exit 2 otherwise); the taxonomy's
   * report.logs are a default, so when they cannot be read the change is shown unpriced, said on stderr.
   */
  private async history(inputs: Awaited<ReturnType<Diff['logInputs']>>, named: boolean) {
    try {
      return await inputs.analyze();
    } catch (error) {
      if (named || !(error instanceof ConfigError)) throw error;
      this.writeErr(`attrib: warning: ${sanitizeInline(error.message)}: the change is not priced at logged volume`);
      return undefined;
    }
  }
}
