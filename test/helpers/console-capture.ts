import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Captures console.log / console.error (and silences progress output on stderr) for every test in
 * the calling file. The returned arrays are emptied before each test.
 */
export function captureConsole(): { out: string[]; err: string[] } {
  const captured = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    captured.out.length = 0;
    captured.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void captured.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void captured.err.push(a.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
