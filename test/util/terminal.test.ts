import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal, sanitizeInline, sanitizeKeepingLineBreaks } from '../../src/util/terminal.js';
import { didYouMean } from '../../src/util/did-you-mean.js';

describe('terminal sanitising', () => {
  it('makes ANSI/OSC escapes, C1 controls and bidi overrides visible', () => {
    expect(sanitizeForTerminal('ws_\u001b[31mred\u001b]8;;http://x\u0007')).toBe('ws_\\x1b[31mred\\x1b]8;;http://x\\x07');
    expect(sanitizeForTerminal('a\u009bb')).toBe('a\\x9bb');
    expect(sanitizeForTerminal('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
  });

  it('makes invisible characters visible: zero-width space/joiners, word joiner, U+FEFF, soft hyphen, tag characters', () => {
    // Each of these would make `ws_acme` and a look-alike print the same; every one is Unicode category Cf.
    expect(sanitizeInline('ws\u200b_\u200c\u200dac\u2060me\ufeff\u00ad')).toBe('ws\\u200b_\\u200c\\u200dac\\u2060me\\ufeff\\xad');
    // Tag characters (U+E0000 block) are astral: escaped as one code point, not as two surrogates.
    expect(sanitizeInline('a\u{e0041}\u{e007f}')).toBe('a\\u{e0041}\\u{e007f}');
    // Bidi isolates and marks as well as overrides; LRM/RLM and the Arabic letter mark.
    expect(sanitizeInline('\u2066x\u2069\u200e\u200f\u061c')).toBe('\\u2066x\\u2069\\u200e\\u200f\\u061c');
    // Visible text (accents, CJK, emoji without joiners) passes unchanged.
    expect(sanitizeInline('café 日本 🎉')).toBe('café 日本 🎉');
  });

  it('keeps CR for formats that encode line breaks themselves', () => {
    expect(sanitizeKeepingLineBreaks('a\r\n\tb\u202e\u001b')).toBe('a\r\n\tb\\u202e\\x1b');
  });

  it('keeps tabs and newlines in text, escapes them inside a cell', () => {
    expect(sanitizeForTerminal('a\tb\nc')).toBe('a\tb\nc');
    expect(sanitizeInline('a\tb\nc\r')).toBe('a\\x09b\\x0ac\\x0d');
  });
});

describe('did-you-mean', () => {
  it.each([
    ['prod', ['production', 'staging', 'eval'], 'production'],
    ['inbox-triag', ['inbox-triage', 'smart-compose'], 'inbox-triage'],
    ['workloadClass', ['workload_class', 'tenant'], 'workload_class'],
    ['tennant', ['tenant', 'team'], 'tenant'],
    ['mial', ['mail', 'legal'], 'mail'],
    ['registy', ['registry', 'values'], 'registry'],
  ])('%s -> %s', (input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toBe(expected);
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('billing', ['production', 'staging'])).toBeUndefined();
    expect(didYouMean('st', ['staging', 'stable'])).toBeUndefined();
    expect(didYouMean('', ['a'])).toBeUndefined();
  });
});
