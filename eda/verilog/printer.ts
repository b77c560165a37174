/**
 * Writes a syntax tree back as Verilog. `parseVerilog(printVerilog(ast))` gives the same tree
 * (source positions aside): the round-trip test checks this over the whole corpus.
 */
import type { CaseItem, Connection, Declarator, Description, HeaderPort, ModuleDecl, ModuleItem, SourceFile, Stmt, UdpDecl } from './ast.ts';
import { gatePrimitives } from './netlist-parser.ts';
import {
  printArgs, printAttributes, printDataType, printExpr, printName, printRange, printStrength, printTiming,
} from './printer-expressions.ts';

export function printVerilog(source: SourceFile): string {
  return source.descriptions.map(printDescription).join('\n');
}

function printDescription(d: Description): string {
  if (d.kind === 'module') return printModule(d);
  if (d.kind === 'primitive') return printUdp(d);
  return printItem(d, '');
}

function printModule(m: ModuleDecl): string {
  const params = m.parameters.length > 0 ? ` #(${m.parameters.map((p) => printParameterDecl(p)).join(', ')})` : '';
  const ports = m.ports.length > 0 ? ` (${m.ports.map(printHeaderPort).join(', ')})` : '';
  const items = m.items.map((i) => printItem(i, '  ')).join('');
  const nettype = m.defaultNettype ? `\`default_nettype ${m.defaultNettype}\n` : '';
  const reset = m.defaultNettype ? '`default_nettype wire\n' : '';
  return `${nettype}${printAttributes(m.attrs)}${m.keyword} ${printName(m.name)}${params}${ports};\n${items}endmodule\n${reset}`;
}

function printHeaderPort(p: HeaderPort): string {
  if (p.kind === 'name') return printName(p.name);
  if (p.kind === 'ansi') return `${printAttributes(p.decl.attrs)}${printPortDecl(p.decl)}`;
  if (p.name === undefined) return p.expr ? printExpr(p.expr) : '';
  return `.${printName(p.name)}(${p.expr ? printExpr(p.expr) : ''})`;
}

function printUdp(u: UdpDecl): string {
  const items = u.items.map((i) => printItem(i, '  ')).join('');
  const initial = u.initial ? `  initial ${printName(u.initial.name)} = ${printExpr(u.initial.value)};\n` : '';
  const rows = u.table.map((r) => `    ${r.join(' ')};\n`).join('');
  return `${printAttributes(u.attrs)}primitive ${printName(u.name)}(${u.ports.map(printName).join(', ')});\n${items}${initial}  table\n${rows}  endtable\nendprimitive\n`;
}

function printDeclarators(ds: Declarator[]): string {
  return ds.map((d) => `${printName(d.name)}${d.dims.map((r) => ` ${printRange(r)}`).join('')}${d.init ? ` = ${printExpr(d.init)}` : ''}`).join(', ');
}

function printPortDecl(i: ModuleItem & { kind: 'port-decl' }): string {
  const dt = printDataType(i.dataType);
  return `${i.direction}${dt ? ` ${dt}` : ''} ${printDeclarators(i.declarators)}`;
}

function printParameterDecl(i: ModuleItem & { kind: 'param-decl' }): string {
  const keyword = i.specparam ? 'specparam' : i.local ? 'localparam' : 'parameter';
  const dt = printDataType(i.dataType);
  return `${printAttributes(i.attrs)}${keyword}${dt ? ` ${dt}` : ''} ${printDeclarators(i.declarators)}`;
}

function printConnections(cs: Connection[]): string {
  const one = (c: Connection) => {
    if (c.name === '*') return '.*';
    if (c.name === undefined) return c.expr ? printExpr(c.expr) : '';
    return `.${printName(c.name)}(${c.expr ? printExpr(c.expr) : ''})`;
  };
  return `(${cs.map(one).join(', ')})`;
}

