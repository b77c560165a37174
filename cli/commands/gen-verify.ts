import { defineCommand } from '../command.ts';
import { cosimulate, rtlSimulators, type RtlSimulator } from '../../hdl-gen/index.ts';
import { designConfig, designFlags, vectorFlags, vectorShape } from './gen-config.ts';

export default defineCommand({
  path: ['gen', 'verify'],
  summary: 'co-simulate the generated array against the TS cycle simulator: every readout cycle, bit for bit',
  details: `Builds test vectors with the TS simulator (seeded random GEMM, ragged last tiles by default),
runs the generated RTL under Icarus Verilog or Verilator, and compares every readout row, cycle by cycle,
and each pass's cycle count. Exit 1 on the first difference (pass, cycle, PE, both values).
example: tessera gen verify --pe fp16 --array 8x8 --group 16 --sim verilator`,
  flags: [
    ...designFlags,
    ...vectorFlags,
    { name: 'sim', kind: 'string', default: 'iverilog', choices: rtlSimulators, help: 'RTL simulator' },
    { name: 'keep', kind: 'string', valueName: 'DIR', help: 'keep the generated files and the simulator build in DIR' },
  ],
  async run(flags) {
    const config = designConfig(flags);
    const shape = vectorShape(config, flags);
    const r = await cosimulate(config, { simulator: flags.sim as RtlSimulator, shape, seed: flags.seed, ...(flags.keep ? { workDir: flags.keep } : {}) });
    const what = `${config.pe.id} ${config.array.rows}x${config.array.cols} group ${config.group} ${config.scheme}, GEMM ${shape.m}x${shape.k}x${shape.n}, ${r.passes} pass(es), ${flags.sim}`;
    if (!r.ok) {
      console.error(`MISMATCH ${what}: ${r.mismatch}`);
      return 1;
    }
    console.log(`OK ${what}: ${r.cyclesCompared} readout cycles and ${r.valuesCompared} FP32 values bit-exact, cycle counts equal (compile ${r.compileSeconds.toFixed(2)} s, run ${r.runSeconds.toFixed(2)} s)`);
  },
});
