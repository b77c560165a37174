/**
 * The gate-level netlist fast path: modules, ports, wires, cell and gate instances, assigns.
 * Anything behavioural (always, initial, functions, generate, parameterised ranges) makes it
 * give up on the file with `needsFullParser`, and `parseNetlist` then goes through the full
 * front-end. Syntax errors are reported and skipped to the next `;`, never thrown.
 */
import { DiagnosticSink } from './diagnostics.ts';
import type { BitRange, NetlistCell, NetlistModule, NetlistPort, PinConnection, PortDirection } from './netlist-types.ts';
import { NetlistScanner, Tok } from './netlist-scanner.ts';
import { constantInt, describe, expect, expression, identifier, NeedsFullParser, SkipItem } from './netlist-expressions.ts';

export const gatePrimitives = new Set([
  'and', 'nand', 'or', 'nor', 'xor', 'xnor', 'buf', 'not', 'bufif0', 'bufif1', 'notif0', 'notif1', 'pullup', 'pulldown',
  'nmos', 'pmos', 'cmos', 'rnmos', 'rpmos', 'rcmos', 'tran', 'tranif0', 'tranif1', 'rtran', 'rtranif0', 'rtranif1',
]);
const netTypes = new Set(['wire', 'tri', 'tri0', 'tri1', 'supply0', 'supply1', 'wand', 'wor', 'triand', 'trior', 'uwire', 'trireg', 'reg']);
const behavioural = new Set([
  'always', 'initial', 'function', 'task', 'generate', 'genvar', 'integer', 'real', 'realtime', 'time', 'event',
  'defparam', 'for', 'if', 'case', 'specify', 'primitive', 'parameter', 'localparam', 'macromodule', 'specparam',
  'always_ff', 'always_comb', 'always_latch', 'logic',
]);
const strengths = new Set(['supply0', 'supply1', 'strong0', 'strong1', 'pull0', 'pull1', 'weak0', 'weak1', 'highz0', 'highz1']);

export interface FastNetlistResult {
  modules: NetlistModule[];
  /** Set when the file has constructs outside the netlist subset (the reason, with its line). */
  needsFullParser?: string;
}

export function parseNetlistFast(text: string, file: string, sink: DiagnosticSink): FastNetlistResult {
  const sc = new NetlistScanner(text, file, sink);
  const modules: NetlistModule[] = [];
  try {
    while (!sc.atEnd()) {
      if (sc.kind === Tok.Directive) { directive(sc); continue; }
      if (sc.is('(*')) { skipAttribute(sc); continue; }
      if (sc.is('module')) { modules.push(parseModule(sc)); continue; }
      if (sc.is('primitive') || sc.is('macromodule')) throw new NeedsFullParser(`'${sc.text}' at line ${sc.tokLine}`);
      sc.error(`expected 'module', found '${sc.text}'`);
      while (!sc.atEnd() && !sc.is('module')) sc.next();
    }
  } catch (e) {
    if (e instanceof NeedsFullParser) return { modules, needsFullParser: e.message };
    throw e;
  }
  return { modules };
}

function directive(sc: NetlistScanner): void {
  const name = sc.text;
  if (name === '`timescale' || name === '`default_nettype' || name === '`celldefine' || name === '`endcelldefine' || name === '`resetall') {
    sc.skipLine();
    return;
  }
  throw new NeedsFullParser(`directive ${name} at line ${sc.tokLine}`);
}

function skipAttribute(sc: NetlistScanner): void {
  while (!sc.atEnd() && !sc.is('*)')) sc.next();
  sc.next();
}

