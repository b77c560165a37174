import { UserError } from '../../util/index.ts';
import { Aig, makeLit, type LatchInit, type Literal } from './aig.ts';

/**
 * Reads AIGER 1.0 / 1.9 (`aag` ASCII and `aig` binary, latches with optional init values). The
 * graph keeps the file's nodes exactly (no merging), so writing it back reproduces a canonical
 * file byte for byte. Bad, constraint, justice and fairness sections are refused with a message.
 */
export function readAiger(data: Uint8Array, file = '<aiger>'): Aig {
  const reader = new AigerCursor(data, file);
  const header = reader.line();
  const fields = header.split(' ');
  const format = fields[0];
  if (format !== 'aag' && format !== 'aig') reader.fail(1, `expected header 'aag M I L O A' or 'aig M I L O A', found '${header.slice(0, 40)}'`);
  if (fields.length < 6 || fields.length > 10) reader.fail(1, `expected 5 to 9 numbers after '${format}', found ${fields.length - 1}`);
  const nums = fields.slice(1).map((f, i) => {
    if (!/^\d+$/.test(f)) reader.fail(1, `expected a number for header field ${'MILOABCJF'[i]}, found '${f}'`);
    return Number(f);
  });
  const [maxVar, nIn, nLatch, nOut, nAnd] = nums;
  const extra = nums.slice(5);
  if (extra.some((n) => n > 0)) reader.fail(1, 'bad-state, constraint, justice and fairness sections (B C J F) are not supported', 'keep only outputs (B C J F = 0)');
  if (format === 'aig' && maxVar !== nIn + nLatch + nAnd) reader.fail(1, `binary AIGER needs M = I + L + A, found M=${maxVar}, I+L+A=${nIn + nLatch + nAnd}`);
  if (maxVar < nIn + nLatch + nAnd) reader.fail(1, `M=${maxVar} is smaller than I + L + A = ${nIn + nLatch + nAnd}`);
  const maxLit = 2 * maxVar + 1;
  const aig = new Aig(file.replace(/^.*[\\/]/, '').replace(/\.(aag|aig)$/, ''));
  const binary = format === 'aig';

  // File variable -> our literal; defined as the sections are read.
  const map = new Int32Array(maxVar + 1).fill(-1);
  map[0] = 0;
  const defineVar = (lit: number, line: number, what: string): void => {
    if (lit % 2 !== 0 || lit < 2 || lit > maxLit) reader.fail(line, `expected an even literal in 2..${maxLit - 1} for ${what}, found ${lit}`);
    if (map[lit >> 1] !== -1) reader.fail(line, `variable ${lit >> 1} (${what}) is defined twice`);
  };
  const literal = (text: string | undefined, line: number, what: string): number => {
    if (text === undefined || !/^\d+$/.test(text)) reader.fail(line, `expected a literal for ${what}, found '${text ?? 'end of line'}'`);
    const n = Number(text);
    if (n > maxLit) reader.fail(line, `literal ${n} for ${what} exceeds 2M+1 = ${maxLit}`);
    return n;
  };

  for (let i = 0; i < nIn; i++) {
    const lit = binary ? 2 * (i + 1) : literal(reader.line(), reader.lineNo, `input ${i}`);
    if (!binary) defineVar(lit, reader.lineNo, `input ${i}`);
    map[lit >> 1] = aig.addInput();
  }
  const latchNext: { next: number; line: number }[] = [];
  for (let i = 0; i < nLatch; i++) {
    const parts = reader.line().split(' ');
    const line = reader.lineNo;
    let k = 0;
    const lit = binary ? 2 * (nIn + i + 1) : literal(parts[k++], line, `latch ${i}`);
    if (!binary) defineVar(lit, line, `latch ${i}`);
    const next = literal(parts[k++], line, `latch ${i} next state`);
    const initText = parts[k++];
    let init: LatchInit = 0;
    if (initText === '1') init = 1;
    else if (initText === String(lit)) init = undefined; // AIGER 1.9: the latch's own literal means uninitialized
    else if (initText !== undefined && initText !== '0') reader.fail(line, `expected latch init 0, 1 or ${lit}, found '${initText}'`);
    if (parts.length > k) reader.fail(line, `unexpected '${parts[k]}' after latch ${i}`);
    map[lit >> 1] = makeLit(aig.addLatch(init).variable);
    latchNext.push({ next, line });
  }
  const outputLits: { lit: number; line: number }[] = [];
  for (let i = 0; i < nOut; i++) {
    const text = reader.line();
    outputLits.push({ lit: literal(text, reader.lineNo, `output ${i}`), line: reader.lineNo });
  }

  const mapLit = (lit: number, line: number, what: string): Literal => {
    const m = map[lit >> 1];
    if (m === -1) reader.fail(line, `${what} uses literal ${lit}, whose variable is never defined`);
    return m ^ (lit & 1);
  };

  if (binary) {
    for (let i = 0; i < nAnd; i++) {
      const lhs = 2 * (nIn + nLatch + i + 1);
      const d0 = reader.varint(`AND gate ${i} (literal ${lhs})`);
      const d1 = reader.varint(`AND gate ${i} (literal ${lhs})`);
      const rhs0 = lhs - d0;
      const rhs1 = rhs0 - d1;
      if (d0 === 0 || rhs0 < 0 || rhs1 < 0) reader.fail(reader.lineNo, `AND gate ${i} (literal ${lhs}) has invalid deltas ${d0}, ${d1} (expected lhs > rhs0 >= rhs1 >= 0)`);
      map[lhs >> 1] = aig.andRaw(map[rhs0 >> 1] ^ (rhs0 & 1), map[rhs1 >> 1] ^ (rhs1 & 1), true);
    }
  } else {
    // ASCII ANDs may come in any order: collect, then build depth-first, refusing cycles.
    const gates = new Map<number, { rhs0: number; rhs1: number; line: number }>();
    for (let i = 0; i < nAnd; i++) {
      const parts = reader.line().split(' ');
      const line = reader.lineNo;
      if (parts.length !== 3) reader.fail(line, `expected 'lhs rhs0 rhs1' for AND gate ${i}, found ${parts.length} fields`);
      const lhs = literal(parts[0], line, `AND gate ${i}`);
      defineVar(lhs, line, `AND gate ${i}`);
      if (gates.has(lhs >> 1)) reader.fail(line, `variable ${lhs >> 1} (AND gate ${i}) is defined twice`);
      gates.set(lhs >> 1, { rhs0: literal(parts[1], line, `AND gate ${i}`), rhs1: literal(parts[2], line, `AND gate ${i}`), line });
    }
    const state = new Uint8Array(maxVar + 1); // 1 = on the stack, 2 = built
    for (const root of gates.keys()) {
      const stack = [root];
      while (stack.length > 0) {
        const v = stack[stack.length - 1];
        const g = gates.get(v)!;
        if (state[v] === 2) { stack.pop(); continue; }
        state[v] = 1;
        const pending = [g.rhs0 >> 1, g.rhs1 >> 1].filter((u) => map[u] === -1 && gates.has(u) && state[u] !== 2);
        if (pending.length > 0) {
          for (const u of pending) if (state[u] === 1) reader.fail(gates.get(u)!.line, `AND gate for variable ${u} is part of a combinational cycle`);
          stack.push(...pending);
          continue;
        }
        map[v] = aig.andRaw(mapLit(g.rhs0, g.line, `AND gate ${2 * v}`), mapLit(g.rhs1, g.line, `AND gate ${2 * v}`), true);
        state[v] = 2;
        stack.pop();
      }
    }
  }
  for (const { lit, line } of outputLits) aig.addOutput(mapLit(lit, line, 'output'));
  latchNext.forEach(({ next, line }, i) => (aig.latches[i].next = mapLit(next, line, `latch ${i}`)));
  readSymbols(reader, aig);
  return aig;
}

