import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { writeFileAtomic } from '../../util/index.ts';
import { arrayTestbench, cosimVectors, generateArrayDesign } from '../../hdl-gen/index.ts';
import { designConfig, designFlags, vectorFlags, vectorShape } from './gen-config.ts';

export default defineCommand({
  path: ['gen', 'array'],
  summary: 'write the Verilog of a PE array and a self-checking-ready testbench (vectors from the TS simulator)',
  details: `Writes DIR/tessera_array.v (the design, configuration in its header), DIR/tb.v and the hex
buffer images it reads. The testbench prints every readout row; 'tessera gen verify' runs it and compares
with the simulator. Contract: docs/sim-cycle-model.md; design notes: docs/hdl-gen.md.
example: tessera gen array --pe mixpe-w4a8 --array 8x8 --group 16 --out build/array`,
  flags: [
    ...designFlags,
    ...vectorFlags,
    { name: 'out', kind: 'string', required: true, valueName: 'DIR', help: 'output folder' },
  ],
  async run(flags) {
    const config = designConfig(flags);
    // Everything is built (and refused) before the first file is written.
    const design = generateArrayDesign(config);
    const shape = vectorShape(config, flags);
    const vectors = cosimVectors(design.params, shape, flags.seed);
    const tb = arrayTestbench(design.params, vectors);
    writeFileAtomic(join(flags.out, design.fileName), design.verilog);
    for (const [name, text] of Object.entries(tb.files)) writeFileAtomic(join(flags.out, name), text);
    console.log(`wrote ${join(flags.out, design.fileName)} (${design.verilog.split('\n').length} lines, top ${design.top}) and a testbench for a ${shape.m}x${shape.k}x${shape.n} GEMM in ${vectors.passes.length} pass(es)`);
    console.log(`run it: iverilog -g2005 -s tessera_tb -o sim.vvp ${design.fileName} tb.v && vvp -n sim.vvp   (in ${flags.out})`);
  },
});
