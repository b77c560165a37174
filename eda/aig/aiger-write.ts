import { Aig, litVar, type Literal } from './aig.ts';

/**
 * Numbers an AIG the way AIGER needs it: inputs 1..I, latches, then ANDs in creation (topological)
 * order. Returns file literal for each of our literals.
 */
function aigerNumbering(aig: Aig): (lit: Literal) => number {
  const map = new Int32Array(aig.variableCount);
  let next = 1;
  for (const v of aig.inputs) map[v] = next++;
  for (const l of aig.latches) map[l.variable] = next++;
  for (const v of aig.andVariables()) map[v] = next++;
  return (lit) => 2 * map[litVar(lit)] + (lit & 1);
}

function header(aig: Aig, format: 'aag' | 'aig'): string {
  const i = aig.inputs.length;
  const l = aig.latches.length;
  const a = aig.andCount;
  return `${format} ${i + l + a} ${i} ${l} ${aig.outputs.length} ${a}\n`;
}

function latchLine(aig: Aig, index: number, file: (lit: Literal) => number, withLit: boolean): string {
  const latch = aig.latches[index];
  const self = file(2 * latch.variable);
  const init = latch.init === 0 ? '' : latch.init === 1 ? ' 1' : ` ${self}`;
  return `${withLit ? `${self} ` : ''}${file(latch.next)}${init}\n`;
}

function symbolsAndComment(aig: Aig): string {
  const lines: string[] = [];
  aig.inputNames.forEach((n, i) => n !== undefined && lines.push(`i${i} ${n}\n`));
  aig.latches.forEach((l, i) => l.name !== undefined && lines.push(`l${i} ${l.name}\n`));
  aig.outputs.forEach((o, i) => o.name !== undefined && lines.push(`o${i} ${o.name}\n`));
  if (aig.comment !== undefined) lines.push(`c\n${aig.comment}`);
  return lines.join('');
}

/** ASCII AIGER (`aag`). */
export function writeAag(aig: Aig): string {
  const file = aigerNumbering(aig);
  const parts = [header(aig, 'aag')];
  for (const v of aig.inputs) parts.push(`${file(2 * v)}\n`);
  for (let i = 0; i < aig.latches.length; i++) parts.push(latchLine(aig, i, file, true));
  for (const o of aig.outputs) parts.push(`${file(o.lit)}\n`);
  for (const v of aig.andVariables()) {
    const a = file(aig.fanin0(v));
    const b = file(aig.fanin1(v));
    parts.push(`${file(2 * v)} ${Math.max(a, b)} ${Math.min(a, b)}\n`);
  }
  parts.push(symbolsAndComment(aig));
  return parts.join('');
}

/** Binary AIGER (`aig`): ANDs as delta-encoded varints. */
export function writeAig(aig: Aig): Uint8Array {
  const file = aigerNumbering(aig);
  const encoder = new TextEncoder();
  const text: string[] = [header(aig, 'aig')];
  for (let i = 0; i < aig.latches.length; i++) text.push(latchLine(aig, i, file, false));
  for (const o of aig.outputs) text.push(`${file(o.lit)}\n`);
  const head = encoder.encode(text.join(''));
  const tail = encoder.encode(symbolsAndComment(aig));
  const body = new Uint8Array(aig.andCount * 10);
  let pos = 0;
  const put = (x: number): void => {
    while (x >= 0x80) {
      body[pos++] = (x % 0x80) | 0x80;
      x = Math.floor(x / 0x80);
    }
    body[pos++] = x;
  };
  for (const v of aig.andVariables()) {
    const lhs = file(2 * v);
    const a = file(aig.fanin0(v));
    const b = file(aig.fanin1(v));
    const rhs0 = Math.max(a, b);
    const rhs1 = Math.min(a, b);
    put(lhs - rhs0);
    put(rhs0 - rhs1);
  }
  const out = new Uint8Array(head.length + pos + tail.length);
  out.set(head, 0);
  out.set(body.subarray(0, pos), head.length);
  out.set(tail, head.length + pos);
  return out;
}
