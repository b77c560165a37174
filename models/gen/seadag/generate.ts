import { Aig, FALSE, checkEquivalence, litVar, VarKind, type Literal } from '../../../eda/aig/index.ts';
import { UserError } from '../../../util/index.ts';
import { SETTINGS, dependsOn, inputTable, isConstant, tablesEqual, complementTable, type SettingName, type TruthFunction } from './data/truth-function.ts';
import { scoreCircuit, type Generator } from './evaluate.ts';

/**
 * Generation for any function of up to 16 inputs: outputs that are constants or single literals
 * are wired directly; the rest, restricted to the inputs they depend on, go to the model of the
 * smallest setting that holds them (1 output: up to 4 inputs 4x1, up to 6 6x1; 2 outputs: up to 8
 * together 8x2), padded with unused inputs. Every sample is checked exhaustively; the exact one with
 * the fewest ANDs (then levels) is returned, and nothing is called exact that was not proven so.
 */
export interface GenerationResult {
  readonly setting: SettingName | undefined;
  /** The best circuit over the function's own inputs (the exact one with fewest ANDs, else the most accurate). */
  readonly aig: Aig;
  readonly exact: boolean;
  readonly bitAccuracy: number;
  readonly samples: number;
  readonly exactSamples: number;
  /** How the equivalence was proven (exhaustive simulation of every input pattern). */
  readonly proof: string;
}

/** The setting whose model generates a function of `inputs` used inputs and `outputs` outputs that need logic, or undefined. */
export function settingFor(inputs: number, outputs: number): SettingName | undefined {
  if (outputs === 1 && inputs <= 4) return '4x1';
  if (outputs === 1 && inputs <= 6) return '6x1';
  if (outputs === 2 && inputs <= 8) return '8x2';
  return undefined;
}

/** The function of `vars` (in that order) obtained by fixing nothing: valid when the other inputs are not in the support. */
export function restrictTo(fn: TruthFunction, vars: readonly number[], inputs = vars.length): TruthFunction {
  const M = 2 ** inputs;
  const tables = fn.tables.map((t) => {
    const out = new Uint32Array(Math.max(1, M / 32));
    for (let m = 0; m < M; m++) {
      let src = 0;
      vars.forEach((v, i) => {
        if ((m >>> i) & 1) src += 2 ** v;
      });
      if ((t[src >>> 5] >>> (src & 31)) & 1) out[m >>> 5] |= 1 << (m & 31);
    }
    return out;
  });
  return { inputs, tables };
}

/** A copy of `aig` on `inputs` inputs: its input i becomes `inputLit(i)` of the new graph (a new input's literal or FALSE). */
function rewire(aig: Aig, inputs: number, map: (i: number, ins: readonly Literal[]) => Literal): Aig {
  const out = new Aig('seadag');
  const ins = Array.from({ length: inputs }, (_, i) => out.addInput(`x${i}`));
  const lit = new Int32Array(aig.variableCount);
  aig.inputs.forEach((v, i) => (lit[v] = map(i, ins)));
  const of = (l: Literal) => lit[litVar(l)] ^ (l & 1);
  for (let v = 1; v < aig.variableCount; v++) if (aig.kind(v) === VarKind.And) lit[v] = out.and(of(aig.fanin0(v)), of(aig.fanin1(v)));
  aig.outputs.forEach((o, k) => out.addOutput(of(o.lit), `y${k}`));
  return out.cleanup();
}

/** A literal that computes table t over the function's inputs directly (constant or one input), or undefined. */
function trivialLiteral(t: Uint32Array, inputs: number, ins: readonly Literal[]): Literal | undefined {
  if (isConstant(t, inputs)) return t[0] & 1 ? FALSE ^ 1 : FALSE;
  for (let i = 0; i < inputs; i++) {
    const x = inputTable(i, inputs);
    if (tablesEqual(t, x)) return ins[i];
    if (tablesEqual(t, complementTable(x, inputs))) return ins[i] ^ 1;
  }
  return undefined;
}

export interface GenerateOptions {
  readonly samples: number;
  readonly seed: number;
  /** The generator of each setting (loaded on demand). */
  readonly generatorFor: (setting: SettingName) => Generator;
}

