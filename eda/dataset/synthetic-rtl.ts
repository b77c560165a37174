// Synthetic RTL for QoR data sets: seeded random designs of three kinds that real corpora cover
// thinly at controlled sizes. Datapaths (expression trees over a few inputs, optionally
// pipelined), finite-state machines (random transition tables, registered outputs) and memories
// (register files with several read ports). Every design is plain Verilog-2005 without latches.
import { seededRandom } from '../../util/index.ts';

export type SyntheticKind = 'datapath' | 'fsm' | 'memory';
export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['datapath', 'fsm', 'memory'];

export interface SyntheticDesign {
  readonly id: string;
  readonly kind: SyntheticKind;
  readonly top: string;
  readonly verilog: string;
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const BINARY = ['+', '-', '*', '&', '|', '^'] as const;

/** A random expression over `inputs`, `depth` operators deep; comparisons feed muxes. */
function expression(rnd: Rnd, inputs: readonly string[], depth: number): string {
  if (depth === 0) return rnd() < 0.15 ? `${int(rnd, 1, 200)}` : pick(rnd, inputs);
  const r = rnd();
  const sub = () => expression(rnd, inputs, depth - 1);
  if (r < 0.12) return `((${sub()} ${pick(rnd, ['<', '>', '==', '!='])} ${sub()}) ? ${sub()} : ${sub()})`;
  if (r < 0.2) return `(${sub()} ${pick(rnd, ['<<', '>>'])} ${int(rnd, 1, 3)})`;
  return `(${sub()} ${pick(rnd, BINARY)} ${sub()})`;
}

function datapath(rnd: Rnd, name: string): string {
  const width = pick(rnd, [4, 8, 12, 16, 24, 32]);
  const nIn = int(rnd, 2, 5);
  const nOut = int(rnd, 1, 3);
  const depth = int(rnd, 1, 4);
  const stages = pick(rnd, [0, 0, 1, 2]);
  const ins = Array.from({ length: nIn }, (_, i) => `a${i}`);
  const lines = [`module ${name} (`, '  input clk,', ...ins.map((a) => `  input [${width - 1}:0] ${a},`)];
  lines.push(...Array.from({ length: nOut }, (_, o) => `  output${stages ? ' reg' : ''} [${width - 1}:0] y${o}${o === nOut - 1 ? '' : ','}`), ');');
  for (let o = 0; o < nOut; o++) lines.push(`  wire [${width - 1}:0] f${o} = ${expression(rnd, ins, depth)};`);
  if (stages === 0) for (let o = 0; o < nOut; o++) lines.push(`  assign y${o} = f${o};`);
  else {
    for (let s = 1; s < stages; s++) for (let o = 0; o < nOut; o++) lines.push(`  reg [${width - 1}:0] p${s}_${o};`);
    lines.push('  always @(posedge clk) begin');
    for (let o = 0; o < nOut; o++) {
      const chain = [`f${o}`, ...Array.from({ length: stages - 1 }, (_, s) => `p${s + 1}_${o}`), `y${o}`];
      for (let k = 1; k < chain.length; k++) lines.push(`    ${chain[k]} <= ${chain[k - 1]};`);
    }
    lines.push('  end');
  }
  lines.push('endmodule');
  return lines.join('\n') + '\n';
}

function fsm(rnd: Rnd, name: string): string {
  const states = int(rnd, 3, 24);
  const inBits = int(rnd, 1, 4);
  const outBits = int(rnd, 1, 8);
  const bits = Math.max(1, Math.ceil(Math.log2(states)));
  const lines = [
    `module ${name} (input clk, input rst, input [${inBits - 1}:0] x, output reg [${outBits - 1}:0] y);`,
    `  reg [${bits - 1}:0] state, next;`,
    '  always @(*) begin',
    '    next = state;',
    '    case (state)',
  ];
  for (let s = 0; s < states; s++) {
    const arcs = int(rnd, 1, Math.min(3, 1 << inBits));
    const conds = [...new Set(Array.from({ length: arcs }, () => int(rnd, 0, (1 << inBits) - 1)))];
    lines.push(`      ${bits}'d${s}: ${conds.map((c) => `if (x == ${inBits}'d${c}) next = ${bits}'d${int(rnd, 0, states - 1)};`).join(' else ')}`);
  }
  lines.push(`      default: next = ${bits}'d0;`, '    endcase', '  end');
  lines.push('  always @(posedge clk) begin', `    if (rst) state <= ${bits}'d0; else state <= next;`, '    case (state)');
  for (let s = 0; s < states; s++) lines.push(`      ${bits}'d${s}: y <= ${outBits}'d${int(rnd, 0, (1 << outBits) - 1)};`);
  lines.push(`      default: y <= ${outBits}'d0;`, '    endcase', '  end', 'endmodule');
  return lines.join('\n') + '\n';
}

function memory(rnd: Rnd, name: string): string {
  const width = pick(rnd, [4, 8, 16, 32]);
  const depth = pick(rnd, [4, 8, 16, 32, 64]);
  const reads = int(rnd, 1, 3);
  const registered = rnd() < 0.5;
  const a = Math.ceil(Math.log2(depth));
  const lines = [
    `module ${name} (`,
    '  input clk, input we,',
    `  input [${a - 1}:0] wa, input [${width - 1}:0] wd,`,
    ...Array.from({ length: reads }, (_, r) => `  input [${a - 1}:0] ra${r}, output ${registered ? 'reg ' : ''}[${width - 1}:0] rd${r}${r === reads - 1 ? '' : ','}`),
    ');',
    `  reg [${width - 1}:0] mem [0:${depth - 1}];`,
    '  always @(posedge clk) begin',
    '    if (we) mem[wa] <= wd;',
    ...(registered ? Array.from({ length: reads }, (_, r) => `    rd${r} <= mem[ra${r}];`) : []),
    '  end',
    ...(registered ? [] : Array.from({ length: reads }, (_, r) => `  assign rd${r} = mem[ra${r}];`)),
    'endmodule',
  ];
  return lines.join('\n') + '\n';
}

const generators: Record<SyntheticKind, (rnd: Rnd, name: string) => string> = { datapath, fsm, memory };

/** `count` designs per kind, reproducible from `seed`; ids `synthetic-KIND/KIND_N`. */
export function syntheticDesigns(count: number, seed: number, kinds: readonly SyntheticKind[] = SYNTHETIC_KINDS): SyntheticDesign[] {
  return kinds.flatMap((kind, k) => {
    const rnd = seededRandom(seed * 7919 + k);
    return Array.from({ length: count }, (_, i) => {
      const top = `${kind}_${i}`;
      return { id: `synthetic-${kind}/${top}`, kind, top, verilog: generators[kind](rnd, top) };
    });
  });
}
