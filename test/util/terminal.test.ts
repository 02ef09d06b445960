import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal, sanitizeInline } from '../../src/util/terminal.js';
import { didYouMean } from '../../src/util/did-you-mean.js';

describe('terminal sanitising', () => {
  it('makes ANSI/OSC escapes, C1 controls and bidi overrides visible', () => {
    expect(sanitizeForTerminal('ws_\u001b[31mred\u001b]8;;http://x\u0007')).toBe('ws_\\x1b[31mred\\x1b]8;;http://x\\x07');
    expect(sanitizeForTerminal('a\u009bb')).toBe('a\\x9bb');
    expect(sanitizeForTerminal('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
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