function parseModule(sc: NetlistScanner): NetlistModule {
  const line = sc.tokLine;
  sc.next();
  const m: NetlistModule = { name: '', file: sc.file, line, ports: [], wires: [], cells: [], assigns: [], behavioral: false };
  const portIndex = new Map<string, NetlistPort>();
  /** Non-ANSI header ports still waiting for their direction declaration. */
  const undeclared = new Set<string>();
  try {
    m.name = identifier(sc, 'a module name');
    if (sc.is('#')) throw new NeedsFullParser(`module parameters at line ${sc.tokLine}`);
    if (sc.is('(')) {
      sc.next();
      let dir: PortDirection | undefined;
      let range: BitRange | undefined;
      while (!sc.is(')')) {
        if (sc.is('input') || sc.is('output') || sc.is('inout')) {
          dir = sc.text as PortDirection;
          sc.next();
          range = undefined;
          if (netTypes.has(sc.text) && !sc.escaped) sc.next();
          if (sc.is('signed')) sc.next();
          if (sc.is('[')) range = parseRange(sc);
        }
        if (sc.is('.')) throw new NeedsFullParser(`port expression at line ${sc.tokLine}`);
        const portLine = sc.tokLine;
        const name = identifier(sc, 'a port name');
        const port: NetlistPort = dir ? { name, direction: dir, range, line: portLine } : { name, direction: 'input', line: portLine };
        if (!dir) undeclared.add(name);
        m.ports.push(port);
        portIndex.set(name, port);
        if (!sc.is(',')) break;
        sc.next();
      }
      expect(sc, ')');
    }
    expect(sc, ';');
  } catch (e) {
    if (!(e instanceof SkipItem)) throw e;
    skipPast(sc, ';');
  }
  while (!sc.atEnd() && !sc.is('endmodule') && !sc.is('module')) {
    const before = sc.pos;
    try {
      moduleItem(sc, m, portIndex, undeclared);
    } catch (e) {
      if (!(e instanceof SkipItem)) throw e;
      skipPast(sc, ';');
    }
    if (sc.pos === before && !sc.atEnd()) sc.next(); // every item must consume something
  }
  if (sc.atEnd() || sc.is('module')) sc.error(`module '${m.name}' has no 'endmodule'`);
  else sc.next();
  for (const name of undeclared) {
    const port = portIndex.get(name)!;
    sc.error(`port '${name}' of module '${m.name}' has no input/output/inout declaration`, port.line, 1);
  }
  return m;
}

/** Skips to just after the next `;` (or to `endmodule`/end of file). */
function skipPast(sc: NetlistScanner, text: string): void {
  while (!sc.atEnd() && !sc.is(text) && !sc.is('endmodule') && !sc.is('module')) sc.next();
  if (sc.is(text)) sc.next();
}

function moduleItem(sc: NetlistScanner, m: NetlistModule, ports: Map<string, NetlistPort>, undeclared: Set<string>): void {
  if (sc.kind === Tok.Directive) { directive(sc); return; }
  if (sc.is('(*')) { skipAttribute(sc); return; }
  if (sc.kind !== Tok.Ident) {
    sc.error(`expected a declaration or an instance, found ${describe(sc)}`);
    throw new SkipItem();
  }
  const word = sc.escaped ? '' : sc.text;
  if (behavioural.has(word)) throw new NeedsFullParser(`'${word}' at line ${sc.tokLine}`);
  if (word === 'input' || word === 'output' || word === 'inout') return portDeclaration(sc, m, ports, undeclared, word);
  if (netTypes.has(word)) return netDeclaration(sc, m, word);
  if (word === 'assign') return assignment(sc, m);
  return instances(sc, m, word);
}

function portDeclaration(
  sc: NetlistScanner, m: NetlistModule, ports: Map<string, NetlistPort>, undeclared: Set<string>, direction: PortDirection,
): void {
  sc.next();
  let netType: string | undefined;
  if (netTypes.has(sc.text) && !sc.escaped) { netType = sc.text; sc.next(); }
  if (sc.is('signed')) sc.next();
  const range = sc.is('[') ? parseRange(sc) : undefined;
  for (;;) {
    const line = sc.tokLine;
    const name = identifier(sc, 'a port name');
    const port = ports.get(name);
    if (!port) sc.error(`'${name}' is declared ${direction} but is not in the port list of '${m.name}'`, line);
    else { port.direction = direction; port.range = range; port.line = line; undeclared.delete(name); }
    if (netType === 'reg') m.wires.push({ name, type: 'reg', range, line });
    if (!sc.is(',')) break;
    sc.next();
  }
  expect(sc, ';');
}

function netDeclaration(sc: NetlistScanner, m: NetlistModule, type: string): void {
  sc.next();
  if (sc.is('(')) skipParens(sc); // drive strength
  if (sc.is('vectored') || sc.is('scalared')) sc.next();
  if (sc.is('signed')) sc.next();
  const range = sc.is('[') ? parseRange(sc) : undefined;
  if (sc.is('#')) skipDelay(sc);
  for (;;) {
    const line = sc.tokLine;
    const name = identifier(sc, 'a net name');
    if (sc.is('[')) throw new NeedsFullParser(`array declaration at line ${line}`);
    m.wires.push({ name, type, range, line });
    if (sc.is('=')) {
      sc.next();
      m.assigns.push({ lhs: { kind: 'ref', name }, rhs: expression(sc), line });
    }
    if (!sc.is(',')) break;
    sc.next();
  }
  expect(sc, ';');
}

