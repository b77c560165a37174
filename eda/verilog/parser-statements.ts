/**
 * Parser layer 2: timing controls and procedural statements (blocking and non-blocking
 * assignments, if, case/casez/casex, loops, wait, event triggers, task calls, blocks).
 */
import { alt, gatedAlt } from './parser-helpers.ts';
import type { IOrAlt, OrMethodOpts } from 'chevrotain';
import type { Attribute, CaseItem, EventExpr, Expr, ModuleItem, Stmt, TimingControl } from './ast.ts';
import { DeclarationParser } from './parser-declarations.ts';
import { BinaryOperator, Identifier, kw, op, SystemIdentifier } from './tokens.ts';

export class StatementParser extends DeclarationParser {
  /** `@*`, `@(*)`, `@name`, `@(posedge a or negedge b, c)`. */
  eventControl = this.RULE('eventControl', (): TimingControl => {
    this.CONSUME(op('@'));
    const events = this.SUBRULE(this.eventBody);
    return { kind: 'event', events };
  });

  private eventBody = this.RULE('eventBody', (): EventExpr[] | '*' => {
    return this.OR([
      alt(() => { this.CONSUME(op('*')); return '*' as const; }),
      alt(() => {
          const start = this.LA(1);
          let e: Expr = { kind: 'id', name: this.SUBRULE(this.ident), loc: this.span(start) };
          this.MANY(() => {
            this.CONSUME(op('.'));
            e = { kind: 'member', base: e, name: this.SUBRULE2(this.ident), loc: this.span(start) };
          });
          return [{ expr: e }];
        }),
      alt(() => {
          this.CONSUME(op('('));
          const r = this.OR2([
            alt(() => { this.CONSUME2(op('*')); return '*' as const; }),
            alt(() => {
                const list: EventExpr[] = [this.SUBRULE(this.eventExpression)];
                this.MANY2(() => {
                  this.OR3([alt(() => this.CONSUME(kw('or'))), alt(() => this.CONSUME(op(',')))]);
                  list.push(this.SUBRULE2(this.eventExpression));
                });
                return list;
              }),
          ]);
          this.CONSUME(op(')'));
          return r;
        }),
    ]);
  });

  private eventExpression = this.RULE('eventExpression', (): EventExpr => {
    const edge = this.OPTION(() =>
      this.OR([alt(() => this.CONSUME(kw('posedge')).image), alt(() => this.CONSUME(kw('negedge')).image)]),
    ) as EventExpr['edge'];
    const expr = this.SUBRULE(this.expression);
    return edge ? { edge, expr } : { expr };
  });

  timingControl = this.RULE('timingControl', (): TimingControl => {
    return this.OR([
      alt(() => this.SUBRULE(this.declarationDelay)),
      alt(() => this.SUBRULE(this.eventControl)),
      alt(() => {
          this.CONSUME(kw('repeat'));
          this.CONSUME(op('('));
          const count = this.SUBRULE(this.expression);
          this.CONSUME(op(')'));
          this.CONSUME(op('@'));
          return { kind: 'repeat-event', count, events: this.SUBRULE(this.eventBody) } as TimingControl;
        }),
    ]);
  });

  /** An assignment target: a (hierarchical) name with selects, or a concatenation (no operators). */
  lvalue = this.RULE('lvalue', (): Expr => this.SUBRULE(this.postfix, { ARGS: [false] }));

  statement = this.RULE('statement', (): Stmt => {
    const start = this.LA(1);
    const attrs = this.SUBRULE(this.attributes);
    const s = this.SUBRULE(this.statementBody, { ARGS: [attrs] });
    return this.ACTION(() => ({ ...s, loc: this.span(start) }) as Stmt) ?? s;
  });

