// hw/array: array, buffer and DRAM configurations as data.
export * from './config.ts';
