import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeFileAtomic, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { hasNativeYosys } from '../../eda/synth/index.ts';
import { SLACK_FLOW_VERSION, evaluateDesign, libraries, loadSlackModel, processDesign, readRecord, shippedSlackModelDir } from '../../models/timing/e2eslack/index.ts';
import { contentHash } from '../../util/index.ts';
import { designConfig, designFlags } from './gen-config.ts';

export default defineCommand({
  path: ['flow'],
  summary: 'generate a PE array, synthesize, place, and predict slack/TNS/WNS next to STA on the routing estimate, with run times',
  details: `The chain end to end: the array's Verilog (hdl-gen), Yosys synthesis to the library with the clock as
ABC's delay target, placement (tessera place), then the slack model against the ground truth (routing
estimate + SPEF + STA; a routing-estimate sign-off, not a routed one) and pre-route STA, with every stage's time.
Files land in --out: rtl/, netlist.v, design.sdc, placed.def, estimate.spef, labels.bin, record.json; a rerun
with the same array, library, clock and utilization reuses them and only evaluates the model again.
example: tessera flow --pe mixpe-w4a8 --array 4x4 --clock 10`,
  flags: [
    ...designFlags,
    { name: 'clock', kind: 'number', default: 10, valueName: 'NS', help: 'clock period (ns)' },
    { name: 'library', kind: 'string', default: 'sky130hd', choices: Object.keys(libraries), valueName: 'LIB', help: 'cell library' },
    { name: 'utilization', kind: 'number', default: 0.6, valueName: 'U', help: 'placement utilization' },
    { name: 'yosys', kind: 'string', default: 'auto', choices: ['auto', 'native', 'wasm'], help: 'Yosys backend (auto: native when installed)' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'slack model checkpoint (default: the shipped one)' },
    { name: 'out', kind: 'string', default: 'out/flow', valueName: 'DIR', help: 'output folder' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the comparison and stage times as JSON' },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('syntheses', 'e2eslack-synth'));
    if (!(flags.clock > 0)) throw new UserError('must be a positive number of ns', '--clock');
    const { functions } = loadSlackModel(flags.model ?? shippedSlackModelDir());
    // The library's Liberty and LEF come from the data folder: say so before any work or output.
    libraries[flags.library as keyof typeof libraries]();
    const config = designConfig(flags);
    const t0 = performance.now();
    const design = generateArrayDesign(config);
    const name = `${flags.pe}-${flags.array}`;
    const rtlDir = join(flags.out, name, 'rtl');
    writeFileAtomic(join(rtlDir, design.fileName), design.verilog);
    const generateSeconds = (performance.now() - t0) / 1000;
    const backend = flags.yosys === 'auto' ? ((await hasNativeYosys()) ? 'native' : 'wasm') : (flags.yosys as 'native' | 'wasm');
    // A finished run of the same array, library, clock and utilization (same flow version) is reused:
    // synthesis and placement of a large array take the better part of an hour.
    const key = contentHash(SLACK_FLOW_VERSION, design.verilog, flags.library, flags.clock, flags.utilization);
    const done = readRecord(flags.out, name);
    const r = done?.key === key ? done : await (async () => {
      const outcome = await processDesign({
        design: { name, top: design.top, clockPort: 'clk', periodNs: flags.clock, dir: rtlDir, split: 'test' },
        out: flags.out, library: flags.library, backend, utilization: flags.utilization, key,
      });
      if (!outcome.record) throw new UserError(`flow failed for ${name}: ${outcome.error}`, join(flags.out, name), 'the message names the stage that failed');
      return outcome.record;
    })();
    const reused = r === done;
    const dataDir = flags.out;
    const e = evaluateDesign(dataDir, r, functions);
    const s = r.seconds;
    console.log(`${name}: ${r.cells} cells, ${r.endpoints} setup endpoints, clock ${flags.clock} ns, ${flags.library}, Yosys ${r.tool}`);
    if (reused) console.log(`synthesis, placement and ground truth reused from an earlier run in ${join(flags.out, name)} (its stage times below)`);
    console.log(`stages: generate ${generateSeconds.toFixed(2)} s, synthesize ${s.synthesis!.toFixed(1)} s${s.synthesis! < 0.5 ? ' (cached)' : ''}, place ${s.place!.toFixed(1)} s, routing estimate ${s.route!.toFixed(2)} s, SPEF write ${s.spefWrite!.toFixed(2)} s, SPEF read ${s.extraction!.toFixed(2)} s, STA ${s.sta!.toFixed(2)} s`);
    console.log('');
    console.log('                     WNS (ns)    TNS (ns)');
    const row = (label: string, w: number, t: number) => console.log(`${label.padEnd(20)} ${w.toFixed(3).padStart(8)}  ${t.toFixed(2).padStart(10)}`);
    row('STA, route estimate', e.wns.truth, e.tns.truth);
    row('E2ESlack model', e.wns.predicted, e.tns.predicted);
    row('pre-route, wire-load', e.wns.prerouteSta, e.tns.prerouteSta);
    row('pre-route, HPWL', e.wns.prerouteHpwl, e.tns.prerouteHpwl);
    row('AT-only + STA RAT', e.wns.atOnly, e.tns.atOnly);
    console.log('');
    console.log(`endpoint slack R2 ${e.slackR2.toFixed(4)}, AT R2 ${e.atR2.toFixed(4)} (swapped ${e.atR2Swapped.toFixed(4)})`);
    console.log(`model ${e.seconds.model.toFixed(3)} s (setup only ${e.seconds.modelSetupOnly.toFixed(3)} s) vs ground-truth timing flow ${e.seconds.groundTruthFlow.toFixed(3)} s (${(e.seconds.groundTruthFlow / e.seconds.model).toFixed(1)}x, setup only ${(e.seconds.groundTruthFlow / e.seconds.modelSetupOnly).toFixed(1)}x); files in ${join(flags.out, name)}`);
    if (flags.json) writeJsonAtomic(flags.json, { design: name, clockNs: flags.clock, library: flags.library, cells: r.cells, reused, stages: { generate: generateSeconds, ...s }, evaluation: e });
  },
});
