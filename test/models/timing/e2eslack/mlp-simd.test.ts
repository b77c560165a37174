import { describe, expect, it } from 'vitest';
import { compiledMlp, mlpRunner, type MlpWeights } from '../../../../models/timing/e2eslack/model/mlp.ts';
import { SimdMlp } from '../../../../models/timing/e2eslack/model/mlp-simd.ts';
import { SeededRandom } from '../../../../models/common/index.ts';

/** A network of the model's shape with seeded weights, a few of them exactly 0 and -0. */
function network(sizes: number[], seed: number): MlpWeights {
  const rng = new SeededRandom(seed);
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const wl = Float64Array.from({ length: sizes[l]! * sizes[l + 1]! }, () => (rng.next() - 0.5) * 2);
    wl[0] = 0;
    wl[1] = -0;
    w.push(wl);
    b.push(Float64Array.from({ length: sizes[l + 1]! }, () => rng.next() - 0.5));
  }
  return { sizes, w, b };
}

describe('the slack model\'s networks in WebAssembly SIMD', () => {
  it('give the compiled JavaScript kernel\'s outputs bit for bit (odd and even batches, NaN, zeros, huge values)', () => {
    for (const [sizes, seed] of [[[12, 16, 16, 2], 1], [[11, 16, 16, 2], 2], [[3, 5, 1], 3]] as const) {
      const m = network([...sizes], seed);
      const simd = SimdMlp.of(m);
      expect(simd, 'WebAssembly SIMD is available in Node 20').toBeDefined();
      const js = compiledMlp(m);
      const rng = new SeededRandom(seed + 10);
      for (const rows of [0, 1, 2, 3, 4, 5, 7, 64, 1001]) {
        const x = Float64Array.from({ length: rows * sizes[0] }, () => (rng.next() - 0.5) * 20);
        if (rows > 3) {
          x[0] = NaN;
          x[sizes[0] + 1] = 0;
          x[2 * sizes[0]] = 1e300;
          x.fill(0, 3 * sizes[0], 4 * sizes[0]);
        }
        const out = sizes[sizes.length - 1]!;
        const a = js.forward(x, rows).slice(0, rows * out);
        // Written into the kernel's own input region (no copy) and passed as a separate array (copied in).
        const own = simd!.input(rows);
        own.set(x);
        const b = simd!.forward(own, rows).slice(0, rows * out);
        const c = simd!.forward(x, rows).slice(0, rows * out);
        for (let i = 0; i < rows * out; i++) {
          expect(Object.is(a[i], b[i]), `rows ${rows}, output ${i}: ${a[i]} vs ${b[i]}`).toBe(true);
          expect(Object.is(a[i], c[i])).toBe(true);
        }
      }
    }
  });

  it('is what the propagation runs, one runner per network', () => {
    const m = network([12, 16, 16, 2], 4);
    expect(mlpRunner(m)).toBeInstanceOf(SimdMlp);
    expect(mlpRunner(m)).toBe(mlpRunner(m));
  });
});
