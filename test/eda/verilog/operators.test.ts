// The one operator table (eda/verilog/operators.ts) as the parser, the printer and the netlist fast
// path use it, fuzzed with seeded random operator chains written without parentheses:
// - the full parser's tree against a plain precedence-climbing reference built here from IEEE
//   1364-2005 table 5-4 (and 1800-2017 table 11-2 for `==?` and `<->`), written out level by level;
// - the printer: what it prints parses back to the same tree;
// - the netlist fast path (its own precedence-climbing reader) against the full parser on `assign`s;
// - values: each chain as the result of a constant function, computed by our interpreter and by
//   iverilog simulating the same function (4-state operands, so x and z take part).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elaborate, parseNetlist, parseNetlistFull, parseVerilog, printVerilog, type Expr, type ModuleDecl, type NetExpr } from '../../../eda/verilog/index.ts';
import { missingTool, skipReason, toolPath } from '../../helpers/requirements.ts';
import { withoutLocations } from './strip-locations.ts';

/** Table 5-4, lowest first; each row binds tighter than the one before. */
const standardLevels: string[][] = [
  ['<->'], ['||'], ['&&'], ['|', '~|'], ['^', '~^', '^~'], ['&', '~&'], ['==', '!=', '===', '!==', '==?', '!=?'],
  ['<', '<=', '>', '>='], ['<<', '>>', '<<<', '>>>'], ['+', '-'], ['*', '/', '%'], ['**'],
];
const levelOf = new Map(standardLevels.flatMap((ops, k) => ops.map((o) => [o, k] as const)));
const unary = ['+', '-', '!', '~', '&', '~&', '|', '~|', '^', '~^'];
const netlistOps = standardLevels.flat().filter((o) => !['<->', '==?', '!=?'].includes(o));

/** mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** A chain `t0 op t1 op t2 ...` of operands a-f, some with a unary operator, and its operators. */
function chain(r: () => number, ops: readonly string[], unaryOps = unary, longest = 7): { text: string; operands: string[]; operators: string[] } {
  const n = 2 + Math.floor(r() * (longest - 1));
  const operands = Array.from({ length: n }, () => (unaryOps.length > 0 && r() < 0.25 ? `${pick(r, unaryOps)}${pick(r, [...'abcdef'])}` : pick(r, [...'abcdef'])));
  const operators = Array.from({ length: n - 1 }, () => pick(r, ops));
  return { text: operands.map((o, k) => (k === 0 ? o : ` ${operators[k - 1]} ${o}`)).join(''), operands, operators };
}

/** The reference tree shape: precedence climbing over the standard's levels, every operator left-associative. */
function referenceShape(operands: string[], operators: string[]): string {
  let k = 0;
  const climb = (min: number): string => {
    let left = shapeOperand(operands[k]);
    while (k < operators.length && levelOf.get(operators[k])! >= min) {
      const o = operators[k];
      k++;
      const right = climb(levelOf.get(o)! + 1);
      left = `(${left} ${o === '^~' ? '~^' : o} ${right})`;
    }
    return left;
  };
  return climb(0);
}
const shapeOperand = (t: string) => (t.length > 1 ? `(${t.slice(0, -1) === '^~' ? '~^' : t.slice(0, -1)}${t.slice(-1)})` : t);

const shape = (e: Expr): string =>
  e.kind === 'id' ? e.name
    : e.kind === 'unary' ? `(${e.op}${shape(e.arg)})`
      : e.kind === 'binary' ? `(${shape(e.left)} ${e.op} ${shape(e.right)})`
        : e.kind;
const netShape = (e: NetExpr): string =>
  e.kind === 'ref' ? e.name
    : e.kind === 'unary' ? `(${e.op}${netShape(e.arg)})`
      : e.kind === 'binary' ? `(${netShape(e.left)} ${e.op} ${netShape(e.right)})`
        : e.kind;

