import { Column } from './column.js';

/** Longest digit run read as a number: 11 digits < 2^37, so the packed key stays below 2^53. */
const MAX_DIGITS = 11;
/** Key = number * 2^16 + prefix * 32 + digit count. */
const NUMBER_SHIFT = 65536;
const WIDTH_BITS = 32;
const MAX_PREFIXES = NUMBER_SHIFT / WIDTH_BITS;
const EMPTY = -1;

/**
 * Step ids (and the parent ids that refer to them) numbered 0, 1, 2, ... in order of first sight.
 *
 * Ids are mostly a short prefix plus a counter (`st_00000042`, `span-7`). Such an id is packed into
 * one exact integer (the counter, which prefix, how many digits, so leading zeros survive) and kept
 * in an open-addressing table of node numbers: 8 to 16 bytes of table plus the 8-byte key per id,
 * instead of ~90 for a string in a Map, with no string hashing on the hot path. Any other id (UUIDs, hex span ids) goes to a Map.
 * The packing is one-to-one, so both kinds never collide and `name()` gives every id back exactly.
 */
export class StepIds {
  private readonly prefixes: string[] = [];
  private readonly prefixIds = new Map<string, number>();
  private lastPrefix = '';
  private lastPrefixId = -1;

  /** Open-addressing table of node numbers (-1: empty slot); a slot's key is keyOf of its node. */
  private slots = new Int32Array(1 << 16).fill(EMPTY);

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
    let slot = this.slot(key);
    const found = this.slots[slot]!;
    if (found !== EMPTY) return found;
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.slot(key);
    }
    const node = this.size++;
    this.slots[slot] = node;
    this.keyOf.set(node, key);
    return node;
  }

  /** The number of `id`, or undefined when it was never seen. */
  find(id: string): number | undefined {
    const key = this.pack(id, false);
    if (key === EMPTY) return this.others.get(id);
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
   * The packed key of a prefix-plus-counter id, or EMPTY for any other id. `learn` false: do not
   * register a prefix never seen (a lookup must not grow the table).
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
    return n * NUMBER_SHIFT + prefix * WIDTH_BITS + digits;
  }

  /**
   * Linear probing; the table is at most half full. Returns the slot of `key`, or the empty slot
   * where it belongs. Counters are sequential and a parent id is usually one read moments ago, so
   * the low 6 bits of the counter pick the slot inside a 64-slot block and only the rest (high
   * counter bits, prefix, width) is mixed, murmur3-style, to pick the block: consecutive ids land
   * in neighbouring slots and stay in cache (fully mixed slots cost a cache miss per lookup at a
   * million ids), while any other pattern is still spread over the blocks.
   */
  private slot(key: number): number {
    const mask = this.slots.length - 1;
    const low = key >>> 0;
    // low = (counter bits 0-15) << 16 | prefix * 32 + width; the high word holds counter bits 16+.
    let h = (low >>> 22) ^ Math.imul(low & 0xffff, 0x85ebca6b) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (((h ^ (h >>> 16)) << 6) | ((low >>> 16) & 63)) & mask;
    for (;;) {
      const node = this.slots[slot]!;
      if (node === EMPTY || this.keyOf.get(node) === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    // In node order: keys are read sequentially and neighbouring ids fill neighbouring slots.
    for (let node = 0; node < this.size; node++) {
      const key = this.keyOf.get(node);
      if (key >= 0) this.slots[this.slot(key)] = node;
    }
  }
}
