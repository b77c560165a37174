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

/**
 * The form for jobs that yield to the event loop between items: when `TESSERA_PAUSE_AT` equals
 * `name`, the process writes the pause file and holds still there, but keeps handling signals, so a
 * test can interrupt it at a known point with Ctrl-C or a plain kill. It holds for good, or until
 * `release` settles (a job that stops gracefully passes its stop flag's `signalled`).
 */
export async function pausePointAsync(name: string, release?: Promise<unknown>): Promise<void> {
  if (process.env.TESSERA_PAUSE_AT !== name) return;
  const file = process.env.TESSERA_PAUSE_FILE;
  if (file) writeFileSync(file, name);
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await (release ?? new Promise<never>(() => {}));
  } finally {
    clearInterval(keepAlive);
  }
}
