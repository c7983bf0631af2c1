/**
 * Run seeds are derived, never drawn: run i of a batch with master seed S gets
 *
 *   seedFor(S, i) = splitmix64(S · 2^32 + i) >> 11      (a 53-bit non-negative integer)
 *
 * where splitmix64 is Steele, Lea & Flood's (2014) 64-bit finaliser (the seeding function
 * of Java's SplittableRandom and of xoshiro). Nothing about workers, chunking, shards or
 * completion order enters the formula, so every run's result is fixed before dispatch.
 * Pure.
 */

const MASK64 = (1n << 64n) - 1n;

function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** Seed of run `index` (0-based) of a batch with `masterSeed` (both non-negative safe integers). */
export function seedFor(masterSeed: number, index: number): number {
  const mixed = splitmix64(((BigInt(masterSeed) << 32n) + BigInt(index)) & MASK64);
  return Number(mixed >> 11n);
}
