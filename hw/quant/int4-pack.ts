/**
 * INT4 packing, two codes per byte. Nibble order: element 2i in the LOW nibble (bits 3..0) and
 * element 2i+1 in the HIGH nibble (bits 7..4) of byte i (little-endian within the byte, the order
 * of GPTQ/AWQ-style packed weights). An odd count leaves the last high nibble 0. Signed codes are
 * stored as 4-bit two's complement.
 */
import { UserError } from '../../util/index.ts';

export function packInt4(values: ArrayLike<number>, signed: boolean): Uint8Array {
  const min = signed ? -8 : 0;
  const max = signed ? 7 : 15;
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new UserError(`value ${v} at index ${i} is not a ${signed ? 'signed' : 'unsigned'} 4-bit integer`, 'values', `use integers ${min}..${max}`);
    }
    out[i >> 1]! |= (v & 0xf) << ((i & 1) * 4);
  }
  return out;
}

/** The first `count` 4-bit codes of `bytes`, sign-extended when `signed`. */
export function unpackInt4(bytes: Uint8Array, count: number, signed: boolean): Int8Array {
  if (!Number.isInteger(count) || count < 0 || count > bytes.length * 2) {
    throw new UserError(`cannot unpack ${count} codes from ${bytes.length} bytes`, 'count', `use 0..${bytes.length * 2}`);
  }
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const nibble = (bytes[i >> 1]! >> ((i & 1) * 4)) & 0xf;
    out[i] = signed ? (nibble << 28) >> 28 : nibble;
  }
  return out;
}
