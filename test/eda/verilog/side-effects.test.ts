// `i++`, `--i` inside expressions and compound assignments whose target has a side effect: how they
// parse and print, and what a constant function computes with them, against iverilog running the
// same function in a simulation (vvp) and against a plain reference of the evaluation order.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elaborate, parseVerilog, printVerilog, type Expr, type Stmt } from '../../../eda/verilog/index.ts';
import { missingTool, skipReason, toolPath } from '../../helpers/requirements.ts';
import { withoutLocations } from './strip-locations.ts';

/** The right side of the first statement of the first initial block in `body`. */
function firstAssignment(body: string): Stmt & { kind: 'assign' } {
  const r = parseVerilog(`module m; reg [3:0] a, b, i, j; reg [3:0] x [0:3]; initial begin ${body} end endmodule`, 'e.v');
  expect(r.diagnostics).toEqual([]);
  const m = r.ast.descriptions[0];
  if (m.kind !== 'module') throw new Error('no module');
  const p = m.items.find((i) => i.kind === 'process');
  if (p?.kind !== 'process' || p.body.kind !== 'block') throw new Error('no initial block');
  const s = p.body.body[0];
  if (s.kind !== 'assign') throw new Error('not an assignment');
  return s;
}

const shape = (e: Expr): string =>
  e.kind === 'id' ? e.name
    : e.kind === 'number' ? e.text
      : e.kind === 'incdec' ? (e.prefix ? `(${e.op}${shape(e.target)})` : `(${shape(e.target)}${e.op})`)
        : e.kind === 'binary' ? `(${shape(e.left)} ${e.op} ${shape(e.right)})`
          : e.kind === 'unary' ? `(${e.op}${shape(e.arg)})`
            : e.kind === 'index' ? `${shape(e.base)}[${shape(e.index)}]`
              : e.kind;

describe('increment and decrement inside expressions', () => {
  it('reads glued ++/-- as increments and separated signs as unary operators', () => {
    expect(shape(firstAssignment('j = i++;').rhs)).toBe('(i++)');
    expect(shape(firstAssignment('j = ++i + i--;').rhs)).toBe('((++i) + (i--))');
    expect(shape(firstAssignment('j = a + +b;').rhs)).toBe('(a + (+b))');
    expect(shape(firstAssignment('j = a - -b;').rhs)).toBe('(a - (-b))');
    expect(shape(firstAssignment('j = a++ + b;').rhs)).toBe('((a++) + b)');
    expect(shape(firstAssignment('x[i++] = 0;').lhs)).toBe('x[(i++)]');
    // `a++b` is an increment followed by a name, as iverilog and SystemVerilog read it: an error.
    const r = parseVerilog('module m; reg [3:0] a, b, j; initial j = a++b; endmodule', 'e.v');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ line: 1, col: 45, severity: 'error' });
  });

  it('keeps compound assignments compound, so their target is evaluated once', () => {
    const s = firstAssignment('x[i++] += 2;');
    expect(s.compound).toBe('+');
    expect(shape(s.rhs)).toBe('(x[(i++)] + 2)');
    expect(firstAssignment('i++;').compound).toBe('+');
    expect(firstAssignment('--i;').compound).toBe('-');
    expect(firstAssignment('j = i + 1;').compound).toBeUndefined();
  });

  it('prints text that parses to the same tree', () => {
    const text = `module m;
      reg [3:0] a, i, j; reg [3:0] x [0:3];
      initial begin
        j = -(++i) + (i--) - +a; x[i++] += 2; x[--i] <<= 1; i++; --i;
        for (i = 0; i < 4; i++) x[i] = a++ * 2;
        if (i++ > 2) j = {i--, a};
      end
    endmodule`;
    const first = parseVerilog(text, 'p.v');
    expect(first.diagnostics).toEqual([]);
    const printed = printVerilog(first.ast);
    const second = parseVerilog(printed, 'p.v');
    expect(second.diagnostics).toEqual([]);
    expect(withoutLocations(second.ast)).toEqual(withoutLocations(first.ast));
  });
});

