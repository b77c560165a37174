/**
 * Published per-operation energies and areas at 45 nm, 0.9 V: M. Horowitz, "Computing's Energy
 * Problem (and what we can do about it)", ISSCC 2014, slides/Fig. 1.1.9 (energy) and the
 * accompanying area table. These are the anchors every core and buffer constant is derived from.
 */
export const horowitz45nm = {
  source: 'Horowitz, "Computing\'s Energy Problem", ISSCC 2014 (45 nm, 0.9 V)',
  /** pJ per operation. */
  energyPj: {
    intAdd8: 0.03,
    intAdd16: 0.05,
    intAdd32: 0.1,
    intMult8: 0.2,
    intMult32: 3.1,
    fp16Add: 0.4,
    fp16Mult: 1.1,
    fp32Add: 0.9,
    fp32Mult: 3.7,
  },
  /** pJ per 64-bit SRAM read, by array size in bytes. */
  sramRead64bitPj: [
    { bytes: 8 * 1024, pj: 10 },
    { bytes: 32 * 1024, pj: 20 },
    { bytes: 1024 * 1024, pj: 100 },
  ],
  /** pJ per 64-bit DRAM access (the low end of the published 1.3-2.6 nJ range). */
  dram64bitPj: 1300,
  /** um^2 per operator. */
  areaUm2: {
    intAdd8: 36,
    intAdd16: 67,
    intAdd32: 137,
    intMult8: 282,
    intMult32: 3495,
    fp16Add: 1360,
    fp16Mult: 1640,
    fp32Add: 4184,
    fp32Mult: 7700,
  },
} as const;

/** Integer multiplier energy, proportional to the partial-product bits (w x a), anchored at 8x8.
 * The rule predicts 3.2 pJ for 32x32 against the published 3.1 pJ. */
export function intMultPj45(wBits: number, aBits: number): number {
  return horowitz45nm.energyPj.intMult8 * (wBits * aBits) / 64;
}

/** Integer adder energy, linear in width, anchored at 32 bits (reproduces 16-bit 0.05 pJ exactly). */
export function intAddPj45(bits: number): number {
  return horowitz45nm.energyPj.intAdd32 * bits / 32;
}

/** Integer multiplier area, proportional to partial-product bits, anchored at 8x8 (282 um^2). */
export function intMultArea45(wBits: number, aBits: number): number {
  return horowitz45nm.areaUm2.intMult8 * (wBits * aBits) / 64;
}

/** Integer adder area, linear in width, anchored at 32 bits. */
export function intAddArea45(bits: number): number {
  return horowitz45nm.areaUm2.intAdd32 * bits / 32;
}