  private statementBody = this.RULE('statementBody', (attrs: Attribute[]): Stmt => {
    const loc = this.span(this.LA(1));
    this.statementAttrs = attrs;
    const s = this.OR(this.statementAlternatives);
    // Alternatives that read a whole statement through a sub-rule already carry the attributes
    // (or are undefined after error recovery).
    return s === undefined || 'attrs' in s ? s : ({ ...(s as object), attrs, loc } as Stmt);
  });
  /** The attributes of the statement being read, for the alternatives that hand them to a sub-rule (read before any nested statement). */
  private statementAttrs: Attribute[] = [];
  /** Built once (see parser-expressions.ts); most return the statement without `attrs`/`loc`, which statementBody adds. */
  // Ordered choice: a statement starting with a system name is a system task call.
  private readonly statementAlternatives: OrMethodOpts<Stmt> = { IGNORE_AMBIGUITIES: true, DEF: [
      alt(() => { this.CONSUME(op(';')); return { kind: 'null' } as Stmt; }),
      alt(() => this.SUBRULE(this.block, { ARGS: [this.statementAttrs] })),
      alt(() => {
          this.CONSUME(kw('if'));
          const cond = this.SUBRULE(this.parenExpression);
          const then = this.SUBRULE(this.statement);
          const otherwise = this.OPTION(() => {
            this.CONSUME(kw('else'));
            return this.SUBRULE2(this.statement);
          });
          return (otherwise ? { kind: 'if', cond, then, else: otherwise } : { kind: 'if', cond, then }) as Stmt;
        }),
      alt(() => this.SUBRULE(this.caseStatement, { ARGS: [this.statementAttrs] })),
      alt(() => {
          this.CONSUME(kw('for'));
          this.CONSUME(op('('));
          const init = this.SUBRULE(this.plainAssignment);
          this.CONSUME8(op(';'));
          const cond = this.SUBRULE(this.expression);
          this.CONSUME9(op(';'));
          const step = this.SUBRULE2(this.plainAssignment);
          this.CONSUME(op(')'));
          return { kind: 'for', init, cond, step, body: this.SUBRULE3(this.statement) } as Stmt;
        }),
      alt(() => { this.CONSUME(kw('while')); const cond = this.SUBRULE2(this.parenExpression); return { kind: 'while', cond, body: this.SUBRULE4(this.statement) } as Stmt; }),
      alt(() => { this.CONSUME(kw('repeat')); const count = this.SUBRULE3(this.parenExpression); return { kind: 'repeat', count, body: this.SUBRULE5(this.statement) } as Stmt; }),
      alt(() => { this.CONSUME(kw('forever')); return { kind: 'forever', body: this.SUBRULE6(this.statement) } as Stmt; }),
      alt(() => { this.CONSUME(kw('wait')); const cond = this.SUBRULE4(this.parenExpression); return { kind: 'wait', cond, body: this.SUBRULE7(this.statement) } as Stmt; }),
      alt(() => {
          const control = this.OR2([alt(() => this.SUBRULE(this.declarationDelay)), alt(() => this.SUBRULE(this.eventControl))]);
          return { kind: 'timed', control, body: this.SUBRULE8(this.statement) } as Stmt;
        }),
      alt(() => {
          // SystemVerilog's `++x;` and `--x;` (iverilog -g2005 and Verilator take them), read as `x = x + 1;`.
          const start = this.LA(1);
          const o = this.or(5, [
            alt(() => { this.consume(1, op('+')); this.consume(2, op('+')); return '+'; }),
            alt(() => { this.consume(1, op('-')); this.consume(2, op('-')); return '-'; }),
          ]);
          const lhs = this.subrule(4, this.lvalue, undefined);
          this.consume(10, op(';'));
          const one: Expr = { kind: 'number', text: '1', loc: this.span(start) };
          return { kind: 'assign', nonblocking: false, lhs, rhs: { kind: 'binary', op: o, left: lhs, right: one, loc: this.span(start) }, compound: o } as Stmt;
        }),
      alt(() => {
          this.CONSUME(op('->'));
          const target = this.SUBRULE(this.lvalue);
          this.CONSUME3(op(';'));
          return { kind: 'trigger', target } as Stmt;
        }),
      alt(() => {
          this.CONSUME(kw('disable'));
          const target = this.SUBRULE2(this.lvalue);
          this.CONSUME4(op(';'));
          return { kind: 'disable', target } as Stmt;
        }),
      alt(() => {
          const loc = this.span(this.LA(1));
          const name = this.CONSUME(SystemIdentifier).image;
          const args = this.OPTION2(this.taskArguments) ?? [];
          this.CONSUME5(op(';'));
          return { kind: 'call', target: { kind: 'id', name, loc }, system: true, args } as Stmt;
        }),
      alt(() => {
          const o = this.OR3([
            alt(() => this.CONSUME(kw('assign')).image),
            alt(() => this.CONSUME(kw('force')).image),
          ]) as 'assign' | 'force';
          const a = this.SUBRULE3(this.plainAssignment) as Stmt & { kind: 'assign' };
          this.CONSUME6(op(';'));
          return { kind: 'procedural', op: o, lhs: a?.lhs, rhs: a?.rhs } as Stmt;
        }),
      alt(() => {
          const o = this.OR4([
            alt(() => this.CONSUME(kw('deassign')).image),
            alt(() => this.CONSUME(kw('release')).image),
          ]) as 'deassign' | 'release';
          const lhs = this.SUBRULE3(this.lvalue);
          this.CONSUME7(op(';'));
          return { kind: 'procedural', op: o, lhs } as Stmt;
        }),
      alt(() => this.SUBRULE(this.assignmentOrCall, { ARGS: [this.statementAttrs] })),
    ]};
  private readonly taskArguments = (): (Expr | null)[] => this.SUBRULE(this.callArguments);

