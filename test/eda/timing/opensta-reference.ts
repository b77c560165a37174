import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTool } from '../../helpers/requirements.ts';

/** Whether OpenSTA (`sta`) is on PATH; the reason when it is not. */
export function openStaMissing(): string | undefined {
  return missingTool('sta');
}

export interface OpenStaResult {
  /** Endpoint -> slack in ns, for setup (max) and hold (min). */
  setup: Map<string, number>;
  hold: Map<string, number>;
  wns: number;
  tns: number;
  /** The rest of the report (e.g. a report_checks path), for eyeballing. */
  text: string;
}

/** A path OpenSTA can read: .gz files (which this OpenSTA cannot read) are gunzipped into dir. */
function plain(file: string, dir: string): string {
  if (!file.endsWith('.gz')) return file;
  const out = join(dir, basename(file, '.gz'));
  writeFileSync(out, gunzipSync(readFileSync(file)));
  return out;
}

/**
 * Runs OpenSTA on a script body (read_liberty/read_verilog/link_design/read_sdc/... lines) and
 * collects every endpoint's slack with `report_checks -format end`, plus report_wns/report_tns.
 */
export function runOpenSta(buildScript: (file: (path: string) => string) => string[], extra: string[] = []): OpenStaResult {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-sta-'));
  try {
    const setupLines = buildScript((f) => plain(f, dir));
    const script = join(dir, 'run.tcl');
    writeFileSync(script, [
      ...setupLines,
      'puts "@@ENDS"',
      'report_checks -group_count 1000000 -endpoint_count 1 -format end -path_delay min_max -digits 6',
      'puts "@@WNS"',
      'report_wns -digits 6',
      'report_tns -digits 6',
      'puts "@@EXTRA"',
      ...extra,
      'exit',
    ].join('\n'));
    const r = spawnSync('sta', ['-no_init', '-no_splash', '-exit', script], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28 });
    const out = `${r.stdout}${r.stderr}`;
    if (r.status !== 0 || !out.includes('@@WNS')) throw new Error(`OpenSTA failed (${r.status}):\n${out.slice(-3000)}`);
    // OpenSTA reports a script command it cannot run and goes on: a reference built on a skipped
    // command is no reference. (Errors located in the input files, e.g. an SDF check with no
    // matching arc, are OpenSTA's own reading and stay part of the reference.)
    const error = /^Error: run\.tcl, \d+ .*$/m.exec(out);
    if (error) throw new Error(`OpenSTA refused part of the script: ${error[0]}`);
    const ends = out.slice(out.indexOf('@@ENDS'), out.indexOf('@@WNS'));
    const setup = new Map<string, number>();
    const hold = new Map<string, number>();
    let target = setup;
    for (const line of ends.split('\n')) {
      if (line.startsWith('min_delay/hold')) target = hold;
      else if (line.startsWith('max_delay/setup')) target = setup;
      const m = /^(\S+) \(\S+\)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)/.exec(line);
      if (m) {
        const v = Number(m[4]);
        const old = target.get(m[1]!);
        if (old === undefined || v < old) target.set(m[1]!, v);
      }
    }
    const wns = Number(/wns (-?[\d.]+)/.exec(out)?.[1]);
    const tns = Number(/tns (-?[\d.]+)/.exec(out)?.[1]);
    return { setup, hold, wns, tns, text: out.slice(out.indexOf('@@EXTRA') + 8) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SlackComparison {
  compared: number;
  missing: string[];
  extra: string[];
  /** Largest |ours - OpenSTA| in ns, and its endpoint. */
  maxError: number;
  worst: string;
  /** Endpoints outside max(2 ps, 1% of |slack|). */
  outside: string[];
}

/** Compares our per-endpoint slack (ns) with OpenSTA's. */
export function compareSlacks(ours: Map<string, number>, ref: Map<string, number>): SlackComparison {
  const res: SlackComparison = { compared: 0, missing: [], extra: [], maxError: 0, worst: '', outside: [] };
  for (const [pin, s] of ref) {
    const o = ours.get(pin);
    if (o === undefined) {
      res.missing.push(pin);
      continue;
    }
    res.compared++;
    const err = Math.abs(o - s);
    if (err > res.maxError) {
      res.maxError = err;
      res.worst = `${pin}: ours ${o.toFixed(6)} OpenSTA ${s.toFixed(6)}`;
    }
    if (err > Math.max(0.002, 0.01 * Math.abs(s))) res.outside.push(pin);
  }
  for (const pin of ours.keys()) if (!ref.has(pin)) res.extra.push(pin);
  return res;
}
