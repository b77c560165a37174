// KISS2 state tables (the LGSynth'91 / MCNC FSM benchmarks) as synthesizable Verilog: a state
// register with a synchronous reset to the reset state and one combinational block that takes the
// first table row matching the current state and input (don't-care bits match anything, a `*`
// present state matches every state). No matching row: the state holds and the outputs are 0;
// a `-` output bit is 0. States are binary-encoded in the order they first appear (reset first).

export interface Kiss2Table {
  readonly inputs: number;
  readonly outputs: number;
  readonly states: readonly string[];
  readonly reset: string;
  /** input cube, present state (`*`: any), next state (`*`: hold), output cube */
  readonly rows: readonly { readonly input: string; readonly present: string; readonly next: string; readonly output: string }[];
}

export function parseKiss2(text: string, file = 'table.kiss2'): Kiss2Table {
  let inputs = -1, outputs = -1, reset: string | undefined;
  const rows: Kiss2Table['rows'][number][] = [];
  const states: string[] = [];
  const see = (s: string) => { if (s !== '*' && !states.includes(s)) states.push(s); };
  text.split('\n').forEach((raw, n) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const f = line.split(/\s+/);
    if (f[0] === '.i') inputs = Number(f[1]);
    else if (f[0] === '.o') outputs = Number(f[1]);
    else if (f[0] === '.r') reset = f[1];
    else if (f[0].startsWith('.')) return; // .p, .s, .e: counts and end
    else {
      const [input, present, next, output] = f.length === 4 ? f : inputs === 0 ? ['', ...f] : [];
      if (output === undefined || input.length !== inputs || output.length !== outputs || /[^01-]/.test(input + output)) throw new Error(`${file}:${n + 1}: not a KISS2 row: ${line}`);
      rows.push({ input, present, next, output });
      see(present);
      see(next);
    }
  });
  if (inputs < 0 || outputs < 0 || rows.length === 0) throw new Error(`${file}: no .i / .o header or no rows`);
  const start = reset ?? states[0];
  if (!states.includes(start)) throw new Error(`${file}: reset state ${start} is in no row`);
  return { inputs, outputs, states: [start, ...states.filter((s) => s !== start)], reset: start, rows };
}

const bits = (n: number) => Math.max(1, Math.ceil(Math.log2(n)));

/** The table as a Verilog module `name(clk, rst, in, out)`. */
export function kiss2Verilog(t: Kiss2Table, name: string): string {
  const w = bits(t.states.length);
  const code = (s: string) => `${w}'d${t.states.indexOf(s)}`;
  const iw = Math.max(1, t.inputs);
  const lines = [
    `module ${name}(input clk, input rst, input [${iw - 1}:0] in, output reg [${t.outputs - 1}:0] out);`,
    `  reg [${w - 1}:0] state, next;`,
    `  always @(posedge clk) state <= rst ? ${code(t.reset)} : next;`,
    '  always @* begin',
    '    next = state;',
    `    out = ${t.outputs}'b0;`,
    `    casez ({state, ${t.inputs === 0 ? "1'b0" : 'in'}})`,
  ];
  const seen = new Set<string>();
  for (const r of t.rows) {
    const st = r.present === '*' ? '?'.repeat(w) : t.states.indexOf(r.present).toString(2).padStart(w, '0');
    const key = `${st}${(r.input || '0').replace(/-/g, '?')}`;
    if (seen.has(key)) continue; // the first matching row wins; a repeated pattern is unreachable
    seen.add(key);
    const actions = [...(r.next === '*' ? [] : [`next = ${code(r.next)};`]), `out = ${t.outputs}'b${r.output.replace(/-/g, '0')};`];
    lines.push(`      ${w + iw}'b${key}: begin ${actions.join(' ')} end`);
  }
  lines.push('      default: ;', '    endcase', '  end', 'endmodule', '');
  return lines.join('\n');
}
