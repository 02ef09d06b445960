/**
 * attrib's public API: everything the commands do, as plain functions.
 *   import { loadTaxonomy, validateTaxonomy, lint, report } from 'attrib';
 */
export type { Finding, Severity } from './util/findings.js';
export { ConfigError } from './util/errors.js';
export * from './taxonomy/index.js';
export type { Formatter, FormatOptions } from './formats/types.js';
