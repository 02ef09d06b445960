const SHIFT = 16;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

export type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/**
 * A growable numeric column in fixed 64k-entry chunks: no doubling copies, so memory stays at about
 * the bytes per step the columns need (~90 bytes), whatever the input size. Chunks holding only the
 * initial value are never made.
 */
export class Column<A extends NumberArray> {
  private readonly chunks: A[] = [];
  constructor(
    private readonly make: (size: number) => A,
    private readonly initial = 0,
  ) {}

  /** The value at `i`; the column's initial value where nothing was set yet. */
  get(i: number): number {
    const chunk = this.chunks[i >>> SHIFT];
    return chunk === undefined ? this.initial : chunk[i & MASK]!;
  }

  set(i: number, value: number): void {
    const chunk = this.chunks[i >>> SHIFT];
    // Kept this small so it is inlined where it is used; a new chunk is the rare case.
    if (chunk !== undefined) chunk[i & MASK] = value;
    else if (value !== this.initial) this.allocate(i >>> SHIFT)[i & MASK] = value;
  }

  /**
   * A chunk is made on the first value that is not the initial one: a column that only ever holds
   * its initial value in a 64k range (cache-write tokens in most logs) costs nothing there.
   */
  private allocate(c: number): A {
    const chunk = this.make(SIZE);
    if (this.initial !== 0) chunk.fill(this.initial);
    this.chunks[c] = chunk;
    return chunk;
  }
}

