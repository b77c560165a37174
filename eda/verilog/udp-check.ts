/**
 * User-defined primitives (IEEE 1364-2005 8.1): the output is the first port and the only one,
 * ports are scalars declared once, and every table row has one symbol per input, then the
 * current state (sequential UDPs), then an output, with at most one edge per row and edges and
 * `-` only in sequential tables.
 */
import type { UdpDecl } from './ast.ts';
import type { DiagnosticSink } from './diagnostics.ts';

const levelSymbols = new Set(['0', '1', 'x', 'X', '?', 'b', 'B']);
const edgeSymbols = new Set(['r', 'R', 'f', 'F', 'p', 'P', 'n', 'N', '*']);
const edgeLevels = new Set(['0', '1', 'x', 'X', '?', 'b', 'B']);
const outputSymbols = new Set(['0', '1', 'x', 'X']);

export function checkUdp(u: UdpDecl, sink: DiagnosticSink): void {
  const error = (line: number, message: string) => sink.error(u.loc.file, line, 1, message);
  const at = (loc: { line: number; col: number }, message: string) => sink.error(u.loc.file, loc.line, loc.col, message);
  const directions = new Map<string, string>();
  let sequential = false;
  for (const item of u.items) {
    if (item.kind === 'port-decl') {
      for (const d of item.declarators) {
        if (directions.has(d.name)) at(d.loc, `port '${d.name}' of primitive '${u.name}' is declared twice`);
        directions.set(d.name, item.direction);
      }
      if (item.dataType.range) at(item.dataType.range.msb.loc, `ports of primitive '${u.name}' must be scalars`);
      if (item.direction === 'inout') at(item.loc, `primitive '${u.name}' cannot have inout ports`);
      if (item.dataType.type === 'reg') sequential = true;
    } else if (item.kind === 'net-decl' && item.dataType.type === 'reg') sequential = true;
  }
  const outputs = u.ports.filter((p) => directions.get(p) === 'output');
  if (u.ports.length < 2) error(u.loc.line, `primitive '${u.name}' needs an output and at least one input`);
  if (directions.get(u.ports[0]) !== 'output') error(u.loc.line, `the first port of primitive '${u.name}' must be its output`);
  else if (outputs.length > 1) error(u.loc.line, `primitive '${u.name}' has more than one output`);
  for (const p of u.ports) if (!directions.has(p)) error(u.loc.line, `port '${p}' of primitive '${u.name}' has no input or output declaration`);
  if (u.initial && !sequential) error(u.loc.line, `only a sequential primitive (output reg) can have an initial statement`);
  const inputs = u.ports.length - 1;
  u.table.forEach((row, k) => {
    const line = u.rowLines[k] ?? u.loc.line;
    const colons = row.filter((s) => s === ':').length;
    const fields = row.join(' ').split(':').map((f) => f.trim().split(/\s+/).filter(Boolean));
    if (colons !== (sequential ? 2 : 1)) { error(line, `a ${sequential ? 'sequential' : 'combinational'} table row needs ${sequential ? 'inputs : state : next state' : 'inputs : output'}`); return; }
    const [ins, ...rest] = fields;
    if (ins.length !== inputs) { error(line, `this row has ${ins.length} input symbol${ins.length === 1 ? '' : 's'}; primitive '${u.name}' has ${inputs} input${inputs === 1 ? '' : 's'}`); return; }
    let edges = 0;
    for (const s of ins) {
      const edge = edgeSymbols.has(s) || /^\(..\)$/.test(s);
      if (edge) {
        edges++;
        if (/^\(..\)$/.test(s) && !(edgeLevels.has(s[1]) && edgeLevels.has(s[2]))) error(line, `bad edge '${s}'`);
      } else if (!levelSymbols.has(s)) error(line, `'${s}' is not a table symbol (0 1 x ? b, edges r f p n * (vw))`);
    }
    if (edges > 0 && !sequential) error(line, 'edges are only allowed in sequential primitives');
    if (edges > 1) error(line, 'a table row can have at most one edge');
    const out = rest[rest.length - 1];
    if (sequential) {
      const state = rest[0];
      if (state.length !== 1 || !levelSymbols.has(state[0])) error(line, `'${state.join(' ')}' is not a state symbol`);
      if (out.length !== 1 || !(outputSymbols.has(out[0]) || out[0] === '-')) error(line, `'${out.join(' ')}' is not a next-state symbol (0 1 x -)`);
    } else if (out.length !== 1 || !outputSymbols.has(out[0])) {
      error(line, `'${out.join(' ')}' is not an output symbol (0 1 x)${out[0] === '-' ? ': no-change (-) is for sequential primitives' : ''}`);
    }
  });
}