/** One module item with its attributes, indented, ending in a newline. */
export function printItem(i: ModuleItem, ind: string): string {
  return `${ind}${printAttributes(i.attrs)}${printItemBody(i, ind)}\n`;
}

function printItemBody(i: ModuleItem, ind: string): string {
  const inner = `${ind}  `;
  switch (i.kind) {
    case 'port-decl':
      return `${printPortDecl(i)};`;
    case 'net-decl': {
      const head = [
        i.dataType.type ?? 'wire', i.strength ? printStrength(i.strength).trim() : '', i.vectoring ?? '', i.dataType.real ? 'real' : '', i.dataType.regKind ?? '', i.dataType.signed ? 'signed' : '',
        i.dataType.range ? printRange(i.dataType.range) : '', ...(i.dataType.packed ?? []).map(printRange), i.delay ? printTiming(i.delay) : '',
      ].filter(Boolean).join(' ');
      return `${head} ${printDeclarators(i.declarators)};`;
    }
    case 'param-decl':
      return `${printParameterDecl({ ...i, attrs: [] })};`;
    case 'assign':
      return `assign ${printStrength(i.strength)}${i.delay ? `${printTiming(i.delay)} ` : ''}${i.assignments.map((a) => `${printExpr(a.lhs)} = ${printExpr(a.rhs)}`).join(', ')};`;
    case 'process':
      return `${i.process} ${printStmt(i.body, ind).trimStart()}`;
    case 'instance': {
      const params = i.parameters ? `#${printConnections(i.parameters)} ` : '';
      const delay = i.delay ? `${printTiming(i.delay)} ` : '';
      const list = i.instances.map((x) => `${x.name !== undefined ? printName(x.name) : ''}${x.dims.map((r) => ` ${printRange(r)}`).join('')} ${printConnections(x.connections)}`);
      const type = gatePrimitives.has(i.type) ? i.type : printName(i.type);
      return `${type} ${printStrength(i.strength)}${params}${delay}${list.join(`,\n${inner}`)};`;
    }
    case 'defparam':
      return `defparam ${i.assignments.map((a) => `${printExpr(a.lhs)} = ${printExpr(a.rhs)}`).join(', ')};`;
    case 'function':
    case 'task': {
      const head = i.kind === 'function'
        ? `function ${i.automatic ? 'automatic ' : ''}${printDataType(i.returnType)}${printDataType(i.returnType) ? ' ' : ''}${printName(i.name)}`
        : `task ${i.automatic ? 'automatic ' : ''}${printName(i.name)}`;
      const ports = i.ports.length > 0 ? `(${i.ports.map((p) => `${printAttributes(p.attrs)}${printPortDecl(p as ModuleItem & { kind: 'port-decl' })}`).join(', ')})` : '';
      const items = i.items.map((d) => printItem(d, inner)).join('');
      return `${head}${ports};\n${items}${printStmt(i.body, inner)}${ind}end${i.kind}`;
    }
    case 'generate':
      return `generate\n${i.items.map((x) => printItem(x, inner)).join('')}${ind}endgenerate`;
    case 'gen-for':
      return `for (${i.declaresGenvar ? 'genvar ' : ''}${printName(i.init.name)} = ${printExpr(i.init.value)}; ${printExpr(i.cond)}; ${printGenStep(i.step)}) ${printItem(i.body, ind).trimStart().trimEnd()}`;
    case 'gen-if': {
      const then = i.then ? printItem(i.then, ind).trim() : ';';
      const otherwise = i.else ? ` else ${printItem(i.else, ind).trim()}` : '';
      return `if (${printExpr(i.cond)}) ${then}${otherwise}`;
    }
    case 'gen-case':
      return `case (${printExpr(i.expr)})\n${printCaseItems(i.items, inner, (b) => (b ? printItem(b, inner).trim() : ';'))}${ind}endcase`;
    case 'gen-block':
      return `begin${i.name !== undefined ? ` : ${printName(i.name)}` : ''}\n${i.items.map((x) => printItem(x, inner)).join('')}${ind}end`;
    case 'specify':
      return `specify\n${inner}${i.tokens.join(' ')}\n${ind}endspecify`;
    case 'icarus-attribute':
      return `$attribute(${printName(i.target)}, ${i.key}, ${i.value});`;
  }
}

