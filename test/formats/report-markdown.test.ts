import { describe, expect, it } from 'vitest';
import { escapeMarkdown, format } from '../../src/formats/markdown.js';
import { loadResult, plain } from './report-fixtures.js';

/** Cells of a GitHub table row: split on pipes not escaped by an odd run of backslashes. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let backslashes = 0;
  for (const ch of row) {
    if (ch === '|' && backslashes % 2 === 0) {
      out.push(cell);
      cell = '';
    } else cell += ch;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  out.push(cell);
  return out.slice(1, -1).map((c) => c.trim());
}

describe('markdown format', () => {
  const month = loadResult('month');

  it('opens with a heading, the totals and the unattributed line', () => {
    expect(format(month, { ...plain, by: ['feature'] }).split('\n').slice(0, 8)).toEqual([
      '## attrib report: 2026-10-01 to 2026-10-31',
      '',
      '**$2,300.00** total · 19,703 steps · 3,950 runs · attributed $2,234.81 (97.2%) · ⚠️ 3 unpriced steps · ⚠️ 2 skipped lines',
      '',
      '**Unattributed: $65.19 (2.8%)**: missing $40.00 · unknown value $20.19 · conflict $5.00',
      '',
      'Unknown feature values: legacy-digest $15.19, inbox_triage $5.00',
      '',
    ]);
  });

  it('renders sections as GitHub tables with status emojis, tier actions and a bold totals row', () => {
    const out = format(month, { ...plain, by: ['feature'] });
    const table = out.slice(out.indexOf('### By feature'), out.indexOf('### Tools')).trim().split('\n');
    expect(table).toEqual([
      '### By feature',
      '',
      '| Feature | Team | Cost | Share | Steps | Runs | Budget | Variance | Status | Action |',
      '| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
      '| contract-redline | legal | $1,634.56 | 71.1% | 5,000 | 400 | $1,000.00 | +$634.56 | 🔴 over | **alert owning team** |',
      '| inbox-triage | mail | $500.00 | 21.7% | 12,000 | 3,000 | $600.00 | -$100.00 | 🟡 near |  |',
      '| smart-compose | mail | $100.25 | 4.4% | 2,000 | 500 | $900.00 | -$799.75 | 🟢 under |  |',
      '| semantic-search | search | $0.0042 | <0.1% | 3 | 2 | $250.00 | -$250.00 | 🟢 under |  |',
      '| (unattributed) |  | $65.19 | 2.8% | 700 | 90 |  |  | ⚪ no-budget |  |',
      '| **Total** |  | **$2,300.00** | **100.0%** | **19,703** | **3,950** |  |  |  |  |',
    ]);
  });

  it('lists tools with their consumers, the org line and every flag (run flags by kind)', () => {
    const out = format(month, { ...plain, by: ['team'] });
    expect(out).toContain('| vector-search | search | $12.50 | 3,000 | inbox-triage $10.00<br>contract-redline $2.00<br>(unattributed) $0.50 | table tools.vector-search: 2,500 steps, $12.50<br>unpriced: 500 steps, $0 |');
    expect(out).toContain('**Org**: $2,300.00 · budget $5,000.00 · variance -$2,700.00 · 🟢 under');
    expect(out.slice(out.indexOf('### Flags')).trim().split('\n')).toEqual([
      '### Flags (9)',
      '',
      '- 🔴 **hard-cap** team legal: legal spent $1,634.56 of its $1,500.00 hard cap: acknowledgement required',
      '- 🔴 **over-budget** feature contract-redline: contract-redline spent $1,634.56 of its $1,000.00 budget: alert the legal team',
      '- 🟡 **near-budget** feature inbox-triage: inbox-triage is at 83% of its budget',
      '- 🟡 **outlier-tenant** tenant ws_acme: ws_acme cost $1,800.00, 12x the median tenant',
      '- 🟡 **conflicting-tags** 4 runs: run_3, run_7, run_9, run_12',
      '- 🟡 **environment-mixing** 1 run: run_5',
    ]);
  });

  it('counts the run flags it does not list', () => {
    const many = { ...month, flags: Array.from({ length: 25 }, (_, i) => ({ kind: 'environment-mixing', scope: 'run', key: `r${i}`, message: 'mixed' })) };
    expect(format(many, { ...plain, by: ['model'] })).toContain(
      '- 🟡 **environment-mixing** 25 runs: r0, r1, r2, r3, r4, r5, r6, r7, r8, r9 and 15 more (see `--format json`)',
    );
  });

  it('escapes markdown, HTML and control characters', () => {
    expect(escapeMarkdown('*b* _i_ `c` [l](x) \\ ~s~ | # ! $x$')).toBe('\\*b\\* \\_i\\_ \\`c\\` \\[l\\](x) \\\\ \\~s\\~ \\| # ! \\$x\\$');
    expect(escapeMarkdown('<img src=x onerror=alert(1)> &amp;')).toBe('&lt;img src=x onerror=alert(1)> &amp;amp;');
    expect(escapeMarkdown('a\nb\u001b[0m')).toBe('a\\\\x0ab\\\\x1b\\[0m');
  });

  it('escapes only what could start markdown, so names and amounts stay readable in the raw text', () => {
    expect(escapeMarkdown('feat-183')).toBe('feat-183');
    expect(escapeMarkdown('inbox_triage ws_acme')).toBe('inbox_triage ws_acme');
    expect(escapeMarkdown('_lead_ and trail_')).toBe('\\_lead\\_ and trail\\_');
    expect(escapeMarkdown('spent $1,634.56 of (+$1,500.00) and $x$')).toBe('spent $1,634.56 of (+$1,500.00) and \\$x\\$');
    // Two amounts can never pair into a formula: the one that could close one is escaped.
    expect(escapeMarkdown('$1$')).toBe('$1\\$');
    expect(escapeMarkdown('a # b!')).toBe('a # b!');
    // `<` only where it could open a tag or autolink; `>` only where it could start a quote.
    expect(escapeMarkdown('<0.1% of a -> b')).toBe('<0.1% of a -> b');
    expect(escapeMarkdown('<b> </x> <!-- <?x > q')).toBe('&lt;b> &lt;/x> &lt;!-- &lt;?x > q');
    expect(escapeMarkdown('> quoted')).toBe('&gt; quoted');
  });

  it('shows mentions, issue references, emails and URLs as code spans, which GitHub never links or notifies on', () => {
    expect(escapeMarkdown('@octocat')).toBe('`@octocat`');
    expect(escapeMarkdown('ping @org/team now')).toBe('ping `@org/team` now');
    expect(escapeMarkdown('see https://evil.example/x?a=1 or www.evil.example')).toBe('see `https://evil.example/x?a=1` or `www.evil.example`');
    expect(escapeMarkdown('HTTP://X.Y mailto:a@b.c bob@corp.example')).toBe('`HTTP://X.Y` `mailto:a@b.c` `bob@corp.example`');
    expect(escapeMarkdown('fixes #12 and GH-7, org/repo#3')).toBe('fixes `#12` and `GH-7,` `org/repo#3`');
    // A backtick or pipe cannot end the code span early or split the cell: words are cut there and escaped.
    expect(escapeMarkdown('x`@a|@b_c')).toBe('x\\``@a`\\|`@b_c`');
    // No zero-width trick: an invisible character is escaped visibly, and the word is still a code span.
    expect(escapeMarkdown('@\u200boctocat')).toBe('`@\\u200boctocat`');
    // A plain `#` heading marker or a lone name stays ordinary escaped text.
    expect(escapeMarkdown('# team_a')).toBe('\\# team_a');
  });

  it('neutralises mentions in every data cell of the report', () => {
    const tenants = [{ ...month.byTenant[0]!, key: '@octocat' }, { ...month.byTenant[0]!, key: 'https://evil.example' }];
    const out = format({ ...month, byTenant: tenants }, { ...plain, by: ['tenant'] });
    expect(out).toContain('| `@octocat` |');
    expect(out).toContain('| `https://evil.example` |');
    expect(out).not.toMatch(/(?<!`)@octocat/);
  });

  describe('hostile strings', () => {
    const out = format(loadResult('hostile'), { ...plain, by: ['tenant', 'workload_class', 'feature'] });

    it('keeps every table row to its columns, whatever pipes and newlines the keys hold', () => {
      const tables = out.split('\n\n').filter((block) => block.startsWith('| ')).map((block) => block.split('\n'));
      // tenant, workload class, feature: heading + rule + rows + totals; tools: heading + rule + rows
      expect(tables.map((rows) => rows.length)).toEqual([2 + 6 + 1, 2 + 1 + 1, 2 + 2 + 1, 2 + 1]);
      for (const rows of tables) {
        const width = cells(rows[0]!).length;
        for (const row of rows) expect(cells(row)).toHaveLength(width);
      }
    });

    it('leaves no HTML tag, no raw escape and no live emphasis', () => {
      expect(out.replaceAll('<br>', '')).not.toMatch(/<[a-z]/i);
      expect(out).not.toContain('\u001b');
      expect(out).toContain('| =cmd\\|\' /C calc\'!A0 | $30.00 | 30.0% | 10 | 2 | $15.00 | ⚠️ outlier |');
      expect(out).toContain('| \\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\\\ \\~s\\~ | $100.00 |');
      expect(out).toContain('| \\_\\_proto\\_\\_ | &lt;img src=x onerror=alert(1)> | $40.00 |');
      expect(out).toContain('- 🟡 **conflicting-tags** 1 run: run\\|1\\\\x0a&lt;img src=x onerror=alert(1)>');
      expect(out).toContain(
        // An OSC 8 hyperlink: escaped, and the URL inside it is a code span, which GitHub never links.
        "Unknown feature values: =cmd\\|' /C calc'!A0 $20.00, `\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07` $15.00, &lt;script>alert(1)&lt;/script> $10.00",
      );
    });

    it('states the unattributed breach and the global-cap emergency', () => {
      expect(out).toContain('🔴 Breaches `org.unattributed_max_pct`: 60% of spend is unattributed, above org.unattributed_max_pct (5%)');
      expect(out).toContain('**Org**: $100.00 · budget $50.00 · variance +$50.00 · 🔴 over · **EMERGENCY**');
    });
  });
});

describe('markdown size', () => {
  const month = loadResult('month');
  // A month with 5,000 tenants (long names), 5,000 features, 5,000 flags and 5,000 unknown feature
  // values: 295k characters before caps, 4.5x GitHub's 65,536-character comment limit.
  const n = 5000;
  const name = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, '0')}-${'x'.repeat(180)}`;
  const big = {
    ...month,
    totals: { ...month.totals, costUsd: 125_025 },
    byTenant: Array.from({ length: n }, (_, i) => ({ key: name('tenant', i), costUsd: (n - i) / 100, steps: 3, runs: 2, outlier: i < 10, costPerRunUsd: (n - i) / 200 })),
    byFeature: Array.from({ length: n }, (_, i) => ({ key: name('feature', i), team: 'mail', costUsd: 1, steps: 1, runs: 1, budgetUsd: 0.5, varianceUsd: 0.5, status: 'over' as const })),
    flags: Array.from({ length: n }, (_, i) => ({ kind: 'outlier-tenant', scope: 'tenant', key: name('tenant', i), message: `tenant cost ${'y'.repeat(300)}` })),
    unattributed: [{ bucket: 'unknown-value' as const, costUsd: n, steps: n, values: Array.from({ length: n }, (_, i) => ({ value: name('value', i), costUsd: 1, steps: 1 })) }],
  };

  it('stays under 60,000 characters by default whatever the data, and says what it cut', () => {
    const out = format(big, { ...plain, by: ['feature', 'tenant'] });
    expect(out.length).toBeLessThan(60_000);
    expect(out).toContain('| _… 4,990 more tenants_ |');
    expect(out).toContain('| _… 4,990 more features_ |');
    expect(out).toMatch(/_Showing the top 10 rows of each section; not shown: 4,990 features, 4,990 tenants, 4,990 flags, 4,990 unknown feature values\./);
  });

  it('keeps the totals exact: the shown rows and the "more" row add up to the total', () => {
    const out = format(big, { ...plain, by: ['tenant'] });
    const tenantTable = out.slice(out.indexOf('### By tenant'), out.indexOf('### Tools'));
    const costs = tenantTable.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Tenant') && !line.startsWith('| :--'))
      .map((line) => Math.round(Number(cells(line)[1]!.replace(/[*_$,]/g, '')) * 100));
    // 10 shown, 1 more, 1 total: $50.00 + $49.99 + ... + $49.91, the rest, and sum_{k=1}^{5000} k / 100 = $125,025.00.
    expect(costs).toHaveLength(12);
    expect(costs.at(-1)).toBe(12_502_500);
    expect(costs.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(12_502_500);
  });

  it('gives every row with --all (the user asked), and cuts long names in cells', () => {
    const out = format(big, { ...plain, by: ['tenant'], top: Infinity });
    expect(out.length).toBeGreaterThan(60_000);
    expect(out).not.toContain('more tenants');
    expect(out).toContain(`| ${name('tenant', 0).slice(0, 159)}… |`);
  });
});
