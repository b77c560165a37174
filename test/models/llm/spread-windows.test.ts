import { describe, expect, it } from 'vitest';
import { evalWindows, spreadWindows } from '../../../models/llm/index.ts';

describe('spreadWindows: whole evaluation windows spread over the held-out stream', () => {
  const stream = Uint16Array.from({ length: 1001 }, (_, i) => i % 65536);

  it('all windows of the grid when they hold no more than the tokens asked for', () => {
    const all = spreadWindows(stream, 100, Infinity);
    expect(all.map((w) => w.start)).toEqual(Array.from({ length: 10 }, (_, i) => i * 100));
    expect(all.map((w) => Array.from(w.window))).toEqual(evalWindows(stream, 100).map((w) => Array.from(w)));
  });

  it('fewer windows: evenly spaced grid windows, each whole, covering the start, middle and end', () => {
    const some = spreadWindows(stream, 100, 300);
    expect(some.map((w) => w.start)).toEqual([0, 300, 600]);
    for (const { start, window } of some) {
      expect(window.length).toBe(101);
      expect(window[0]).toBe(stream[start]);
    }
  });
});
