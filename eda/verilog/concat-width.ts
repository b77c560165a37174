/**
 * Concatenation operands of indefinite width. IEEE 1364-2005 5.1.14: "Unsized constant numbers
 * shall not be allowed in concatenations", since the width of the result would depend on the
 * implementation's integer size. An operand's width is indefinite when its self-determined width
 * (5.4, table 5-22) comes from an unsized literal: the literal itself, `+ - ~` of one, an
 * arithmetic or bitwise operator with one as either operand, a shift or power with one on the
 * left, `?:` with one as either arm. Comparisons, logical operators and reductions are one bit
 * wide whatever their operands; a parameter, a function call or a select has its own width. This
 * is iverilog's rule ("Concatenation operand has indefinite width"; `{a, b + 5}` is refused too,
 * as 5.4 gives `b + 5` the width of the unsized 5); Verilator only warns (WIDTHCONCAT) and Yosys
 * takes 32 bits. Shared by the elaborator's check and the netlist paths, whose trees have the
 * same operator shape (a literal is `number` in one and `const` in the other).
 */
import type { Expr } from './ast.ts';
import { parseVerilogNumber } from './numbers.ts';
import { contextWidthBinary, contextWidthUnary, leftWidthBinary } from './operators.ts';
import { printExpr } from './printer-expressions.ts';

interface WidthShape {
  kind: string;
  op?: string;
  text?: string;
  arg?: WidthShape;
  left?: WidthShape;
  right?: WidthShape;
  then?: WidthShape;
  else?: WidthShape;
}


/** The unsized literal that makes `e`'s width indefinite, or undefined when its width is definite. */
export function indefiniteLiteral<T extends WidthShape>(e: T): T | undefined {
  switch (e.kind) {
    case 'number': case 'const': {
      const v = parseVerilogNumber(e.text ?? '');
      return typeof v !== 'string' && v.size === undefined && !v.fill ? e : undefined;
    }
    case 'unary':
      return contextWidthUnary.has(e.op ?? '') ? indefiniteLiteral(e.arg as T) : undefined;
    case 'binary':
      if (contextWidthBinary.has(e.op ?? '')) return indefiniteLiteral(e.left as T) ?? indefiniteLiteral(e.right as T);
      return leftWidthBinary.has(e.op ?? '') ? indefiniteLiteral(e.left as T) : undefined;
    case 'cond':
      return indefiniteLiteral(e.then as T) ?? indefiniteLiteral(e.else as T);
    default:
      return undefined;
  }
}

/** The error for a concatenation operand `operand` made indefinite by the unsized `literal`. */
export function indefiniteOperandMessage(operand: string, literal: string): string {
  const sized = literal.includes("'") ? `32${literal}` : `32'd${literal}`;
  const which = operand === literal ? '' : `: its unsized constant ${literal} makes its width indefinite`;
  return `concatenation operand '${operand}' has no definite width${which} (IEEE 1364-2005 5.1.14 allows no unsized constant in a concatenation or replication); give it a size, e.g. ${sized}`;
}

/** Each operand of a concatenation's or replication's `parts` whose width is indefinite, with its error. */
export function indefiniteOperands(parts: readonly Expr[]): { operand: Expr; message: string }[] {
  const out: { operand: Expr; message: string }[] = [];
  for (const operand of parts) {
    const literal = indefiniteLiteral(operand);
    if (literal) out.push({ operand, message: indefiniteOperandMessage(printExpr(operand), printExpr(literal)) });
  }
  return out;
}
