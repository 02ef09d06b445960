import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { format, CONTENT_SECURITY_POLICY } from '../../src/formats/html.js';
import { escapeHtml, html } from '../../src/formats/html/escape.js';
import { reportFormats } from '../../src/formats/index.js';
import { STYLESHEET } from '../../src/formats/html/style.js';
import { fullReport, october, HOSTILE_TENANT } from './html-fixture.js';

const options = { color: false, cwd: '/' };

describe('escapeHtml and the html tag', () => {
  it('escapes metacharacters, control and bidi characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('red\u001b[31m\nx\u202eevil')).toBe('red\\x1b[31m\\x0ax\\u202eevil');
  });

  it('escapes interpolations and passes nested html through', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x'}">${inner}${['<', 1]}${null}${false}</p>`.value).toBe('<p title="&quot;x"><b>&lt;i&gt;</b>&lt;1</p>');
  });
});

describe('html format', () => {
  const page = format(fullReport(), options);

  it('is registered as a report format', async () => {
    expect(await reportFormats.html()).toBe(format);
  });

  it('is one self-contained document: no script, no external reference, a strict CSP', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page).not.toMatch(/<[^>]*\s(src|href|on\w+)=/i); // attributes, not the escaped text of a tenant name
    expect(page).not.toMatch(/ style=/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`);
    const hash = createHash('sha256').update(STYLESHEET).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`);
    expect(page).toContain(`<style>${STYLESHEET}</style>`);
  });

  it('escapes every hostile value from the logs', () => {
    expect(page).not.toContain(HOSTILE_TENANT);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;'); // a tool name
    expect(page).toContain('<td class="key">run_913</td><td>1 run</td>'); // run flags by kind, as in table and markdown
    expect(page).toContain('support\\x1b[31m'); // an ANSI escape in a message
    expect(page).toContain('prod\\u202eelif'); // a bidi override in an environment
    expect(page).toContain('<td class="key">&lt;b&gt;inbox&lt;/b&gt;__proto__</td>'); // an unknown feature value
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/);
  });

  it('shows every section with charts and plain tables', () => {
    for (const id of ['attribution', 'reconciliation', 'budgets', 'comparison', 'daily', 'tenants', 'tools', 'dimensions', 'flags']) {
      expect(page, id).toContain(`<section id="${id}">`);
    }
    expect(page.match(/<svg /g)).toHaveLength(6); // attribution, teams, features, waterfall, daily, tenants
    expect(page.match(/<table>/g)!.length).toBeGreaterThanOrEqual(13);
    // The same words as table and markdown (one report view).
    expect(page).toContain('<td>acknowledgement required</td>'); // legal is over its hard cap
    expect(page).toContain('<td>alert owning team</td>'); // contract-redline is over its soft cap
    expect(page).toContain('<span class="badge outlier">outlier</span>');
    expect(page).toContain('class="projection s0"'); // legal, the biggest team, is projected to month end
  });

  it('leaves out the optional sections when the report has none, and is deterministic', () => {
    const plain = format(october(), options);
    expect(plain).not.toContain('id="reconciliation"');
    expect(plain).not.toContain('id="comparison"');
    expect(format(october(), options)).toBe(plain);
  });
});

describe('html size and numbers', () => {
  it('draws the attributed bar as wide as its share', () => {
    const result = october();
    const t = result.totals;
    const bar = /<rect class="seg attributed" x="0" y="0" width="([\d.]+)"/.exec(format(result, options))![1]!;
    // 760 px wide in all; the segments are attributed + the three unattributed buckets = the total.
    expect(Number(bar) / 760).toBeCloseTo(t.attributedCostUsd / t.costUsd, 3);
  });

  it('writes money, shares and counts as table and markdown do', () => {
    const page = format(october(), options);
    expect(page).not.toMatch(/\$\d+\.\d{3,}(?!\d)[^<]*\(0\.0%\)/); // no `$0.556424 (0.0%)`
    expect(page).toContain(`<dd>${october().totals.steps.toLocaleString('en-US')} · `);
  });

  it('caps every table with a "more" row: 5,000 tenants make a page of bounded size', () => {
    const result = october();
    const tenants = Array.from({ length: 5000 }, (_, i) => ({ key: `tenant-${i}`, costUsd: (5000 - i) / 100, steps: 3, runs: 2, outlier: false, costPerRunUsd: 0.01 }));
    const page = format({ ...result, byTenant: tenants }, options);
    expect(page.length).toBeLessThan(250_000);
    expect(page).toContain('<tr class="more"><td class="key">… 4,980 more tenants</td>');
    expect(page).toContain('Showing the top 20 rows of each section; not shown: 4,980 tenants');
  });
});

describe('daily chart', () => {
  it('draws the seven costliest teams and sums the others into one line', () => {
    const result = october();
    const day = result.daily[0]!;
    // Ten teams on the first day, team t9 costliest ($10), t0 cheapest ($1).
    const daily = Array.from({ length: 10 }, (_, i) => ({ ...day, team: `t${i}`, costUsd: i + 1 }));
    const page = format({ ...result, daily, forecast: [] }, options);
    const chart = page.slice(page.indexOf('<section id="daily">'), page.indexOf('</section>', page.indexOf('<section id="daily">')));
    expect(chart.match(/<polyline /g)).toHaveLength(8);
    expect(chart).toContain('<th class="num">… 3 more teams</th>');
    // The other three, t0..t2, cost $1 + $2 + $3 on that day.
    expect(chart).toMatch(/<td class="num">\$6\.00<\/td><\/tr>/);
  });
});

describe('month-end forecast table', () => {
  it('says how each row was projected: the 7-day run-rate with its daily figure, or linear', () => {
    const result = october();
    // As test/report/forecast.test.ts computes them: smart-compose at $50 a day over Oct 8-14 ->
    // 350 + 50 x 17 = $1,200 (linear 350 x 31 / 14 = $775); a linear row after 5 days.
    const row = { scope: 'feature' as const, month: '2026-10', budgetUsd: 900 };
    const forecast = [
      { ...row, key: 'smart-compose', costToDateUsd: 350, projectedUsd: 1200, projectedOver: true, method: 'run-rate-7d' as const, linearProjectedUsd: 775, runRateDailyUsd: 50 },
      { ...row, key: 'inbox-triage', costToDateUsd: 250, projectedUsd: 1550, projectedOver: true, method: 'linear' as const, linearProjectedUsd: 1550, runRateDailyUsd: null },
    ];
    const page = format({ ...result, forecast }, options);
    const table = page.slice(page.indexOf('<h3>Month-end forecast</h3>'), page.indexOf('</table>', page.indexOf('<h3>Month-end forecast</h3>')));
    expect(table).toContain('<th>Method</th>');
    expect(table).toContain('<td class="key">smart-compose</td><td>2026-10</td><td class="num">$350.00</td><td class="num">$1,200.00</td><td class="num">$900.00</td><td>7-day run-rate, $50.00 a day</td>');
    expect(table).toContain('<td class="num">$1,550.00</td><td class="num">$900.00</td><td>linear</td>');
  });
});
