/**
 * The output formats of each command, loaded lazily by name so that a run only imports the one it
 * prints (and `--help` imports none). Each entry points at one module under src/formats/ whose
 * `format` export is a pure Formatter.
 */
import type { FormatOptions, Formatter } from './types.js';
import type { LintResult } from '../lint/types.js';
import type { PackList } from '../lint/packs/describe.js';
import type { ReportResult } from '../report/types.js';
import type { TaxonomyValidation } from '../taxonomy/validate.js';
import type { RegistryView } from '../taxonomy/registry.js';
import type { RunsResult } from '../report/ledger.js';

import type { StylishOptions } from './stylish.js';
import type { SarifOptions } from './sarif.js';
import type { GithubOptions } from './github.js';
import type { JunitOptions } from './junit.js';

type Loader<R, O extends FormatOptions = FormatOptions> = () => Promise<Formatter<R, O>>;

/** What `attrib lint` passes to its formatters: code frames for stylish, the repo root for the CI formats. */
export type LintFormatOptions = StylishOptions & SarifOptions & GithubOptions & JunitOptions;

export const lintFormats = {
  stylish: async () => (await import('./stylish.js')).format,
  json: async () => (await import('./json.js')).format,
  sarif: async () => (await import('./sarif.js')).format,
  github: async () => (await import('./github.js')).format,
  junit: async () => (await import('./junit.js')).format,
} satisfies Record<string, Loader<LintResult, LintFormatOptions>>;

export const packListFormats = {
  stylish: async () => (await import('./packs-table.js')).format,
  json: async () => (await import('./json.js')).format,
} satisfies Record<string, Loader<PackList>>;

export const taxonomyFormats = {
  stylish: async () => (await import('./stylish.js')).format,
  json: async () => (await import('./json.js')).format,
} satisfies Record<string, Loader<TaxonomyValidation>>;

export const registryFormats = {
  table: async () => (await import('./registry-table.js')).format,
  json: async () => (await import('./json.js')).format,
} satisfies Record<string, Loader<RegistryView>>;

export const reportFormats = {
  json: async () => (await import('./json.js')).format,
  html: async () => (await import('./html.js')).format,
  table: async () => (await import('./table.js')).format,
  csv: async () => (await import('./csv.js')).format,
  markdown: async () => (await import('./markdown.js')).format,
} satisfies Record<string, Loader<ReportResult>>;

export const runsFormats = {
  table: async () => (await import('./runs-table.js')).format,
  json: async () => (await import('./json.js')).format,
} satisfies Record<string, Loader<RunsResult>>;

export type LintFormatName = keyof typeof lintFormats;
export type TaxonomyFormatName = keyof typeof taxonomyFormats;
export type RegistryFormatName = keyof typeof registryFormats;
export type ReportFormatName = keyof typeof reportFormats;
export type RunsFormatName = keyof typeof runsFormats;
