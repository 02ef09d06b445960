/**
 * `attrib runs RUN_ID` on a terminal: the run as a tree (box-drawing characters), one line per step
 * with aligned columns (step, kind, model or tool, tokens in -> out, cost, marks), and under it each
 * attribution tag with where its value came from. Every string from a log goes through sanitizeInline.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { LedgerStep, LedgerTag, RootReason, RunLedger } from '../report/ledger.js';
import { ATTRIBUTION_TAGS } from '../report/step.js';
import { formatCount } from './numbers.js';
import { sanitizeInline } from '../util/terminal.js';
import type { FormatOptions } from './types.js';
import { maxOf } from '../util/arrays.js';

const ROOT_REASONS: Readonly<Record<RootReason, string | undefined>> = {
  'no-parent': undefined,
  'parent-not-in-logs': 'parent not in the logs',
  'parent-in-other-run': 'parent in another run',
  cycle: 'parent chain loops',
};

interface Line {
  /** Tree prefix of the step line, and of the lines under it. */
  head: string;
  under: string;
  step: LedgerStep;
  /** 0 for roots. */
  depth: number;
}

/**
 * Levels drawn with their own indentation. An agent loop can chain thousands of steps; past this
 * depth the indentation stops growing (each line then names its depth) so the output stays linear.
 */
const MAX_DRAWN_DEPTH = 24;

/** Depth-first, children in the order they were read; iterative so a long chain cannot overflow. */
function flatten(roots: readonly LedgerStep[]): Line[] {
  const lines: Line[] = [];
  const stack: Line[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push({ step: roots[r]!, head: '', under: '', depth: 0 });
  while (stack.length > 0) {
    const item = stack.pop()!;
    lines.push(item);
    const kids = item.step.children;
    const deep = item.depth + 1 > MAX_DRAWN_DEPTH;
    for (let k = kids.length - 1; k >= 0; k--) {
      const last = k === kids.length - 1;
      const head = `${item.under}${deep ? '┆  ' : last ? '└─ ' : '├─ '}`;
      const under = deep ? item.under : `${item.under}${last ? '   ' : '│  '}`;
      stack.push({ step: kids[k]!, head, under, depth: item.depth + 1 });
    }
  }
  return lines;
}

/** Exact to the micro-dollar (what the report sums), so a run's steps visibly add up to its total. */
const exactUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 6, maximumFractionDigits: 6 });
const money = (usd: number) => exactUsd.format(usd);

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - text.length)) + text;

function what(step: LedgerStep): string {
  if (step.tool !== null) return sanitizeInline(step.toolOwner === null ? step.tool : `${step.tool} (${step.toolOwner})`);
  return step.model === null ? '' : sanitizeInline(step.model);
}

function tokens(step: LedgerStep): string {
  if (step.inputTokens === 0 && step.outputTokens === 0) return '';
  const cached = step.cachedInputTokens > 0 ? ` (${formatCount(step.cachedInputTokens)} cached)` : '';
  return `${formatCount(step.inputTokens)}${cached} -> ${formatCount(step.outputTokens)}`;
}

function marks(step: LedgerStep, c: ChalkInstance): string[] {
  const list: string[] = [];
  if (step.structural) list.push(c.cyan('[structural: passes tags on, not counted]'));
  else if (!step.counted) list.push(c.dim('[outside the period]'));
  if (step.unpriced) list.push(c.yellow('[unpriced]'));
  if (!step.structural && step.status !== 'attributed') list.push(c.red(`[unattributed: ${step.status}]`));
  const reason = step.root === undefined ? undefined : ROOT_REASONS[step.root];
  if (reason !== undefined) list.push(c.dim(`[root: ${reason}]`));
  return list;
}

function tag(name: string, t: LedgerTag, c: ChalkInstance): string {
  if (t.value === null) return c.yellow(`${name}=– (missing)`);
  const source = t.source === 'own' ? c.dim('(own)') : c.cyan(`(${t.source})`);
  return `${name}=${sanitizeInline(t.value)} ${source}`;
}

export function formatRunTree(ledger: RunLedger, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines = flatten(ledger.roots);
  const rows = lines.map((line) => ({
    line,
    label: `${line.head}${line.step.stepId === null ? '(no step id)' : sanitizeInline(line.step.stepId)}${line.depth > MAX_DRAWN_DEPTH ? ` (depth ${line.depth})` : ''}`,
    kind: line.step.kind,
    what: what(line.step),
    tokens: tokens(line.step),
    cost: line.step.structural ? '–' : money(line.step.costUsd),
  }));
  const width = (pick: (r: (typeof rows)[number]) => string) => maxOf(rows, (r) => pick(r).length);
  const w = { label: width((r) => r.label), kind: width((r) => r.kind), what: width((r) => r.what), tokens: width((r) => r.tokens), cost: width((r) => r.cost) };

  const t = ledger.totals;
  const out = [
    `${c.bold('run')} ${c.bold(sanitizeInline(ledger.run))}  ${ledger.period.from} to ${ledger.period.to}`,
    [
      c.bold(money(t.costUsd)),
      `${formatCount(t.steps)} ${t.steps === 1 ? 'step' : 'steps'}`,
      `${formatCount(t.inputTokens)} -> ${formatCount(t.outputTokens)} tokens`,
      ...(t.structuralRecords > 0 ? [`${formatCount(t.structuralRecords)} structural`] : []),
      ...(t.outsidePeriod > 0 ? [`${formatCount(t.outsidePeriod)} outside the period`] : []),
    ].join(' · '),
    c.dim('step, kind, model or tool, tokens in -> out, cost; tags with their source: own, ancestor, run, registry'),
    '',
  ];
  for (const r of rows) {
    const { step, under } = r.line;
    const cells = [pad(r.label, w.label), pad(r.kind, w.kind), pad(r.what, w.what), padStart(r.tokens, w.tokens), padStart(r.cost, w.cost), ...marks(step, c)];
    out.push(cells.join('  ').trimEnd());
    const below = `${under}${step.children.length > 0 ? '│  ' : '   '}`;
    const tags = ATTRIBUTION_TAGS.map((name) => tag(name, step.tags[name], c));
    out.push(`${below}${c.dim(`${step.ts.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  ${sanitizeInline(step.file)}${step.line > 0 ? `:${step.line}` : ''}`)}`);
    out.push(`${below}${tags.join('  ')}`);
  }
  return `${out.join('\n')}\n`;
}
