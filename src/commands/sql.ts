import { Flags } from '@oclif/core';
import { AttribCommand } from '../cli/base.js';
import { taxonomyFlag } from '../cli/flags.js';
import { prose } from '../cli/prose.js';
import { DIALECTS } from '../sql/dialects.js';

export default class Sql extends AttribCommand {
  static override summary = 'Print the attribution contract as SQL views over a step table, for the nightly rollup in a warehouse.';
  static override description = prose`The step table has the columns of attrib export steps --format parquet (the flat step
ledger). The views resolve runs and tags from each step's own values (nearest ancestor by a recursive CTE,
then run consensus), give registry features their team, prorate the taxonomy's budgets over the period (a
values table) and roll the counted steps up in integer micro-dollars: attrib_totals, attrib_by_feature,
attrib_by_team, ... the lists of attrib report. attrib report --engine duckdb runs the same text. Costs are
the ledger's (priced when it was written). See docs/warehouse.md.

Exit codes: 0 printed or written; 2 no usable taxonomy, a bad flag or date, or the file cannot be written.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> --dialect postgres --since 2026-10-01 --until 2026-10-31',
    '<%= config.bin %> <%= command.id %> --dialect bigquery --table analytics.attrib_steps --prefix analytics.attrib_ --out attrib.sql',
  ];
  static override flags = {
    dialect: Flags.option({ description: 'The SQL engine the views are written for.', options: DIALECTS, required: true })(),
    taxonomy: taxonomyFlag,
    since: Flags.string({ description: 'First day counted (UTC, inclusive, YYYY-MM-DD). Default: the first day of the current month.' }),
    until: Flags.string({ description: 'Last day counted (UTC, inclusive). Default: the last day of the month --since is in (or of the current month).' }),
    table: Flags.string({ description: 'The step table the views read (optionally schema-qualified).', default: 'attrib_steps' }),
    prefix: Flags.string({ description: 'Prefix of the view names (a schema may lead: analytics.attrib_).', default: 'attrib_' }),
    out: Flags.string({ char: 'o', description: 'Write the SQL to this file instead of standard output (never over the taxonomy file).' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Sql);
    const [{ loadTaxonomy }, { buildContract, contractScript }, { parseDay, resolvePeriod }] = await Promise.all([
      import('../taxonomy/index.js'),
      import('../sql/contract.js'),
      import('../report/period.js'),
    ]);
    const cwd = process.cwd();
    const taxonomy = await loadTaxonomy({ cwd, ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }) });
    const since = flags.since === undefined ? undefined : parseDay(flags.since, '--since');
    const until = flags.until === undefined ? undefined : parseDay(flags.until, '--until');
    const period = resolvePeriod(since, until, undefined, undefined, Date.now());
    const contract = buildContract({ dialect: flags.dialect, taxonomy, period, since: period.from, until: period.to, table: flags.table, prefix: flags.prefix });
    const header = [
      `attrib's attribution contract (docs/report.md) for ${flags.dialect}, written by attrib sql.`,
      `Reads ${flags.table}: the flat step ledger (attrib export steps --format parquet), one row per record.`,
      `Counts steps from ${period.from} to ${period.to} (UTC, inclusive); budgets are prorated over those days.`,
      `Costs are integer micro-dollars (cost_micro_usd): the ledger's, priced when it was written.`,
      `${flags.prefix}checks.duplicate_step_ids must be 0: a step id loaded twice makes parents ambiguous.`,
    ];
    await this.emit(contractScript(contract, header), flags.out, [{ file: taxonomy.file, what: 'taxonomy file' }]);
  }
}
