/** Flags the llm commands share: which model, and which backend computes it. */
import type { FlagSpec } from '../flags.ts';
import { PE_KIND_IDS } from '../../hw/index.ts';

export const modelFlags = [
  { name: 'checkpoint', kind: 'string', valueName: 'DIR|FILE', help: 'model folder from `llm train`, or a llama2.c .bin (default: the shipped model)' },
  { name: 'tokenizer', kind: 'string', valueName: 'FILE', help: 'tokenizer for a llama2.c checkpoint (tok*.bin or tokenizer.json)' },
] as const satisfies readonly FlagSpec[];

export const arrayFlags = [
  { name: 'on', kind: 'string', valueName: 'PEKIND', help: `compute on the simulated array with this PE kind: ${PE_KIND_IDS.join(', ')}` },
  { name: 'array', kind: 'string', default: '64x64', valueName: 'RxC', help: 'array rows x columns' },
  { name: 'group', kind: 'string', default: '128', valueName: 'G', help: "weight group size along K (32, 64, 128) or 'channel'" },
  { name: 'scheme', kind: 'string', valueName: 'S', help: 'weight scheme: asymmetric (default where the PE kind supports it) or symmetric' },
  { name: 'products', kind: 'string', valueName: 'P', help: 'precision of the attention products on the array: int8 or fp16 (default: the PE kind\'s activations)' },
  { name: 'check', kind: 'number', default: 0, valueName: 'SHARE', help: 'also run this share of the array products in cycle mode and fail on any bit difference' },
] as const satisfies readonly FlagSpec[];

/** The array flags of the commands that report what a workload costs on the array: those compute on it by default. */
export const costArrayFlags = arrayFlags.map((f) => (f.name === 'on' ? { ...f, default: 'mixpe-w4a8' } : f));
