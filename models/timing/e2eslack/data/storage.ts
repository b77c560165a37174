import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeFileAtomic, writeJsonAtomic } from '../../../../util/index.ts';
import type { TimingLabels } from '../labels.ts';

/** What the data set keeps per design beside its files (record.json). */
export interface DesignRecord {
  readonly format: 1;
  readonly key: string;
  readonly name: string;
  readonly split: 'train' | 'test';
  readonly library: string;
  readonly top: string;
  readonly clockPort: string;
  readonly periodNs: number;
  readonly cells: number;
  readonly pins: number;
  readonly nets: number;
  readonly endpoints: number;
  readonly wns: number;
  readonly tns: number;
  readonly hpwl: number;
  readonly utilization: number;
  readonly tool: string;
  /** Seconds per stage: synthesis (0 when cached), placement, routing estimate, SPEF write, extraction, STA, labels. */
  readonly seconds: Record<string, number>;
  /** Offsets (in float32s) of each label array in labels.bin. */
  readonly arrays: Record<string, [number, number]>;
  readonly endpointList: TimingLabels['endpoints'];
}

const arrayNames = ['arrival', 'slew', 'required', 'cellDelay', 'cellSlew'] as const;

/** The files of one design: netlist.v, design.sdc, placed.def, estimate.spef, labels.bin, record.json. */
export function designFiles(dir: string, name: string) {
  const d = join(dir, name);
  return { dir: d, netlist: join(d, 'netlist.v'), sdc: join(d, 'design.sdc'), def: join(d, 'placed.def'), spef: join(d, 'estimate.spef'), labels: join(d, 'labels.bin'), record: join(d, 'record.json') };
}

/** Writes labels.bin and then record.json (last, so a record always has its labels). */
export function writeLabels(dir: string, record: Omit<DesignRecord, 'arrays' | 'endpointList'>, labels: TimingLabels): DesignRecord {
  const f = designFiles(dir, record.name);
  let offset = 0;
  const arrays: Record<string, [number, number]> = {};
  for (const k of arrayNames) {
    arrays[k] = [offset, labels[k].length];
    offset += labels[k].length;
  }
  const all = new Float32Array(offset);
  for (const k of arrayNames) all.set(labels[k], arrays[k]![0]);
  writeFileAtomic(f.labels, new Uint8Array(all.buffer));
  const full: DesignRecord = { ...record, arrays, endpointList: labels.endpoints };
  writeJsonAtomic(f.record, full);
  return full;
}

export function readRecord(dir: string, name: string): DesignRecord | undefined {
  const f = designFiles(dir, name);
  if (!existsSync(f.record) || !existsSync(f.labels)) return undefined;
  try {
    return JSON.parse(readFileSync(f.record, 'utf8')) as DesignRecord;
  } catch {
    return undefined;
  }
}

/** A design's labels as written by writeLabels. */
export function readLabels(dir: string, record: DesignRecord): TimingLabels {
  const f = designFiles(dir, record.name);
  const bytes = readFileSync(f.labels);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const get = (k: string) => {
    const at = record.arrays[k];
    if (!at) throw new UserError(`labels of ${record.name} lack ${k}`, f.record, 'rebuild the data set');
    return all.subarray(at[0], at[0] + at[1]);
  };
  return {
    arrival: get('arrival'), slew: get('slew'), required: get('required'), cellDelay: get('cellDelay'), cellSlew: get('cellSlew'),
    endpoints: record.endpointList, wns: record.wns, tns: record.tns,
  };
}
