/**
 * Parser layer 1: shared helpers and expressions (every operator with the 1364-2005 precedence,
 * concatenation, replication, selects, hierarchical names, calls, mintypmax). Binary operators
 * are read as a flat chain and folded by precedence, which keeps the grammar LL(1) and fast.
 */
import { alt, gated, gatedAlt, separated } from './parser-helpers.ts';
import type { DSLMethodOpts, IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import { EmbeddedActionsParser } from '../common/index.ts';
import type { Attribute, Expr, Loc, Range } from './ast.ts';
import {
  allTokenTypes, BinaryOperator, Identifier, NumberLiteral, op, RealLiteral, StringLiteral, SystemIdentifier, UnaryOperator,
} from './tokens.ts';
import type { VerilogToken } from './lexer.ts';
import { errorMessages } from './error-messages.ts';
import { binaryPrecedence, canonicalOperator, unaryOperators } from './operators.ts';
import { printExpr } from './printer-expressions.ts';

type PartMode = ':' | '+:' | '-:';
/** What one postfix select read. */
type Select =
  | { kind: 'member'; name: string; args?: (Expr | null)[] }
  | { kind: 'index'; index: Expr }
  | { kind: 'part'; left: Expr; mode: PartMode; right: Expr };

const plusType = op('+');
const minusType = op('-');

const noLoc: Loc = { file: '', line: 0, col: 0, endLine: 0, endCol: 0 };

/** The name an identifier token stands for (escaped identifiers lose the backslash). */
export function identifierName(t: IToken): string {
  return (t as VerilogToken).kind === 'escaped-identifier' ? t.image.slice(1) : t.image;
}

/** The error for a unary operator written directly after another (`!~a`), with the parenthesised form to use. */
function nestedUnaryMessage(outer: string, inner: string, operand: string): string {
  return `unary '${inner}' directly after unary '${outer}': a unary operator applies to a primary only (IEEE 1364-2005 A.8.3, 5.1); parenthesise the operand: ${outer}(${operand})`;
}

export class ExpressionParser extends EmbeddedActionsParser {
  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion, ...) while building
   * the parser: ~40% of the build time. A test builds the parser with them, so production skips them.
   */
  constructor(validate = false) {
    super(allTokenTypes, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations: !validate });
  }

  /** Problems the grammar accepts but the language does not (a wrong end label, `!~a`); reported with the syntax errors. */
  labelErrors: { token: IToken; message: string }[] = [];

  /** `: label` after the end of a block or unit named `name`: the label must repeat the name. */
  protected endLabel = this.RULE('endLabel', (name: string | undefined, what: string): void => {
    this.CONSUME(op(':'));
    const t = this.LA(1);
    const label = this.SUBRULE(this.ident);
    this.ACTION(() => {
      if (label !== undefined && label !== name) this.labelErrors.push({ token: t, message: name === undefined ? `an unnamed ${what} cannot have an end label ('${label}')` : `end label '${label}' does not match the ${what} name '${name}'` });
    });
  });

  /** The span from `start` to the last consumed token. */
  protected span(start: IToken | undefined): Loc {
    const end = this.LA(0) as VerilogToken | undefined;
    const s = start as VerilogToken | undefined;
    if (!s || s.file === undefined || !Number.isFinite(s.startLine)) return noLoc;
    const e = end && end.file === s.file && Number.isFinite(end.startLine) ? end : s;
    return { file: s.file, line: s.startLine, col: s.startColumn, endLine: e.endLine, endCol: e.endColumn + 1 };
  }

  protected ident = this.RULE('ident', (): string => identifierName(this.CONSUME(Identifier)));

  attributes = this.RULE('attributes', (): Attribute[] => {
    const attrs: Attribute[] = [];
    this.MANY(() => {
      this.CONSUME(op('(*'));
      this.AT_LEAST_ONE_SEP(separated(op(','), () => {
          const name = this.SUBRULE(this.ident);
          let value: Expr | undefined;
          this.OPTION(() => {
            this.CONSUME(op('='));
            value = this.SUBRULE(this.expression);
          });
          attrs.push(value === undefined ? { name } : { name, value });
        }));
      this.CONSUME(op('*)'));
    });
    return attrs;
  });

  // The alternatives of the hottest rules are built once (below each rule) rather than on every
  // call: they return the parts read and the rule assembles the node, so no closure captures a
  // rule's locals. That removes most of the garbage a parse used to make.

  expression = this.RULE('expression', (): Expr => {
    const start = this.LA(1);
    const cond = this.SUBRULE(this.binaryChain);
    const tail = this.OR(this.conditionalTail);
    return tail ? { kind: 'cond', cond, then: tail[0], else: tail[1], loc: this.span(start) } : cond;
  });
  /** `? then : else`, or nothing. */
  private readonly conditionalTail: IOrAlt<[Expr, Expr] | undefined>[] = [
    alt(() => {
      this.CONSUME(op('?'));
      this.SUBRULE(this.attributes);
      const then = this.SUBRULE2(this.expression);
      this.CONSUME(op(':'));
      return [then, this.SUBRULE3(this.expression)];
    }),
    alt(() => undefined),
  ];

  /** `(a:b:c)` or a plain expression, where delays and parameter values allow it. */
  mintypmax = this.RULE('mintypmax', (): Expr => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.expression);
    const tail = this.OR(this.mintypmaxTail);
    return tail ? { kind: 'mintypmax', min: first, typ: tail[0], max: tail[1], loc: this.span(start) } : first;
  });
  /** `: typ : max`, or nothing. */
  private readonly mintypmaxTail: IOrAlt<[Expr, Expr] | undefined>[] = [
    alt(() => {
      this.CONSUME(op(':'));
      const typ = this.SUBRULE2(this.expression);
      this.CONSUME2(op(':'));
      return [typ, this.SUBRULE3(this.expression)];
    }),
    alt(() => undefined),
  ];

  private binaryChain = this.RULE('binaryChain', (): Expr => {
    const operands: Expr[] = [this.SUBRULE(this.unary)];
    const operators: string[] = [];
    this.MANY(() => {
      operators.push(this.CONSUME(BinaryOperator).image);
      this.SUBRULE(this.attributes);
      operands.push(this.SUBRULE2(this.unary));
    });
    return this.ACTION(() => foldBinary(operands, operators)) ?? operands[0];
  });

  private unary = this.RULE('unary', (): Expr => this.OR(this.unaryAlternatives));
  private readonly unaryAlternatives: OrMethodOpts<Expr> = { IGNORE_AMBIGUITIES: true, DEF: [
    // `++i`, `--i` (two glued signs); `+ +i` is two unary plus signs, which the next alternative refuses.
    gatedAlt(() => this.incdecAhead(), () => {
      const start = this.LA(1);
      const o = this.OR2(this.incdecTokens);
      const target = this.SUBRULE2(this.postfix, { ARGS: [false] });
      return { kind: 'incdec', op: o, prefix: true, target, loc: this.span(start) };
    }),
    alt(() => {
      const t = this.CONSUME(UnaryOperator);
      this.SUBRULE(this.attributes);
      const inner = this.LA(1);
      const arg = this.SUBRULE(this.unary);
      this.ACTION(() => {
        // `!~a`: the operand of a unary operator is a primary (A.8.3), so `~a` needs parentheses; `!(~a)` starts with `(`.
        if (arg.kind === 'unary' && (inner as VerilogToken).kind === 'operator' && unaryOperators.has(inner.image)) {
          this.labelErrors.push({ token: inner, message: nestedUnaryMessage(t.image, inner.image, printExpr(arg)) });
        }
      });
      return { kind: 'unary', op: canonicalOperator(t.image), arg, loc: this.span(t) };
    }),
    alt(() => this.SUBRULE(this.postfix)),
  ]};

  /** Are the next two tokens a glued `++` or `--`? */
  private incdecAhead(): boolean {
    const a = this.LA(1).tokenType;
    if (a !== plusType && a !== minusType) return false;
    const b = this.LA(2) as VerilogToken;
    return b.tokenType === a && b.glued === true;
  }
  private readonly incdecTokens: IOrAlt<'++' | '--'>[] = [
    alt(() => { this.CONSUME(op('+')); this.CONSUME2(op('+')); return '++'; }),
    alt(() => { this.CONSUME(op('-')); this.CONSUME2(op('-')); return '--'; }),
  ];
  private readonly postIncdec: DSLMethodOpts<'++' | '--'> = gated(() => this.incdecAhead(), () => this.OR4(this.incdecTokens));

  /**
   * A primary followed by selects and `.member` parts, and maybe `++`/`--` (not in an assignment
   * target, where `i++;` is a statement).
   */
  protected postfix = this.RULE('postfix', (incdec = true): Expr => {
    const start = this.LA(1);
    let e = this.SUBRULE(this.primary);
    this.MANY(() => {
      const s = this.OR(this.selectAlternatives);
      // `top.u1.f(x)`: a hierarchical function call.
      if (s.kind === 'member' && s.args) e = { kind: 'call', name: s.name, system: false, args: s.args, scope: e, loc: this.span(start) };
      else if (s.kind === 'member') e = { kind: 'member', base: e, name: s.name, loc: this.span(start) };
      else if (s.kind === 'index') e = { kind: 'index', base: e, index: s.index, loc: this.span(start) };
      else e = { kind: 'part', base: e, mode: s.mode, left: s.left, right: s.right, loc: this.span(start) };
    });
    if (incdec) {
      const o = this.OPTION2(this.postIncdec);
      if (o) e = { kind: 'incdec', op: o, prefix: false, target: e, loc: this.span(start) };
    }
    return e;
  });
  /** `[i]`, `[a:b]`, `[a+:w]`, `[a-:w]` or `.name`. */
  private readonly selectAlternatives: IOrAlt<Select>[] = [
    alt(() => {
      this.CONSUME(op('['));
      const left = this.SUBRULE(this.expression);
      const part = this.OR2(this.partSelectTail);
      return part ? { kind: 'part', left, mode: part[0], right: part[1] } : { kind: 'index', index: left };
    }),
    alt(() => {
      this.CONSUME(op('.'));
      const name = this.SUBRULE(this.ident);
      const args = this.OPTION(this.memberCallArguments);
      return args ? { kind: 'member', name, args } : { kind: 'member', name };
    }),
  ];
  private readonly memberCallArguments = (): (Expr | null)[] => this.SUBRULE3(this.callArguments);
  /** `: right]` (or `+:`, `-:`), or just `]`. */
  private readonly partSelectTail: IOrAlt<[PartMode, Expr] | undefined>[] = [
    alt(() => {
      const mode = this.OR3(this.partModes);
      const right = this.SUBRULE2(this.expression);
      this.CONSUME(op(']'));
      return [mode, right];
    }),
    alt(() => {
      this.CONSUME2(op(']'));
      return undefined;
    }),
  ];
  private readonly partModes: IOrAlt<PartMode>[] = [
    alt(() => this.CONSUME(op(':')).image as PartMode),
    alt(() => this.CONSUME(op('+:')).image as PartMode),
    alt(() => this.CONSUME(op('-:')).image as PartMode),
  ];

  private primary = this.RULE('primary', (): Expr => this.OR(this.primaryAlternatives));
  private readonly primaryAlternatives: IOrAlt<Expr>[] = [
    alt(() => {
      const t = this.CONSUME(NumberLiteral);
      return { kind: 'number', text: t.image.replace(/\s+/g, ''), loc: this.span(t) };
    }),
    alt(() => {
      const t = this.CONSUME(RealLiteral);
      return { kind: 'real', text: t.image, loc: this.span(t) };
    }),
    alt(() => {
      const t = this.CONSUME(StringLiteral);
      return { kind: 'string', text: t.image, loc: this.span(t) };
    }),
    alt(() => {
      const t = this.CONSUME(SystemIdentifier);
      const args = this.OPTION(this.systemCallArguments) ?? [];
      return { kind: 'call', name: t.image, system: true, args, loc: this.span(t) };
    }),
    alt(() => {
      const first = this.LA(1);
      const name = this.SUBRULE(this.ident);
      const args = this.OR2(this.callTail);
      return args ? { kind: 'call', name, system: false, args, loc: this.span(first) } : { kind: 'id', name, loc: this.span(first) };
    }),
    alt(() => {
      this.CONSUME(op('('));
      const e = this.SUBRULE(this.mintypmax);
      this.CONSUME(op(')'));
      return e;
    }),
    alt(() => this.SUBRULE(this.concatenation)),
  ];
  private readonly systemCallArguments = (): (Expr | null)[] => this.SUBRULE(this.callArguments);
  /** A user function call's arguments, or nothing for a plain name. */
  private readonly callTail: IOrAlt<(Expr | null)[] | undefined>[] = [
    alt(() => {
      this.SUBRULE2(this.attributes);
      return this.SUBRULE2(this.callArguments);
    }),
    alt(() => undefined),
  ];

  /** `{a, b}` or `{n{a, b}}`. */
  private concatenation = this.RULE('concatenation', (): Expr => {
    const start = this.CONSUME(op('{'));
    const first = this.SUBRULE(this.expression);
    const result = this.OR([
      alt(() => {
          this.CONSUME2(op('{'));
          const parts = this.SUBRULE(this.expressionList);
          this.CONSUME(op('}'));
          return { kind: 'repeat', count: first, parts } as const;
        }),
      alt(() => {
          const parts = [first];
          this.MANY(() => {
            this.CONSUME(op(','));
            parts.push(this.SUBRULE2(this.expression));
          });
          return { kind: 'concat', parts } as const;
        }),
    ]);
    this.CONSUME2(op('}'));
    return { ...result, loc: this.span(start) } as Expr;
  });

  expressionList = this.RULE('expressionList', (): Expr[] => {
    const list: Expr[] = [];
    this.AT_LEAST_ONE_SEP(separated(op(','), () => list.push(this.SUBRULE(this.expression))));
    return list;
  });

  /** `(a, , b)`: arguments of a call, where empty slots are allowed for system tasks. */
  callArguments = this.RULE('callArguments', (): (Expr | null)[] => {
    this.CONSUME(op('('));
    const args: (Expr | null)[] = [];
    let current: Expr | null = null;
    this.OPTION(() => { current = this.SUBRULE(this.expression); });
    args.push(current);
    this.MANY(() => {
      this.CONSUME(op(','));
      let next: Expr | null = null;
      this.OPTION2(() => { next = this.SUBRULE2(this.expression); });
      args.push(next);
    });
    this.CONSUME(op(')'));
    // `f()` has no arguments rather than one empty one.
    return args.length === 1 && args[0] === null ? [] : args;
  });

  /**
   * An unpacked dimension: `[msb:lsb]`, or SystemVerilog's `[N]` (= `[0:N-1]`), which iverilog
   * `-g2005` and Verilator take in Verilog files.
   */
  unpackedDimension = this.RULE('unpackedDimension', (): Range => {
    const open = this.CONSUME(op('['));
    const sized = this.OPTION2(() => {
      const first = this.SUBRULE(this.expression);
      const lsb = this.OPTION(() => {
        this.CONSUME(op(':'));
        return this.SUBRULE2(this.expression);
      });
      return { first, lsb };
    });
    this.CONSUME(op(']'));
    const loc = this.span(open);
    const number = (text: string): Expr => ({ kind: 'number', text, loc });
    // `[]`: a SystemVerilog dynamic array (iverilog -g2005 and Verilator take it; elaboration warns).
    if (!sized) return { msb: number('0'), lsb: number('0'), dynamic: true };
    if (sized.lsb) return { msb: sized.first, lsb: sized.lsb };
    return { msb: number('0'), lsb: { kind: 'binary', op: '-', left: sized.first, right: number('1'), loc } };
  });

  range = this.RULE('range', (): Range => {
    this.CONSUME(op('['));
    const msb = this.SUBRULE(this.expression);
    this.CONSUME(op(':'));
    const lsb = this.SUBRULE2(this.expression);
    this.CONSUME(op(']'));
    return { msb, lsb };
  });
}

/** Folds `a op b op c ...` by precedence (shunting-yard); all binary operators are left-associative. */
function foldBinary(operands: Expr[], operators: string[]): Expr {
  const values: Expr[] = [operands[0]];
  const pending: string[] = [];
  for (let k = 0; k <= operators.length; k++) {
    const o = k < operators.length ? canonicalOperator(operators[k]) : undefined;
    while (pending.length > 0 && (o === undefined || binaryPrecedence[pending[pending.length - 1]] >= binaryPrecedence[o])) {
      const right = values.pop()!;
      const left = values.pop()!;
      values.push({ kind: 'binary', op: pending.pop()!, left, right, loc: joinLoc(left?.loc, right?.loc) });
    }
    if (o === undefined) break;
    pending.push(o);
    values.push(operands[k + 1]);
  }
  return values[0];
}

function joinLoc(a: Loc | undefined, b: Loc | undefined): Loc {
  if (!a || !b) return a ?? b ?? noLoc;
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}
