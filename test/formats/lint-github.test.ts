import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, format } from '../../src/formats/github.js';
import { agentAppResult, finding, hostileResult, options, resultOf } from './lint-fixtures.js';

describe('github format', () => {
  it('prints one workflow command per finding, errors first, then by file, line and column', () => {
    expect(format(agentAppResult(), options).split('\n')).toEqual([
      "::error file=src/agents/compose.ts,line=5,col=3,endLine=5,endColumn=40,title=attrib (feature-team-mismatch)::Team 'legal' does not own feature 'smart-compose' (owner: 'mail').",
      '::error file=src/agents/triage.ts,line=14,col=9,endLine=18,endColumn=6,title=attrib (missing-tags)::Missing required tag: parent_run_id.',
      "::error file=src/agents/triage.ts,line=33,col=34,endLine=33,endColumn=40,title=attrib (unknown-tag-value)::Unknown value 'prod' for tag 'environment'. Did you mean 'production'?",
      "::error file=src/broken.ts,line=3,col=1,title=attrib (parse-error)::'}' expected.",
      "::warning file=src/agents/triage.ts,line=33,col=7,endLine=33,endColumn=14,title=attrib (unknown-tag-key)::Unknown tag key 'tennant'. Did you mean 'tenant'?",
      "::warning file=src/retrieval/embed.ts,line=8,col=10,endLine=12,endColumn=4,title=attrib (tag-may-be-undefined)::Tag 'tenant' may be undefined: its type makes it optional.",
      '',
    ]);
  });

  it('escapes like @actions/core: data % CR LF, properties also : and ,', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
    // Bidi controls and invisible characters cannot reorder or hide text in the annotation.
    expect(escapeData('evil\u202etxt.exe\u200b\ufeff\u2066')).toBe('evil\\u202etxt.exe\\u200b\\ufeff\\u2066');
    expect(escapeProperty('src/a\u202e.ts')).toBe('src/a\\u202e.ts');
    // Escaping `%` first means an already-escaped sequence cannot be smuggled through.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('cannot be broken out of: hostile files and messages stay one annotation each', () => {
    const out = format(hostileResult(), options);
    expect(out.split('\n')).toEqual([
      '::error file=src/we ird/100%25%2Ca%3Ab#c?.ts,line=7,col=3,endLine=7,endColumn=12,title=attrib (missing-tags)::' +
        "Unknown value '\\x1b[31mprod\\x1b[0m' for tag \"environment\" <b>&amp;</b> ]]> 100%25 sure,%0D%0Anext: line\\x00\\x07 \ud800 end",
      "::warning file=src/a.ts,line=2,col=1,title=attrib (__proto__)::=cmd|' /C calc'!A0",
      '',
    ]);
    // No raw escape character reaches the job log.
    expect(out).not.toContain('\u001b');
  });

  it('names files relative to the repository root when attrib runs in a subfolder (a job with working-directory)', () => {
    const out = format(resultOf([finding({ file: 'src/a.ts', line: 3, column: 2 })]), { ...options, cwd: '/repo/packages/app', srcRoot: '/repo' });
    expect(out).toBe('::error file=packages/app/src/a.ts,line=3,col=2,title=attrib (missing-tags)::Missing required tag: feature.\n');
  });

  it('prints nothing for a clean run and clamps positions to 1', () => {
    expect(format(resultOf([]), options)).toBe('');
    expect(format(resultOf([finding({ file: 'a.ts', line: 0, column: 0 })]), options)).toBe(
      '::error file=a.ts,line=1,col=1,title=attrib (missing-tags)::Missing required tag: feature.\n',
    );
  });
});
