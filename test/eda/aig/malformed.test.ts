import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCircuit, readAiger, readBench, readBlif } from '../../../eda/aig/index.ts';
import { UserError, dataDir, isUserError, missingData } from '../../../util/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** The UserError a reader throws, or a failure when it throws anything else or nothing. */
function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('malformed files give the line and what was expected', () => {
  it.each([
    ['aag 3 1 0 1\n', 1, /expected 5 to 9 numbers/],
    ['aag 3 1 0 1 1\n2\n6\n6 2 x\n', 4, /expected a literal for AND gate 0, found 'x'/],
    ['aag 3 1 0 1 1\n2\n6\n6 2 9\n', 4, /literal 9 .* exceeds 2M\+1 = 7/],
    ['aag 3 1 0 1 1\n2\n6\n', 4, /unexpected end of file/],
    ['aag 4 1 0 1 2\n2\n6\n6 8 2\n8 6 2\n', 4, /combinational cycle/],
    ['aag 1 1 0 1 0\n2\n2\nx0 bad\n', 4, /expected a symbol/],
    ['aig 2 1 0 1 1\n4\n', 3, /unexpected end of file inside the binary AND section/],
    ['aig 5 1 0 1 2\n6\n', 1, /binary AIGER needs M = I \+ L \+ A/],
    ['aag 1 0 1 0 0 1\n2 3\n', 1, /not supported/],
  ])('AIGER %j -> line %i', (text, line, message) => {
    const e = userError(() => readAiger(enc(text), 'bad.aag'));
    expect(e.where).toMatchObject({ file: 'bad.aag', line });
    expect(e.message).toMatch(message);
  });

  it.each([
    ['INPUT(a)\nOUTPUT(y)\ny = FOO(a)\n', 3, /unknown gate type 'FOO'/],
    ['INPUT(a)\nOUTPUT(y)\ny = AND(a, b)\n', 3, /signal 'b' is used but never defined/],
    ['INPUT(a)\nOUTPUT(y)\ny = AND(a, z)\nz = OR(y, a)\n', 4, /combinational cycle/],
    ['INPUT(a)\nOUTPUT(y)\ny = NOT(a, a)\n', 3, /NOT takes exactly one input/],
    ['INPUT(a)\nOUTPUT(y)\ny AND a\n', 3, /expected 'INPUT\(name\)'/],
    ['INPUT(a)\nOUTPUT(y)\ny = NOT(a)\ny = BUFF(a)\n', 4, /defined twice/],
  ])('BENCH %j -> line %i', (text, line, message) => {
    const e = userError(() => readBench(text, 'bad.bench'));
    expect(e.where).toMatchObject({ file: 'bad.bench', line });
    expect(e.message).toMatch(message);
  });

  it.each([
    ['.model m\n.inputs a b\n.outputs y\n.names a b y\n1 1\n.end\n', 5, /expected 2 characters/],
    ['.model m\n.inputs a b\n.outputs y\n.names a b y\n11 2\n.end\n', 5, /output 0 or 1/],
    ['.model m\n.inputs a\n.outputs y\n.subckt foo a=a y=y\n.end\n', 4, /\.subckt is not supported/],
    ['.model m\n.inputs a\n.outputs y\n.latch a y 7\n.end\n', 4, /latch init 0, 1, 2 or 3/],
    ['.model m\n.inputs a\n.outputs y\n.frob\n.end\n', 4, /unknown BLIF command '\.frob'/],
    ['.model m\n.inputs a \\\n b\n.outputs y\n.names a c y\n11 1\n.end\n', 5, /signal 'c' is used but never defined/],
    ['.model m\n.inputs a b\n.outputs y\n.names a b y\n11 1\n00 0\n.end\n', 6, /mixes on-set/],
  ])('BLIF %j -> line %i', (text, line, message) => {
    const e = userError(() => readBlif(text, 'bad.blif'));
    expect(e.where).toMatchObject({ file: 'bad.blif', line });
    expect(e.message).toMatch(message);
  });
});

/** Seeded random mutations of a real file: byte flips, deleted or duplicated lines, truncation. */
function* mutations(data: Uint8Array, count: number, seed: number): Generator<Uint8Array> {
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1664525 + 1013904223) >>> 0) >>> 8) % k;
  for (let i = 0; i < count; i++) {
    const m = Uint8Array.from(data);
    const kind = rnd(4);
    if (kind === 0) {
      for (let j = 0; j < 1 + rnd(4); j++) m[rnd(m.length)] = rnd(256);
      yield m;
    } else if (kind === 1) {
      yield m.subarray(0, rnd(m.length));
    } else {
      const lines = new TextDecoder().decode(m).split('\n');
      const at = rnd(lines.length);
      if (kind === 2) lines.splice(at, 1);
      else lines.splice(at, 0, lines[rnd(lines.length)]);
      yield new TextEncoder().encode(lines.join('\n'));
    }
  }
}

const missing = missingData('iscas_ispras') ?? missingData('epfl') ?? missingData('itc99/gate_blif_I99T');
if (missing) console.warn(`skipping reader fuzzing: ${missing}`);

describe.skipIf(missing !== undefined)('fuzzing the readers with mutated real files', () => {
  const cases = [
    ['epfl/random_control/ctrl.aig'],
    ['epfl/random_control/int2float.aig'],
    ['iscas_ispras/iscas85/bench/c432.bench'],
    ['iscas_ispras/iscas89/bench/s298.bench'],
    ['itc99/gate_blif_I99T/b02_opt.blif'],
    ['lgsynth91_mcnc/blif/C880.blif'],
  ];
  it.each(cases)('%s: every mutation parses or gives a located UserError', (rel) => {
    const path = join(dataDir()!, rel);
    const original = readFileSync(path);
    let errors = 0;
    for (const m of mutations(original, 300, rel.length)) {
      try {
        parseCircuit(m, path);
      } catch (e) {
        if (!isUserError(e)) throw new Error(`non-UserError on a mutation of ${rel}: ${String(e)}`);
        expect(typeof e.where === 'object' || typeof e.where === 'string').toBe(true);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

});

describe('binary files', () => {
  it.each(['x.v', 'x.bench', 'x.blif', 'x.pla'])('a text format with NUL bytes is refused as binary (%s)', (name) => {
    const e = userError(() => parseCircuit(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]), name));
    expect(e.message).toBe(`${name} is a binary file, not text`);
    expect(e.where).toBe(name);
  });
});

describe('fuzzing the AIGER reader with a small mutated file', () => {
  it('every mutation parses or gives a located UserError, and both happen', () => {
    const text = 'aag 5 2 1 1 2\n2\n4\n6 10\n8\n8 6 2\n10 9 4\n';
    let parsed = 0;
    let errors = 0;
    for (const m of mutations(enc(text), 500, 7)) {
      try {
        parseCircuit(m, 'x.aag');
        parsed++;
      } catch (e) {
        if (!isUserError(e)) throw new Error(`non-UserError on ${JSON.stringify(new TextDecoder().decode(m))}: ${String(e)}`);
        expect(e.where).toMatchObject({ file: 'x.aag' });
        errors++;
      }
    }
    expect(parsed).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
});
