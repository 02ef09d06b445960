import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineSplitter, splitLines } from '../../src/report/lines.js';

function collect(chunks: (string | Buffer)[]): [string, number][] {
  const lines: [string, number][] = [];
  const splitter = new LineSplitter((line, n) => lines.push([line, n]));
  for (const c of chunks) splitter.write(c);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits LF and CRLF lines, numbers them from 1 and keeps empty lines', () => {
    expect(collect([Buffer.from('a\r\nb\n\nc\n')])).toEqual([['a', 1], ['b', 2], ['', 3], ['c', 4]]);
  });

  it('reports a last line without a newline, and strips a BOM', () => {
    expect(collect([Buffer.from('\ufeff{"a":1}\n{"b":2}')])).toEqual([['{"a":1}', 1], ['{"b":2}', 2]]);
  });

  it('joins lines and multi-byte characters split across chunks', () => {
    const bytes = Buffer.from('héllo wörld\r\nsecond €\n');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(collect(chunks)).toEqual([['héllo wörld', 1], ['second €', 2]]);
  });

  it('handles a CR at the end of one chunk and the LF at the start of the next', () => {
    expect(collect([Buffer.from('one\r'), Buffer.from('\ntwo\r')])).toEqual([['one', 1], ['two', 2]]);
  });

  it('splitLines reads a stream and returns the line count', async () => {
    const seen: string[] = [];
    const count = await splitLines(Readable.from([Buffer.from('x\ny'), Buffer.from('z\n')]), (line) => seen.push(line));
    expect(seen).toEqual(['x', 'yz']);
    expect(count).toBe(2);
  });
});
