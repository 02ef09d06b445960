import { Column } from './column.js';

/** Longest digit run read as a number: 11 digits < 2^37, so the packed key stays below 2^53. */
const MAX_DIGITS = 11;
/** Key = number * 2^16 + prefix * 32 + digit count. */
const NUMBER_SHIFT = 65536;
const WIDTH_BITS = 32;
const MAX_PREFIXES = NUMBER_SHIFT / WIDTH_BITS;
const EMPTY = -1;
/** Counters per direct block. */
const BLOCK = 65536;
/** Counter / BLOCK is below 2^21 (counters are below 2^37). */
const BLOCKS_PER_TAG = 1 << 21;

/**
 * Step ids (and the parent ids that refer to them) numbered 0, 1, 2, ... in order of first sight.
 *
 * Ids are mostly a short prefix plus a counter (`st_00000042`, `span-7`). Such an id is packed into
 * one exact integer (the counter, which prefix, how many digits, so leading zeros survive). Counters
 * are usually dense, so they are first looked up directly: a block of 65,536 node numbers per
 * (prefix, width, counter / 65,536), found through a one-entry cache (a step and its parent are
 * almost always in the same block). No hashing and no cache miss per id, and 4 bytes per counter
 * in use. Blocks are handed out while they stay at least about a quarter full on average; once a
 * sparse log would break that, no new block is ever made and ids outside the existing blocks go to
 * an open-addressing table of node numbers (8 to 16 bytes per id). Never-made blocks are the only
 * ones hashed, so every id has exactly one home. Any other id (UUIDs, hex span ids) goes to a Map.
 * The packing is one-to-one, so the kinds never collide and `name()` gives every id back exactly.
 */
export class StepIds {
  private readonly prefixes: string[] = [];
  private readonly prefixIds = new Map<string, number>();
  private lastPrefix = '';
  private lastPrefixId = -1;
  /** Set by pack(): the counter and prefix * 32 + width of the id just packed. */
  private counter = 0;
  private tag = 0;

  /** Direct blocks by tag * 2^21 + counter / BLOCK; entries are node + 1 (0: not numbered). */
  private readonly blocks = new Map<number, Int32Array>();
  private blocksClosed = false;
  private lastBlockKey = -1;
  private lastBlock: Int32Array | undefined;

  /** Open-addressing table of node numbers (-1: empty slot); a slot's key is keyOf of its node. */
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  private hashed = 0;

  private readonly others = new Map<string, number>();
  private readonly otherNames: string[] = [];
  /** Per id: its packed key, or -1 - index into otherNames. */
  private readonly keyOf = new Column((n) => new Float64Array(n));
  size = 0;

  /** The number of `id`, numbering it when it is new. */
  node(id: string): number {
    const key = this.pack(id);
    if (key === EMPTY) {
      let node = this.others.get(id);
      if (node === undefined) {
        node = this.size++;
        this.others.set(id, node);
        this.keyOf.set(node, -1 - this.otherNames.length);
        this.otherNames.push(id);
      }
      return node;
    }
    const block = this.block(true);
    if (block !== undefined) {
      const at = this.counter % BLOCK;
      const found = block[at]!;
      if (found !== 0) return found - 1;
      const node = this.size++;
      block[at] = node + 1;
      this.keyOf.set(node, key);
      return node;
    }
    let slot = this.slot(key);
    const found = this.slots[slot]!;
    if (found !== EMPTY) return found;
    if ((this.hashed + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.slot(key);
    }
    const node = this.size++;
    this.hashed++;
    this.slots[slot] = node;
    this.keyOf.set(node, key);
    return node;
  }

  /** The number of `id`, or undefined when it was never seen. */
  find(id: string): number | undefined {
    const key = this.pack(id, false);
    if (key === EMPTY) return this.others.get(id);
    const block = this.block(false);
    if (block !== undefined) {
      const found = block[this.counter % BLOCK]!;
      return found === 0 ? undefined : found - 1;
    }
    const found = this.slots[this.slot(key)]!;
    return found === EMPTY ? undefined : found;
  }

  /** The id numbered `node`, exactly as it was read. */
  name(node: number): string {
    const key = this.keyOf.get(node);
    if (key < 0) return this.otherNames[-1 - key]!;
    const tag = key % NUMBER_SHIFT;
    const digits = tag % WIDTH_BITS;
    return this.prefixes[(tag - digits) / WIDTH_BITS] + String((key - tag) / NUMBER_SHIFT).padStart(digits, '0');
  }

  /**
   * The direct block of the id just packed, or undefined when its counters are hashed. `make`:
   * create the block while blocks stay dense enough (a lookup never creates one).
   */
  private block(make: boolean): Int32Array | undefined {
    const blockKey = this.tag * BLOCKS_PER_TAG + Math.floor(this.counter / BLOCK);
    if (blockKey === this.lastBlockKey) return this.lastBlock;
    let block = this.blocks.get(blockKey);
    if (block === undefined) {
      if (!make || this.blocksClosed) return undefined;
      // At most 4 counters of block space per id numbered (after the first 4 blocks): past that
      // the counters are sparse, and hashing them is cheaper in memory.
      if ((this.blocks.size + 1) * BLOCK > 4 * (this.size + BLOCK)) {
        this.blocksClosed = true;
        return undefined;
      }
      block = new Int32Array(BLOCK);
      this.blocks.set(blockKey, block);
    }
    this.lastBlockKey = blockKey;
    this.lastBlock = block;
    return block;
  }

  /**
   * The packed key of a prefix-plus-counter id, or EMPTY for any other id; sets `counter` and
   * `tag`. `learn` false: do not register a prefix never seen (a lookup must not grow the table).
   */
  private pack(id: string, learn = true): number {
    let k = id.length;
    let c = 0;
    while (k > 0 && (c = id.charCodeAt(k - 1)) >= 48 && c <= 57) k--;
    const digits = id.length - k;
    if (digits === 0 || digits > MAX_DIGITS) return EMPTY;
    let prefix: number;
    // Logs use one or two prefixes: compare with the last one before slicing and hashing.
    if (k === this.lastPrefix.length && id.startsWith(this.lastPrefix)) prefix = this.lastPrefixId;
    else {
      const text = id.slice(0, k);
      const known = this.prefixIds.get(text);
      if (known !== undefined) prefix = known;
      else {
        if (!learn || this.prefixes.length >= MAX_PREFIXES) return EMPTY;
        prefix = this.prefixes.length;
        this.prefixes.push(text);
        this.prefixIds.set(text, prefix);
      }
      this.lastPrefix = text;
      this.lastPrefixId = prefix;
    }
    let n = 0;
    for (let i = k; i < id.length; i++) n = n * 10 + (id.charCodeAt(i) - 48);
    this.counter = n;
    this.tag = prefix * WIDTH_BITS + digits;
    return n * NUMBER_SHIFT + this.tag;
  }

  /**
   * Linear probing from a murmur3-style mix of the key's two 32-bit halves (hashed counters are
   * sparse, so the bits need mixing); the table is at most half full. Returns the slot of `key`,
   * or the empty slot where it belongs.
   */
  private slot(key: number): number {
    const mask = this.slots.length - 1;
    let h = (key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const node = this.slots[slot]!;
      if (node === EMPTY || this.keyOf.get(node) === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    for (const node of old) if (node !== EMPTY) this.slots[this.slot(this.keyOf.get(node))] = node;
  }
}
