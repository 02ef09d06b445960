import { AttribCommand } from '../../cli/base.js';
import { formatFlag, taxonomyFlag } from '../../cli/flags.js';
import { registryFormats, type RegistryFormatName } from '../../formats/index.js';
import { prose } from '../../cli/prose.js';

export default class TaxonomyShow extends AttribCommand {
  static override summary = 'Print the feature -> team registry with owners, budgets and totals per team.';
  static override description = prose`Exit codes: 0 printed, 2 no usable taxonomy (missing, unreadable or invalid: run \`attrib taxonomy validate\`).`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --taxonomy fixtures/attrib.yaml --format json'];
  static override flags = {
    taxonomy: taxonomyFlag,
    format: formatFlag(Object.keys(registryFormats) as RegistryFormatName[], 'table'),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(TaxonomyShow);
    const { loadTaxonomy, describeRegistry } = await import('../../taxonomy/index.js');
    const cwd = process.cwd();
    const taxonomy = await loadTaxonomy({ cwd, ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }) });
    const formatter = await registryFormats[flags.format]();
    this.writeOut(formatter(describeRegistry(taxonomy), { color: this.useColor(flags.color), cwd }));
  }
}
