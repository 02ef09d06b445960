/**
 * attrib's public API: everything the commands do, as plain functions.
 *   import { loadTaxonomy, validateTaxonomy, lint, report } from 'attrib';
 */
export type { Finding, Severity } from './util/findings.js';
export { ConfigError } from './util/errors.js';
export * from './taxonomy/index.js';
export type { Formatter, FormatOptions } from './formats/types.js';
export { report, analyze, tripped, gateReasons, GATES, INPUT_FORMATS, LineSplitter, splitLines, loadPricing, parsePricing, matchModel } from './report/index.js';
export type { ReportOptions, Analysis, AttributedStep, InputFormat, PriceTable, PriceRef, PriceSource, TagSource, AttributionStatus } from './report/index.js';
export type * from './report/types.js';
export { loadInvoice, parseInvoiceFile, parseInvoiceAmount, combineInvoices, reconcile } from './report/invoice.js';
export type { Invoice, InvoiceLine, InvoiceSource, LoggedSpend, Reconciliation, ReconciliationRow, ReconciliationFigures } from './report/invoice.js';
export { compareReports } from './report/compare.js';
export { renderComparisonMarkdown } from './formats/markdown.js';
export type { Comparison, ComparableReport, ChangeRow, ChangeFigures } from './report/compare.js';
export { format as formatHtml } from './formats/html.js';
export { format as formatReportTable } from './formats/table.js';
export { format as formatReportCsv } from './formats/csv.js';
export { format as formatReportMarkdown } from './formats/markdown.js';
export { parseDimensions, DIMENSIONS, type Dimension, type ReportFormatOptions, type ReportFormatter } from './formats/report-view.js';
export { lint } from './lint/index.js';
export { LINT_RULES, SUPPRESSIBLE_RULES, loadRulePacks, BUNDLED_PACK_DIR } from './lint/index.js';
export type { LintOptions, LintResult, LintFinding, LintSummary, CallSite, CallKind, CallSiteStatus, TagPresence, LintRuleId, RulePack } from './lint/index.js';
export { runLedger, topRuns, runNames } from './report/ledger.js';
export type { RunLedger, LedgerStep, LedgerTag, RootReason, RunSummary, TopRuns, RunsResult } from './report/ledger.js';
export { loggedSpendByProvider, applyInvoice, unattributedOverInvoice } from './report/reconciliation-input.js';
export { parseComparePeriod } from './report/compare-period.js';
export { format as formatRuns } from './formats/runs-table.js';
export { metadataSchema, renderMetadataSchema, DRAFT_07 } from './export/metadata-schema.js';
export type { MetadataSchema, MetadataSchemaOptions, TagPropertySchema } from './export/metadata-schema.js';
export { litellmExport, renderLitellmConfig, BUDGET_SCOPES, BUDGET_DURATION } from './export/litellm.js';
export type { LitellmExport, LitellmOptions, EnforcedParam, TagBudget, BudgetScope } from './export/litellm.js';
