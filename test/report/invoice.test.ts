import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  combineInvoices,
  decimalToScaledInteger,
  loadInvoice,
  parseInvoiceAmount,
  parseInvoiceFile,
  reconcile,
  type Invoice,
  type LoggedSpend,
} from '../../src/report/invoice.js';
import { ConfigError } from '../../src/util/errors.js';

const fixtures = fileURLToPath(new URL('../../fixtures/invoices/', import.meta.url));
const read = (name: string): Invoice => parseInvoiceFile(readFileSync(fixtures + name, 'utf8'), `fixtures/invoices/${name}`);
const october = { from: '2026-10-01', to: '2026-10-31' };
/** Sum of an invoice's lines in the period, in USD (what reconcile reports as invoiceUsd). */
const billed = (invoice: Invoice, period = october) => reconcile(invoice, [], period).invoiceUsd;

// Logged spend per provider, integer micro-dollars (what the report core hands over).
const logged: LoggedSpend[] = [
  { provider: 'openai', attributedMicros: 300_123_456, unattributedMicros: 20_500_000 },
  { provider: 'Anthropic', attributedMicros: 200_000_000, unattributedMicros: 4_722_126 },
  { provider: 'azure', attributedMicros: 5_000_000, unattributedMicros: 0 },
];

describe('decimalToScaledInteger', () => {
  it('parses decimal text exactly and rounds half away from zero', () => {
    expect(decimalToScaledInteger('0.1', 6)).toBe(100_000n);
    expect(decimalToScaledInteger('3.4567891', 6)).toBe(3_456_789n);
    expect(decimalToScaledInteger('0.0000005', 6)).toBe(1n);
    expect(decimalToScaledInteger('-0.0000005', 6)).toBe(-1n);
    expect(decimalToScaledInteger('1e-7', 12)).toBe(100_000n);
    expect(decimalToScaledInteger('2.5E3', 0)).toBe(2500n);
    expect(decimalToScaledInteger('.5', 0)).toBe(1n);
  });

  it('refuses what is not a finite decimal', () => {
    for (const bad of ['', '.', 'abc', '1,5', '1e400', 'NaN', 'Infinity', '0x10']) {
      expect(decimalToScaledInteger(bad, 6), bad).toBeUndefined();
    }
  });
});

