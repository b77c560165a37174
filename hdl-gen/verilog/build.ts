// Short constructors for the AST, so generators read like the hardware they describe.
import type { BinaryOp, CaseArm, Expr, Item, NetDecl, Port, Stmt, UnaryOp } from './ast.ts';

export const ref = (name: string): Expr => ({ kind: 'ref', name });
/** A sized unsigned literal. */
export const lit = (width: number, value: number | bigint): Expr => {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(width)) throw new Error(`literal ${v} does not fit ${width} bits`);
  return { kind: 'literal', value: v, width };
};
/** An unsized integer (loop bounds, shift amounts, indices). */
export const int = (value: number): Expr => {
  if (!Number.isInteger(value) || value < 0) throw new Error(`integer literal must be a non-negative integer, got ${value}`);
  return { kind: 'literal', value: BigInt(value) };
};
export const index = (base: Expr | string, i: Expr | number): Expr => ({ kind: 'index', base: asExpr(base), index: typeof i === 'number' ? int(i) : i });
export const slice = (base: Expr | string, msb: number, lsb: number): Expr => ({ kind: 'slice', base: asExpr(base), msb, lsb });
export const bit = (base: Expr | string, i: number): Expr => index(base, i);
export const part = (base: Expr | string, start: Expr, width: number): Expr => ({ kind: 'part', base: asExpr(base), start, width });
export const unary = (op: UnaryOp, operand: Expr | string): Expr => ({ kind: 'unary', op, operand: asExpr(operand) });
export const binary = (op: BinaryOp, left: Expr | string, right: Expr | string | number): Expr => ({
  kind: 'binary',
  op,
  left: asExpr(left),
  right: typeof right === 'number' ? int(right) : asExpr(right),
});
export const cond = (test: Expr | string, then: Expr | string, otherwise: Expr | string): Expr => ({ kind: 'cond', test: asExpr(test), then: asExpr(then), else: asExpr(otherwise) });
export const concat = (...parts: (Expr | string)[]): Expr => ({ kind: 'concat', parts: parts.map(asExpr) });
export const repeat = (count: number, operand: Expr | string): Expr => ({ kind: 'repeat', count, operand: asExpr(operand) });
export const signed = (operand: Expr | string): Expr => ({ kind: 'cast', to: 'signed', operand: asExpr(operand) });
export const unsigned = (operand: Expr | string): Expr => ({ kind: 'cast', to: 'unsigned', operand: asExpr(operand) });

export const add = (a: Expr | string, b: Expr | string | number) => binary('+', a, b);
export const sub = (a: Expr | string, b: Expr | string | number) => binary('-', a, b);
export const mul = (a: Expr | string, b: Expr | string | number) => binary('*', a, b);
export const and = (a: Expr | string, b: Expr | string | number) => binary('&', a, b);
export const or = (a: Expr | string, b: Expr | string | number) => binary('|', a, b);
export const xor = (a: Expr | string, b: Expr | string | number) => binary('^', a, b);
export const eq = (a: Expr | string, b: Expr | string | number) => binary('==', a, b);
export const ne = (a: Expr | string, b: Expr | string | number) => binary('!=', a, b);
export const lt = (a: Expr | string, b: Expr | string | number) => binary('<', a, b);
export const ge = (a: Expr | string, b: Expr | string | number) => binary('>=', a, b);
export const land = (a: Expr | string, b: Expr | string) => binary('&&', a, b);
export const lor = (a: Expr | string, b: Expr | string) => binary('||', a, b);
export const not = (a: Expr | string) => unary('!', a);
export const inv = (a: Expr | string) => unary('~', a);
export const neg = (a: Expr | string) => unary('-', a);
export const shl = (a: Expr | string, b: Expr | string | number) => binary('<<', a, b);
export const shr = (a: Expr | string, b: Expr | string | number) => binary('>>', a, b);
export const reduceOr = (a: Expr | string) => unary('|', a);

// Statements.
export const nb = (lhs: Expr | string, rhs: Expr | string): Stmt => ({ kind: 'assign', blocking: false, lhs: asExpr(lhs), rhs: asExpr(rhs) });
export const set = (lhs: Expr | string, rhs: Expr | string): Stmt => ({ kind: 'assign', blocking: true, lhs: asExpr(lhs), rhs: asExpr(rhs) });
export const if_ = (test: Expr | string, then: readonly Stmt[], otherwise?: readonly Stmt[]): Stmt => ({ kind: 'if', test: asExpr(test), then, ...(otherwise ? { else: otherwise } : {}) });
export const case_ = (subject: Expr | string, arms: readonly CaseArm[], otherwise?: readonly Stmt[]): Stmt => ({ kind: 'case', subject: asExpr(subject), arms, ...(otherwise ? { default: otherwise } : {}) });
export const for_ = (variable: string, from: number, to: number, body: readonly Stmt[]): Stmt => ({ kind: 'for', variable, from, to, body });
export const note = (text: string): Stmt => ({ kind: 'comment', text });

// Module items.
export const comment = (text: string): Item => ({ kind: 'comment', text });
export const wire = (name: string, width = 1, extra: Partial<Omit<NetDecl, 'kind' | 'net' | 'name' | 'width'>> = {}): NetDecl => ({ kind: 'net', net: 'wire', name, width, ...extra });
export const reg = (name: string, width = 1, extra: Partial<Omit<NetDecl, 'kind' | 'net' | 'name' | 'width'>> = {}): NetDecl => ({ kind: 'net', net: 'reg', name, width, ...extra });
export const integer = (name: string): NetDecl => ({ kind: 'net', net: 'integer', name, width: 32 });
export const assign = (lhs: Expr | string, rhs: Expr | string): Item => ({ kind: 'assign', lhs: asExpr(lhs), rhs: asExpr(rhs) });
export const localparam = (name: string, value: number, comment?: string): Item => ({ kind: 'localparam', name, value: int(value), ...(comment ? { comment } : {}) });
export const clocked = (clock: string, body: readonly Stmt[]): Item => ({ kind: 'always', clock, body });
export const combinational = (body: readonly Stmt[]): Item => ({ kind: 'always', body });
export const instance = (module: string, name: string, ports: Readonly<Record<string, Expr | string>>): Item => ({
  kind: 'instance',
  module,
  name,
  ports: Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, asExpr(v)])),
});
export const generateFor = (genvar: string, from: number, to: number, label: string, items: readonly Item[]): Item => ({ kind: 'generate-for', genvar, from, to, label, items });

export const input = (name: string, width = 1, comment?: string): Port => ({ dir: 'input', name, width, ...(comment ? { comment } : {}) });
export const output = (name: string, width = 1, comment?: string): Port => ({ dir: 'output', name, width, ...(comment ? { comment } : {}) });
export const outputReg = (name: string, width = 1, comment?: string): Port => ({ dir: 'output', name, width, reg: true, ...(comment ? { comment } : {}) });

function asExpr(e: Expr | string): Expr {
  return typeof e === 'string' ? ref(e) : e;
}
/** A signed integer literal, negative values printed as `-(n)`. */
export const sint = (value: number): Expr => (value >= 0 ? int(value) : unary('-', int(-value)));