function assignment(sc: NetlistScanner, m: NetlistModule): void {
  sc.next();
  if (sc.is('(')) skipParens(sc);
  if (sc.is('#')) skipDelay(sc);
  for (;;) {
    const line = sc.tokLine;
    const lhs = expression(sc);
    expect(sc, '=');
    m.assigns.push({ lhs, rhs: expression(sc), line });
    if (!sc.is(',')) break;
    sc.next();
  }
  expect(sc, ';');
}

function instances(sc: NetlistScanner, m: NetlistModule, word: string): void {
  const type = sc.text;
  const isGate = word !== '' && gatePrimitives.has(word);
  sc.next();
  const parameters: NetlistCell['parameters'] = [];
  if (isGate && sc.is('(') && isStrength(sc)) skipParens(sc);
  if (sc.is('#')) {
    if (isGate) skipDelay(sc);
    else parameterOverrides(sc, parameters);
  }
  let unnamed = 0;
  for (;;) {
    const line = sc.tokLine;
    let name: string;
    if (sc.kind === Tok.Ident) {
      name = sc.text;
      sc.next();
      if (sc.is('[')) throw new NeedsFullParser(`instance array at line ${line}`);
    } else if (isGate && sc.is('(')) name = `${type}$${line}$${unnamed++}`;
    else { sc.error(`expected an instance name, found ${describe(sc)}`); throw new SkipItem(); }
    expect(sc, '(');
    m.cells.push({ type, name, connections: connections(sc), parameters, line });
    expect(sc, ')');
    if (!sc.is(',')) break;
    sc.next();
  }
  expect(sc, ';');
}

function isStrength(sc: NetlistScanner): boolean {
  // Peek past '(' without consuming: strengths are keywords, connections are not.
  const save = { pos: sc.pos, line: sc.line, text: sc.text, kind: sc.kind, tokLine: sc.tokLine, tokCol: sc.tokCol, escaped: sc.escaped };
  sc.next();
  const strength = sc.kind === Tok.Ident && strengths.has(sc.text);
  Object.assign(sc, save);
  return strength;
}

function connections(sc: NetlistScanner): PinConnection[] {
  const list: PinConnection[] = [];
  if (sc.is(')')) return list;
  for (;;) {
    if (sc.is('(*')) skipAttribute(sc);
    if (sc.is('.')) {
      sc.next();
      const pin = identifier(sc, 'a pin name');
      expect(sc, '(');
      if (sc.is(')')) list.push({ pin });
      else list.push({ pin, expr: expression(sc) });
      expect(sc, ')');
    } else if (sc.is(',') || sc.is(')')) list.push({});
    else list.push({ expr: expression(sc) });
    if (!sc.is(',')) break;
    sc.next();
  }
  return list;
}

function parameterOverrides(sc: NetlistScanner, out: NetlistCell['parameters']): void {
  sc.next();
  if (!sc.is('(')) { out.push({ value: sc.text }); sc.next(); return; }
  sc.next();
  while (!sc.is(')') && !sc.atEnd()) {
    let name: string | undefined;
    if (sc.is('.')) {
      sc.next();
      name = identifier(sc, 'a parameter name');
      expect(sc, '(');
      out.push({ name, value: sourceUntilClose(sc) });
      expect(sc, ')');
    } else out.push({ value: sourceUntilClose(sc) });
    if (sc.is(',')) sc.next();
  }
  expect(sc, ')');
}

/** The raw text of tokens up to the `)` or `,` closing this level. */
function sourceUntilClose(sc: NetlistScanner): string {
  const parts: string[] = [];
  let depth = 0;
  while (!sc.atEnd()) {
    if (depth === 0 && (sc.is(')') || sc.is(','))) break;
    if (sc.is('(') || sc.is('{') || sc.is('[')) depth++;
    if (sc.is(')') || sc.is('}') || sc.is(']')) depth--;
    parts.push(sc.escaped ? `\\${sc.text} ` : sc.text);
    sc.next();
  }
  return parts.join('');
}

function skipParens(sc: NetlistScanner): void {
  let depth = 0;
  do {
    if (sc.is('(')) depth++;
    else if (sc.is(')')) depth--;
    sc.next();
  } while (depth > 0 && !sc.atEnd());
}

function skipDelay(sc: NetlistScanner): void {
  sc.next();
  if (sc.is('(')) skipParens(sc);
  else sc.next();
}

function parseRange(sc: NetlistScanner): BitRange {
  expect(sc, '[');
  const msb = constantInt(sc);
  expect(sc, ':');
  const lsb = constantInt(sc);
  expect(sc, ']');
  return { msb, lsb };
}

