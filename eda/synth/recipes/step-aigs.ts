// The AIG after each step of a recipe, for checking that every step preserves the function.
import { UserError } from '../../../util/index.ts';
import { Aig, readAiger, writeAag } from '../../aig/index.ts';
import { runYosys, type YosysBackend } from '../index.ts';
import type { Recipe } from './operations.ts';

/**
 * Runs a recipe on a combinational AIG through Yosys's ABC, one `abc` pass per operation, and
 * returns the AIG after each operation (ports in the input's order). Latches are refused: the
 * per-step check is combinational.
 */
export async function recipeStepAigs(aig: Aig, recipe: Recipe, backend: YosysBackend = 'wasm'): Promise<Aig[]> {
  if (aig.latches.length > 0) throw new UserError('recipeStepAigs takes a combinational AIG', 'aig', 'use the combinational part');
  // Plain port names keep Yosys from splitting or merging anything; the results map back by index.
  const named = aig.cleanup();
  named.inputNames.forEach((_n, i) => (named.inputNames[i] = `pi${i}`));
  named.outputs.forEach((o, i) => (o.name = `po${i}`));
  named.comment = undefined;
  const files: Record<string, string> = { 'in.aag': writeAag(named) };
  const lines = ['read_aiger -module_name top in.aag'];
  recipe.forEach((op, k) => {
    // `map` onto Yosys's AND/NOT gate set hands the network back as gates Yosys can write.
    files[`step${k}.abc`] = `strash\n${op}\nmap\n`;
    lines.push(`abc -g AND -script step${k}.abc`, 'opt_clean', `write_aiger -ascii -symbols step${k}.aag`);
  });
  const outputs = recipe.map((_op, k) => `step${k}.aag`);
  const run = await runYosys({ script: `${lines.join('\n')}\n`, files, backend, outputs });
  return outputs.map((name) => {
    const text = run.outputs[name];
    if (text === undefined) throw new Error(`yosys did not write ${name}`);
    return inPortOrder(readAiger(new TextEncoder().encode(text), name), aig.inputs.length, aig.outputs.length);
  });
}

/** Rebuilds `aig` with inputs `pi0..` and outputs `po0..` in index order (Yosys sorts ports by name). */
function inPortOrder(aig: Aig, inputs: number, outputs: number): Aig {
  const index = (name: string | undefined, prefix: string) => (name?.startsWith(prefix) ? Number(name.slice(prefix.length)) : -1);
  const out = new Aig(aig.name);
  const map = new Int32Array(aig.variableCount);
  const newInputs = Array.from({ length: inputs }, () => out.addInput());
  aig.inputs.forEach((v, i) => {
    const k = index(aig.inputNames[i], 'pi');
    if (k < 0 || k >= inputs) throw new Error(`unexpected input '${aig.inputNames[i]}' in Yosys's AIGER`);
    map[v] = newInputs[k];
  });
  const lit = (l: number) => map[l >> 1] ^ (l & 1);
  for (const v of aig.andVariables()) map[v] = out.and(lit(aig.fanin0(v)), lit(aig.fanin1(v)));
  const byIndex = new Map(aig.outputs.map((o) => [index(o.name, 'po'), lit(o.lit)]));
  for (let k = 0; k < outputs; k++) {
    const l = byIndex.get(k);
    // An output Yosys dropped was constant or unused-equal; absent means a bug, so refuse.
    if (l === undefined) throw new Error(`output po${k} missing from Yosys's AIGER`);
    out.addOutput(l, `po${k}`);
  }
  return out;
}
