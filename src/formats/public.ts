/**
 * `attrib/formats`: every output format as a pure function, for code that runs lint or report
 * through the library and prints the result itself. Each is `(result, options) => string`; the
 * options are those of the CLI (`color`, `cwd`, and per format `srcRoot`, `readSource`, `by`...).
 * The `*Formats` maps load one format by name, lazily, as the CLI does.
 */
export { format as stylish, type StylishOptions } from './stylish.js';
export { format as json } from './json.js';
export { format as sarif, type SarifOptions } from './sarif.js';
export { format as github, type GithubOptions } from './github.js';
export { format as junit, type JunitOptions } from './junit.js';
export { format as table } from './table.js';
export { format as csv } from './csv.js';
export { format as markdown } from './markdown.js';
export { format as html } from './html.js';
export { format as runsTable } from './runs-table.js';
export { format as registryTable } from './registry-table.js';
export type { ReportFormatOptions } from './report-view.js';
export type { FormatOptions, Formatter } from './types.js';
export type { RepoPathOptions } from './repo-path.js';
export { lintFormats, reportFormats, runsFormats, taxonomyFormats, registryFormats, type LintFormatOptions } from './index.js';
