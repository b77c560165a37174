/** Validation shared by the quantizers; the `where` of each error is the CLI flag that sets the field. */
import { UserError } from '../../util/index.ts';

export type GroupSize = number | 'channel';

export function checkMatrix(values: ArrayLike<number>, rows: number, cols: number, what: string): void {
  for (const [name, n] of [['rows', rows], ['columns', cols]] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new UserError(`${what} ${name} must be a positive integer, got ${n}`, what, 'give a shape like 64x128');
    }
  }
  if (values.length !== rows * cols) {
    throw new UserError(
      `${what} has ${values.length} elements but the shape ${rows}x${cols} needs ${rows * cols}`,
      what,
      'pass a row-major array of rows*columns elements',
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new UserError(`${what} element ${i} is ${values[i]}`, what, 'quantize finite values only');
    }
  }
}

export function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 2 || bits > 8) {
    throw new UserError(`bit width ${bits} is not supported`, '--bits', 'valid choices: 2, 3, 4, 5, 6, 7, 8');
  }
}

/** The group length along K (K itself for per-channel); throws when it does not divide K. */
export function resolveGroupSize(groupSize: GroupSize, K: number): number {
  if (groupSize === 'channel') return K;
  if (!Number.isInteger(groupSize) || groupSize < 1 || K % groupSize !== 0) {
    const divisors: number[] = [];
    for (let d = 1; d <= K && divisors.length < 16; d++) if (K % d === 0) divisors.push(d);
    const more = divisors[divisors.length - 1]! < K ? ', ...' : '';
    throw new UserError(
      `group size ${groupSize} does not divide K = ${K}`,
      '--group',
      `valid choices: a divisor of K (${divisors.join(', ')}${more}) or 'channel' for one group per column`,
    );
  }
  return groupSize;
}
