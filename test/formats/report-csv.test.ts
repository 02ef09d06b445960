import { describe, expect, it } from 'vitest';
import { format, neutraliseFormula } from '../../src/formats/csv.js';
import { loadResult, plain } from './report-fixtures.js';

describe('csv format', () => {
  const month = loadResult('month');

  it('writes one row per feature by default, amounts as plain decimals, no totals row', () => {
    expect(format(month, plain)).toBe(
      [
        'key,team,cost_usd,share_pct,steps,runs,budget_usd,variance_usd,status,action',
        'contract-redline,legal,1634.56,71.0678,5000,400,1000,634.56,over,alert owning team',
        'inbox-triage,mail,500,21.7391,12000,3000,600,-100,near,',
        'smart-compose,mail,100.25,4.3587,2000,500,900,-799.75,under,',
        'semantic-search,search,0.0042,0.0002,3,2,250,-249.9958,under,',
        '(unattributed),,65.1858,2.8342,700,90,,,no-budget,',
        '',
      ].join('\n'),
    );
  });

  it('keeps cost_usd exact: the rows sum to the total', () => {
    const rows = format(month, { ...plain, by: ['model'] }).trim().split('\n').slice(1);
    const micros = rows.map((row) => Math.round(Number(row.split(',')[1]) * 1e6));
    expect(micros.reduce((a, b) => a + b, 0)).toBe(Math.round(month.totals.costUsd * 1e6));
  });

  it('adds a dimension column and the union of columns, in a fixed order, when there are several', () => {
    const out = format(month, { ...plain, by: ['model', 'environment'] }).split('\n');
    expect(out[0]).toBe('dimension,key,cost_usd,share_pct,steps,runs,input_tokens,output_tokens');
    expect(out.slice(1)).toEqual([
      'model,claude-sonnet-4,1599.99,69.5648,4000,,200000000,20000000',
      'model,gpt-4o-mini,700,30.4348,15000,,30000000,5000000',
      'model,text-embedding-3-small,0.01,0.0004,703,,500000,0',
      'environment,production,2250,97.8261,19000,3900,,',
      'environment,staging,50,2.1739,703,50,,',
      '',
    ]);
  });

  it('has a header that depends on --by only, not on the data', () => {
    const empty = { ...month, byTenant: [] };
    expect(format(empty, { ...plain, by: ['tenant'] })).toBe('key,cost_usd,share_pct,steps,runs,cost_per_run_usd,outlier\n');
  });

  it('neutralises formulas (OWASP), quotes per RFC 4180 and makes escape sequences visible', () => {
    const out = format(loadResult('hostile'), { ...plain, by: ['tenant', 'feature'] });
    expect(out).toBe(
      [
        'dimension,key,team,cost_usd,share_pct,steps,runs,cost_per_run_usd,budget_usd,variance_usd,status,action,outlier',
        "tenant,'=cmd|' /C calc'!A0,,30,30,10,2,15,,,,,true",
        'tenant,\\x1b[31mred\\x1b[0m,,25,25,10,2,12.5,,,,,false',
        'tenant,"a|b\nc",,20,20,10,2,10,,,,,false',
        "tenant,' +SUM(A1),,10,10,10,2,5,,,,,false",
        'tenant,"\'@HYPERLINK(""http://x"")",,10,10,10,2,5,,,,,false',
        "tenant,'\t-2+3,,5,5,10,2,2.5,,,,,false",
        'feature,__proto__,<img src=x onerror=alert(1)>,40,40,20,4,,30,10,over,alert owning team,',
        'feature,(unattributed),,60,60,40,8,,,,no-budget,,',
        '',
      ].join('\n'),
    );
  });

  it('prefixes exactly the cells a spreadsheet would evaluate', () => {
    for (const cell of ['=1+2', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '  =1', '\n-1']) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['a=1', 'ws_acme', '', '1-2', "'quoted", '(none)']) expect(neutraliseFormula(cell)).toBe(cell);
  });
});