describe('invoice parsing', () => {
  it('reads an OpenAI Costs API page: the period sum of amount.value, not float arithmetic', () => {
    const invoice = read('openai-costs-2026-10.json');
    expect(invoice.source).toBe('openai-costs');
    expect(invoice.lines).toHaveLength(8);
    expect(invoice.lines.every((l) => l.provider === 'openai')).toBe(true);
    // October: 3.4567891 + 10.2 + 0.0004 + 120.5 + 240.75 + 0.1 + 0.2 = 375.2071891 -> 375.207189
    expect(billed(invoice)).toBe(375.207189);
    // Without a period the 2026-09-30 bucket (1.25) counts too.
    expect(reconcile(invoice, []).invoiceUsd).toBe(376.457189);
    expect(reconcile(invoice, [], october).outsidePeriodUsd).toBe(1.25);
  });

  it('reads an Anthropic cost report: amounts are cents as decimal strings', () => {
    const invoice = read('anthropic-cost-report-2026-10.json');
    expect(invoice.source).toBe('anthropic-cost-report');
    // 12345.678 + 0.0345 + 9876.5 + 250 + 0.00005 cents = 22472.21255 cents = $224.7221255 -> 224.722126
    expect(billed(invoice)).toBe(224.722126);
    // The 2026-11-01 bucket: 1000 cents = $10.
    expect(reconcile(invoice, [], october).outsidePeriodUsd).toBe(10);
    expect(reconcile(invoice, []).invoiceUsd).toBe(234.722126);
  });

  it('reads a provider,amount_usd CSV, lower-casing and summing repeated providers', () => {
    const invoice = read('invoice-2026-10.csv');
    expect(invoice.source).toBe('csv');
    const result = reconcile(invoice, [], october);
    expect(result.byProvider.map((r) => [r.provider, r.invoiceUsd])).toEqual([
      ['anthropic', 224.72],
      ['google', 50],
      ['openai', 375.21],
    ]);
    expect(result.invoiceUsd).toBe(649.93);
  });

  it('notes an incomplete page and lines in other currencies', () => {
    expect(read('openai-costs-page1-has-more.json').notes.join('\n')).toMatch(/has_more is true/);
    const eur = parseInvoiceFile(
      JSON.stringify({ data: [{ starting_at: '2026-10-01T00:00:00Z', results: [{ currency: 'EUR', amount: '100' }, { currency: 'USD', amount: '100' }] }] }),
      'eur.json',
    );
    expect(eur.notes).toEqual(['Lines in EUR were left out: attrib reconciles USD only.']);
    expect(billed(eur)).toBe(1);
  });

  it('takes an array of saved pages as one response', () => {
    const page = JSON.parse(readFileSync(`${fixtures}openai-costs-2026-10.json`, 'utf8'));
    expect(billed(parseInvoiceFile(JSON.stringify([page, page]), 'pages.json'))).toBe(750.414378);
  });

  it('says where a bad file is wrong, as a ConfigError', () => {
    // A European decimal comma is ambiguous next to a thousands separator: refused, with the line.
    expect(() => read('bad-amount.csv')).toThrow(/bad-amount\.csv:3: amount_usd is not a decimal number: "1\.224,72"/);
    expect(() => parseInvoiceFile('{\n  "data": [,]\n}', 'broken.json')).toThrow(/^broken\.json(:2:\d+)?: not valid JSON/);
    expect(() => parseInvoiceFile('{"data":[{"results":[{"amount":true}]}]}', 'x.json')).toThrow(ConfigError);
    expect(() => parseInvoiceFile('vendor,total\nopenai,1\n', 'x.csv')).toThrow(/x\.csv:1: .*provider,amount_usd/);
    expect(() =>
      parseInvoiceFile('{"object":"page","data":[{"results":[{"amount":{"value":"ten","currency":"usd"}}]}]}', 'y.json'),
    ).toThrow(/data\[0\]\.results\[0\]\.amount\.value is not a number/);
  });

  it('reads amounts as spreadsheets and people write them: thousands separators, $ and USD', () => {
    const picos = (text: string) => parseInvoiceAmount(text)?.lines[0]!.picos;
    for (const text of ['1224.72', '1,224.72', '$1,224.72', '$ 1224.72', 'US$1,224.72', 'USD 1224.72', '1224.72 USD']) expect(picos(text), text).toBe(1_224_720_000_000_000n);
    expect(picos('$1700')).toBe(1_700_000_000_000_000n);
    for (const text of ['1,22', '12,24.72', '1.224,72', '$-5', '1e3', '$', '']) expect(picos(text), text).toBeUndefined();
    const csv = parseInvoiceFile('provider,amount_usd\nopenai,"$1,224.72"\nanthropic,375.21\n', 'export.csv');
    expect(csv.lines.map((l) => l.picos)).toEqual([1_224_720_000_000_000n, 375_210_000_000_000n]);
  });

  it('loads an amount or a file relative to cwd, and reports a missing file', async () => {
    expect(parseInvoiceAmount('600')!.lines[0]!.picos).toBe(600_000_000_000_000n);
    expect(parseInvoiceAmount('./600')).toBeUndefined();
    expect((await loadInvoice('1234.5', { cwd: '/nonexistent' })).source).toBe('amount');
    expect((await loadInvoice('invoice-2026-10.csv', { cwd: fixtures })).source).toBe('csv');
    await expect(loadInvoice('nope.json', { cwd: fixtures })).rejects.toThrow(/invoice file not found: nope\.json/);
  });
});

