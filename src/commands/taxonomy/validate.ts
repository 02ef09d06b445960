import { Args } from '@oclif/core';
import { AttribCommand } from '../../cli/base.js';
import { formatFlag } from '../../cli/flags.js';
import { taxonomyFormats, type TaxonomyFormatName } from '../../formats/index.js';
import { prose } from '../../cli/prose.js';

export default class TaxonomyValidate extends AttribCommand {
  static override summary = 'Check the taxonomy file: syntax, keys, values, registry, budgets.';
  static override description = prose`Reports every problem with a rule id and file:line:col, with a did-you-mean where one fits.
Without FILE, validates the attrib.yaml found from the working directory up to the repository root.

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 the file cannot be found or read.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> fixtures/attrib.yaml --format json',
  ];
  static override args = {
    file: Args.string({ description: 'Taxonomy file to check.', required: false }),
  };
  static override flags = {
    format: formatFlag(Object.keys(taxonomyFormats) as TaxonomyFormatName[], 'stylish'),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(TaxonomyValidate);
    const { locateTaxonomy, validateTaxonomyFile } = await import('../../taxonomy/index.js');
    const cwd = process.cwd();
    const file = locateTaxonomy({ cwd, explicitPath: 'name the file: `attrib taxonomy validate PATH`', ...(args.file === undefined ? {} : { path: args.file }) });
    const result = await validateTaxonomyFile(file, cwd);
    const formatter = await taxonomyFormats[flags.format]();
    this.writeOut(formatter(result, { color: this.useColor(flags.color), cwd }));
    if (flags.format === 'stylish') {
      const { errors, warnings } = result.summary;
      this.writeErr(errors > 0 ? `✖ ${result.file} is invalid` : `✔ ${result.file} is valid${warnings > 0 ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`);
    }
    process.exitCode = result.valid ? 0 : 1;
  }
}
