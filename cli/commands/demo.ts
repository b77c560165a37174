// The main job (`npm start`): one pass through Tessera on embedded defaults. Simulate a MixPE GEMM
// cycle by cycle and check it bit for bit, emit the array's Verilog, synthesize its PE with the
// embedded Yosys, and set VeriDistill's prediction next to the synthesized QoR.
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { isUserError, writeFileAtomic, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { energyConstants28nm } from '../../hw/energy/index.ts';
import { gemmEnergy, randomGemmOperands, referenceGemm, simulateGemm, validateGemm } from '../../sim/index.ts';
import { arrayTestbench, cosimVectors, generateArrayDesign } from '../../hdl-gen/index.ts';
import { DEFAULT_LIBRARY, LIBRARY_HELP, hasNativeYosys, libraryTitle, loadLibrary, yosysBackends, type YosysBackend } from '../../eda/synth/index.ts';
import { selectBackend } from '../../models/common/index.ts';
import { VeriDistill, labelFlowOf, moduleClosureText, shippedCheckpointDir } from '../../models/qor/veridistill/index.ts';
import { QOR_FLOW_HASH, synthesizeQor } from '../../models/qor/veridistill/training/index.ts';
import { designConfig, designFlags } from './gen-config.ts';

const percent = (pred: number, truth: number) => `${pred >= truth ? '+' : ''}${((100 * (pred - truth)) / truth).toFixed(1)}%`;

export default defineCommand({
  path: ['demo'],
  summary: 'the main job: simulate a MixPE GEMM (checked bit for bit), emit its Verilog, synthesize the PE, compare predicted with synthesized QoR',
  details: `Steps: (1) cycle-mode simulation of an M x K x N GEMM with ragged edge tiles, every output compared with
the plain reference GEMM; (2) the array's Verilog and a testbench in --out; (3) the PE synthesized by Yosys
(embedded WebAssembly build by default) with the script that labels VeriDistill's training data, mapped to
sky130_fd_sc_hd typical (shipped in share/liberty; --liberty for another library); (4) VeriDistill's area/delay
prediction of the same PE next to step 3's figures, which are the labelling flow's (same Yosys build, script and
library) unless --yosys or --liberty chose another: then the PE is synthesized again with the labels' flow, and the
output says so. Whole-array synthesis takes minutes;
run 'tessera synth OUT/tessera_array.v --top tessera_array --liberty LIB' for it.`,
  flags: [
    ...designFlags.map((f) => (f.name === 'array' ? { ...f, default: '8x8' } : f.name === 'group' ? { ...f, default: 32 } : f)),
    { name: 'm', kind: 'int', default: 100, valueName: 'M', help: 'GEMM rows (tokens)' },
    { name: 'k', kind: 'int', default: 256, valueName: 'K', help: 'GEMM reduction length' },
    { name: 'n', kind: 'int', default: 90, valueName: 'N', help: 'GEMM columns (output features)' },
    { name: 'seed', kind: 'int', default: 1, help: 'seed of the random operands' },
    { name: 'out', kind: 'string', default: 'out/demo', valueName: 'DIR', help: 'folder for the Verilog, testbench and summary.json' },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys backend (wasm: embedded, no install)' },
    { name: 'liberty', kind: 'string', default: DEFAULT_LIBRARY, valueName: 'LIB', help: LIBRARY_HELP },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('syntheses', 'synth'));
    const config = designConfig(flags);
    const shape = { m: flags.m, k: flags.k, n: flags.n };
    validateGemm(config, shape);
    // Built (and refused) before anything runs or is written.
    const design = generateArrayDesign(config);
    const { rows, cols } = config.array;

    console.log(`1. simulate: ${shape.m}x${shape.k}x${shape.n} GEMM on a ${rows}x${cols} ${config.pe.id} array, group ${config.group} ${config.scheme} (cycle mode)`);
    const operands = randomGemmOperands(config, shape, flags.seed);
    const sim = simulateGemm(config, shape, { mode: 'cycle', operands });
    const reference = referenceGemm(config, operands);
    const output = sim.output!;
    let mismatches = 0;
    for (let i = 0; i < reference.length; i++) if (!Object.is(reference[i], output[i])) mismatches++;
    const energy = gemmEnergy(config, sim, energyConstants28nm);
    console.log(`   ${sim.cycles} cycles (${sim.passes} passes), utilization ${(sim.utilization * 100).toFixed(1)} %, energy ${(energy.total * 1e6).toFixed(3)} uJ`);
    console.log(mismatches === 0
      ? `   check: all ${reference.length} outputs equal the reference GEMM bit for bit`
      : `   check FAILED: ${mismatches} of ${reference.length} outputs differ from the reference GEMM`);

    console.log(`2. generate: Verilog of the array and a testbench in ${flags.out}`);
    const vectors = cosimVectors(design.params, { m: Math.ceil(rows * 1.5), k: 2 * config.group, n: Math.ceil(cols * 1.5) }, flags.seed);
    const tb = arrayTestbench(design.params, vectors);
    writeFileAtomic(join(flags.out, design.fileName), design.verilog);
    for (const [name, text] of Object.entries(tb.files)) writeFileAtomic(join(flags.out, name), text);
    console.log(`   ${design.fileName}: ${design.verilog.split('\n').length} lines, top ${design.top}; verify with 'tessera gen verify --pe ${config.pe.id} --array ${rows}x${cols} --group ${config.group}'`);

    // One synthesis flow throughout: the PE is synthesized with the script that labelled the QoR
    // predictor's training data, so step 3's figures are the ones step 4 compares with. Only when
    // --yosys / --liberty differ from the labels' does step 4 synthesize again, with the labels' flow, and say so.
    const pe = design.keepModules[0]!;
    const backend = flags.yosys as YosysBackend;
    const library = loadLibrary(flags.liberty);
    const peSources = { [design.fileName]: design.verilog };
    console.log(`3. synthesize: PE module ${pe} with Yosys (${backend}) and the QoR labelling flow (synth -flatten, dfflibmap, abc: strash; dch -f; map; topo; stime; script ${QOR_FLOW_HASH}), mapped to ${library.title}`);
    const synth = await synthesizeQor(peSources, pe, library.text, backend);
    console.log(`   area ${synth.areaUm2.toFixed(1)} um^2, delay ${synth.delayPs.toFixed(1)} ps   (${synth.tool} Yosys, ${synth.seconds > 0 ? `${synth.seconds.toFixed(1)} s` : 'cached'})`);

    let qor: { predicted: { areaUm2: number; delayPs: number; ms: number }; synthesized: { areaUm2: number; delayPs: number; tool: string; flow: string; liberty: string; sameAsStep3: boolean } } | undefined;
    await selectBackend(() => {});
    const model = VeriDistill.load(shippedCheckpointDir());
    const flow = labelFlowOf(model.config);
    const flowBackend = flow.tool.split(' ')[0] as YosysBackend;
    const sameFlow = synth.tool === flow.tool && library.name === flow.liberty && synth.flow === flow.script;
    console.log(`4. predict: VeriDistill (shipped checkpoint, trained on ${libraryTitle(flow.liberty)} labels from ${flow.tool} Yosys, script ${flow.script}) against ${sameFlow ? 'step 3, the same flow' : 'that labelling flow'}`);
    const flowLiberty = sameFlow ? library : await labellingLibrary(flow.liberty, flowBackend);
    if (typeof flowLiberty === 'string') {
      console.log(`   no comparison: ${flowLiberty}`);
      model.dispose();
    } else {
      const t0 = performance.now();
      const predicted = model.predict(moduleClosureText(design.verilog, pe, design.fileName), pe);
      const ms = performance.now() - t0;
      model.dispose();
      if (!sameFlow) console.log(`   step 3 used ${synth.tool} Yosys on ${library.title}; the labels come from ${flow.tool} Yosys on ${libraryTitle(flow.liberty)}, so the PE is synthesized again with that flow for the comparison`);
      const truth = sameFlow ? synth : await synthesizeQor(peSources, pe, flowLiberty.text, flowBackend);
      qor = { predicted: { areaUm2: predicted.areaUm2, delayPs: predicted.delayPs, ms }, synthesized: { areaUm2: truth.areaUm2, delayPs: truth.delayPs, tool: truth.tool, flow: truth.flow, liberty: flow.liberty, sameAsStep3: sameFlow } };
      console.log(`   predicted   area ${predicted.areaUm2.toFixed(1)} um^2   delay ${predicted.delayPs.toFixed(1)} ps   (${ms.toFixed(0)} ms)`);
      console.log(`   synthesized area ${truth.areaUm2.toFixed(1)} um^2   delay ${truth.delayPs.toFixed(1)} ps   (${sameFlow ? 'step 3' : `labelling flow, ${truth.seconds > 0 ? `${truth.seconds.toFixed(1)} s` : 'cached'}`})`);
      console.log(`   error       area ${percent(predicted.areaUm2, truth.areaUm2)}   delay ${percent(predicted.delayPs, truth.delayPs)}`);
    }

    writeJsonAtomic(join(flags.out, 'summary.json'), {
      config: { pe: config.pe.id, array: { rows, cols }, group: config.group, scheme: config.scheme },
      simulation: { shape, cycles: sim.cycles, passes: sim.passes, utilization: sim.utilization, energyJoules: energy.total, check: { passed: mismatches === 0, compared: reference.length, mismatches } },
      verilog: { file: design.fileName, top: design.top },
      synthesis: { module: pe, tool: synth.tool, flow: synth.flow, liberty: library.name, areaUm2: synth.areaUm2, delayPs: synth.delayPs },
      ...(qor ? { qor } : {}),
    });
    console.log(`summary written to ${join(flags.out, 'summary.json')}`);
    return mismatches === 0 ? 0 : 1;
  },
});

/** The checkpoint's labelling library and Yosys build, or why they are not available here. */
async function labellingLibrary(name: string, backend: YosysBackend): Promise<{ text: string } | string> {
  if (backend === 'native' && !(await hasNativeYosys())) return 'the checkpoint was labelled by native Yosys, which is not installed';
  try {
    return { text: loadLibrary(name).text };
  } catch (e) {
    if (isUserError(e)) return `the checkpoint was labelled on ${libraryTitle(name)}, which is not available here (${e.message})`;
    throw e;
  }
}
