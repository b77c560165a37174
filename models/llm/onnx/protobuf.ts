/**
 * The few Protocol Buffers wire rules an ONNX file needs (varints, length-delimited fields, fixed32
 * floats), written by hand: the exporter builds one message tree and serializes it, and a protobuf
 * library with ONNX's generated schema would be a large dependency for that.
 */

/** One field of a message: a varint, a float, bytes/a string, or a nested message. */
export type Field = readonly [number, 'varint', number | bigint] | readonly [number, 'float', number] | readonly [number, 'bytes', Uint8Array | string] | readonly [number, 'message', Message];
export type Message = readonly Field[];

const utf8 = new TextEncoder();

function varint(v: number | bigint, out: number[]): void {
  let x = BigInt.asUintN(64, BigInt(v));
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}

/** The wire bytes of a message (fields in the order given). */
export function encodeMessage(fields: Message): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (p: Uint8Array) => { parts.push(p); size += p.length; };
  for (const f of fields) {
    const head: number[] = [];
    const [num, kind] = f;
    if (kind === 'varint') {
      varint((num << 3) | 0, head);
      varint(f[2], head);
      push(Uint8Array.from(head));
    } else if (kind === 'float') {
      varint((num << 3) | 5, head);
      const b = new Uint8Array(head.length + 4);
      b.set(head);
      new DataView(b.buffer).setFloat32(head.length, f[2], true);
      push(b);
    } else {
      const body = kind === 'message' ? encodeMessage(f[2]) : typeof f[2] === 'string' ? utf8.encode(f[2]) : f[2];
      varint((num << 3) | 2, head);
      varint(body.length, head);
      push(Uint8Array.from(head));
      push(body);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
