import { Aig, VarKind, litVar, type Literal } from './aig.ts';

/** A Verilog identifier for a name, escaped (`\name `) when it is not a plain one. */
function identifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : `\\${name} `;
}

/**
 * Structural Verilog of a combinational AIG: one `assign` of a two-input AND (inverters as `~`)
 * per AND node, in topological order, and one per output. Inputs and outputs keep their names
 * (x0.., y0.. when unnamed). Latches are refused (they need a clock the AIG does not name).
 */
export function writeVerilog(aig: Aig, moduleName = aig.name || 'aig'): string {
  if (aig.latches.length > 0) throw new Error('writeVerilog: sequential AIGs (latches) are not written');
  const inputs = aig.inputs.map((_, i) => identifier(aig.inputNames[i] ?? `x${i}`));
  const outputs = aig.outputs.map((o, i) => identifier(o.name ?? `y${i}`));
  const name = new Map<number, string>();
  aig.inputs.forEach((v, i) => name.set(v, inputs[i]));
  const expr = (lit: Literal): string => {
    const v = litVar(lit);
    const base = v === 0 ? "1'b0" : name.get(v)!;
    return lit & 1 ? (v === 0 ? "1'b1" : `~${base}`) : base;
  };
  const lines = [`module ${identifier(moduleName)} (${[...inputs, ...outputs].join(', ')});`];
  for (const x of inputs) lines.push(`  input ${x};`);
  for (const y of outputs) lines.push(`  output ${y};`);
  const ands = [...aig.andVariables()];
  for (const v of ands) name.set(v, `n${v}`);
  if (ands.length > 0) lines.push(`  wire ${ands.map((v) => `n${v}`).join(', ')};`);
  for (const v of ands) {
    if (aig.kind(v) !== VarKind.And) continue;
    lines.push(`  assign n${v} = ${expr(aig.fanin0(v))} & ${expr(aig.fanin1(v))};`);
  }
  aig.outputs.forEach((o, i) => lines.push(`  assign ${outputs[i]} = ${expr(o.lit)};`));
  lines.push('endmodule', '');
  return lines.join('\n');
}
