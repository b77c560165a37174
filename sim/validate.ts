/** Refuses configurations and shapes the simulated hardware cannot run, naming the flag to change. */
import { activationBits } from '../hw/index.ts';
import { UserError } from '../util/index.ts';
import { dataflowFor } from './dataflows.ts';
import { peThroughput } from './throughput.ts';
import type { GemmShape, SimConfig } from './types.ts';

export function validateGemm(config: SimConfig, shape: GemmShape): void {
  for (const [flag, v] of [['--m', shape.m], ['--k', shape.k], ['--n', shape.n]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1 << 20) {
      throw new UserError(`invalid dimension ${v}`, flag, 'give a whole number from 1 to 1048576');
    }
  }
  const { pe, array, group } = config;
  const { kp, lanes } = peThroughput(config);
  if (!Number.isInteger(group) || group < 1 || shape.k % group !== 0 || group % kp !== 0) {
    const valid = [32, 64, 128].filter((g) => shape.k % g === 0 && g % kp === 0);
    throw new UserError(
      `group size ${group} does not divide K = ${shape.k}${kp > 1 ? ` into groups of a multiple of ${kp}` : ''}`,
      '--group',
      `valid choices: ${[...valid, shape.k].join(', ')} (any divisor of K${kp > 1 ? ` that is a multiple of ${kp}` : ''}; K = per-channel)`,
    );
  }
  if (!pe.schemes.includes(config.scheme)) {
    throw new UserError(`${pe.id} does not support ${config.scheme} weights`, '--scheme', `valid choices for ${pe.id}: ${pe.schemes.join(', ')}`);
  }
  // |W'| <= weightOperandMax, |X| <= 2^(b-1) for b-bit codes: a group's INT32 partial is exact while G * max * 2^(b-1) < 2^31.
  if (pe.accumulator === 'int32' && group * pe.weightOperandMax * 2 ** (activationBits(pe) - 1) >= 2 ** 31) {
    throw new UserError(`group size ${group} could overflow the INT32 partial sum`, '--group', 'use a smaller group');
  }
  const aPort = array.rows * kp * activationBits(pe);
  const wPort = array.cols * lanes * kp * pe.weightBits;
  const feedable = [
    [aPort <= array.activationBuffer.portBits, `needs ${aPort} activation bits per cycle, the activation buffer port gives ${array.activationBuffer.portBits}`],
    [wPort <= array.weightBuffer.portBits, `needs ${wPort} weight bits per cycle, the weight buffer port gives ${array.weightBuffer.portBits}`],
    [2 * array.rows * group * activationBits(pe) <= array.activationBuffer.bytes * 8, `cannot double-buffer one group of activations in the ${array.activationBuffer.bytes}-byte activation buffer`],
    [2 * array.cols * lanes * group * pe.weightBits <= array.weightBuffer.bytes * 8, `cannot double-buffer one group of weights in the ${array.weightBuffer.bytes}-byte weight buffer`],
    [array.rows * array.cols * lanes * 32 <= array.outputBuffer.bytes * 8, `its ${array.rows * array.cols * lanes} FP32 outputs do not fit the ${array.outputBuffer.bytes}-byte output buffer`],
  ] as const;
  for (const [ok, why] of feedable) {
    if (!ok) {
      const maxRows = Math.floor(array.activationBuffer.portBits / (kp * activationBits(pe)));
      const maxCols = Math.floor(array.weightBuffer.portBits / (lanes * kp * pe.weightBits));
      throw new UserError(`array ${array.rows}x${array.cols} is larger than the buffers can feed: it ${why}`, '--array', `valid choices for ${pe.id}: at most ${maxRows} rows and ${maxCols} columns`);
    }
  }
  dataflowFor(config).validate(config, shape);
}
