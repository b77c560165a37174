/**
 * The structural view of Verilog that the timing flow and AIG construction read: modules with
 * ports, wires, cell instances and continuous assigns. Produced by the netlist fast path
 * (netlist-parser.ts) and, for files with behavioural code, from the full AST.
 */
import type { Diagnostic } from './diagnostics.ts';

/** A declared range `[msb:lsb]` with constant bounds. */
export interface BitRange {
  msb: number;
  lsb: number;
}

export type PortDirection = 'input' | 'output' | 'inout';

/** An expression in a connection or assign. Constants keep their decoded bits (MSB first). */
export type NetExpr =
  | { kind: 'ref'; name: string }
  | { kind: 'bit'; name: string; index: number }
  | { kind: 'slice'; name: string; msb: number; lsb: number }
  | { kind: 'const'; text: string; width: number; bits: string }
  | { kind: 'concat'; parts: NetExpr[] }
  | { kind: 'repeat'; count: number; parts: NetExpr[] }
  | { kind: 'unary'; op: string; arg: NetExpr }
  | { kind: 'binary'; op: string; left: NetExpr; right: NetExpr }
  | { kind: 'cond'; cond: NetExpr; then: NetExpr; else: NetExpr };

export interface NetlistPort {
  name: string;
  direction: PortDirection;
  range?: BitRange;
  line: number;
}

export interface NetlistWire {
  name: string;
  /** wire, tri, supply0, supply1, wand, wor, reg ... */
  type: string;
  range?: BitRange;
  line: number;
}

/** One pin of a cell: `pin` is undefined for positional connections, `expr` for `.A()`. */
export interface PinConnection {
  pin?: string;
  expr?: NetExpr;
}

export interface NetlistCell {
  /** The cell (module or primitive) type, e.g. `NAND2_X1` or `nand`. */
  type: string;
  /** Instance name; gate primitives may be unnamed (then a name `<type>$<line>$<n>` is made up). */
  name: string;
  connections: PinConnection[];
  /** `#(.P(v))` / `#(v)` parameter overrides as source text, in order. */
  parameters: { name?: string; value: string }[];
  line: number;
}

export interface NetlistAssign {
  lhs: NetExpr;
  rhs: NetExpr;
  line: number;
}

export interface NetlistModule {
  name: string;
  file: string;
  line: number;
  /** Ports in header order (directions and ranges filled in from the body for non-ANSI headers). */
  ports: NetlistPort[];
  wires: NetlistWire[];
  cells: NetlistCell[];
  assigns: NetlistAssign[];
  /** True when the module also had behavioural code (always/initial/functions) not shown here. */
  behavioral: boolean;
}

export interface Netlist {
  modules: NetlistModule[];
  diagnostics: Diagnostic[];
}
