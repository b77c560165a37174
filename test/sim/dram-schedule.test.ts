// The double-buffered DRAM schedule on hand-worked cases.
import { describe, expect, it } from 'vitest';
import { scheduleCycles } from '../../sim/index.ts';

describe('scheduleCycles', () => {
  it('overlaps loads with compute when DRAM is fast', () => {
    // load0 = 1 cycle, pass0 100 cycles; load1 (1 cycle) overlaps pass0; writes fit under pass1.
    expect(scheduleCycles([{ cycles: 100, readBytes: 10, writeBytes: 10 }, { cycles: 100, readBytes: 10, writeBytes: 10 }], 10)).toBe(1 + 100 + 100 + 1);
  });

  it('stalls on DRAM when loads are longer than passes', () => {
    // Each load takes 50 cycles, each pass 10; load p starts after load p-1 (and after pass p-2 ends).
    // load0 0-50, pass0 50-60; load1 50-100, write0 100-101, pass1 100-110; load2 101-151, write1 151-152, pass2 151-161; write2 161-162.
    const p = { cycles: 10, readBytes: 500, writeBytes: 10 };
    expect(scheduleCycles([p, p, p], 10)).toBe(162);
  });

  it('is zero for no passes', () => {
    expect(scheduleCycles([], 8)).toBe(0);
  });
});