function readSymbols(reader: AigerCursor, aig: Aig): void {
  while (!reader.atEnd()) {
    const text = reader.line();
    const line = reader.lineNo;
    if (text === 'c') {
      aig.comment = reader.rest();
      return;
    }
    const m = /^([ilo])(\d+) (.*)$/.exec(text);
    if (!m) {
      if (/^[bcjf]\d+ /.test(text)) continue; // symbols of sections we do not keep
      reader.fail(line, `expected a symbol 'i<n> name', 'l<n> name', 'o<n> name' or the comment marker 'c', found '${text.slice(0, 40)}'`);
    }
    const index = Number(m[2]);
    const limit = m[1] === 'i' ? aig.inputs.length : m[1] === 'l' ? aig.latches.length : aig.outputs.length;
    if (index >= limit) reader.fail(line, `symbol ${m[1]}${index} is out of range (there are ${limit})`);
    if (m[1] === 'i') aig.inputNames[index] = m[3];
    else if (m[1] === 'l') aig.latches[index].name = m[3];
    else aig.outputs[index].name = m[3];
  }
}

const decoder = new TextDecoder();

/** Reads newline-terminated text lines and binary varints from one buffer, tracking the line. */
class AigerCursor {
  private pos = 0;
  lineNo = 0;

  constructor(private readonly data: Uint8Array, private readonly file: string) {}

  fail(line: number, message: string, fix?: string): never {
    throw new UserError(message, { file: this.file, line: Math.max(1, line), col: 1 }, fix);
  }

  atEnd(): boolean {
    return this.pos >= this.data.length;
  }

  line(): string {
    if (this.atEnd()) this.fail(this.lineNo + 1, 'unexpected end of file');
    let end = this.data.indexOf(10, this.pos);
    if (end < 0) end = this.data.length;
    const text = decoder.decode(this.data.subarray(this.pos, end)).replace(/\r$/, '');
    this.pos = end + 1;
    this.lineNo++;
    return text;
  }

  rest(): string {
    const text = decoder.decode(this.data.subarray(this.pos));
    this.pos = this.data.length;
    return text;
  }

  /** An AIGER 7-bit little-endian varint; binary data is reported at the line where it starts. */
  varint(what: string): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.atEnd()) this.fail(this.lineNo + 1, `unexpected end of file inside the binary AND section at ${what}`);
      const byte = this.data[this.pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
      if (shift > 35) this.fail(this.lineNo + 1, `varint too long at ${what}`);
    }
  }
}