describe('reconcile', () => {
  it('compares the invoiced providers with their logged spend, to the micro-dollar', () => {
    const invoice = combineInvoices([read('openai-costs-2026-10.json'), read('anthropic-cost-report-2026-10.json')]);
    const r = reconcile(invoice, logged, october);
    // invoice 375.207189 + 224.722126; logged 320.623456 + 204.722126 (azure is not on the invoice)
    expect(r).toMatchObject({
      invoiceUsd: 599.929315,
      loggedUsd: 525.345582,
      unloggedUsd: 74.583733,
      attributedUsd: 500.123456,
      unattributedUsd: 25.222126,
      unownedUsd: 99.805859,
      unattributedOfInvoicePct: 16.64, // 99.805859 / 599.929315
      loggedNotInvoicedUsd: 5,
      outsidePeriodUsd: 11.25,
    });
    expect(r.byProvider).toEqual([
      {
        provider: 'anthropic',
        invoiceUsd: 224.722126,
        loggedUsd: 204.722126,
        unloggedUsd: 20,
        attributedUsd: 200,
        unattributedUsd: 4.722126,
        unownedUsd: 24.722126,
        unattributedOfInvoicePct: 11, // 24.722126 / 224.722126 = 11.0012%
      },
      {
        provider: 'azure',
        invoiceUsd: null,
        loggedUsd: 5,
        unloggedUsd: null,
        attributedUsd: 5,
        unattributedUsd: 0,
        unownedUsd: null,
        unattributedOfInvoicePct: null,
      },
      {
        provider: 'openai',
        invoiceUsd: 375.207189,
        loggedUsd: 320.623456,
        unloggedUsd: 54.583733,
        attributedUsd: 300.123456,
        unattributedUsd: 20.5,
        unownedUsd: 75.083733,
        unattributedOfInvoicePct: 20.01, // 75.083733 / 375.207189
      },
    ]);
    // The identities hold exactly in micro-dollars.
    const micros = (x: number) => Math.round(x * 1e6);
    expect(micros(r.invoiceUsd)).toBe(micros(r.loggedUsd) + micros(r.unloggedUsd));
    expect(micros(r.unownedUsd)).toBe(micros(r.unloggedUsd) + micros(r.unattributedUsd));
  });

  it('takes a bare amount against all logged spend, with no provider rows', () => {
    const r = reconcile(parseInvoiceAmount('600')!, logged, october);
    expect(r).toMatchObject({
      source: 'amount',
      invoiceUsd: 600,
      loggedUsd: 530.345582,
      unloggedUsd: 69.654418,
      attributedUsd: 505.123456,
      unownedUsd: 94.876544,
      unattributedOfInvoicePct: 15.81, // 94.876544 / 600
      byProvider: [],
      loggedNotInvoicedUsd: 0,
    });
  });

  it('says so when the logs exceed the invoice', () => {
    const r = reconcile(parseInvoiceAmount('100')!, logged);
    expect(r.unloggedUsd).toBe(-430.345582);
    // logged 530.345582 = attributed 505.123456 + unattributed 25.222126; billed 100.
    expect(r.notes.join('\n')).toContain('The logs hold $430.35 more than the invoice');
    // Attributed alone is above the bill: the unowned share would be -405.1%, which means nothing.
    expect(r.unattributedOfInvoicePct).toBeNull();
    expect(r.notes.join('\n')).toContain('The attributed spend alone ($505.12) exceeds the invoice');
  });

  it('refuses to combine a bare amount with files', () => {
    expect(() => combineInvoices([parseInvoiceAmount('1')!, read('invoice-2026-10.csv')])).toThrow(ConfigError);
  });
});

describe('invoice amounts that are not amounts', () => {
  it.each(['-5', '1e400', 'NaN', '+3', '12,50'])('%s is refused as an amount, not looked up as a file', async (arg) => {
    await expect(loadInvoice(arg, { cwd: '/nonexistent' })).rejects.toThrow(/is not a valid amount/);
  });
});
