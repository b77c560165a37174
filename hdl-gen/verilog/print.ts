// Renders the AST as Verilog-2005 text: two-space indentation, one item per line, compound
// operands parenthesized, so the same AST always gives the same bytes.
import type { Expr, Item, Module, NetDecl, Port, SourceFile, Stmt } from './ast.ts';

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;
// Verilog-2005 keywords (IEEE 1364-2005 Annex B) that a generator might plausibly pick as a name.
const KEYWORDS = new Set(
  ('always and assign begin buf case casex casez cell config deassign default defparam design disable edge else end endcase endconfig ' +
    'endfunction endgenerate endmodule endprimitive endspecify endtable endtask event for force forever fork function generate genvar ' +
    'highz0 highz1 if ifnone incdir include initial inout input instance integer join large liblist library localparam macromodule medium ' +
    'module nand negedge nmos nor noshowcancelled not notif0 notif1 or output parameter pmos posedge primitive pull0 pull1 pulldown pullup ' +
    'pulsestyle_ondetect pulsestyle_onevent rcmos real realtime reg release repeat rnmos rpmos rtran rtranif0 rtranif1 scalared ' +
    'showcancelled signed small specify specparam strong0 strong1 supply0 supply1 table task time tran tranif0 tranif1 tri tri0 tri1 ' +
    'triand trior trireg unsigned use uwire vectored wait wand weak0 weak1 while wire wor xnor xor ' +
    // SystemVerilog keywords too, since Verilator and Yosys -sv read files as SystemVerilog.
    'bit byte int logic packed shortint longint struct union enum typedef void interface class final unique priority').split(' '),
);

export function printSourceFile(file: SourceFile): string {
  const header = file.header.map((l) => `// ${l}`.trimEnd()).join('\n');
  return `${header}\n\n\`default_nettype none\n\n${file.modules.map(printModule).join('\n')}\n\`default_nettype wire\n`;
}

