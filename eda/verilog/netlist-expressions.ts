/**
 * The netlist fast path's expressions (connections and assign right-hand sides, with the
 * 1364-2005 precedence) and the small shared pieces of its recursive descent.
 */
import { indefiniteLiteral } from './concat-width.ts';
import type { NetExpr } from './netlist-types.ts';
import { NetlistScanner, Tok } from './netlist-scanner.ts';
import { parseVerilogNumber } from './numbers.ts';
import { binaryPrecedence, canonicalOperator, unaryOperators } from './operators.ts';

/** A syntax error was reported: skip to the next `;`. */
export class SkipItem extends Error {}
/** Outside the netlist subset: the caller re-reads the file with the full front-end. */
export class NeedsFullParser extends Error {}

export function expect(sc: NetlistScanner, text: string): void {
  if (!sc.is(text)) {
    sc.error(`expected '${text}', found ${describe(sc)}`);
    throw new SkipItem();
  }
  sc.next();
}

export function describe(sc: NetlistScanner): string {
  return sc.atEnd() ? 'end of file' : `'${sc.text}'`;
}

export function identifier(sc: NetlistScanner, what: string): string {
  if (sc.kind !== Tok.Ident) {
    sc.error(`expected ${what}, found ${describe(sc)}`);
    throw new SkipItem();
  }
  const name = sc.text;
  sc.next();
  return name;
}

export function constantInt(sc: NetlistScanner): number {
  let negative = false;
  if (sc.is('-')) { negative = true; sc.next(); }
  if (sc.kind !== Tok.Number) {
    if (sc.kind === Tok.Ident) throw new NeedsFullParser(`non-literal range or index at line ${sc.tokLine}`);
    sc.error(`expected a number, found ${describe(sc)}`);
    throw new SkipItem();
  }
  const v = parseVerilogNumber(sc.text);
  if (typeof v === 'string') { sc.error(v); throw new SkipItem(); }
  if (/[xz]/.test(v.bits)) { sc.error(`index '${sc.text}' has x or z bits`); throw new SkipItem(); }
  sc.next();
  const value = parseInt(v.bits, 2);
  const after = sc.is('+') || sc.is('-') || sc.is('*') || sc.is('/');
  if (after) throw new NeedsFullParser(`constant expression at line ${sc.tokLine}`);
  return negative ? -value : value;
}

export function expression(sc: NetlistScanner, minPrecedence = 0): NetExpr {
  let left = unary(sc);
  for (;;) {
    if (sc.kind !== Tok.Op) break;
    if (sc.text === '?' && minPrecedence === 0) {
      sc.next();
      const then = expression(sc);
      expect(sc, ':');
      left = { kind: 'cond', cond: left, then, else: expression(sc) };
      break;
    }
    const p = binaryPrecedence[sc.text];
    if (p === undefined || p <= minPrecedence) break;
    const opText = canonicalOperator(sc.text);
    sc.next();
    // `**` is left-associative in 1364-2005 like the rest.
    left = { kind: 'binary', op: opText, left, right: expression(sc, p) };
  }
  return left;
}

function unary(sc: NetlistScanner): NetExpr {
  if (sc.kind === Tok.Op && unaryOperators.has(sc.text)) {
    const opText = canonicalOperator(sc.text);
    sc.next();
    // `!~a` is an error (a unary operator takes a primary, 1364-2005 A.8.3): the full front-end reports it.
    if (sc.kind === Tok.Op && unaryOperators.has(sc.text)) throw new NeedsFullParser(`unary '${sc.text}' directly after unary '${opText}' at line ${sc.tokLine}`);
    return { kind: 'unary', op: opText, arg: primary(sc) };
  }
  return primary(sc);
}

function primary(sc: NetlistScanner): NetExpr {
  if (sc.kind === Tok.Ident) {
    const name = sc.text;
    sc.next();
    if (!sc.is('[')) return { kind: 'ref', name };
    sc.next();
    const msb = constantInt(sc);
    if (sc.is(':')) {
      sc.next();
      const lsb = constantInt(sc);
      expect(sc, ']');
      return { kind: 'slice', name, msb, lsb };
    }
    if (sc.is('+:') || sc.is('-:')) throw new NeedsFullParser(`indexed part-select at line ${sc.tokLine}`);
    expect(sc, ']');
    return { kind: 'bit', name, index: msb };
  }
  if (sc.kind === Tok.Number) {
    const text = sc.text;
    const v = parseVerilogNumber(text);
    if (typeof v === 'string') { sc.error(v); throw new SkipItem(); }
    sc.next();
    return { kind: 'const', text, width: v.width, bits: v.bits };
  }
  if (sc.is('(')) {
    sc.next();
    const e = expression(sc);
    expect(sc, ')');
    return e;
  }
  if (sc.is('{')) {
    sc.next();
    const first = expression(sc);
    if (sc.is('{')) {
      if (first.kind !== 'const') throw new NeedsFullParser(`replication count at line ${sc.tokLine}`);
      sc.next();
      const parts = expressionList(sc);
      expect(sc, '}');
      expect(sc, '}');
      refuseIndefinite(sc, parts);
      return { kind: 'repeat', count: parseInt(first.bits.replace(/[xz]/g, '0'), 2), parts };
    }
    const parts = [first];
    if (sc.is(',')) { sc.next(); parts.push(...expressionList(sc)); }
    expect(sc, '}');
    refuseIndefinite(sc, parts);
    return { kind: 'concat', parts };
  }
  if (sc.kind === Tok.System || sc.kind === Tok.String) throw new NeedsFullParser(`'${sc.text}' at line ${sc.tokLine}`);
  sc.error(`expected an expression, found ${describe(sc)}`);
  throw new SkipItem();
}

/** An unsized constant in a concatenation is an error: the full front-end reports it with its position. */
function refuseIndefinite(sc: NetlistScanner, parts: readonly NetExpr[]): void {
  if (parts.some((p) => indefiniteLiteral(p))) throw new NeedsFullParser(`concatenation operand of indefinite width before line ${sc.tokLine}`);
}

function expressionList(sc: NetlistScanner): NetExpr[] {
  const list = [expression(sc)];
  while (sc.is(',')) { sc.next(); list.push(expression(sc)); }
  return list;
}
