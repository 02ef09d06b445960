import { describe, expect, it } from 'vitest';
import { format } from '../../src/formats/stylish.js';
import { agentAppResult, finding, options, resultOf } from './lint-fixtures.js';

const TRIAGE = [
  "import OpenAI from 'openai';",
  '',
  'const client = new OpenAI();',
  '',
  'export async function triage(mail: Mail) {',
  '  return client.chat.completions.create({ model, metadata: { feature: "inbox-triage" } });',
  '}',
].join('\n');

describe('stylish format: code frames for lint findings', () => {
  it('without readSource prints exactly what it printed before (taxonomy validate relies on it)', () => {
    expect(format(agentAppResult(), options).split('\n').slice(0, 6)).toEqual([
      'src/agents/compose.ts',
      "  5:3  error    Team 'legal' does not own feature 'smart-compose' (owner: 'mail').  feature-team-mismatch",
      '',
      'src/agents/triage.ts',
      '  14:9   error    Missing required tag: parent_run_id.  missing-tags',
      "  33:7   warning  Unknown tag key 'tennant'. Did you mean 'tenant'?  unknown-tag-key",
    ]);
  });

  it('follows each finding with numbered context, a marker on its line and carets under its range', () => {
    const result = resultOf([
      finding({ file: 'src/triage.ts', line: 6, column: 10, endLine: 6, endColumn: 40 }),
      finding({ file: 'src/triage.ts', line: 1, column: 1, severity: 'warning', ruleId: 'unknown-tag-key', message: 'm' }),
    ]);
    const reads: string[] = [];
    const readSource = (file: string) => {
      reads.push(file);
      return TRIAGE;
    };
    expect(format(result, { ...options, readSource })).toBe(
      [
        'src/triage.ts',
        '  1:1   warning  m  unknown-tag-key',
        '  > 1 | import OpenAI from \'openai\';',
        '      | ^',
        '    2 |',
        '    3 | const client = new OpenAI();',
        '',
        '  6:10  error    Missing required tag: feature.  missing-tags',
        '    4 |',
        '    5 | export async function triage(mail: Mail) {',
        '  > 6 |   return client.chat.completions.create({ model, metadata: { feature: "inbox-triage" } });',
        '      |          ' + '^'.repeat(30),
        '    7 | }',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
    // The source of a file is asked for once, however many findings it has.
    expect(reads).toEqual(['src/triage.ts']);
  });

  it('runs the carets to the end of the line for a multi-line range and skips the frame when the source is gone', () => {
    const result = resultOf([
      finding({ file: 'a.ts', line: 2, column: 3, endLine: 5, endColumn: 2 }),
      finding({ file: 'gone.ts', line: 1, column: 1 }),
      finding({ file: 'a.ts', line: 99, column: 1 }),
    ]);
    const out = format(result, { ...options, readSource: (file) => (file === 'a.ts' ? 'x\r\n  foo(\r\n' : undefined) });
    expect(out.split('\n')).toEqual([
      'a.ts',
      '  2:3   error    Missing required tag: feature.  missing-tags',
      '    1 | x',
      '  > 2 |   foo(',
      '      |   ^^^^',
      '    3 |',
      '',
      '  99:1  error    Missing required tag: feature.  missing-tags',
      '',
      'gone.ts',
      '  1:1  error    Missing required tag: feature.  missing-tags',
      '',
      '✖ 3 problems (3 errors, 0 warnings)',
      '',
    ]);
  });

  it('neutralises escapes in source lines and keeps carets aligned after tabs and escapes', () => {
    const source = '\tconst s = "\u001b[2J";  call(s);';
    const column = source.indexOf('call') + 1;
    const out = format(resultOf([finding({ file: 'a.ts', line: 1, column, endLine: 1, endColumn: column + 4 })]), {
      ...options,
      readSource: () => source,
    });
    const [, , line, carets] = out.split('\n');
    expect(line).toBe('  > 1 | \tconst s = "\\x1b[2J";  call(s);');
    expect(carets).toBe('      | \t                      ^^^^');
    expect(line!.indexOf('call')).toBe(carets!.indexOf('^'));
    expect(out).not.toContain('\u001b');
  });

  it('cuts a long line to a window around the finding', () => {
    const source = `${'a'.repeat(300)}call()${'b'.repeat(300)}`;
    const out = format(resultOf([finding({ file: 'min.js', line: 1, column: 301, endLine: 1, endColumn: 307 })]), {
      ...options,
      columns: 80,
      readSource: () => source,
    });
    const [, , line, carets] = out.split('\n');
    expect(line).toMatch(/^ {2}> 1 \| …a+call\(\)b+…$/);
    expect(line!.length).toBeLessThanOrEqual(80 + 2);
    expect(carets!.indexOf('^^^^^^')).toBe(line!.indexOf('call()'));
  });

  it('colours marker and carets only when asked', () => {
    const out = format(resultOf([finding({ file: 'a.ts', line: 1, column: 1 })]), { ...options, color: true, readSource: () => 'x' });
    expect(out).toContain('\u001b[31m\u001b[1m>\u001b[22m\u001b[39m');
    expect(out).toContain('\u001b[31m\u001b[1m^\u001b[22m\u001b[39m');
  });
});
