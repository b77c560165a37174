/** Shape checks shared by the backends: a wrong shape is a bug in the caller, so these are plain Errors. */
import type { PreparedWeights } from './types.ts';

export function checkOperand(data: Float32Array, rows: number, cols: number, what: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new Error(`${what}: bad shape ${rows} x ${cols}`);
  if (data.length !== rows * cols) throw new Error(`${what}: ${data.length} elements for a ${rows} x ${cols} matrix`);
}

/** The backend's own prepared form of `w`; weights prepared by another backend are refused. */
export function checkPrepared<W extends PreparedWeights>(w: PreparedWeights, backend: string): W {
  if (w.preparedBy !== backend) throw new Error(`weights prepared by '${w.preparedBy}' passed to '${backend}': prepare them with this backend`);
  return w as W;
}
