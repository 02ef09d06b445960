/**
 * attrib's public API: everything the commands do, as plain functions.
 *   import { loadTaxonomy, validateTaxonomy, lint, report } from 'attrib';
 */
export type { Finding, Severity } from './util/findings.js';
export { ConfigError } from './util/errors.js';
export * from './taxonomy/index.js';
export type { Formatter, FormatOptions } from './formats/types.js';
export { report, analyze, tripped, GATES, INPUT_FORMATS, LineSplitter, splitLines, loadPricing, parsePricing, matchModel } from './report/index.js';
export type { ReportOptions, Analysis, AttributedStep, InputFormat, PriceTable, PriceRef, PriceSource, TagSource, AttributionStatus } from './report/index.js';
export type * from './report/types.js';
