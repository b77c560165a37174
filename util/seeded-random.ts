/**
 * mulberry32: a 32-bit state, a Weyl increment and an avalanche mix. Fast, reproducible on every
 * platform, plenty for test data, workloads and recipe sampling (not for cryptography). Every seeded
 * stream in the project comes from here, so the same seed means the same numbers everywhere.
 */
export function seededUint32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in [0, 1) with 32 random bits, from `seededUint32`. */
export function seededRandom(seed: number): () => number {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}
