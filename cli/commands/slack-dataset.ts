import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic, setInterruptNote } from '../../util/index.ts';
import { buildSlackDataset, defaultSlackDataDir, libraries, timingPredictDesigns } from '../../models/timing/e2eslack/index.ts';

export default defineCommand({
  path: ['slack', 'dataset'],
  summary: 'build the slack data set: 21 TimingPredict designs synthesized, placed, routing-estimated and timed',
  details: `Each design (RTL from the shared OpenLane set, clock period from its OpenLane config) is synthesized by
Yosys to the library, placed (tessera place), given estimated parasitics (tessera route estimate) and timed
by the STA: its folder gets netlist.v, design.sdc, placed.def, estimate.spef, labels.bin and record.json.
The ground truth is a routing-estimate sign-off, not a routed one. Both cores; a design whose record
matches (sources, library, flow version, tool) is kept, so an interrupted build resumes.
example: tessera slack dataset --out out/e2eslack-data --yosys native`,
  flags: [
    { name: 'out', kind: 'string', default: defaultSlackDataDir, valueName: 'DIR', help: 'data-set folder' },
    { name: 'library', kind: 'string', default: 'sky130hd', choices: Object.keys(libraries), valueName: 'LIB', help: 'cell library (Liberty + LEF from the shared data)' },
    { name: 'designs', kind: 'string', valueName: 'A,B', help: 'only these designs (default: all 21)' },
    { name: 'utilization', kind: 'number', default: 0.6, valueName: 'U', help: 'placement utilization' },
    { name: 'yosys', kind: 'string', default: 'native', choices: ['native', 'wasm'], help: 'Yosys backend' },
    { name: 'workers', kind: 'int', default: 2, valueName: 'N', help: 'designs in parallel' },
    { name: 'timeout', kind: 'int', default: 0, valueName: 'SECONDS', help: 'per-design synthesis limit with native Yosys (0: none)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the build summary as JSON' },
  ],
  async run(flags) {
    setInterruptNote(`designs finished so far are kept in ${flags.out}; rerun the same command to resume`);
    let designs = timingPredictDesigns();
    if (flags.designs) {
      const want = flags.designs.split(',').map((s) => s.trim());
      const unknown = want.filter((w) => !designs.some((d) => d.name === w));
      if (unknown.length > 0) throw new UserError(`unknown design(s) ${unknown.join(', ')}`, '--designs', `choose from ${designs.map((d) => d.name).join(', ')}`);
      designs = designs.filter((d) => want.includes(d.name));
    }
    if (flags.workers < 1) throw new UserError('must be at least 1', '--workers');
    const s = await buildSlackDataset({
      designs, out: flags.out, library: flags.library, backend: flags.yosys as 'native' | 'wasm', utilization: flags.utilization,
      workers: flags.workers, synthTimeoutSeconds: flags.timeout > 0 ? flags.timeout : undefined,
      onDesign: (o) => console.error(o.error ? `${o.name}: FAILED ${o.error.split('\n')[0]}` : `${o.name}: ${o.record!.cells} cells, WNS ${o.record!.wns.toFixed(3)} ns, TNS ${o.record!.tns.toFixed(2)} ns`),
    });
    console.log(`${s.records.length} designs (${s.cached} from an earlier run), ${s.failed.length} failed, ${(s.seconds / 60).toFixed(1)} min`);
    for (const r of s.records) console.log(`  ${r.name.padEnd(14)} ${r.split.padEnd(5)} ${String(r.cells).padStart(6)} cells  WNS ${r.wns.toFixed(3).padStart(8)}  TNS ${r.tns.toFixed(2).padStart(10)}`);
    for (const f of s.failed) console.log(`  ${f.name}: FAILED ${f.error.split('\n')[0]}`);
    if (flags.json) writeJsonAtomic(flags.json, s);
    return s.failed.length > 0 ? 1 : 0;
  },
});
