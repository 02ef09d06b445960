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

  it('gives the same lines whatever the chunk boundaries (every split point of a tricky text)', () => {
    // BOM, CRLF, an empty line, 2-, 3- and 4-byte characters, no final newline.
    const bytes = Buffer.from('\ufeff{"a":"é"}\r\n\n{"b":"€"}\n{"c":"😀"}\r\nlast 🚀');
    const expected = [['{"a":"é"}', 1], ['', 2], ['{"b":"€"}', 3], ['{"c":"😀"}', 4], ['last 🚀', 5]];
    expect(collect([bytes])).toEqual(expected);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
      for (let second = cut; second <= bytes.length; second += 3) {
        expect(collect([bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)])).toEqual(expected);
      }
    }
  });

  it('splits a line exactly at a chunk boundary (chunk ends with the newline, or starts with it)', () => {
    expect(collect([Buffer.from('one\n'), Buffer.from('two\n')])).toEqual([['one', 1], ['two', 2]]);
    expect(collect([Buffer.from('one'), Buffer.from('\ntwo')])).toEqual([['one', 1], ['two', 2]]);
    expect(collect([Buffer.from('one\r'), Buffer.from('\n'), Buffer.from('\r\n')])).toEqual([['one', 1], ['', 2]]);
  });

  it('joins a line spread over many chunks without a newline in between', () => {
    const long = 'x'.repeat(5000);
    const chunks = [];
    for (let i = 0; i < long.length; i += 700) chunks.push(Buffer.from(long.slice(i, i + 700)));
    expect(collect([...chunks, Buffer.from('\nnext')])).toEqual([[long, 1], ['next', 2]]);
  });

  it('strips a BOM only at the start, even when it arrives one byte at a time', () => {
    expect(collect([Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf, 0x61, 0x0a])])).toEqual([['a', 1]]);
    expect(collect([Buffer.from('a\n\ufeffb\n')])).toEqual([['a', 1], ['\ufeffb', 2]]);
  });

  it('replaces invalid UTF-8 as decoding the whole stream would, and keeps a last CR-only line end', () => {
    const bytes = Buffer.concat([Buffer.from('ok '), Buffer.from([0xe2, 0x82]), Buffer.from('\nend\r')]);
    const expected = bytes.toString('utf8').replace(/\r$/, '').split('\n').map((line, i) => [line, i + 1]);
    expect(collect([bytes])).toEqual(expected);
    expect(collect([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual(expected);
  });

  it('accepts already decoded text, and nothing at all', () => {
    expect(collect(['a\r\nb', '\nc'])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(collect([])).toEqual([]);
    expect(collect([Buffer.alloc(0)])).toEqual([]);
  });

  it('splitLines reads a stream and returns the line count', async () => {
    const seen: string[] = [];
    const count = await splitLines(Readable.from([Buffer.from('x\ny'), Buffer.from('z\n')]), (line) => seen.push(line));
    expect(seen).toEqual(['x', 'yz']);
    expect(count).toBe(2);
  });
});

describe('over-long lines', () => {
  it('drops a line longer than the limit without buffering it, and keeps counting lines', () => {
    const lines: string[] = [];
    const tooLong: string[] = [];
    const splitter = new LineSplitter((line, n) => lines.push(`${n}:${line}`), {
      maxLineBytes: 10,
      onTooLong: (n, bytes) => tooLong.push(`${n}:${bytes}`),
    });
    // The long line arrives in many chunks, as a huge record would.
    splitter.write('ok\nabcd');
    for (let i = 0; i < 5; i++) splitter.write('efghij');
    splitter.write('k\nlast\n');
    splitter.write('0123456789ABCDEF');
    splitter.end();
    expect(lines).toEqual(['1:ok', '3:last']);
    expect(tooLong).toEqual(['2:35', '4:16']);
  });

  it('keeps a long line under the limit whole, across many chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), { maxLineBytes: 1000 });
    for (let i = 0; i < 100; i++) splitter.write('x'.repeat(9));
    splitter.write('\r\n');
    splitter.end();
    expect(lines).toEqual(['x'.repeat(900)]);
  });
});
