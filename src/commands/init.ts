import { Flags } from '@oclif/core';
import { AttribCommand } from '../cli/base.js';
import { displayPath } from '../util/paths.js';
import { prose } from '../cli/prose.js';

export default class Init extends AttribCommand {
  static override summary = 'Write a commented starter attrib.yaml (tags, two teams, two features, budgets).';
  static override description = prose`The file passes \`attrib taxonomy validate\` as written; edit the teams, features and budgets to match yours.
Refuses to overwrite an existing taxonomy file unless --force is given.

Exit codes: 0 written, 2 the file exists (without --force) or cannot be written.`;
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --file config/attrib.yaml --force'];
  static override flags = {
    file: Flags.string({ description: 'Where to write the taxonomy.', default: 'attrib.yaml' }),
    force: Flags.boolean({ description: 'Overwrite an existing file.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const { initTaxonomy } = await import('../taxonomy/index.js');
    const cwd = process.cwd();
    const explicit = flags.file === 'attrib.yaml' ? {} : { file: flags.file };
    const { file, overwritten } = await initTaxonomy({ cwd, force: flags.force, ...explicit });
    const shown = displayPath(file, cwd);
    this.writeErr(`${overwritten ? 'Replaced' : 'Wrote'} ${shown}. Next: edit its teams and features, then run \`attrib taxonomy validate\` and \`attrib lint\`.`);
  }
}
