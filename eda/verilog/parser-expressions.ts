/**
 * Parser layer 1: shared helpers and expressions (every operator with the 1364-2005 precedence,
 * concatenation, replication, selects, hierarchical names, calls, mintypmax). Binary operators
 * are read as a flat chain and folded by precedence, which keeps the grammar LL(1) and fast.
 */
import { alt, separated } from './parser-helpers.ts';
import type { IToken, TokenType } from 'chevrotain';
import { EmbeddedActionsParser } from './chevrotain-runtime.ts';
import type { Attribute, Expr, Loc, Range } from './ast.ts';
import {
  allTokenTypes, BinaryOperator, Identifier, NumberLiteral, op, RealLiteral, StringLiteral, SystemIdentifier, UnaryOperator,
} from './tokens.ts';
import type { VerilogToken } from './lexer.ts';
import { errorMessages } from './error-messages.ts';

/** Binary precedence, higher binds tighter (IEEE 1364-2005 table 5-4). */
const precedence: Record<string, number> = {
  '**': 11, '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8, '<<<': 8, '>>>': 8,
  '<': 7, '<=': 7, '>': 7, '>=': 7, '==': 6, '!=': 6, '===': 6, '!==': 6,
  '&': 5, '~&': 5, '^': 4, '~^': 4, '|': 3, '~|': 3, '&&': 2, '||': 1,
};

const noLoc: Loc = { file: '', line: 0, col: 0, endLine: 0, endCol: 0 };

/** The name an identifier token stands for (escaped identifiers lose the backslash). */
export function identifierName(t: IToken): string {
  return (t as VerilogToken).kind === 'escaped-identifier' ? t.image.slice(1) : t.image;
}

export class ExpressionParser extends EmbeddedActionsParser {
  /**
   * `validate` runs chevrotain's grammar checks (ambiguities, left recursion, ...) while building
   * the parser: ~40% of the build time. A test builds the parser with them, so production skips them.
   */
  constructor(validate = false) {
    super(allTokenTypes, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations: !validate });
  }

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

  expression = this.RULE('expression', (): Expr => {
    const start = this.LA(1);
    const cond = this.SUBRULE(this.binaryChain);
    return this.OR([
      alt(() => {
          this.CONSUME(op('?'));
          this.SUBRULE(this.attributes);
          const then = this.SUBRULE2(this.expression);
          this.CONSUME(op(':'));
          const otherwise = this.SUBRULE3(this.expression);
          return { kind: 'cond', cond, then, else: otherwise, loc: this.span(start) } as Expr;
        }),
      alt(() => cond),
    ]);
  });

  /** `(a:b:c)` or a plain expression, where delays and parameter values allow it. */
  mintypmax = this.RULE('mintypmax', (): Expr => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.expression);
    return this.OR([
      alt(() => {
          this.CONSUME(op(':'));
          const typ = this.SUBRULE2(this.expression);
          this.CONSUME2(op(':'));
          const max = this.SUBRULE3(this.expression);
          return { kind: 'mintypmax', min: first, typ, max, loc: this.span(start) } as Expr;
        }),
      alt(() => first),
    ]);
  });

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

  private unary = this.RULE('unary', (): Expr => {
    return this.OR([
      alt(() => {
          const t = this.CONSUME(UnaryOperator);
          this.SUBRULE(this.attributes);
          const arg = this.SUBRULE(this.unary);
          return { kind: 'unary', op: t.image === '^~' ? '~^' : t.image, arg, loc: this.span(t) } as Expr;
        }),
      alt(() => this.SUBRULE(this.postfix)),
    ]);
  });

  /** A primary followed by selects and `.member` parts. */
  protected postfix = this.RULE('postfix', (): Expr => {
    const start = this.LA(1);
    let e = this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        alt(() => {
            this.CONSUME(op('['));
            const left = this.SUBRULE(this.expression);
            e = this.OR2([
              alt(() => {
                  const mode = this.OR3([
                    alt(() => this.CONSUME(op(':')).image),
                    alt(() => this.CONSUME(op('+:')).image),
                    alt(() => this.CONSUME(op('-:')).image),
                  ]) as ':' | '+:' | '-:';
                  const right = this.SUBRULE2(this.expression);
                  this.CONSUME(op(']'));
                  return { kind: 'part', base: e, mode, left, right, loc: this.span(start) } as Expr;
                }),
              alt(() => {
                  this.CONSUME2(op(']'));
                  return { kind: 'index', base: e, index: left, loc: this.span(start) } as Expr;
                }),
            ]);
          }),
        alt(() => {
            this.CONSUME(op('.'));
            const name = this.SUBRULE(this.ident);
            e = { kind: 'member', base: e, name, loc: this.span(start) };
          }),
      ]);
    });
    return e;
  });

  private primary = this.RULE('primary', (): Expr => {
    const start = this.LA(1);
    return this.OR([
      alt(() => ({ kind: 'number', text: this.CONSUME(NumberLiteral).image.replace(/\s+/g, ''), loc: this.span(start) }) as Expr),
      alt(() => ({ kind: 'real', text: this.CONSUME(RealLiteral).image, loc: this.span(start) }) as Expr),
      alt(() => ({ kind: 'string', text: this.CONSUME(StringLiteral).image, loc: this.span(start) }) as Expr),
      alt(() => {
          const name = this.CONSUME(SystemIdentifier).image;
          const args = this.OPTION(() => this.SUBRULE(this.callArguments)) ?? [];
          return { kind: 'call', name, system: true, args, loc: this.span(start) } as Expr;
        }),
      alt(() => {
          const name = this.SUBRULE(this.ident);
          return this.OR2([
            alt(() => {
                this.SUBRULE2(this.attributes);
                const args = this.SUBRULE2(this.callArguments);
                return { kind: 'call', name, system: false, args, loc: this.span(start) } as Expr;
              }),
            alt(() => ({ kind: 'id', name, loc: this.span(start) }) as Expr),
          ]);
        }),
      alt(() => {
          this.CONSUME(op('('));
          const e = this.SUBRULE(this.mintypmax);
          this.CONSUME(op(')'));
          return e;
        }),
      alt(() => this.SUBRULE(this.concatenation)),
    ]);
  });

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
    const o = k < operators.length ? (operators[k] === '^~' ? '~^' : operators[k]) : undefined;
    while (pending.length > 0 && (o === undefined || precedence[pending[pending.length - 1]] >= precedence[o])) {
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
