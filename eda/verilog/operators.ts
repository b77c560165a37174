/**
 * The expression operators, in one place for the parser, the printer and the netlist fast path:
 * which operators are binary and unary, and how tightly each binary operator binds.
 */

/**
 * Binary precedence, higher binds tighter (IEEE 1364-2005 table 5-4, with SystemVerilog's wildcard
 * equality beside `==` and the logical equivalence `<->` below `||`, as IEEE 1800-2017 table 11-2
 * places them). All binary operators are left-associative. The lowest is 1, so that 0 can mean
 * "any operator" to a precedence-climbing reader.
 */
export const binaryPrecedence: Readonly<Record<string, number>> = {
  '**': 12,
  '*': 11, '/': 11, '%': 11,
  '+': 10, '-': 10,
  '<<': 9, '>>': 9, '<<<': 9, '>>>': 9,
  '<': 8, '<=': 8, '>': 8, '>=': 8,
  '==': 7, '!=': 7, '===': 7, '!==': 7, '==?': 7, '!=?': 7,
  '&': 6, '~&': 6,
  '^': 5, '~^': 5, '^~': 5,
  '|': 4, '~|': 4,
  '&&': 3,
  '||': 2,
  // SystemVerilog's logical equivalence (iverilog -g2005 and Verilator take it; the implication `->`
  // only Verilator, so `->` stays the event trigger alone).
  '<->': 1,
};

export const binaryOperators: ReadonlySet<string> = new Set(Object.keys(binaryPrecedence));

export const unaryOperators: ReadonlySet<string> = new Set(['+', '-', '!', '~', '&', '~&', '|', '~|', '^', '~^', '^~']);

/**
 * Expression bit lengths (IEEE 1364-2005 5.4, table 5-22), shared by the constant evaluator's sizing
 * and the concatenation-width check. Binary operators whose result is as wide as both operands,
 * which take the expression's width and signedness:
 */
export const contextWidthBinary: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '~^', '^~', '~&', '~|']);
/** Unary operators whose result is as wide as their operand, which takes the expression's width. */
export const contextWidthUnary: ReadonlySet<string> = new Set(['+', '-', '~']);
/** Shifts and power: as wide as the left operand (context-determined); the right one is self-determined. */
export const leftWidthBinary: ReadonlySet<string> = new Set(['<<', '>>', '<<<', '>>>', '**']);

/** `^~` and `~^` are one operator; trees always hold `~^`. */
export function canonicalOperator(op: string): string {
  return op === '^~' ? '~^' : op;
}