export function printModule(m: Module): string {
  checkName(m.name);
  const lines: string[] = [];
  if (m.comment) for (const l of m.comment.split('\n')) lines.push(`// ${l}`.trimEnd());
  const params = m.params?.length ? ` #(\n${m.params.map((p) => `  parameter ${p.name} = ${expr(p.value)}`).join(',\n')}\n)` : '';
  const ports = m.ports.map((p, i) => `  ${port(p)}${i < m.ports.length - 1 ? ',' : ''}${p.comment ? ` // ${p.comment}` : ''}`);
  lines.push(`module ${m.name}${params} (`, ...ports, ');');
  // Every generate loop variable is declared once, at module scope.
  const genvars = [...new Set(m.items.flatMap(genvarsOf))];
  if (genvars.length > 0) lines.push(`  genvar ${genvars.join(', ')};`);
  for (const item of m.items) lines.push(...printItem(item, '  ', false));
  lines.push('endmodule', '');
  return lines.join('\n');
}

function port(p: Port): string {
  checkName(p.name);
  return `${p.dir}${p.dir === 'output' ? (p.reg ? ' reg' : ' wire') : ' wire'}${p.signed ? ' signed' : ''}${range(p.width)} ${p.name}`;
}

function range(width: number): string {
  if (!Number.isInteger(width) || width < 1) throw new Error(`bad width ${width}`);
  return width === 1 ? '' : ` [${width - 1}:0]`;
}

function decl(d: NetDecl): string {
  checkName(d.name);
  const depth = (d.depth ?? []).map((n) => ` [0:${n - 1}]`).join('');
  const type = d.net === 'integer' ? 'integer' : `${d.net}${d.signed ? ' signed' : ''}${range(d.width)}`;
  return `${type} ${d.name}${depth};${d.comment ? ` // ${d.comment}` : ''}`;
}

/** `nested` is true inside a generate loop, where `generate`/`endgenerate` may not appear again. */
function printItem(item: Item, ind: string, nested: boolean): string[] {
  switch (item.kind) {
    case 'comment':
      return item.text.split('\n').map((l) => `${ind}// ${l}`.trimEnd());
    case 'localparam':
      return [`${ind}localparam ${item.name} = ${expr(item.value)};${item.comment ? ` // ${item.comment}` : ''}`];
    case 'net':
      return [`${ind}${decl(item)}`];
    case 'assign':
      return [`${ind}assign ${expr(item.lhs)} = ${expr(item.rhs)};`];
    case 'always': {
      const head = item.clock ? `always @(posedge ${item.clock}) begin` : 'always @* begin';
      return [`${ind}${head}`, ...item.body.flatMap((s) => printStmt(s, `${ind}  `)), `${ind}end`];
    }
    case 'instance': {
      checkName(item.name);
      const params = item.params ? ` #(${Object.entries(item.params).map(([k, v]) => `.${k}(${expr(v)})`).join(', ')})` : '';
      const ports = Object.entries(item.ports);
      return [
        `${ind}${item.module}${params} ${item.name} (`,
        ...ports.map(([k, v], i) => `${ind}  .${k}(${expr(v)})${i < ports.length - 1 ? ',' : ''}`),
        `${ind});`,
      ];
    }
    case 'generate-for': {
      const loop = [
        `${ind}${nested ? '' : '  '}for (${item.genvar} = ${item.from}; ${item.genvar} < ${item.to}; ${item.genvar} = ${item.genvar} + 1) begin : ${item.label}`,
        ...item.items.flatMap((i) => printItem(i, `${ind}${nested ? '  ' : '    '}`, true)),
        `${ind}${nested ? '' : '  '}end`,
      ];
      return nested ? loop : [`${ind}generate`, ...loop, `${ind}endgenerate`];
    }
  }
}

function genvarsOf(item: Item): string[] {
  return item.kind === 'generate-for' ? [item.genvar, ...item.items.flatMap(genvarsOf)] : [];
}

function printStmt(s: Stmt, ind: string): string[] {
  switch (s.kind) {
    case 'assign':
      return [`${ind}${expr(s.lhs)} ${s.blocking ? '=' : '<='} ${expr(s.rhs)};`];
    case 'comment':
      return s.text.split('\n').map((l) => `${ind}// ${l}`.trimEnd());
    case 'if': {
      const out = [`${ind}if (${expr(s.test)}) begin`, ...s.then.flatMap((t) => printStmt(t, `${ind}  `))];
      if (s.else && s.else.length > 0) {
        // `else if` chains stay flat.
        if (s.else.length === 1 && s.else[0].kind === 'if') {
          const [first, ...rest] = printStmt(s.else[0], ind);
          return [...out, `${ind}end else ${first.trimStart()}`, ...rest];
        }
        out.push(`${ind}end else begin`, ...s.else.flatMap((t) => printStmt(t, `${ind}  `)));
      }
      return [...out, `${ind}end`];
    }
    case 'case': {
      const out = [`${ind}case (${expr(s.subject)})`];
      for (const arm of s.arms) out.push(`${ind}  ${arm.labels.map(expr).join(', ')}: begin`, ...arm.body.flatMap((t) => printStmt(t, `${ind}    `)), `${ind}  end`);
      if (s.default) out.push(`${ind}  default: begin`, ...s.default.flatMap((t) => printStmt(t, `${ind}    `)), `${ind}  end`);
      return [...out, `${ind}endcase`];
    }
    case 'for':
      return [`${ind}for (${s.variable} = ${s.from}; ${s.variable} < ${s.to}; ${s.variable} = ${s.variable} + 1) begin`, ...s.body.flatMap((t) => printStmt(t, `${ind}  `)), `${ind}end`];
  }
}

/** Expressions; operands that are themselves operations get parentheses. */
export function expr(e: Expr): string {
  switch (e.kind) {
    case 'ref':
      checkName(e.name);
      return e.name;
    case 'literal':
      if (e.width === undefined) return e.value.toString();
      return `${e.width}'${e.signed ? 's' : ''}${e.width <= 4 ? `b${e.value.toString(2)}` : `h${e.value.toString(16)}`}`;
    case 'index':
      return `${selectBase(e.base)}[${expr(e.index)}]`;
    case 'slice':
      return `${selectBase(e.base)}[${e.msb}:${e.lsb}]`;
    case 'part':
      return `${selectBase(e.base)}[${expr(e.start)} +: ${e.width}]`;
    case 'unary':
      return `${e.op}${operand(e.operand)}`;
    case 'binary':
      return `${operand(e.left)} ${e.op} ${operand(e.right)}`;
    case 'cond':
      return `${operand(e.test)} ? ${operand(e.then)} : ${operand(e.else)}`;
    case 'concat':
      return `{${e.parts.map(expr).join(', ')}}`;
    case 'repeat':
      return `{${e.count}{${expr(e.operand)}}}`;
    case 'cast':
      return `$${e.to}(${expr(e.operand)})`;
  }
}

/** Verilog selects bits of a name (or an array element), never of an expression. */
function selectBase(e: Expr): string {
  if (e.kind !== 'ref' && e.kind !== 'index') throw new Error(`cannot select bits of a ${e.kind} expression; assign it to a wire first`);
  return expr(e);
}

function operand(e: Expr): string {
  return e.kind === 'binary' || e.kind === 'cond' || e.kind === 'unary' ? `(${expr(e)})` : expr(e);
}

function checkName(name: string): void {
  if (!IDENT.test(name) || KEYWORDS.has(name)) throw new Error(`'${name}' is not a Verilog identifier`);
}
