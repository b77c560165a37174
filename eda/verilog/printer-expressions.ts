/**
 * Printing expressions, names and timing controls. Parentheses are added wherever precedence
 * needs them, so the printed text parses back to the same tree.
 */
import type { Attribute, DataType, EventExpr, Expr, Range, TimingControl } from './ast.ts';
import { binaryPrecedence } from './operators.ts';
import { keywordTypes } from './tokens.ts';

/** A name as written in source: plain when it can be, else escaped (`\a[0] `). */
export function printName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !keywordTypes.has(name) ? name : `\\${name} `;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'id':
      return printName(e.name);
    case 'member':
      return `${postfixBase(e.base)}.${printName(e.name)}`;
    case 'number':
    case 'real':
    case 'string':
      return e.text;
    case 'unary': {
      const arg = e.arg.kind === 'binary' || e.arg.kind === 'cond' || e.arg.kind === 'unary' ? `(${printExpr(e.arg)})` : printExpr(e.arg);
      return `${e.op}${arg}`;
    }
    case 'binary': {
      const p = binaryPrecedence[e.op];
      const left = needsParens(e.left, p, false) ? `(${printExpr(e.left)})` : printExpr(e.left);
      const right = needsParens(e.right, p, true) ? `(${printExpr(e.right)})` : printExpr(e.right);
      return `${left} ${e.op} ${right}`;
    }
    case 'cond': {
      const cond = e.cond.kind === 'cond' ? `(${printExpr(e.cond)})` : printExpr(e.cond);
      return `${cond} ? ${printExpr(e.then)} : ${printExpr(e.else)}`;
    }
    case 'concat':
      return `{${e.parts.map(printExpr).join(', ')}}`;
    case 'repeat':
      return `{${printExpr(e.count)}{${e.parts.map(printExpr).join(', ')}}}`;
    case 'index':
      return `${postfixBase(e.base)}[${printExpr(e.index)}]`;
    case 'part':
      return `${postfixBase(e.base)}[${printExpr(e.left)}${e.mode}${printExpr(e.right)}]`;
    case 'call':
      if (e.system) return e.args.length === 0 ? e.name : `${e.name}(${printArgs(e.args)})`;
      return `${e.scope ? `${postfixBase(e.scope)}.` : ''}${printName(e.name)}(${printArgs(e.args)})`;
    case 'mintypmax':
      return `(${printExpr(e.min)}:${printExpr(e.typ)}:${printExpr(e.max)})`;
    case 'incdec':
      // Parenthesised, so that a sign before or after it never glues onto its `++`.
      return e.prefix ? `(${e.op}${printExpr(e.target)})` : `(${printExpr(e.target)}${e.op})`;
  }
}

export function printArgs(args: (Expr | null)[]): string {
  return args.map((a) => (a === null ? '' : printExpr(a))).join(', ');
}

function needsParens(child: Expr, parentPrecedence: number, isRight: boolean): boolean {
  if (child.kind === 'cond') return true;
  if (child.kind !== 'binary') return false;
  const p = binaryPrecedence[child.op];
  return isRight ? p <= parentPrecedence : p < parentPrecedence;
}

/** Selects and members apply to names, selects, members and calls; anything else is parenthesised. */
function postfixBase(e: Expr): string {
  const direct = e.kind === 'id' || e.kind === 'member' || e.kind === 'index' || e.kind === 'part' || e.kind === 'call' || e.kind === 'concat' || e.kind === 'repeat';
  return direct ? printExpr(e) : `(${printExpr(e)})`;
}

export function printRange(r: Range): string {
  return r.dynamic ? '[]' : `[${printExpr(r.msb)}:${printExpr(r.lsb)}]`;
}

export function printDataType(t: DataType): string {
  return [t.type ?? '', t.real ? 'real' : '', t.signed ? 'signed' : '', t.range ? printRange(t.range) : '', ...(t.packed ?? []).map(printRange)].filter(Boolean).join(' ');
}

export function printAttributes(attrs: Attribute[] | undefined): string {
  if (!attrs || attrs.length === 0) return '';
  return `(* ${attrs.map((a) => (a.value === undefined ? printName(a.name) : `${printName(a.name)} = ${printExpr(a.value)}`)).join(', ')} *) `;
}

function printEvents(events: EventExpr[] | '*'): string {
  if (events === '*') return '(*)';
  return `(${events.map((ev) => `${ev.edge ? `${ev.edge} ` : ''}${printExpr(ev.expr)}`).join(' or ')})`;
}

export function printTiming(t: TimingControl): string {
  switch (t.kind) {
    case 'delay':
      return `#(${t.values.map(printExpr).join(', ')})`;
    case 'event':
      return `@${printEvents(t.events)}`;
    case 'repeat-event':
      return `repeat (${printExpr(t.count)}) @${printEvents(t.events)}`;
  }
}

export function printStrength(words: string[] | undefined): string {
  return words ? `(${words.join(', ')}) ` : '';
}
