import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, dataPath } from '../../../../util/index.ts';

/** A benchmark design of the slack data set: RTL folder, top, clock, and its split. */
export interface SlackDesign {
  readonly name: string;
  readonly top: string;
  readonly clockPort: string;
  readonly periodNs: number;
  /** The RTL folder. */
  readonly dir: string;
  readonly split: 'train' | 'test';
}

/** TimingPredict's (DAC'22) held-out designs; the other 14 of its 21 designs train. */
export const TEST_DESIGNS: readonly string[] = ['jpeg_encoder', 'usbf_device', 'aes192', 'xtea', 'spm', 'y_huff', 'synth_ram'];

/** The 21 TimingPredict designs of the OpenLane RTL set (designs.csv), with OpenLane's sky130hd clock periods. */
export function timingPredictDesigns(): SlackDesign[] {
  const csvPath = dataPath('rtl', 'openlane_designs', 'designs.csv');
  const [header, ...lines] = readFileSync(csvPath, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new UserError(`designs.csv has no column ${name}`, csvPath);
    return i;
  };
  const [iName, iGroup, iTop, iClock, iPeriod, iTp] = ['design', 'group', 'top_module', 'clock_port', 'clock_period_ns_sky130hd_config', 'in_TimingPredict_DAC22'].map(col);
  const out: SlackDesign[] = [];
  for (const line of lines) {
    // License texts may hold commas inside parentheses: the fields we read never do, so split from both ends.
    const f = line.split(',');
    const tail = f.slice(-(cols.length - iTop!));
    const name = f[iName!]!;
    if (tail[iTp! - iTop!] !== 'yes') continue;
    out.push({
      name, top: tail[0]!, clockPort: tail[iClock! - iTop!]!, periodNs: Number(tail[iPeriod! - iTop!]),
      dir: dataPath('rtl', 'openlane_designs', f[iGroup!]!, name),
      split: TEST_DESIGNS.includes(name) ? 'test' : 'train',
    });
  }
  return out;
}

/** Every Verilog source and header under a folder, by path relative to it. */
export function readSources(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(v|sv|vh|svh)$/.test(f)) out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
