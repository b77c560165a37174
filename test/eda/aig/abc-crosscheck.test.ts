import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aigStats, readCircuit } from '../../../eda/aig/index.ts';
import { dataDir, isUserError, missingData } from '../../../util/index.ts';
import { abcPrintStats, findAbc } from './abc-tools.ts';

const abc = findAbc();
const missing = missingData('epfl') ?? missingData('iscas_ispras') ?? (abc ? undefined : 'no ABC binary (apt-get install berkeley-abc, or yosys for yosys-abc)');
if (missing) console.warn(`skipping ABC print_stats cross-check: ${missing}`);

function files(dir: string, ext: string): string[] {
  const d = join(dataDir()!, dir);
  return readdirSync(d).filter((f) => f.endsWith(ext)).sort().map((f) => join(d, f));
}

describe.skipIf(missing !== undefined)('node and level counts equal ABC print_stats', () => {
  it('every EPFL circuit (read; print_stats)', () => {
    const paths = [...files('epfl/arithmetic', '.aig'), ...files('epfl/random_control', '.aig')];
    const reference = abcPrintStats(abc!, paths.flatMap((p) => [`read ${p}`, 'print_stats']));
    expect(reference).toHaveLength(paths.length);
    paths.forEach((p, i) => expect({ file: p, ...aigStats(readCircuit(p)) }).toEqual({ file: p, ...reference[i] }));
  });

  it('every ISCAS85 and ISCAS89 BENCH circuit (read_bench; strash; print_stats)', () => {
    const all = [...files('iscas_ispras/iscas85/bench', '.bench'), ...files('iscas_ispras/iscas89/bench', '.bench')];
    // The data set's s208.1.bench holds an HTML page, not a netlist: both readers must refuse it.
    const unreadable = all.filter((p) => {
      try {
        readCircuit(p);
        return false;
      } catch (e) {
        if (!isUserError(e)) throw e;
        return true;
      }
    });
    for (const p of unreadable) expect(abcPrintStats(abc!, [`read_bench ${p}`, 'strash', 'print_stats'])).toEqual([]);
    expect(unreadable.length).toBeLessThanOrEqual(1);
    const paths = all.filter((p) => !unreadable.includes(p));
    const reference = abcPrintStats(abc!, paths.flatMap((p) => [`read_bench ${p}`, 'strash', 'print_stats']));
    expect(reference).toHaveLength(paths.length);
    paths.forEach((p, i) => expect({ file: p, ...aigStats(readCircuit(p)) }).toEqual({ file: p, ...reference[i] }));
  });

  it('gate-level Verilog through the front-end: ISCAS85 .v and the smaller EPFL .v give ABC\'s counts of the same circuit', () => {
    const pairs = [
      ...files('iscas_ispras/iscas85/verilog', '.v').map((v) => [v, v.replace('/verilog/', '/bench/').replace(/\.v$/, '.bench'), 'read_bench'] as const),
      ...['arithmetic/adder', 'arithmetic/bar', 'arithmetic/max', 'arithmetic/sin', 'random_control/cavlc', 'random_control/ctrl', 'random_control/dec',
        'random_control/i2c', 'random_control/int2float', 'random_control/priority', 'random_control/router']
        .map((n) => [join(dataDir()!, 'epfl', `${n}.v`), join(dataDir()!, 'epfl', `${n}.aig`), 'read'] as const),
    ];
    const reference = abcPrintStats(abc!, pairs.flatMap(([, ref, read]) => [`${read} ${ref}`, 'strash', 'print_stats']));
    expect(reference).toHaveLength(pairs.length);
    pairs.forEach(([v], i) => expect({ file: v, ...aigStats(readCircuit(v)) }).toEqual({ file: v, ...reference[i] }));
  });

  it('ISCAS89 gate-level Verilog with its dff cell: ABC\'s counts of the .bench, plus the clock input the .bench leaves out', () => {
    // Only these .v files are the same netlists as the .bench ones (others in the data set are
    // different versions: other flip-flop counts, extra GND/VDD ports, or no dff definition).
    const names = ['s27', 's382', 's641', 's713', 's1238', 's1423', 's1488', 's5378'];
    const reference = abcPrintStats(abc!, names.flatMap((n) => [`read_bench ${join(dataDir()!, 'iscas_ispras/iscas89/bench', `${n}.bench`)}`, 'strash', 'print_stats']));
    expect(reference).toHaveLength(names.length);
    names.forEach((n, i) => {
      const stats = aigStats(readCircuit(join(dataDir()!, 'iscas_ispras/iscas89/verilog', `${n}.v`)));
      expect({ n, ...stats }).toEqual({ n, ...reference[i], inputs: reference[i].inputs + 1 });
    });
  });
});