describe('the operator table, fuzzed with random operator chains', () => {
  const all = standardLevels.flat();

  it('gives the full parser the standard precedence, and the printer text that parses back', () => {
    const r = rng(51);
    for (let n = 0; n < 300; n++) {
      const c = chain(r, all);
      const text = `module m; wire [3:0] a, b, c, d, e, f; wire [15:0] y; assign y = ${c.text}; endmodule`;
      const parsed = parseVerilog(text, 'chain.v');
      expect(parsed.diagnostics, c.text).toEqual([]);
      const item = (parsed.ast.descriptions[0] as ModuleDecl).items.find((i) => i.kind === 'assign')!;
      if (item.kind !== 'assign') throw new Error('no assign');
      expect(shape(item.assignments[0].rhs), c.text).toBe(referenceShape(c.operands, c.operators));
      const again = parseVerilog(printVerilog(parsed.ast), 'printed.v');
      expect(withoutLocations(again.ast), c.text).toEqual(withoutLocations(parsed.ast));
    }
  });

  it('gives the netlist fast path the same trees as the full parser', () => {
    const r = rng(52);
    for (let n = 0; n < 200; n++) {
      const c = chain(r, netlistOps);
      const text = `module m(a, b, c, d, e, f, y);\n  input [3:0] a, b, c, d, e, f;\n  output [15:0] y;\n  assign y = ${c.text};\nendmodule\n`;
      const fast = parseNetlist(text, 'n.v');
      const full = parseNetlistFull(text, 'n.v');
      expect(fast.diagnostics, c.text).toEqual([]);
      expect(netShape(fast.modules[0].assigns[0].rhs), c.text).toBe(netShape(full.modules[0].assigns[0].rhs));
      expect(netShape(fast.modules[0].assigns[0].rhs), c.text).toBe(referenceShape(c.operands, c.operators));
    }
  });

  // Constant functions over 3-bit operands, each chain of at most five operands assigned to a 32-bit
  // result. Our constant arithmetic is exact where Verilog sizes each operation (see the docs), so
  // two families on which both give the same value: the equality, relational, logical and
  // non-inverting bitwise operators with x and z bits in the operands (no operand grows), and
  // `* / % + << & | ^` on known non-zero operands (all sized to the 32-bit result, and no division
  // ever sees a shifted value, since shifts bind more loosely).
  const logicOps = all.filter((o) => levelOf.get(o)! <= levelOf.get('<')! && !['~^', '^~', '~&', '~|'].includes(o));
  const arithmeticOps = ['*', '/', '%', '+', '<<', '&', '|', '^'];
  const valueCases = (() => {
    const r = rng(53);
    return Array.from({ length: 160 }, (_, k) => {
      const fourState = k % 2 === 0;
      const bits = (): string => {
        const v = Array.from({ length: 3 }, () => (fourState && r() < 0.12 ? pick(r, ['x', 'z']) : pick(r, ['0', '1']))).join('');
        return fourState || v !== '000' ? v : bits();
      };
      const values = [...'abcdef'].map((v) => `${v} = 3'b${bits()};`).join(' ');
      const c = fourState ? chain(r, logicOps, unary.filter((o) => o !== '~' && o !== '-'), 5) : chain(r, arithmeticOps, [], 5);
      return `  function [31:0] f${k}(input dummy);\n    reg [2:0] a, b, c, d, e, f;\n    begin ${values} f${k} = ${c.text}; end\n  endfunction\n`;
    });
  })();

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('computes what iverilog computes for every chain', () => {
    const functions = valueCases.join('');
    const ours = elaborate([parseVerilog(`module m;\n${functions}${valueCases.map((_, k) => `  localparam [31:0] P${k} = f${k}(0);\n`).join('')}endmodule\n`, 'v.v').ast]);
    expect(ours.diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'tessera-operators-'));
    try {
      const file = join(dir, 'v.v');
      writeFileSync(file, `module m;\n${functions}  initial begin\n${valueCases.map((_, k) => `    $display("%b", f${k}(0));\n`).join('')}  end\nendmodule\n`);
      const compiled = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', join(dir, 'v.vvp'), file], { encoding: 'utf8' });
      expect(compiled.status, compiled.stderr).toBe(0);
      const simulated = spawnSync(toolPath('vvp')!, ['-n', join(dir, 'v.vvp')], { encoding: 'utf8' }).stdout.trim().split('\n');
      const mismatches = valueCases.map((_, k) => k).filter((k) => bits32(ours.tops[0].parameters[`P${k}`]) !== simulated[k])
        .map((k) => `${valueCases[k].trim()}\n  ours ${bits32(ours.tops[0].parameters[`P${k}`])}, iverilog ${simulated[k]}`);
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('sizes and wraps constant function arithmetic as iverilog simulates it', () => {
    const r = rng(54);
    const cases = Array.from({ length: 240 }, (_, k) => {
      const type = pick(r, resultTypes);
      const values = operandValues(r, k % 2 === 1).map((v, n) => `${'abcdef'[n]} = ${v};`).join(' ');
      // A quarter of them choose by a case statement, whose expression and items are sized together (9.5).
      const labels = ["8'hff", '-1', "4'sb1111", '15', 'd', 'c', "6'd63", '255', "-16'sd1", "(a - 4'd1)", "3'sb111"];
      const body = k % 4 === 3
        ? `case (${pick(r, [...'abcd', "(d + 4'sd0)", "(a - b)", sizedExpr(r)])}) ${pick(r, labels)}: f${k} = 1; ${pick(r, labels)}, ${pick(r, labels)}: f${k} = 2; default: f${k} = ${sizedExpr(r)}; endcase`
        : `f${k} = ${sizedExpr(r)};`;
      const text = `  function ${type} f${k}(input dummy);\n    ${locals}\n    begin ${values} ${body} end\n  endfunction\n`;
      return { text, width: widthOf(type), ours: `  localparam P${k} = f${k}(0);\n`, shown: `f${k}(0)` };
    });
    expect(compareWithIverilog(cases)).toEqual([]);
  });

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('sizes operator expressions for parameters of declared width as iverilog does', () => {
    const r = rng(55);
    // The operands a-f as parameters of the locals' types (integer e as a 32-bit signed range).
    const types = ['[3:0]', '[7:0]', 'signed [5:0]', 'signed [3:0]', 'signed [31:0]', '[2:0]'];
    const operands = operandValues(r, true).map((v, n) => `  localparam ${types[n]} ${'abcdef'[n]} = ${v};\n`).join('');
    const cases = Array.from({ length: 160 }, (_, k) => {
      const type = pick(r, resultTypes);
      return { text: `${k === 0 ? operands : ''}  localparam ${type} P${k} = ${sizedExpr(r)};\n`, width: widthOf(type), ours: '', shown: `P${k}` };
    });
    expect(compareWithIverilog(cases)).toEqual([]);
  });
});

// Wrap-around cases (IEEE 1364-2005 5.4, 5.5): random expression trees over operands of several
// widths and signednesses, sized and unsized literals, assigned to results of several widths, so
// that unsigned subtraction, `~` and `-` in a wider context, overflow of sums and products, mixed
// signed and unsigned operands, shifts of sized values, comparisons of widened operands and
// function arguments sized to their inputs all occur, with x and z bits in half of the cases.
const locals = 'reg [3:0] a; reg [7:0] b; reg signed [5:0] c; reg signed [3:0] d; integer e; reg [2:0] f;';
/**
 * Called from the cases: an argument is sized to its input's width, as an assignment is. (No signed
 * function: iverilog 11 shifts a signed function's result logically with `>>>` when the call is an
 * arm of `?:`, e.g. `(1 ? h(0) : 12'sd0) >>> 8`, which the standard makes arithmetic.)
 */
const helpers = '  function [8:0] g(input [8:0] x); g = x + 9\'d1; endfunction\n';
const resultTypes = ['[7:0]', '[15:0]', '[31:0]', 'signed [11:0]', 'integer', '[3:0]', 'signed [4:0]'];
const widthOf = (type: string) => (type === 'integer' ? 32 : Number(/\[(\d+):0\]/.exec(type)![1]) + 1);

/** Values for a-f (x and z among their bits when `fourState`). */
function operandValues(r: () => number, fourState: boolean): string[] {
  const bits = (w: number) => Array.from({ length: w }, () => (fourState && r() < 0.1 ? pick(r, ['x', 'z']) : pick(r, ['0', '1']))).join('');
  return [`4'b${bits(4)}`, `8'b${bits(8)}`, `6'b${bits(6)}`, `4'b${bits(4)}`, `${r() < 0.5 ? '-' : ''}${Math.floor(r() * 300)}`, `3'b${bits(3)}`];
}

/** A random expression tree of depth 3 over a-f. */
function sizedExpr(r: () => number): string {
  const int = (n: number) => Math.floor(r() * n);
  const bits = (w: number) => Array.from({ length: w }, () => pick(r, ['0', '1'])).join('');
  // Operands of a concatenation must be sized: their trees use no unsized numbers.
  const leaf = (sized: boolean): string => pick(r, [
    () => pick(r, [...'abcdef']), () => pick(r, [...'abcdef']), () => pick(r, [...'abcdef']),
    () => pick(r, [`4'd${int(16)}`, `3'sb${bits(3)}`, `8'h${int(256).toString(16)}`, `5'sd${int(16)}`]),
    () => (sized ? `5'd${int(20)}` : String(int(20))),
  ])();
  const tree = (depth: number, sized = false): string => {
    if (depth === 0 || r() < 0.2) return leaf(sized);
    const sub = (inConcat = sized) => tree(depth - 1, inConcat);
    const amount = () => (sized ? `4'd${int(10)}` : String(int(10)));
    return pick(r, [
      () => `(${sub()} ${pick(r, ['+', '-', '*', '&', '|', '^', '~^', '+', '-'])} ${sub()})`,
      () => `(${sub()} ${pick(r, ['/', '%'])} ${sub()})`,
      () => `${pick(r, ['~', '-', '~', '-', '&', '|', '^', '!'])}(${sub()})`,
      () => `(${sub()} ${pick(r, ['<<', '>>', '<<<', '>>>'])} ${r() < 0.5 ? amount() : sub()})`,
      () => `(${sub()} ** ${int(4)})`,
      () => `(${sub()} ${pick(r, ['==', '!=', '<', '<=', '>', '>=', '&&', '||'])} ${sub()})`,
      () => `(${sub()} ? ${sub()} : ${sub()})`,
      () => (r() < 0.5 ? `{${sub(true)}, ${sub(true)}}` : `{2{${sub(true)}}}`),
      () => `${pick(r, ['$signed', '$unsigned', 'g', 'g'])}(${sub()})`,
    ])();
  };
  return tree(3);
}

/**
 * Each case's value (its last `width` bits) from our elaboration (parameter P<k>, declared by the
 * case's text or its `ours` line) and from iverilog's simulation displaying `shown`; the cases that differ.
 */
function compareWithIverilog(cases: { text: string; width: number; ours: string; shown: string }[]): string[] {
  const declarations = helpers + cases.map((c) => c.text).join('');
  const ours = elaborate([parseVerilog(`module m;\n${declarations}${cases.map((c) => c.ours).join('')}endmodule\n`, 's.v').ast]);
  expect(ours.diagnostics).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-sized-'));
  try {
    const file = join(dir, 's.v');
    writeFileSync(file, `module m;\n${declarations}  initial begin\n${cases.map((c) => `    $display("%b", ${c.shown});\n`).join('')}  end\nendmodule\n`);
    const compiled = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', join(dir, 's.vvp'), file], { encoding: 'utf8' });
    expect(compiled.status, compiled.stderr).toBe(0);
    const simulated = spawnSync(toolPath('vvp')!, ['-n', join(dir, 's.vvp')], { encoding: 'utf8' }).stdout.trim().split('\n');
    return cases.map((c, k) => ({ c, mine: bits32(ours.tops[0].parameters[`P${k}`]).slice(-c.width), theirs: simulated[k].padStart(32, '0').slice(-c.width) }))
      .filter((x) => x.mine !== x.theirs).map((x) => `${x.c.text.trim()}\n  ours ${x.mine}, iverilog ${x.theirs}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('four-state constant values', () => {
  it('extend, compare and shift x and z bits as iverilog 11 does', () => {
    // iverilog -g2005 displays these (%b) as 0000000x 001z0100 0 1 1x0z 111111x0 01x0.
    const text = `module m;
      localparam [7:0] P1 = 1'bx;                  // an unsigned value extends with zeros
      localparam [7:0] P2 = 4'b1z01 << 2;          // a known shift moves the z bit
      localparam P3 = 4'b10x1 == 4'b0001;          // a known bit differs: not ambiguous
      localparam P4 = 4'b01x0 != 4'b11x0;
      localparam [3:0] P5 = +4'b1x0z;              // unary plus keeps every bit
      localparam [7:0] P6 = 4'sb1x01 >>> 1;        // an arithmetic shift repeats the sign bit
      localparam [3:0] P7 = 4'b1x01 >> 1;
    endmodule`;
    const r = elaborate([parseVerilog(text, 'fs.v').ast]);
    expect(r.diagnostics).toEqual([]);
    expect(r.tops[0].parameters).toEqual({
      P1: "8'b0000000x", P2: "8'b001z0100", P3: '0', P4: '1', P5: "4'b1x0z", P6: "8'b111111x0", P7: "4'b01x0",
    });
  });
});

/** A parameter value as we print it (decimal, or sized binary when it has x/z bits) as 32 binary digits. */
function bits32(value: string | undefined): string {
  if (value === undefined) return 'missing';
  const sized = /^\d+'s?b([01xz]+)$/.exec(value);
  if (sized) return sized[1].padStart(32, '0').slice(-32);
  return BigInt.asUintN(32, BigInt(value)).toString(2).padStart(32, '0');
}