function printCaseItems<B>(items: CaseItem<B>[], ind: string, body: (b: B) => string): string {
  return items.map((c) => `${ind}${c.labels.length === 0 ? 'default:' : `${c.labels.map(printExpr).join(', ')}:`} ${body(c.body)}\n`).join('');
}

/** One statement, indented, ending in a newline. */
export function printStmt(s: Stmt, ind: string): string {
  return `${ind}${printAttributes(s.attrs)}${printStmtBody(s, ind)}\n`;
}

function nested(s: Stmt, ind: string): string {
  return printStmt(s, ind).trim();
}

function printStmtBody(s: Stmt, ind: string): string {
  const inner = `${ind}  `;
  switch (s.kind) {
    case 'null':
      return ';';
    case 'block': {
      const [open, close] = s.fork ? ['fork', 'join'] : ['begin', 'end'];
      const decls = s.decls.map((d) => printItem(d, inner)).join('');
      const body = s.body.map((b) => printStmt(b, inner)).join('');
      return `${open}${s.name !== undefined ? ` : ${printName(s.name)}` : ''}\n${decls}${body}${ind}${close}`;
    }
    case 'assign':
      return `${forPart(s)};`;
    case 'if': {
      const otherwise = s.else ? `\n${ind}else ${nested(s.else, ind)}` : '';
      return `if (${printExpr(s.cond)}) ${nested(s.then, ind)}${otherwise}`;
    }
    case 'case':
      return `${s.caseKind} (${printExpr(s.expr)})\n${printCaseItems(s.items, inner, (b) => nested(b, inner))}${ind}endcase`;
    case 'for':
      return `for (${forPart(s.init)}; ${printExpr(s.cond)}; ${forPart(s.step)}) ${nested(s.body, ind)}`;
    case 'while':
      return `while (${printExpr(s.cond)}) ${nested(s.body, ind)}`;
    case 'repeat':
      return `repeat (${printExpr(s.count)}) ${nested(s.body, ind)}`;
    case 'forever':
      return `forever ${nested(s.body, ind)}`;
    case 'wait':
      return `wait (${printExpr(s.cond)}) ${nested(s.body, ind)}`;
    case 'timed':
      return `${printTiming(s.control)} ${nested(s.body, ind)}`;
    case 'trigger':
      return `-> ${printExpr(s.target)};`;
    case 'call':
      return `${s.system && s.target.kind === 'id' ? s.target.name : printExpr(s.target)}${s.args.length > 0 ? `(${printArgs(s.args)})` : ''};`;
    case 'disable':
      return `disable ${printExpr(s.target)};`;
    case 'procedural':
      return s.rhs ? `${s.op} ${printExpr(s.lhs)} = ${printExpr(s.rhs)};` : `${s.op} ${printExpr(s.lhs)};`;
  }
}

function printGenStep(step: (ModuleItem & { kind: 'gen-for' })['step']): string {
  if (step.compound) return `${printName(step.name)}${step.compound}${step.compound}`;
  return `${printName(step.name)} = ${printExpr(step.value)}`;
}

/** An assignment without its semicolon; `x += v` (and `x++`) printed as written, so the target's selects run once. */
function forPart(s: Stmt): string {
  if (s.kind !== 'assign') return '';
  if (s.compound && s.rhs.kind === 'binary') return `${printExpr(s.lhs)} ${s.compound}= ${printExpr(s.rhs.right)}`;
  return `${printExpr(s.lhs)} ${s.nonblocking ? '<=' : '='} ${s.control ? `${printTiming(s.control)} ` : ''}${printExpr(s.rhs)}`;
}