  private parenExpression = this.RULE('parenExpression', (): Expr => {
    this.CONSUME(op('('));
    const e = this.SUBRULE(this.expression);
    this.CONSUME(op(')'));
    return e;
  });

  /** `lhs = rhs` without the semicolon (for-loop headers, procedural assign/force); also `i++`, `i += 2`. */
  private plainAssignment = this.RULE('plainAssignment', (): Stmt => {
    const start = this.LA(1);
    const lhs = this.SUBRULE(this.lvalue);
    const rhs = this.OR([
      alt(() => { this.CONSUME(op('=')); return this.SUBRULE(this.expression); }),
      alt(() => this.SUBRULE(this.compoundTail, { ARGS: [lhs] })),
    ]);
    const compound = rhs?.kind === 'binary' && rhs.left === lhs ? rhs.op : undefined;
    return compound ? { kind: 'assign', nonblocking: false, lhs, rhs, compound, attrs: [], loc: this.span(start) } : { kind: 'assign', nonblocking: false, lhs, rhs, attrs: [], loc: this.span(start) };
  });

  /**
   * SystemVerilog's `+= rhs`, `++` and `--` after a target (iverilog and Verilator accept them in
   * Verilog files), read as the plain assignment they stand for: `lhs = lhs + (rhs)`.
   */
  private compoundTail = this.RULE('compoundTail', (lhs: Expr): Expr => {
    const start = this.LA(1);
    const one = (): Expr => ({ kind: 'number', text: '1', loc: this.span(start) });
    const r = this.OR([
      alt(() => { this.CONSUME(op('+')); this.CONSUME2(op('+')); return { o: '+', rhs: one() }; }),
      alt(() => { this.CONSUME(op('-')); this.CONSUME2(op('-')); return { o: '-', rhs: one() }; }),
      alt(() => {
          const o = this.CONSUME(BinaryOperator).image;
          this.CONSUME(op('='));
          return { o, rhs: this.SUBRULE(this.expression) };
        }),
    ]);
    return { kind: 'binary', op: r?.o, left: lhs, right: r?.rhs, loc: this.span(start) } as Expr;
  });

  /** Starts with a name or `{`: an assignment (blocking or not, maybe with a control) or a task call. */
  private assignmentOrCall = this.RULE('assignmentOrCall', (attrs: Attribute[]): Stmt => {
    const start = this.LA(1);
    const lhs = this.SUBRULE(this.lvalue);
    this.currentTarget = lhs;
    const tail = this.OR(this.assignmentTail);
    // Without a tail it is a task call: `name;` (a call `name(args)` was read by the expression as a function call).
    const s = (tail === undefined
      ? { kind: 'call', target: lhs, system: false, args: [], attrs }
      : tail.control
        ? { kind: 'assign', nonblocking: tail.nonblocking, lhs, control: tail.control, rhs: tail.rhs, attrs }
        : tail.compound
          ? { kind: 'assign', nonblocking: false, lhs, rhs: tail.rhs, compound: tail.compound, attrs }
          : { kind: 'assign', nonblocking: tail.nonblocking, lhs, rhs: tail.rhs, attrs }) as Stmt;
    this.CONSUME(op(';'));
    return this.ACTION(() => {
      // `t(a, b);` parsed as a call expression: make it a task-call statement.
      if (s?.kind === 'call' && lhs?.kind === 'call' && !lhs.system) {
        const target: Expr = lhs.scope ? { kind: 'member', base: lhs.scope, name: lhs.name, loc: lhs.loc } : { kind: 'id', name: lhs.name, loc: lhs.loc };
        return { kind: 'call', target, system: false, args: lhs.args, attrs, loc: this.span(start) } as Stmt;
      }
      return { ...s, loc: this.span(start) } as Stmt;
    }) ?? s;
  });
  /** The target of the assignment being read, for the compound forms (read before its right side). */
  private currentTarget: Expr | undefined;

