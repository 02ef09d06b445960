import { type InflateRaw, constants, crc32, createInflateRaw } from 'node:zlib';

/**
 * Where a gzip stream stops being readable. Everything decoded before `offset` (a byte offset in
 * the compressed input) has already been handed on; the rest is lost, and the caller says so once.
 */
export class GzipDamage extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`gzip data damaged at byte ${offset}: ${reason}`);
  }
}

/** Compressed bytes per InflateRaw write. */
const WRITE_SLICE = 64 * 1024;
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

/**
 * Decompress a gzip stream member by member (`cat a.gz b.gz` is one valid stream), yielding the
 * decoded bytes as they come. Node's Gunzip drops the output of the block it was decoding when it
 * meets trailing garbage or a cut-off file, which cost thousands of records; here each member's
 * deflate data goes through InflateRaw, which stops exactly at its end, so bytes after the last
 * member (other than zero padding) cost nothing already decoded. Header, length and CRC-32 are
 * checked here; a problem ends the stream with a GzipDamage after everything before it.
 */
export async function* gunzip(input: AsyncIterator<Buffer>, chunkSize: number): AsyncGenerator<Buffer> {
  const bytes = new ByteQueue(input);
  for (let member = 0; ; member++) {
    const start = bytes.offset;
    if (!(await bytes.need(1))) return;
    if (await bytes.onlyZeros()) return;
    if (!(await bytes.need(10))) throw new GzipDamage(start, 'cut off inside a gzip header');
    const head = bytes.peek(10);
    if (head[0] !== 0x1f || head[1] !== 0x8b) {
      throw new GzipDamage(start, member === 0 ? 'not gzip data' : `the bytes after gzip member ${member} are not gzip data: ignored`);
    }
    if (head[2] !== 8) throw new GzipDamage(start, `unknown compression method ${head[2]}`);
    const flags = head[3]!;
    bytes.skip(10);
    if ((flags & FEXTRA) !== 0) {
      if (!(await bytes.need(2))) throw new GzipDamage(bytes.offset, 'cut off inside a gzip header');
      const length = bytes.peek(2).readUInt16LE(0);
      bytes.skip(2);
      if (!(await bytes.need(length))) throw new GzipDamage(bytes.offset, 'cut off inside a gzip header');
      bytes.skip(length);
    }
    for (const flag of [FNAME, FCOMMENT]) {
      if ((flags & flag) === 0) continue;
      if (!(await bytes.skipPastZero())) throw new GzipDamage(bytes.offset, 'cut off inside a gzip header');
    }
    if ((flags & FHCRC) !== 0) {
      if (!(await bytes.need(2))) throw new GzipDamage(bytes.offset, 'cut off inside a gzip header');
      bytes.skip(2);
    }

    const dataStart = bytes.offset;
    const inflate = new Inflation(createInflateRaw({ chunkSize, finishFlush: constants.Z_SYNC_FLUSH }));
    let crc = 0;
    let size = 0;
    let fed = 0;
    let atEnd = false;
    function* decoded(): Generator<Buffer> {
      for (const out of inflate.drain()) {
        crc = crc32(out, crc);
        size += out.length;
        yield out;
      }
    }
    while (!inflate.ended) {
      const chunk = bytes.takeAll() ?? (await bytes.pull());
      if (chunk === undefined) {
        atEnd = true;
        await inflate.finish();
        yield* decoded();
      } else {
        fed += chunk.length;
        // Written in slices, so the output of one write (compressed logs expand 10-20x) stays small.
        for (let at = 0; at < chunk.length && !inflate.ended && !inflate.error; at += WRITE_SLICE) {
          await inflate.write(chunk.subarray(at, at + WRITE_SLICE));
          yield* decoded();
        }
      }
      if (inflate.error) throw new GzipDamage(dataStart + inflate.consumed, inflate.error.message);
      if (atEnd) break;
      bytes.retain(fed - inflate.consumed);
    }
    if (atEnd) throw new GzipDamage(dataStart + fed, 'the file ends inside compressed data (cut off): the records before it were read');
    // InflateRaw stopped at the end of the deflate data: give back what it was fed beyond that.
    bytes.unread(fed - inflate.consumed);
    if (!(await bytes.need(8))) throw new GzipDamage(bytes.offset, 'cut off inside a gzip trailer');
    const trailer = bytes.peek(8);
    if (trailer.readUInt32LE(0) !== crc >>> 0) throw new GzipDamage(bytes.offset, 'CRC-32 mismatch: the decoded data is corrupt');
    if (trailer.readUInt32LE(4) !== size % 2 ** 32) throw new GzipDamage(bytes.offset, 'length mismatch: the decoded data is corrupt');
    bytes.skip(8);
  }
}

