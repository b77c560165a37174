// hw/numeric: bit-exact number formats of the datapaths (FP16, BF16, FP32, fixed-width integers) and the seeded RNG.
export * from './fp16.ts';
export * from './bf16.ts';
export * from './fp32.ts';
export * from './int.ts';
export * from './round.ts';
export * from './rng.ts';
