/**
 * Verilog integer literals: `8'hFF`, `'b1x0`, `4'sd3`, `12`, SystemVerilog fills `'0`/`'1`.
 * Decoded into a bit string (most significant first, each of 0 1 x z) and its width.
 */
export interface VerilogNumber {
  /** Declared size, or undefined for unsized literals (which behave as 32 bits). */
  size: number | undefined;
  signed: boolean;
  base: 'b' | 'o' | 'd' | 'h';
  /** Bits, most significant first, exactly `width` long; characters 0 1 x z. */
  bits: string;
  width: number;
  /** SystemVerilog unbased fill ('0, '1, 'x, 'z): fills whatever width the context needs. */
  fill?: boolean;
}

const bitsPerDigit = { b: 1, o: 3, h: 4 } as const;

/** Decodes a literal as the lexer produced it; returns an error message string for bad digits. */
export function parseVerilogNumber(text: string): VerilogNumber | string {
  const q = text.indexOf("'");
  if (q < 0) {
    const digits = text.replace(/_/g, '');
    if (!/^\d+$/.test(digits)) return `bad decimal number '${text}'`;
    const v = BigInt(digits);
    const width = Math.max(32, v.toString(2).length);
    return { size: undefined, signed: true, base: 'd', bits: v.toString(2).padStart(width, '0'), width };
  }
  const sizeText = text.slice(0, q).replace(/[_\s]/g, '');
  let k = q + 1;
  let signed = false;
  if (text[k] === 's' || text[k] === 'S') { signed = true; k++; }
  const baseChar = text[k]?.toLowerCase();
  if (sizeText === '' && !signed && (baseChar === '0' || baseChar === '1' || baseChar === 'x' || baseChar === 'z')) {
    return { size: undefined, signed: false, base: 'b', bits: baseChar, width: 1, fill: true };
  }
  if (baseChar !== 'b' && baseChar !== 'o' && baseChar !== 'd' && baseChar !== 'h') return `bad number base in '${text}'`;
  const digits = text.slice(k + 1).replace(/[_\s]/g, '').toLowerCase().replace(/\?/g, 'z');
  if (digits === '') return `number '${text}' has no digits after its base`;
  let size: number | undefined;
  if (sizeText !== '') {
    size = Number(sizeText);
    if (!Number.isSafeInteger(size) || size === 0) return `bad number size in '${text}'`;
    if (size > 1 << 20) return `number size ${size} is too large`;
  }
  let bits: string;
  if (baseChar === 'd') {
    if (/^[xz]$/.test(digits)) bits = digits;
    else if (/^\d+$/.test(digits)) bits = BigInt(digits).toString(2);
    else return `bad decimal digits in '${text}'`;
  } else {
    const per = bitsPerDigit[baseChar];
    const valid = baseChar === 'b' ? /^[01xz]+$/ : baseChar === 'o' ? /^[0-7xz]+$/ : /^[0-9a-fxz]+$/;
    if (!valid.test(digits)) return `bad digits for base '${baseChar}' in '${text}'`;
    let out = '';
    for (const ch of digits) {
      if (ch === 'x' || ch === 'z') out += ch.repeat(per);
      else out += parseInt(ch, 16).toString(2).padStart(per, '0');
    }
    bits = out;
  }
  const width = size ?? Math.max(32, bits.length);
  return { size, signed, base: baseChar, bits: fitBits(bits, width), width };
}

/** Truncates on the left or extends (with x/z when the top digit is x/z, else 0) to `width`. */
export function fitBits(bits: string, width: number): string {
  if (bits.length >= width) return bits.slice(bits.length - width);
  const top = bits[0];
  const pad = top === 'x' || top === 'z' ? top : '0';
  return pad.repeat(width - bits.length) + bits;
}

/** The value of a bit string with no x/z, else undefined. */
export function bitsToBigInt(bits: string): bigint | undefined {
  if (/[xz]/.test(bits)) return undefined;
  return bits === '' ? 0n : BigInt(`0b${bits}`);
}