/** An InflateRaw driven one write at a time: its output collected, its end and error observed. */
class Inflation {
  ended = false;
  error: Error | undefined;
  private out: Buffer[] = [];

  constructor(private readonly stream: InflateRaw) {
    stream.on('data', (chunk: Buffer) => this.out.push(chunk));
    stream.on('end', () => (this.ended = true));
    stream.on('error', (error) => (this.error = error));
  }

  /** Input bytes the deflate decoder consumed. */
  get consumed(): number {
    return this.stream.bytesWritten;
  }

  write(chunk: Buffer): Promise<void> {
    return this.settle((done) => this.stream.write(chunk, done));
  }

  finish(): Promise<void> {
    return this.settle((done) => this.stream.end(done));
  }

  drain(): Buffer[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Resolves once the write was processed, the stream ended, or it failed. */
  private settle(start: (done: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('end', done);
        this.stream.off('error', done);
        // 'data' for the last output may follow 'end' by a tick: let it arrive.
        setImmediate(resolve);
      };
      this.stream.once('end', done);
      this.stream.once('error', done);
      start(done);
    });
  }
}

/** The compressed input as a queue of bytes with an absolute offset, pulled chunk by chunk. */
class ByteQueue {
  /** Absolute offset of `buffer[0]`. */
  offset = 0;
  private buffer: Buffer = Buffer.alloc(0);
  /** The chunks taken that InflateRaw may not have consumed yet (for `unread`), newest last. */
  private taken: Buffer[] = [];
  private done = false;

  constructor(private readonly input: AsyncIterator<Buffer>) {}

  /** Next chunk of the input (its bytes count as taken), or undefined at the end. */
  async pull(): Promise<Buffer | undefined> {
    if (this.done) return undefined;
    const next = await this.input.next();
    if (next.done) {
      this.done = true;
      return undefined;
    }
    this.keep(next.value);
    this.offset += next.value.length;
    return next.value;
  }

  /** Whatever is buffered, as taken; undefined when nothing is. */
  takeAll(): Buffer | undefined {
    if (this.buffer.length === 0) return undefined;
    const all = this.buffer;
    this.keep(all);
    this.offset += all.length;
    this.buffer = Buffer.alloc(0);
    return all;
  }

  /** Put back the last `count` bytes taken. */
  unread(count: number): void {
    const parts: Buffer[] = [];
    let left = count;
    while (left > 0) {
      const last = this.taken.pop()!;
      const part = last.length <= left ? last : last.subarray(last.length - left);
      parts.unshift(part);
      left -= part.length;
    }
    this.taken = [];
    this.buffer = Buffer.concat([...parts, this.buffer]);
    this.offset -= count;
  }

  /** Whether `n` bytes are buffered (pulling more as needed). */
  async need(n: number): Promise<boolean> {
    while (this.buffer.length < n) {
      if (this.done) return false;
      const next = await this.input.next();
      if (next.done) {
        this.done = true;
        return false;
      }
      this.buffer = Buffer.concat([this.buffer, next.value]);
    }
    return true;
  }

  peek(n: number): Buffer {
    return this.buffer.subarray(0, n);
  }

  skip(n: number): void {
    this.buffer = this.buffer.subarray(n);
    this.offset += n;
  }

  /** Skip a zero-terminated header field; false when the input ends first. */
  async skipPastZero(): Promise<boolean> {
    for (;;) {
      const zero = this.buffer.indexOf(0);
      if (zero !== -1) {
        this.skip(zero + 1);
        return true;
      }
      this.skip(this.buffer.length);
      if (!(await this.need(1))) return false;
    }
  }

  /** Gzip files may be padded with zeros after the last member: true (all consumed) when the rest is only that. */
  async onlyZeros(): Promise<boolean> {
    while (this.buffer.every((b) => b === 0)) {
      this.skip(this.buffer.length);
      if (!(await this.need(1))) return true;
    }
    return false;
  }

  /** Forget taken chunks older than the last `count` bytes: InflateRaw has consumed them. */
  retain(count: number): void {
    let total = this.taken.reduce((sum, c) => sum + c.length, 0);
    while (this.taken.length > 0 && total - this.taken[0]!.length >= count) total -= this.taken.shift()!.length;
  }

  private keep(chunk: Buffer): void {
    this.taken.push(chunk);
  }
}
