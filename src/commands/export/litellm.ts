import { Flags } from '@oclif/core';
import { AttribCommand } from '../../cli/base.js';
import { taxonomyFlag } from '../../cli/flags.js';
import { prose } from '../../cli/prose.js';
import { BUDGET_SCOPES } from '../../export/litellm.js';
import { sanitizeInline } from '../../util/terminal.js';

export default class ExportLitellm extends AttribCommand {
  static override summary = 'Print the LiteLLM proxy config pieces that enforce the taxonomy: required metadata and tag budgets.';
  static override description = prose`general_settings.enforced_params lists metadata.<tag> for every required tag
(LiteLLM rejects a request without it); litellm_settings.tag_budget_config turns feature and team budgets into
monthly budgets on the feature:<name> and team:<name> request tags. Both need LiteLLM Enterprise.
Commented YAML to merge into the proxy's config.yaml; warnings go to stderr. See docs/gateway.md.

Exit codes: 0 printed or written (warnings allowed), 2 no usable taxonomy, a bad flag, or the file cannot be written.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --budgets teams --out litellm-attrib.yaml',
  ];
  static override flags = {
    taxonomy: taxonomyFlag,
    out: Flags.string({ char: 'o', description: 'Write the YAML to this file instead of standard output (never over the taxonomy file).' }),
    budgets: Flags.option({
      description: 'Which budgets become LiteLLM tag budgets: all, teams (keep feature budgets soft: LiteLLM blocks at a tag budget), or none.',
      options: BUDGET_SCOPES,
      default: 'all' as const,
    })(),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ExportLitellm);
    const { loadTaxonomy } = await import('../../taxonomy/index.js');
    const { litellmExport, renderLitellmConfig } = await import('../../export/litellm.js');
    const cwd = process.cwd();
    const taxonomy = await loadTaxonomy({ cwd, ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }) });
    const exported = litellmExport(taxonomy, { budgets: flags.budgets });
    for (const warning of exported.warnings) this.writeErr(`attrib: warning: ${sanitizeInline(warning)}`);
    await this.emit(renderLitellmConfig(exported), flags.out, [{ file: taxonomy.file, what: 'taxonomy file' }]);
  }
}
