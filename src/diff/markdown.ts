import { escapeMarkdown } from '../util/markdown.js';
import { sanitizeInline } from '../util/terminal.js';
import type { DiffChange, DiffResult } from './index.js';

/**
 * The PR comment of `attrib diff`. Everything from the code or the logs (ids, files, model and tag
 * names) is escaped with escapeMarkdown, so a model called `@org/team` or a file named like a link
 * notifies nobody and links nowhere; code spans are ours, built around escaped text.
 */
export function diffMarkdown(result: DiffResult): string {
  const lines: string[] = ['### attrib: the cost of this change', ''];
  if (result.changes.length === 0) {
    lines.push(`No call site is added, removed or altered against ${code(result.base.ref)}.`);
  } else {
    for (const sentence of result.summary) lines.push(`- ${prose(sentence)}`);
    if (result.summary.length === 0) lines.push(`- ${result.changes.length} call ${result.changes.length === 1 ? 'site changes' : 'sites change'}, none with logged spend to price.`);
    lines.push('', '| Call site | Change | Logged volume | Estimate |', '|---|---|---|---|');
    for (const c of result.changes) lines.push(`| ${siteCell(c)} | ${changeCell(c)} | ${volumeCell(c)} | ${estimateCell(c)} |`);
  }
  lines.push('');
  const base = `base ${code(result.base.ref)} (${result.base.commit.slice(0, 12)})`;
  if (result.period && result.history) {
    lines.push(`<sub>Priced with ${result.history.steps.toLocaleString('en-US')} logged steps of ${result.period.from}..${result.period.to} (${dollars(result.history.joinedCostUsd)} of ${dollars(result.history.costUsd)} joined to a call site); ${base}. Estimates reprice the same tokens at the new model's price.</sub>`);
  } else {
    lines.push(`<sub>No usage logs: nothing priced at real volume; ${base}.</sub>`);
  }
  return `${lines.join('\n')}\n`;
}

/** A sentence of the core: text between our backticks is data (escaped inside a code span), the rest escaped as text. */
function prose(sentence: string): string {
  return sentence
    .split('`')
    .map((part, i) => (i % 2 === 1 ? code(part) : escapeMarkdown(part)))
    .join('');
}

/**
 * A code span of data. GitHub links and notifies nothing inside code, and markdown is not parsed
 * there; a backtick (which would end the span) and `|` (which splits a table cell even in code)
 * become look-alikes, control and invisible characters visible escapes.
 */
function code(text: string): string {
  return `\`${sanitizeInline(text).replace(/`/g, '\u02cb').replace(/\|/g, '\u2223')}\``;
}

function siteCell(c: DiffChange): string {
  const site = (c.head ?? c.base)!;
  return `${code(c.callSiteId)}<br>${escapeMarkdown(`${site.file}:${site.line}`)}`;
}

function changeCell(c: DiffChange): string {
  if (c.change !== 'altered') {
    const site = (c.head ?? c.base)!;
    const details = [c.aspects.includes('agent-entry') ? 'agent entry' : '', site.model ? `model ${code(site.model)}` : '', c.change === 'added' && site.missing.length > 0 ? `missing ${site.missing.map(code).join(', ')}` : ''].filter((d) => d !== '');
    return `${c.change}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
  }
  const parts: string[] = [];
  for (const a of c.aspects) {
    if (a === 'model') parts.push(`model ${code(c.base?.model ?? c.history?.model ?? '?')} → ${code(c.head?.model ?? '?')}`);
    else if (a === 'tags') parts.push(`tags${c.head && c.head.missing.length > 0 ? `, missing ${c.head.missing.map(code).join(', ')}` : ''}`);
    else parts.push(a.replace('-', ' '));
  }
  return parts.join('; ');
}

function volumeCell(c: DiffChange): string {
  if (!c.history) return 'no history';
  return `${c.history.steps.toLocaleString('en-US')} steps, ${dollars(c.history.costUsd)}`;
}

function estimateCell(c: DiffChange): string {
  if (c.estimate) return `${c.estimate.perMonthUsd >= 0 ? '+' : '-'}${dollars(Math.abs(c.estimate.perMonthUsd))}/month`;
  if (c.priceRatio) return `price ×${c.priceRatio.input ?? '?'} input, ×${c.priceRatio.output ?? '?'} output`;
  return '—';
}

function dollars(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
