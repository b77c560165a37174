import { readFileSync } from 'node:fs';

/** A running time limit; `cancel` stops it from firing. */
export interface TimeLimit {
  cancel(): void;
}

/** How often a time limit on the test clock reads the clock file (only the reading, never the outcome, depends on it). */
const TEST_CLOCK_POLL_MS = 20;

function testClockSeconds(file: string): number {
  try {
    const v = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

/**
 * Calls `fire` once `seconds` have passed: on the wall clock, or, when `TESSERA_TEST_CLOCK` names
 * a file, on the clock a test keeps in that file (a number of seconds it advances by rewriting the
 * file). With the test clock a time limit expires only when the test says so, at a point it chose
 * (e.g. once one design is done and another is known to be running), never because the machine
 * is slow. The variable reaches worker threads and child processes, so every limit of a run
 * follows the same clock.
 */
export function startTimeLimit(seconds: number, fire: () => void): TimeLimit {
  const file = process.env.TESSERA_TEST_CLOCK;
  if (!file) {
    const timer = setTimeout(fire, seconds * 1000);
    return { cancel: () => clearTimeout(timer) };
  }
  const start = testClockSeconds(file);
  const poll = setInterval(() => {
    if (testClockSeconds(file) - start < seconds) return;
    clearInterval(poll);
    fire();
  }, TEST_CLOCK_POLL_MS);
  return { cancel: () => clearInterval(poll) };
}
