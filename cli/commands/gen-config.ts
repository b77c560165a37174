// Flags shared by the `tessera gen ...` commands and the simulator configuration they build: the
// same SimConfig object drives the TS simulator and the Verilog generator.
import { PE_KIND_IDS, PRECISION_MODES, mixpeEvalConfig, parseArraySize, peKind, type QuantScheme } from '../../hw/index.ts';
import type { SimConfig } from '../../sim/index.ts';
import { UserError } from '../../util/index.ts';

export const designFlags = [
  { name: 'pe', kind: 'string', default: 'mixpe-w4a8', choices: PE_KIND_IDS, valueName: 'KIND', help: 'PE kind' },
  { name: 'precision', kind: 'string', valueName: 'MODE', help: `precision mode the test vectors run (the RTL supports all of the kind's modes): ${PRECISION_MODES.join(', ')}; default: the kind's default mode` },
  { name: 'array', kind: 'string', default: '4x4', valueName: 'RxC', help: 'PE array rows x columns (each 1..64)' },
  { name: 'group', kind: 'int', default: 8, valueName: 'G', help: 'weight quantization group along K (a multiple of the MACs per PE per cycle)' },
  { name: 'scheme', kind: 'string', default: 'auto', choices: ['auto', 'symmetric', 'asymmetric'], help: 'weight quantization: auto = asymmetric where the PE kind supports it' },
] as const;

export const vectorFlags = [
  { name: 'm', kind: 'int', valueName: 'M', help: 'GEMM rows for the test vectors (default: 1.5 x array rows, so the last tile is ragged)' },
  { name: 'k', kind: 'int', valueName: 'K', help: 'GEMM reduction length (default: 2 x group)' },
  { name: 'n', kind: 'int', valueName: 'N', help: 'GEMM columns (default: 1.5 x the output columns of a pass)' },
  { name: 'seed', kind: 'int', default: 1, help: 'seed of the random operands' },
] as const;

export function designConfig(flags: { pe: string; precision?: string; array: string; group: number; scheme: string }): SimConfig {
  const pe = peKind(flags.pe, '--pe', flags.precision);
  const { rows, cols } = parseArraySize(flags.array);
  const scheme: QuantScheme = flags.scheme === 'auto' ? (pe.schemes.includes('asymmetric') ? 'asymmetric' : 'symmetric') : (flags.scheme as QuantScheme);
  if (!pe.schemes.includes(scheme)) throw new UserError(`${pe.id} does not support ${scheme} weights`, '--scheme', `valid choices for ${pe.id}: ${pe.schemes.join(', ')}`);
  return { pe, array: mixpeEvalConfig(rows, cols), group: flags.group, scheme };
}

export function vectorShape(config: SimConfig, flags: { m?: number; k?: number; n?: number }): { m: number; k: number; n: number } {
  const { rows, cols } = config.array;
  return { m: flags.m ?? Math.ceil(rows * 1.5), k: flags.k ?? 2 * config.group, n: flags.n ?? Math.ceil(cols * config.pe.lanes * 1.5) };
}
