import { Flags } from '@oclif/core';
import { AttribCommand } from '../../cli/base.js';
import { taxonomyFlag } from '../../cli/flags.js';
import { prose } from '../../cli/prose.js';
import { parseNameList } from '../../util/name-list.js';

export default class ExportMetadataSchema extends AttribCommand {
  static override summary = 'Print the tag set as a JSON Schema (draft-07) of request metadata, for gateway metadata validators.';
  static override description = prose`Required tags (those without derive_from), closed value lists, patterns and the
feature and team keys of the registry, in the shape Portkey's metadata schemas accept (top-level object,
additionalProperties true, string properties). Keys are sorted: the same taxonomy gives the same bytes.
See docs/gateway.md.

Exit codes: 0 printed or written, 2 no usable taxonomy or the file cannot be written.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --taxonomy fixtures/attrib.yaml --out metadata.schema.json',
  ];
  static override flags = {
    taxonomy: taxonomyFlag,
    out: Flags.string({ char: 'o', description: 'Write the schema to this file instead of standard output (never over the taxonomy file).' }),
    tags: Flags.string({
      description: 'Only these tags (comma-separated or repeated), e.g. the per-key ones for a Portkey API-key metadata schema: --tags feature,team,environment.',
      multiple: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ExportMetadataSchema);
    const { loadTaxonomy } = await import('../../taxonomy/index.js');
    const { renderMetadataSchema } = await import('../../export/metadata-schema.js');
    const cwd = process.cwd();
    const taxonomy = await loadTaxonomy({ cwd, ...(flags.taxonomy === undefined ? {} : { path: flags.taxonomy }) });
    const tags = flags.tags === undefined ? undefined : parseNameList(flags.tags, [...taxonomy.tags.keys()], '--tags', 'tag');
    await this.emit(renderMetadataSchema(taxonomy, tags === undefined ? {} : { tags }), flags.out, [{ file: taxonomy.file, what: 'taxonomy file' }]);
  }
}
