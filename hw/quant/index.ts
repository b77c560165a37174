// hw/quant: weight and activation quantization as the hardware stores it (FP16 scales), INT4 packing, ANT types.
export { type GroupSize, resolveGroupSize } from './options.ts';
export { fp16ScaleFor } from './scale.ts';
export * from './weight-quant.ts';
export * from './activation-quant.ts';
export * from './int4-pack.ts';
export * from './ant-types.ts';
export * from './ant-quant.ts';
