import { createHash } from 'node:crypto';

/**
 * Whether `key` falls inside a sample of `rate` (0..1). Deterministic, so a retried event or a
 * restarted server decides the same way, and unbiased across keys.
 */
export function inSample(rate: number, key: string): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const bucket = createHash('sha256').update(key).digest().readUInt32BE(0) / 0x1_0000_0000;
  return bucket < rate;
}
