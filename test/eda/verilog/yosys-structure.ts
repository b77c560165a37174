// The structural comparison of our elaboration with Yosys's `write_json` after `hierarchy`: for
// every module Yosys builds (each definition with its default parameters, and each parameter
// variant an instance asks for), the same module variant of ours must have the same ports (name,
// direction, width), the same parameter values and the same instances (name and module).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { elaborate, parseVerilog, type ElaboratedInstance } from '../../../eda/verilog/index.ts';
import { gatePrimitives } from '../../../eda/verilog/netlist-parser.ts';

export interface YosysModule {
  attributes: Record<string, string>;
  netnames: Record<string, unknown>;
  parameter_default_values?: Record<string, string>;
  ports: Record<string, { direction: string; bits: unknown[] }>;
  cells: Record<string, { type: string }>;
}

export interface Variant {
  module: string;
  parameters: Record<string, string>;
  ports: Map<string, string>;
  cells: Map<string, string>;
}

export interface FileComparison {
  file: string;
  /** Yosys could not read the file (its message), so nothing was compared. */
  yosysError?: string;
  /** Module variants Yosys built and the ones that matched ours exactly. */
  compared: number;
  matched: number;
  problems: string[];
}

/** Runs native Yosys on one file; resolves to its modules, or an error message. */
export function yosysModules(file: string, text: string, includeDirs: string[], defines: Record<string, string>): Promise<Record<string, YosysModule> | string> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-ystruct-'));
  const input = join(dir, basename(file).replace(/\.gz$/, ''));
  // Yosys skips code between `// synopsys translate_off` and `translate_on` (a synthesis
  // convention, not Verilog): its copy has them as plain comments, so it reads what simulators read.
  writeFileSync(input, text.replace(/\/\/(\s*)(synopsys|synthesis|pragma)(\s+)translate_(off|on)/g, '//$1$2$3translate-$4'));
  const out = join(dir, 'out.json');
  const flags = [...includeDirs.map((d) => `-I${d}`), ...Object.entries(defines).map(([k, v]) => `-D${k}=${v}`)].join(' ');
  return new Promise((resolve) => {
    const child = spawn('yosys', ['-q', '-p', `read_verilog ${flags} "${input}"; hierarchy; delete p:*; delete t:$* t:$paramod* %d; write_json "${out}"`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('close', (code) => {
      try {
        if (code !== 0) resolve(err.split('\n').find((l) => l.includes('ERROR')) ?? `yosys exited with ${code}`);
        else resolve((JSON.parse(readFileSync(out, 'utf8')) as { modules: Record<string, YosysModule> }).modules);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** Every module variant our elaboration builds: each definition with its defaults, and every instance below. */
export function ourVariants(file: string, text: string, includeDirs: string[], defines: Record<string, string>): Variant[] | string {
  const parsed = parseVerilog(text, file, { includeDirs, defines });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return `our parser: ${parsed.diagnostics[0].message}`;
  const out: Variant[] = [];
  const seen = new Set<string>();
  const add = (i: ElaboratedInstance) => {
    if (!i.defined) return;
    const v = variantOf(i);
    const key = `${v.module} ${JSON.stringify(v.parameters)}`;
    if (!seen.has(key)) { seen.add(key); out.push(v); }
    i.children.forEach(add);
  };
  const modules = parsed.ast.descriptions.filter((d) => d.kind === 'module').map((d) => (d as { name: string }).name);
  for (const m of modules) for (const top of elaborate([parsed.ast], { top: m, unknownModules: 'blackbox' }).tops) add(top);
  return out;
}

function variantOf(i: ElaboratedInstance): Variant {
  const ports = new Map<string, string>();
  for (const n of i.nets) if (n.kind === 'input' || n.kind === 'output' || n.kind === 'inout') ports.set(n.name, `${n.kind} ${n.width}`);
  const cells = new Map<string, string>();
  for (const c of i.children) if (!gatePrimitives.has(c.module)) cells.set(c.path.slice(i.path.length + 1), c.module);
  return { module: i.module, parameters: i.parameters, ports, cells };
}

/** Yosys's modules as variants: definition name from `hdlname` for derived (`$paramod`) modules. */
export function yosysVariants(modules: Record<string, YosysModule>): Variant[] {
  const defName = (name: string) => {
    const m = modules[name];
    return m?.attributes.hdlname ? m.attributes.hdlname.replace(/^\\/, '') : name.replace(/^\\/, '');
  };
  return Object.entries(modules).filter(([, m]) => !m.attributes.blackbox).map(([name, m]) => ({
    module: defName(name),
    parameters: m.parameter_default_values ?? {},
    ports: new Map(Object.entries(m.ports).map(([p, v]) => [p, `${v.direction} ${v.bits.length}`])),
    cells: new Map(Object.entries(m.cells).filter(([, c]) => !c.type.startsWith('$') || c.type.startsWith('$paramod')).map(([c, v]) => [c, defName(v.type)])),
  }));
}

/** Does our parameter text equal Yosys's value (bits, or a string)? */
function sameParameter(ours: string | undefined, yosys: string): boolean {
  if (ours === undefined) return false;
  // write_json marks a string that reads like bits (or is empty) with a trailing space.
  if (/^[01xz]* $/.test(yosys)) return ours === JSON.stringify(yosys.slice(0, -1));
  if (/^[01xz]+$/.test(yosys)) {
    if (/^-?\d+$/.test(ours)) return /[xz]/.test(yosys) ? false : BigInt.asUintN(yosys.length, BigInt(ours)) === BigInt(`0b${yosys}`);
    const based = /^\d+'b([01xz]+)$/.exec(ours);
    if (based) return based[1].padStart(yosys.length, based[1][0] === 'x' || based[1][0] === 'z' ? based[1][0] : '0').slice(-yosys.length) === yosys;
    if (ours.startsWith('"')) return false;
    return false;
  }
  return ours === JSON.stringify(yosys);
}

const describeMap = (m: Map<string, string>) => [...m].map(([k, v]) => `${k}:${v}`).sort().join(' ');

/** Matches each Yosys variant to ours (same module and Yosys's parameter values) and compares. */
export function compareVariants(file: string, ours: Variant[], yosys: Variant[]): FileComparison {
  const problems: string[] = [];
  let matched = 0;
  for (const y of yosys) {
    const candidates = ours.filter((o) => o.module === y.module && Object.entries(y.parameters).every(([k, v]) => sameParameter(o.parameters[k], v)));
    if (candidates.length === 0) {
      problems.push(`${y.module} ${JSON.stringify(y.parameters)}: no variant of ours has these parameter values (ours: ${ours.filter((o) => o.module === y.module).map((o) => JSON.stringify(o.parameters)).join(', ') || 'none'})`);
      continue;
    }
    const o = candidates[0];
    const diffs: string[] = [];
    if (describeMap(o.ports) !== describeMap(y.ports)) diffs.push(`ports: ours ${describeMap(o.ports)} | yosys ${describeMap(y.ports)}`);
    if (describeMap(o.cells) !== describeMap(y.cells)) diffs.push(`instances: ours ${describeMap(o.cells)} | yosys ${describeMap(y.cells)}`);
    if (diffs.length) problems.push(`${y.module} ${JSON.stringify(y.parameters)}: ${diffs.join('; ')}`);
    else matched++;
  }
  return { file, compared: yosys.length, matched, problems };
}
