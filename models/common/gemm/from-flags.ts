/**
 * A backend from the flags commands share (`--on PEKIND --array RxC --group G --scheme S
 * --products P`), with errors that name the flag and the valid choices.
 */
import { mixpeEvalConfig, parseArraySize, peKind, QUANT_SCHEMES, type QuantScheme } from '../../../hw/index.ts';
import { UserError } from '../../../util/index.ts';
import { ArrayBackend } from './array-backend.ts';
import { ReferenceBackend } from './reference-backend.ts';
import type { GemmBackend, ProductPrecision } from './types.ts';

export interface BackendFlags {
  /** A PE kind id; undefined or 'reference' for the float32 reference. */
  readonly on?: string;
  /** `RxC`, default 64x64. */
  readonly array?: string;
  /** A number or 'channel', default 128. */
  readonly group?: string | number;
  /** Default: asymmetric where the PE kind supports it, else symmetric. */
  readonly scheme?: string;
  /** 'fp16' or 'int8'; default: the PE kind's activation format. */
  readonly products?: string;
  /** Share of products also run through cycle mode (0..1). */
  readonly check?: number;
  readonly seed?: number;
}

const PRODUCT_PRECISIONS: readonly ProductPrecision[] = ['fp16', 'int8'];

export function backendFromFlags(flags: BackendFlags): GemmBackend {
  if (flags.on === undefined || flags.on === 'reference') return new ReferenceBackend();
  const pe = peKind(flags.on, '--on');
  const { rows, cols } = parseArraySize(flags.array ?? '64x64');
  const rawGroup = flags.group ?? 128;
  const group = rawGroup === 'channel' ? 'channel' : Number(rawGroup);
  if (group !== 'channel' && !(Number.isInteger(group) && group >= 1)) {
    throw new UserError(`invalid group size '${rawGroup}'`, '--group', "give a positive whole number (32, 64, 128) or 'channel'");
  }
  const scheme = (flags.scheme ?? (pe.schemes.includes('asymmetric') ? 'asymmetric' : 'symmetric')) as QuantScheme;
  if (!QUANT_SCHEMES.includes(scheme) || !pe.schemes.includes(scheme)) {
    throw new UserError(`${pe.id} does not support '${flags.scheme}' weights`, '--scheme', `valid choices for ${pe.id}: ${pe.schemes.join(', ')}`);
  }
  const products = flags.products as ProductPrecision | undefined;
  if (products !== undefined && !PRODUCT_PRECISIONS.includes(products)) {
    throw new UserError(`unknown product precision '${products}'`, '--products', `valid choices: ${PRODUCT_PRECISIONS.join(', ')}`);
  }
  const rate = flags.check ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new UserError(`check rate ${rate} is not a share`, '--check', 'give a number from 0 to 1, e.g. 0.01');
  return new ArrayBackend({
    pe, array: mixpeEvalConfig(rows, cols), group, scheme, productPrecision: products,
    check: rate > 0 ? { rate, seed: flags.seed ?? 1 } : undefined,
  });
}
