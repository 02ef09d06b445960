/**
 * `--format html`: one self-contained showback page. No script at all (charts are inline SVG), no
 * network (system fonts, nothing linked), and a Content-Security-Policy that allows nothing but the
 * page's own hashed stylesheet, so even an escaping bug could not run or load anything.
 */
import { createHash } from 'node:crypto';
import type { Formatter } from './types.js';
import type { ReportResult } from '../report/types.js';
import { html, SafeHtml } from './html/escape.js';
import { STYLESHEET } from './html/style.js';
import * as section from './html/sections.js';

const STYLE_HASH = createHash('sha256').update(STYLESHEET).digest('base64');
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

export const format: Formatter<ReportResult> = (result) => {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>AI spend showback ${result.period.from} – ${result.period.to}</title>
<style>${new SafeHtml(STYLESHEET)}</style>
</head>
<body>
${section.header(result)}
<main>
${section.attribution(result)}
${result.reconciliation ? section.reconciliation(result.reconciliation) : ''}
${section.budgets(result)}
${result.comparison ? section.comparison(result.comparison) : ''}
${section.daily(result)}
${section.tenants(result)}
${section.tools(result)}
${section.dimensions(result)}
${section.flags(result)}
</main>
</body>
</html>
`;
  return page.value;
};
