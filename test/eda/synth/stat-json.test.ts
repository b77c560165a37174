// The readers of what Yosys writes (stat -json) and of the lines ABC prints inside its log, on real
// output of both Yosys versions the project uses: native 0.23 (Debian) and 0.55 (@yowasp/yosys).
// fixtures/mul.ys says how the fixtures were made.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HIERARCHY, libertyCellAreas, parseAbcStime, parseStatJson, readLiberty, statJsonModules, topOfStatJson, withLibertyArea } from '../../../eda/synth/index.ts';
import { parseAbcStimes, parseLutMappings, parsePrintStats } from '../../../eda/synth/recipes/index.ts';
import { dataPath, seededRandom } from '../../../util/index.ts';
import { missingData, skipReason } from '../../helpers/requirements.ts';

const fixture = (version: string, name: string) => readFileSync(new URL(`./fixtures/yosys-${version}/${name}`, import.meta.url), 'utf8');
const versions = ['0.23', '0.55'] as const;
const noLiberty = skipReason(missingData('liberty', 'nangate45', 'nangate45_typ.lib.gz'));

/** `Chip area for ...` of the text report, the independent reference for the area (test only). */
function textArea(text: string, module: string, top = false): number {
  const m = new RegExp(`Chip area for ${top ? 'top ' : ''}module '\\\\${module}':\\s+([\\d.]+)`).exec(text);
  if (!m) throw new Error(`no chip area for ${module}`);
  return Number(m[1]);
}

describe.each(versions)('stat -json of Yosys %s', (version) => {
  const generic = fixture(version, 'stat-generic.json');
  const mapped = fixture(version, 'stat-mapped.json');

  it('reads each module and the hierarchy totals', () => {
    const sub = parseStatJson(generic, 'sub');
    const top = parseStatJson(generic, 'top');
    const design = parseStatJson(generic, HIERARCHY);
    for (const s of [sub, top, design]) expect(Object.values(s.cellsByType).reduce((a, b) => a + b, 0)).toBe(s.cells);
    // The 12x12 multiplier sits in `sub`; `top` holds it once plus a 24-bit accumulator register.
    expect(top.cellsByType.sub).toBe(1);
    expect(top.cellsByType.$_DFF_P_).toBe(24);
    expect(design.cells).toBe(top.cells - 1 + sub.cells);
    expect(design.cellsByType.sub).toBeUndefined();
    expect(Object.keys(design.cellsByType)).toEqual([...Object.keys(design.cellsByType)].sort());
    expect([...statJsonModules(generic).keys()]).toEqual(['sub', 'top']);
    expect(topOfStatJson(generic)).toBe('top');
    expect(topOfStatJson(fixture(version, 'stat-flat.json'))).toBe('top');
    expect(() => parseStatJson(generic, 'nosuch')).toThrow(/module 'nosuch'/);
  });

  it('mapped counts are the cells the text report lists', () => {
    const text = fixture(version, 'stat-mapped.txt');
    const top = parseStatJson(mapped, 'top');
    for (const [cell, n] of Object.entries(top.cellsByType)) {
      expect(text).toMatch(new RegExp(`^\\s+${cell.replace(/\\/g, '')}\\s+${n}\\b`, 'm'));
    }
  });

  it.skipIf(noLiberty)('area equals the text report\'s chip area, from the JSON or from the Liberty', () => {
    const lib = readLibertyText();
    const text = fixture(version, 'stat-mapped.txt');
    for (const module of ['sub', 'top']) {
      const s = parseStatJson(mapped, module);
      expect(s.area === undefined).toBe(version === '0.23'); // 0.23 writes no area into the JSON
      expect(withLibertyArea({ ...s, area: undefined }, lib).area).toBeCloseTo(textArea(text, module), 3);
      expect(withLibertyArea(s, lib).area).toBeCloseTo(textArea(text, module), 3);
    }
    const design = parseStatJson(mapped, HIERARCHY);
    expect(withLibertyArea(design, lib).area).toBeCloseTo(textArea(text, 'top', true), 3);
    expect(withLibertyArea({ ...design, area: undefined }, lib).area).toBeCloseTo(textArea(text, 'top', true), 3);
  });

  it('survives mutations: a result or an Error, never anything else', () => {
    const random = seededRandom(version === '0.23' ? 23 : 55);
    let results = 0;
    let errors = 0;
    for (let i = 0; i < 400; i++) {
      const chars = [...mapped];
      for (let k = 0; k < 1 + Math.floor(random() * 6); k++) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, '{}[]:,"-1e'[Math.floor(random() * 10)]);
        else chars.splice(at, Math.floor(random() * 40));
      }
      let stats: ReturnType<typeof parseStatJson>;
      try {
        stats = parseStatJson(chars.join(''), HIERARCHY);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        errors++;
        continue;
      }
      results++;
      expect(Number.isInteger(stats.cells) && stats.cells >= 0).toBe(true);
      for (const n of Object.values(stats.cellsByType)) expect(Number.isInteger(n) && n >= 0).toBe(true);
    }
    // Both outcomes occur, so neither branch is dead.
    expect(results).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
});

describe.each(versions)('ABC lines in the log of Yosys %s', (version) => {
  const log = fixture(version, 'abc.log');

  it('print_stats: one point per call, in order, not the &ps lines', () => {
    // recipe.abc runs per module (sub, then top): strash; print_stats; balance; print_stats.
    expect(parsePrintStats(log)).toEqual([
      { nodes: 1212, levels: 37 }, { nodes: 1211, levels: 37 },
      { nodes: 232, levels: 18 }, { nodes: 232, levels: 18 },
    ]);
  });

  it('&if -K 6; &ps: LUT count and depth', () => {
    expect(parseLutMappings(log)).toEqual([{ luts: 273, depth: 8 }, { luts: 57, depth: 5 }]);
  });

  it('stime -p: area and delay per module, summed over a hierarchy', () => {
    expect(parseAbcStimes(log)).toEqual([{ area: 876.2, delayPs: 1260.56 }, { area: 136.99, delayPs: 811.26 }]);
    expect(parseAbcStime(log)).toEqual({ area: 876.2 + 136.99, delayPs: 1260.56 });
    expect(parseAbcStime('no timing here')).toBeUndefined();
  });
});

let liberty: string | undefined;
/** Nangate45 typical, read once (Yosys's own `stat -liberty` used it for the fixtures). */
function readLibertyText(): string {
  liberty ??= readLiberty(dataPath('liberty', 'nangate45', 'nangate45_typ.lib.gz'));
  expect(libertyCellAreas(liberty).get('INV_X1')).toBeCloseTo(0.532, 6);
  return liberty;
}
