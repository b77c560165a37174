// hw: what the hardware is. One line per sub-area.
export * from './numeric/index.ts';
export * from './quant/index.ts';
export * from './pe/index.ts';
export * from './array/index.ts';
