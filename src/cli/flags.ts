import { Flags } from '@oclif/core';

/** `--format`, limited to the names a command's format registry knows. */
export function formatFlag<const N extends string>(names: readonly N[], defaultName: N, description = 'Output format.') {
  return Flags.option({ char: 'f', description, options: names, default: defaultName })();
}

/** `--taxonomy PATH`: an explicit taxonomy file instead of the search for attrib.yaml. */
export const taxonomyFlag = Flags.string({
  char: 't',
  description:
    'Taxonomy file to use. Default: attrib.yaml (or attrib.yml, .attrib.yaml) in the working directory or the nearest folder above it, up to the repository root.',
});
