import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aig, checkEquivalence, parseTruthHex, readAiger, readPla, truthHex, truthTables } from '../../../eda/aig/index.ts';
import { dataDir, isUserError, missingData } from '../../../util/index.ts';
import { findAbc } from './abc-tools.ts';

const abc = findAbc();
const noAbc = abc ? undefined : 'no ABC binary (berkeley-abc or yosys-abc) on the PATH';
if (noAbc) console.warn(`skipping the ABC cross-checks of truth-table hex and PLA: ${noAbc}`);

function randomHex(digits: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < digits; i++) out += ((s = (s * 1103515245 + 12345) >>> 0) >>> 16 & 15).toString(16);
  return out;
}

/** Runs ABC on `commands` in a scratch folder and reads back the AIGER files it wrote. */
function abcAigs(commands: string[], files: string[]): Aig[] {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-abc-'));
  try {
    const script = commands.map((c) => c.replaceAll('$DIR', dir)).join('; ');
    const r = spawnSync(abc!, ['-c', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(r.stdout + r.stderr);
    return files.map((f) => readAiger(readFileSync(join(dir, f)), f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('truth tables as hex text', () => {
  it('round-trips and puts minterm m at bit m (hex 8 = AND of two inputs, 6a = the classic 3-input example)', () => {
    expect(Array.from(parseTruthHex('8', 2))).toEqual([8]);
    expect(Array.from(parseTruthHex('6a', 3))).toEqual([0x6a]);
    expect(Array.from(parseTruthHex('0123456789abcdef0123456789ABCDEF', 7))).toEqual([0x89abcdef, 0x01234567, 0x89abcdef, 0x01234567]);
    for (const n of [1, 2, 3, 4, 5, 6, 8, 10]) {
      const hex = n === 1 ? '2' : randomHex(Math.max(1, 2 ** n / 4), n);
      expect(truthHex(parseTruthHex(hex, n), n)).toBe(hex.toLowerCase());
    }
  });

  it('rejects a wrong length, a non-hex character, stray high bits and too many inputs, naming the flag and an example', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (!isUserError(e)) throw e;
        return e.format();
      }
      throw new Error('no error');
    };
    expect(message(() => parseTruthHex('6a', 4))).toMatch(/^--truth-table: expected 4 hex digits for 4 inputs, got 2 \(e\.g\. 8000/);
    expect(message(() => parseTruthHex('6g', 3))).toMatch(/^--truth-table: 'g' at character 2 .* not a hex digit \(expected 2 hex digits for 3 inputs/);
    expect(message(() => parseTruthHex('4', 1))).toMatch(/^--truth-table: the table sets minterm 2, but 1 input has only 2/);
    expect(message(() => parseTruthHex('0', 17))).toMatch(/^--inputs: a truth table has 0 to 16 inputs, not 17/);
  });

  it.skipIf(noAbc !== undefined)('means what ABC read_truth reads: same function, input i = the i-th primary input', () => {
    const cases = [3, 4, 4, 5, 6, 6, 8].map((n, k) => ({ n, hex: randomHex(2 ** n / 4, 100 + k) })).filter((c) => /[^0]/.test(c.hex));
    const aigs = abcAigs(cases.flatMap((c, k) => [`read_truth ${c.hex}`, 'strash', `write_aiger $DIR/f${k}.aig`]), cases.map((_, k) => `f${k}.aig`));
    cases.forEach((c, k) => expect(Array.from(truthTables(aigs[k]).tables[0])).toEqual(Array.from(parseTruthHex(c.hex, c.n))));
  });
});

const noPla = missingData('lgsynth91_mcnc', 'pla');
if (noPla) console.warn(`skipping the PLA checks on LGSynth'91: ${noPla}`);

describe.skipIf(noPla !== undefined)('PLA reader on the LGSynth91/MCNC PLA files', () => {
  const dir = noPla ? '' : join(dataDir()!, 'lgsynth91_mcnc', 'pla');
  const files = noPla ? [] : readdirSync(dir).filter((f) => f.endsWith('.pla')).sort();

  it.skipIf(noAbc !== undefined)('every file is equivalent to what ABC read_pla builds (ABC refuses the two whose cubes wrap over lines)', () => {
    // ABC's reader wants each cube on one line; cps.pla and ex4.pla wrap theirs, which Espresso allows.
    const wrapped = new Map([['cps.pla', 109], ['ex4.pla', 28]]);
    const readable = files.filter((f) => !wrapped.has(f));
    const theirs = abcAigs(readable.flatMap((f, k) => [`read_pla ${join(dir, f)}`, 'strash', `write_aiger $DIR/p${k}.aig`]), readable.map((_, k) => `p${k}.aig`));
    readable.forEach((f, k) => {
      const ours = readPla(readFileSync(join(dir, f), 'utf8'), f);
      expect(ours.outputs.length).toBe(theirs[k].outputs.length);
      const r = checkEquivalence(ours, theirs[k], { randomWords: 64, exhaustiveLimit: 12 });
      expect(r.equivalent, `${f}: ${JSON.stringify(r)}`).toBe(true);
    });
    for (const [f, outputs] of wrapped) expect(readPla(readFileSync(join(dir, f), 'utf8'), f).outputs.length).toBe(outputs);
  });

  it('every mutation of a real file parses or gives a located UserError', () => {
    let s = 7;
    const rnd = (k: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % k;
    for (const f of ['misex1.pla', 'rd53.pla', 'Z5xp1.pla']) {
      const lines = readFileSync(join(dir, f), 'utf8').split('\n');
      let errors = 0;
      for (let m = 0; m < 200; m++) {
        const copy = [...lines];
        const at = rnd(copy.length);
        const kind = rnd(4);
        if (kind === 0) copy[at] = copy[at].slice(0, rnd(copy[at].length + 1)) + '01-~.x '[rnd(7)] + copy[at].slice(rnd(copy[at].length + 1));
        else if (kind === 1) copy.splice(at, 1);
        else if (kind === 2) copy.splice(at, 0, copy[rnd(copy.length)]);
        else copy[at] = copy[at].slice(0, rnd(copy[at].length + 1));
        try {
          readPla(copy.join('\n'), f);
        } catch (e) {
          if (!isUserError(e)) throw new Error(`non-UserError on a mutation of ${f}: ${String(e)}`);
          expect(e.where).toBeDefined();
          errors++;
        }
      }
      expect(errors).toBeGreaterThan(0);
    }
  });
});
