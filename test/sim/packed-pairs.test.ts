// The row kernel's pair packing (sim/os/packed-pairs.ts) at the edge of what it admits: operands of the
// largest magnitudes, all products of one sign, so that a group partial comes as close to 2^15 as
// the admission rule allows; every group partial must equal the plain sum of its products, and
// one step past the rule the kernel must fall back to unpacked operands and still be exact.
import { describe, expect, it } from 'vitest';
import { createRng, mixpeEvalConfig, peKind } from '../../hw/index.ts';
import { simulatePass, type FeederOperands, type SimConfig } from '../../sim/index.ts';
import { packsPairs } from '../../sim/os/packed-pairs.ts';

const pe = peKind('bitfusion', '--pe', 'w4a4');
const R = 3, C = 2, M = 3, N = 2;

function operands(K: number, group: number, x: (m: number, k: number) => number, w: (k: number, n: number) => number): FeederOperands {
  const groups = K / group;
  return {
    integer: true,
    x: Int32Array.from({ length: M * K }, (_, i) => x(Math.floor(i / K), i % K)),
    w: Int32Array.from({ length: K * N }, (_, i) => w(Math.floor(i / N), i % N)),
    wScale: new Uint16Array(groups * N).fill(0x3c00),
    xScale: new Uint16Array(M).fill(0x3c00),
    wScaleValue: new Float64Array(groups * N).fill(1),
    xScaleValue: new Float64Array(M).fill(1),
    groups,
  };
}

function checkPartials(group: number, ops: FeederOperands, K: number): void {
  const config: SimConfig = { pe, array: mixpeEvalConfig(R, C), group, scheme: 'symmetric' };
  const r = simulatePass(config, ops, { m: M, k: K, n: N }, { m0: 0, n0: 0, rows: M, cols: N }, undefined, true);
  expect(r.partials!.length).toBe(M * N * (K / group));
  for (const e of r.partials!) {
    let p = 0;
    for (let k = e.group * group; k < (e.group + 1) * group; k++) p += ops.x[e.row * K + k]! * ops.w[k * N + e.col]!;
    expect(e.value, `row ${e.row} col ${e.col} group ${e.group}`).toBe(p);
  }
}

describe('pair-packed row kernel', () => {
  const kp = pe.kPerCycle;
  it('admits BitFusion w4a4 at group 512 with INT4 extremes and is exact there', () => {
    const group = 512, K = 2 * group;
    for (const sign of [1, -1]) {
      const ops = operands(K, group, () => -8, (_k, n) => (n === 0 ? -7 : 7 * sign));
      expect(packsPairs(ops, kp, group / kp)).toBe(true);
      checkPartials(group, ops, K);
    }
  });

  it('falls back to unpacked operands past the bound (group 1024) and is exact there', () => {
    const group = 1024, K = group;
    const ops = operands(K, group, () => -8, () => -7);
    expect(packsPairs(ops, kp, group / kp)).toBe(false);
    checkPartials(group, ops, K);
  });

  it('is exact on random INT4 operands, alternating signs within a pair', () => {
    const rng = createRng(7);
    const group = 256, K = 3 * group;
    const ops = operands(K, group, () => rng.int(-8, 7), (k) => (k % 2 === 0 ? rng.int(-7, 0) : rng.int(0, 7)));
    expect(packsPairs(ops, kp, group / kp)).toBe(true);
    checkPartials(group, ops, K);
  });
});
