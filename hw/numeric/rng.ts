/**
 * The project's seeded pseudo-random generator with integer and normal draws, over util's
 * mulberry32 stream. The same seed gives the same stream on every platform.
 */
import { seededUint32 } from '../../util/index.ts';

export interface Rng {
  /** Uniform in [0, 1), with 32 random bits. */
  next(): number;
  /** Uniform integer in [lo, hi], both ends included (integers with hi - lo < 2^32). */
  int(lo: number, hi: number): number;
  /** Standard normal (mean 0, variance 1), by the Box-Muller transform. */
  normal(): number;
}

export function createRng(seed: number): Rng {
  const nextUint32 = seededUint32(seed);
  let spareNormal = NaN;
  const next = (): number => nextUint32() / 4294967296;
  return {
    next,
    int(lo: number, hi: number): number {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    normal(): number {
      if (spareNormal === spareNormal) {
        const z = spareNormal;
        spareNormal = NaN;
        return z;
      }
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