/** A function using every form; run as a constant function by us and in simulation by iverilog. */
const sideEffectFunction = `
  function automatic integer f(input integer n);
    integer i, j, acc;
    reg [7:0] x [0:7];
    begin
      for (i = 0; i < 8; i++) x[i] = i * 10;
      i = 1; x[i++] += i;
      j = i++ + i++;
      acc = j * 1000 + x[1];
      i = 2; x[i] = i++;
      acc = acc + x[3] * 100000;
      i = 0; acc = acc + (++i) * 10000000 + (i--) * 100000000;
      acc = acc + i;
      while (n-- > 0) acc = acc + 1000000;
      f = acc;
    end
  endfunction`;

/**
 * The same computation by hand, in the order iverilog uses: operands left to right, each side
 * effect at once; `x[i] = v` evaluates v, then the index; `x[i++] += v` the index, then v.
 */
function sideEffectReference(n: number): number {
  const x = Array.from({ length: 8 }, (_, k) => k * 10);
  let i = 1;
  const at = i++;
  x[at] += i; // 10 + 2
  const j = i++ + i++; // 2 + 3
  let acc = j * 1000 + x[1];
  i = 2;
  const value = i++;
  x[i] = value; // x[3] = 2
  acc += x[3] * 100000;
  i = 0;
  acc += ++i * 10000000;
  acc += i-- * 100000000;
  acc += i;
  while (n-- > 0) acc += 1000000;
  return acc;
}

