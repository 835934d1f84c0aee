/**
 * Which (workspace, id) pairs are already stored, held in memory so that idempotent ingest does
 * not need a unique index in DuckDB (an ART index on text keys made each 500-row insert several
 * times slower, and slower still as the table grew). The index holds 64-bit hashes; a hit is only a
 * *suspected* duplicate and is confirmed against the stored ids, so a hash collision can never
 * drop an event. The embedded database has one writer process, so this process sees every write.
 */

const M1 = 2654435761;
const M2 = 1597334677;

/**
 * Writes the 64-bit hash of `workspaceId + "\0" + id` into slot `i` of `hi` and `lo`: two
 * multiply-xorshift lanes over UTF-16 code units, without building the joined string.
 * node:crypto's md5 took ~2.7 us per id here, a sizeable share of the ingest budget; this ~0.1 us.
 * The stored id_hi/id_lo columns hold these values, so the function must never change.
 */
export function idKeyInto(
  workspaceId: string,
  id: string,
  hi: Uint32Array,
  lo: Uint32Array,
  i: number,
): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let k = 0; k < workspaceId.length; k++) {
    const ch = workspaceId.charCodeAt(k);
    h1 = Math.imul(h1 ^ ch, M1);
    h2 = Math.imul(h2 ^ ch, M2);
  }
  // The separator, code unit 0: x ^ 0 is x.
  h1 = Math.imul(h1, M1);
  h2 = Math.imul(h2, M2);
  for (let k = 0; k < id.length; k++) {
    const ch = id.charCodeAt(k);
    h1 = Math.imul(h1 ^ ch, M1);
    h2 = Math.imul(h2 ^ ch, M2);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  hi[i] = h1 >>> 0;
  lo[i] = h2 >>> 0;
}

/** The hash of one (workspace, id) pair as [hi, lo]. */
export function idKey(workspaceId: string, id: string): [number, number] {
  const hi = new Uint32Array(1);
  const lo = new Uint32Array(1);
  idKeyInto(workspaceId, id, hi, lo, 0);
  return [hi[0]!, lo[0]!];
}

/**
 * An open-addressing hash set of 64-bit keys in two Uint32Arrays; (0, 0) marks an empty slot, so
 * the key (0, 0) is stored as (0, 1). Keys are passed as two numbers: this runs for every row.
 */
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

  /** The slot holding the key, or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const i = this.slot(hi, lo);
    return this.hi[i] === hi && this.lo[i] === lo;
  }

  add(hi: number, lo: number): void {
    if (hi === 0 && lo === 0) lo = 1;
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
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.add(hi[i]!, lo[i]!);
  }
}
