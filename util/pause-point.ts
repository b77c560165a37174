import { writeFileSync } from 'node:fs';

/**
 * A named point where a test can hold a long job in a known state and act on it there (kill it,
 * signal it), instead of racing a clock. When `TESSERA_PAUSE_AT` equals `name`, the process writes
 * the name to `TESSERA_PAUSE_FILE` (when set) and blocks this thread for good; otherwise it costs
 * one environment lookup.
 */
export function pausePoint(name: string): void {
  if (process.env.TESSERA_PAUSE_AT !== name) return;
  const file = process.env.TESSERA_PAUSE_FILE;
  if (file) writeFileSync(file, name);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