describe('side effects in constant functions', () => {
  it('evaluate left to right, each at once, as the plain reference does', () => {
    for (const n of [0, 3]) {
      const r = elaborate([parseVerilog(`module m; ${sideEffectFunction} localparam P = f(${n}); endmodule`, 'f.v').ast]);
      expect(r.diagnostics).toEqual([]);
      expect(r.tops[0].parameters.P).toBe(String(sideEffectReference(n)));
    }
  });

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('give what iverilog computes running the same function', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-side-effects-'));
    try {
      const file = join(dir, 'f.v');
      writeFileSync(file, `module m; ${sideEffectFunction} initial begin $display("%0d", f(0)); $display("%0d", f(3)); end endmodule\n`);
      const compiled = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', join(dir, 'f.vvp'), file], { encoding: 'utf8' });
      expect(compiled.status, compiled.stderr).toBe(0);
      const run = spawnSync(toolPath('vvp')!, ['-n', join(dir, 'f.vvp')], { encoding: 'utf8' });
      const simulated = run.stdout.trim().split('\n').map((l) => l.trim());
      const ours = [0, 3].map((n) => elaborate([parseVerilog(`module m; ${sideEffectFunction} localparam P = f(${n}); endmodule`, 'f.v').ast]).tops[0].parameters.P);
      expect(ours).toEqual(simulated);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skip the right operand of && and || when the left decides, and the branch ?: does not take', () => {
    // IEEE 1800-2017 11.4.7 and 11.4.11; iverilog 12 does this too (iverilog 11 evaluates both operands).
    const text = `module m;
      function automatic integer f(input integer n);
        integer b, c;
        begin
          b = n; c = 0;
          if ((b == 5) && b++ && ++b) c = 1;
          c = c * 100 + ((b > 100) && b++);
          c = c * 100 + ((b < 100) || b++);
          c = c * 100 + (b ? b-- : b++);
          f = c * 1000 + b;
        end
      endfunction
      localparam P0 = f(0);
      localparam P5 = f(5);
    endmodule`;
    // The same statements in JavaScript, whose && || ?: short-circuit the same way (booleans as 0/1).
    const reference = (n: number): number => {
      let b = n;
      let c = 0;
      if (b === 5 && b++ && ++b) c = 1;
      c = c * 100 + (b > 100 && b++ ? 1 : 0);
      c = c * 100 + (b < 100 || b++ ? 1 : 0);
      c = c * 100 + (b ? b-- : b++);
      return c * 1000 + b;
    };
    const r = elaborate([parseVerilog(text, 's.v').ast]);
    expect(r.diagnostics).toEqual([]);
    expect(r.tops[0].parameters).toMatchObject({ P0: String(reference(0)), P5: String(reference(5)) });
  });

  it('reports a side effect where a constant is required', () => {
    const r = elaborate([parseVerilog('module m; integer i; parameter P = i++; endmodule', 'c.v').ast]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity}`)).toEqual(['1:36 error']);
  });
});

// ---------------------------------------------------------------- random programs
/** A tiny seeded generator (mulberry32), so every run checks the same programs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Env = { vars: Record<string, bigint>; x: bigint[] };
/** A random expression over a, b, c and x[...], as text and as a left-to-right evaluator. */
type Gen = { text: string; run: (env: Env) => bigint };
const wrap = (v: bigint) => BigInt.asIntN(32, v);
const names = ['a', 'b', 'c'];

function expression(next: () => number, depth: number): Gen {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const r = next();
  if (depth <= 0 || r < 0.35) {
    const v = pick(names);
    const k = Math.floor(next() * 6);
    if (k === 0) return { text: `${v}++`, run: (e) => { const old = e.vars[v]; e.vars[v] = wrap(old + 1n); return old; } };
    if (k === 1) return { text: `${v}--`, run: (e) => { const old = e.vars[v]; e.vars[v] = wrap(old - 1n); return old; } };
    if (k === 2) return { text: `(++${v})`, run: (e) => (e.vars[v] = wrap(e.vars[v] + 1n)) };
    if (k === 3) return { text: `(--${v})`, run: (e) => (e.vars[v] = wrap(e.vars[v] - 1n)) };
    if (k === 4) { const n = Math.floor(next() * 9); return { text: String(n), run: () => BigInt(n) }; }
    return { text: v, run: (e) => e.vars[v] };
  }
  if (r < 0.45) {
    const index = simpleIndex(next);
    return { text: `x[${index.text} & 3]`, run: (e) => e.x[Number(BigInt.asUintN(2, index.run(e)))] };
  }
  const o = pick(['+', '-', '*']);
  const left = expression(next, depth - 1);
  const right = expression(next, depth - 1);
  const f = o === '+' ? (p: bigint, q: bigint) => p + q : o === '-' ? (p: bigint, q: bigint) => p - q : (p: bigint, q: bigint) => p * q;
  return { text: `(${left.text} ${o} ${right.text})`, run: (e) => { const p = left.run(e); return wrap(f(p, right.run(e))); } };
}

/**
 * `a++`, `--b`, `c` ...: an index. iverilog 11 supports a side effect in an index only when the
 * index is one operator on one variable ("sorry: ... not yet supported on vector slice" otherwise).
 */
function simpleIndex(next: () => number): Gen {
  const v = names[Math.floor(next() * names.length)];
  const forms: Gen[] = [
    { text: `${v}++`, run: (e) => { const old = e.vars[v]; e.vars[v] = wrap(old + 1n); return old; } },
    { text: `${v}--`, run: (e) => { const old = e.vars[v]; e.vars[v] = wrap(old - 1n); return old; } },
    { text: `++${v}`, run: (e) => (e.vars[v] = wrap(e.vars[v] + 1n)) },
    { text: `--${v}`, run: (e) => (e.vars[v] = wrap(e.vars[v] - 1n)) },
    { text: v, run: (e) => e.vars[v] },
  ];
  return forms[Math.floor(next() * forms.length)];
}

/** A random statement: plain, compound and increment assignments to variables and array words. */
function statement(next: () => number): Gen {
  const v = names[Math.floor(next() * names.length)];
  const value = expression(next, 3);
  const k = Math.floor(next() * 5);
  if (k === 0) return { text: `${v} = ${value.text};`, run: (e) => (e.vars[v] = wrap(value.run(e))) };
  if (k === 1) return { text: `${v} += ${value.text};`, run: (e) => { const old = e.vars[v]; return (e.vars[v] = wrap(old + value.run(e))); } };
  if (k === 2) return { text: `${v}++;`, run: (e) => (e.vars[v] = wrap(e.vars[v] + 1n)) };
  const index = simpleIndex(next);
  if (k === 3) {
    // `x[i] = v`: the value first, then the index.
    return { text: `x[${index.text} & 3] = ${value.text};`, run: (e) => { const w = value.run(e); const at = Number(BigInt.asUintN(2, index.run(e))); return (e.x[at] = wrap(w)); } };
  }
  // `x[i] -= v`: the index first and once, then the value.
  return { text: `x[${index.text} & 3] -= ${value.text};`, run: (e) => { const at = Number(BigInt.asUintN(2, index.run(e))); const old = e.x[at]; return (e.x[at] = wrap(old - value.run(e))); } };
}

/** Function `f<k>` of `count` random statements; its result mixes every variable and array word. */
function randomFunction(k: number, count: number): { text: string; result: bigint } {
  const next = random(1000 + k);
  const body = Array.from({ length: count }, () => statement(next));
  const env: Env = { vars: { a: 3n, b: -5n, c: 7n }, x: [1n, 2n, 3n, 4n] };
  for (const s of body) s.run(env);
  const result = wrap(env.vars.a + 3n * env.vars.b + 5n * env.vars.c + 7n * env.x[0] + 11n * env.x[1] + 13n * env.x[2] + 17n * env.x[3]);
  const text = `
  function automatic integer f${k}(input integer dummy);
    integer a, b, c; integer x [0:3];
    begin
      a = 3; b = -5; c = 7; x[0] = 1; x[1] = 2; x[2] = 3; x[3] = 4;
      ${body.map((s) => s.text).join('\n      ')}
      f${k} = a + 3 * b + 5 * c + 7 * x[0] + 11 * x[1] + 13 * x[2] + 17 * x[3];
    end
  endfunction`;
  return { text, result };
}

describe('random programs with side effects', () => {
  const programs = Array.from({ length: 40 }, (_, k) => randomFunction(k, 6));
  const functions = programs.map((p) => p.text).join('');
  // Ours runs them as constant functions; iverilog 11 cannot (it evaluates few constant functions), so it simulates them.
  const module = `module r;${functions}\n  ${programs.map((_, k) => `localparam P${k} = f${k}(0);`).join('\n  ')}\nendmodule\n`;
  const simulated = `module r;${functions}\n  initial begin\n    ${programs.map((_, k) => `$display("%0d", f${k}(0));`).join('\n    ')}\n  end\nendmodule\n`;

  it('parse, print back to the same tree, and evaluate as a left-to-right reference does', () => {
    const parsed = parseVerilog(module, 'r.v');
    expect(parsed.diagnostics).toEqual([]);
    const again = parseVerilog(printVerilog(parsed.ast), 'r.v');
    expect(withoutLocations(again.ast)).toEqual(withoutLocations(parsed.ast));
    const r = elaborate([parsed.ast]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(programs.map((_, k) => r.tops[0].parameters[`P${k}`])).toEqual(programs.map((p) => String(p.result)));
  });

  it.skipIf(skipReason(missingTool('iverilog'), missingTool('vvp')))('evaluate as iverilog does in simulation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-side-effects-'));
    try {
      writeFileSync(join(dir, 'r.v'), simulated);
      const compiled = spawnSync(toolPath('iverilog')!, ['-g2005', '-o', join(dir, 'r.vvp'), join(dir, 'r.v')], { encoding: 'utf8' });
      expect(compiled.status, compiled.stderr).toBe(0);
      const run = spawnSync(toolPath('vvp')!, ['-n', join(dir, 'r.vvp')], { encoding: 'utf8' });
      expect(run.stdout.trim().split('\n').map((l) => l.trim())).toEqual(programs.map((p) => String(p.result)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
