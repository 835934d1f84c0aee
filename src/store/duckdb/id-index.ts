/**
 * Which (workspace, id) pairs are already stored, held in memory so that idempotent ingest does
 * not need a unique index in DuckDB (an ART index on text keys made each 500-row insert several
 * times slower, and slower still as the table grew). The index holds 64-bit hashes; a hit is only a
 * *suspected* duplicate and is confirmed against the stored ids, so a hash collision can never
 * drop an event. The embedded database has one writer process, so this process sees every write.
 */

/**
 * A 64-bit string hash as two 32-bit halves (two multiply-xorshift lanes over UTF-16 code units).
 * node:crypto's md5 took ~2.7 us per id here, a sizeable share of the ingest budget; this takes ~0.1 us.
 */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

export const idKey = (workspaceId: string, id: string) => hash64(`${workspaceId}\u0000${id}`);

/** An open-addressing hash set of 64-bit keys in two Uint32Arrays; (0, 0) marks an empty slot. */
export class IdIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  private static nonZero(key: [number, number]): [number, number] {
    return key[0] === 0 && key[1] === 0 ? [0, 1] : key;
  }

  has(key: [number, number]): boolean {
    const [hi, lo] = IdIndex.nonZero(key);
    const i = this.slot(hi, lo);
    return this.hi[i] === hi && this.lo[i] === lo;
  }

  add(key: [number, number]): void {
    const [hi, lo] = IdIndex.nonZero(key);
    const i = this.slot(hi, lo);
    if (this.hi[i] === hi && this.lo[i] === lo) return;
    this.hi[i] = hi;
    this.lo[i] = lo;
    if (++this.size * 10 > this.hi.length * 7) this.grow();
  }

  private grow() {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.size = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.add([hi[i]!, lo[i]!]);
  }
}