  /** `= rhs` or `<= rhs` (maybe with a timing control), a compound form, or nothing (a task call); built once. */
  private readonly assignmentTail: OrMethodOpts<{ nonblocking: boolean; control?: TimingControl; rhs: Expr; compound?: string } | undefined> = { IGNORE_AMBIGUITIES: true, DEF: [
    alt(() => {
      const nonblocking = this.OR2(this.assignmentOperators);
      const control = this.OPTION(this.assignmentControl);
      return { nonblocking, control, rhs: this.SUBRULE(this.expression) };
    }),
    gatedAlt(() => this.LA(2).tokenType === op('=') || this.LA(2).tokenType === this.LA(1).tokenType, () => {
      const rhs = this.SUBRULE(this.compoundTail, { ARGS: [this.currentTarget as Expr] });
      return { nonblocking: false, rhs, compound: rhs?.kind === 'binary' ? rhs.op : undefined };
    }),
    alt(() => undefined),
  ]};
  private readonly assignmentOperators: IOrAlt<boolean>[] = [
    alt(() => { this.CONSUME(op('=')); return false; }),
    alt(() => { this.CONSUME(op('<=')); return true; }),
  ];
  private readonly assignmentControl = (): TimingControl => this.SUBRULE(this.timingControl);
  private caseStatement = this.RULE('caseStatement', (attrs: Attribute[]): Stmt => {
    const start = this.LA(1);
    const caseKind = this.OR(this.caseKeywords) as 'case' | 'casez' | 'casex';
    const expr = this.SUBRULE(this.parenExpression);
    const items: CaseItem<Stmt>[] = [];
    this.AT_LEAST_ONE(() => {
      const labels = this.SUBRULE(this.caseLabels);
      items.push({ labels, body: this.SUBRULE(this.statement) });
    });
    this.CONSUME(kw('endcase'));
    return { kind: 'case', caseKind, expr, items, attrs, loc: this.span(start) };
  });

  private readonly caseKeywords: IOrAlt<string>[] = [
    alt(() => this.CONSUME(kw('case')).image),
    alt(() => this.CONSUME(kw('casez')).image),
    alt(() => this.CONSUME(kw('casex')).image),
  ];

  /** `a, b :` or `default [:]`; an empty list means default. */
  caseLabels = this.RULE('caseLabels', (): Expr[] => this.OR(this.caseLabelAlternatives));
  private readonly caseLabelAlternatives: IOrAlt<Expr[]>[] = [
    alt(() => {
      this.CONSUME(kw('default'));
      this.OPTION(this.optionalColon);
      return [];
    }),
    alt(() => {
      const labels = this.SUBRULE(this.expressionList);
      this.CONSUME2(op(':'));
      return labels;
    }),
  ];
  private readonly optionalColon = () => this.CONSUME(op(':'));

  /** `begin [: name] decls statements end` or the `fork ... join` form. */
  private block = this.RULE('block', (attrs: Attribute[]): Stmt => {
    const start = this.LA(1);
    const fork = this.OR(this.blockOpeners);
    const name = this.OPTION(() => {
      this.CONSUME(op(':'));
      return this.SUBRULE(this.ident);
    });
    const decls: ModuleItem[] = [];
    const body: Stmt[] = [];
    this.MANY(() => {
      this.OR2([
        gatedAlt(() => this.startsBlockDeclaration(), () => decls.push(this.SUBRULE(this.declarationItem))),
        alt(() => body.push(this.SUBRULE(this.statement))),
      ]);
    });
    this.OR3(this.blockClosers);
    this.OPTION2(() => this.SUBRULE(this.endLabel, { ARGS: [name, 'block'] }));
    const loc = this.span(start);
    return (name === undefined ? { kind: 'block', fork, decls, body, attrs, loc } : { kind: 'block', fork, name, decls, body, attrs, loc }) as Stmt;
  });

  /** `begin` or `fork` (true). */
  private readonly blockOpeners: IOrAlt<boolean>[] = [
    alt(() => { this.CONSUME(kw('begin')); return false; }),
    alt(() => { this.CONSUME(kw('fork')); return true; }),
  ];
  private readonly blockClosers: IOrAlt<unknown>[] = [alt(() => this.CONSUME(kw('end'))), alt(() => this.CONSUME(kw('join')))];

  /** Is the next item (after attributes) a declaration? Decided by its first keyword. */
  protected startsBlockDeclaration(): boolean {
    let k = 1;
    while (this.LA(k).tokenType === op('(*')) {
      while (this.LA(k).tokenType !== op('*)') && this.LA(k).image !== undefined && k < 10_000) k++;
      k++;
    }
    const t = this.LA(k);
    return declarationStarts.has(t.image) && t.tokenType !== Identifier;
  }

}

const declarationStarts = new Set([
  'reg', 'integer', 'real', 'realtime', 'time', 'event', 'parameter', 'localparam', 'input', 'output', 'inout',
  'wire', 'genvar', 'specparam', 'tri', 'supply0', 'supply1', 'wand', 'wor', 'tri0', 'tri1', 'triand', 'trior', 'trireg', 'uwire',
]);