export function generateCircuit(fn: TruthFunction, o: GenerateOptions): GenerationResult {
  const n = fn.inputs;
  const reference = new Aig('reference');
  const refIns = Array.from({ length: n }, () => reference.addInput());
  const needLogic = fn.tables.map((t, k) => (trivialLiteral(t, n, refIns) === undefined ? k : -1)).filter((k) => k >= 0);
  const used = Array.from({ length: n }, (_, i) => i).filter((i) => needLogic.some((k) => dependsOn(fn.tables[k], i, n)));
  const setting = needLogic.length > 0 ? settingFor(used.length, needLogic.length) : undefined;
  if (needLogic.length > 0 && !setting) {
    throw new UserError(
      `no model for ${needLogic.length} output${needLogic.length > 1 ? 's' : ''} that together use ${used.length} inputs`,
      '--truth-table',
      'the trained settings are 4x1 and 6x1 (one output of up to 4 or 6 used inputs) and 8x2 (two outputs of up to 8 used inputs together)',
    );
  }
  let candidates: Aig[] = [];
  if (setting) {
    const width = SETTINGS[setting].inputs;
    const sub = restrictTo({ inputs: n, tables: needLogic.map((k) => fn.tables[k]) }, used, width);
    const generated = o.generatorFor(setting).generate([sub], o.samples, o.seed)[0];
    candidates = generated.filter((g) => g.aig).map((g) => {
      // Setting input i is original input used[i]; padding inputs (i >= used.length) are never needed: tie them to 0.
      const inner = rewire(g.aig!, n, (i, ins) => (i < used.length ? ins[used[i]] : FALSE));
      return withTrivialOutputs(inner, fn, needLogic).cleanup();
    });
  } else {
    candidates = [withTrivialOutputs(undefined, fn, needLogic)];
  }
  let best: { aig: Aig; exact: boolean; bitAccuracy: number; ands: number } | undefined;
  let exactSamples = 0;
  for (const aig of candidates) {
    const s = scoreCircuit(aig, fn);
    if (s.exact) exactSamples++;
    const better = !best || (s.exact && !best.exact) || (s.exact === best.exact && (s.exact ? aig.andCount < best.ands : s.bitAccuracy > best.bitAccuracy));
    if (better) best = { aig, exact: s.exact, bitAccuracy: s.bitAccuracy, ands: aig.andCount };
  }
  if (!best) throw new Error('generateCircuit: the generator returned no circuit');
  // The proof: exhaustive equivalence against the function's own table (at most 16 inputs).
  const proven = best.exact && checkEquivalence(best.aig, tableAig(fn)).equivalent;
  if (best.exact && !proven) throw new Error('generateCircuit: the truth-table score and the equivalence check disagree');
  return { setting, aig: best.aig, exact: proven, bitAccuracy: best.bitAccuracy, samples: setting ? o.samples : 0, exactSamples: setting ? exactSamples : 0, proof: `exhaustive simulation of all ${2 ** n} input patterns` };
}

/** `inner` (outputs = the outputs needing logic, in order) with the constant and literal outputs put back in place. */
function withTrivialOutputs(inner: Aig | undefined, fn: TruthFunction, needLogic: readonly number[]): Aig {
  const n = fn.inputs;
  const out = new Aig('seadag');
  const ins = Array.from({ length: n }, (_, i) => out.addInput(`x${i}`));
  const lit = new Int32Array(inner?.variableCount ?? 1);
  inner?.inputs.forEach((v, i) => (lit[v] = ins[i]));
  const of = (l: Literal) => lit[litVar(l)] ^ (l & 1);
  if (inner) for (let v = 1; v < inner.variableCount; v++) if (inner.kind(v) === VarKind.And) lit[v] = out.and(of(inner.fanin0(v)), of(inner.fanin1(v)));
  fn.tables.forEach((t, k) => {
    const j = needLogic.indexOf(k);
    out.addOutput(j >= 0 ? of(inner!.outputs[j].lit) : trivialLiteral(t, n, ins)!, `y${k}`);
  });
  return out;
}

/** A reference AIG of a truth table by Shannon expansion (a mux tree), only for the equivalence proof. */
export function tableAig(fn: TruthFunction): Aig {
  const aig = new Aig('table');
  const ins = Array.from({ length: fn.inputs }, () => aig.addInput());
  for (const t of fn.tables) {
    const build = (level: number, offset: number): Literal => {
      if (level < 0) return (t[offset >>> 5] >>> (offset & 31)) & 1 ? FALSE ^ 1 : FALSE;
      const lo = build(level - 1, offset);
      const hi = build(level - 1, offset + 2 ** level);
      return lo === hi ? lo : aig.mux(ins[level], hi, lo);
    };
    aig.addOutput(build(fn.inputs - 1, 0));
  }
  return aig;
}
