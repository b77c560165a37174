/**
 * Parser layer 4: module items: continuous assigns, processes, module/UDP/gate instances,
 * defparam, functions, tasks, generate regions (for/if/case/blocks), specify blocks.
 */
import type { IOrAlt, OrMethodOpts } from 'chevrotain';
import { alt, gated, gatedAlt, separated } from './parser-helpers.ts';
import type { Attribute, CaseItem, Connection, DataType, Expr, Instance, ModuleItem, Range, Stmt } from './ast.ts';
import { gatePrimitives } from './netlist-parser.ts';
import { strengthWords, svTypeNames } from './parser-declarations.ts';
import { StatementParser } from './parser-statements.ts';
import { AnyToken, Identifier, kw, NumberLiteral, op, RealLiteral, StringLiteral, SvProcessKeyword, SystemIdentifier, type Keyword } from './tokens.ts';

const gateWords = [...gatePrimitives] as Keyword[];

export class ItemParser extends StatementParser {
  moduleItem = this.RULE('moduleItem', (): ModuleItem => {
    const start = this.LA(1);
    const attrs = this.SUBRULE(this.attributes);
    const item = this.SUBRULE(this.moduleItemBody, { ARGS: [attrs] });
    return this.ACTION(() => ({ ...item, attrs, loc: this.span(start) }) as ModuleItem) ?? item;
  });

  private moduleItemBody = this.RULE('moduleItemBody', (attrs: Attribute[]): ModuleItem => {
    this.itemAttrs = attrs;
    return this.OR(this.moduleItemAlternatives);
  });
  /** The attributes of the item being read, for the generate-block alternative (read before any nested item). */
  private itemAttrs: Attribute[] = [];
  /** Built once rather than on every item (see parser-expressions.ts). */
  // Ordered choice: gates separate SystemVerilog type names and always_* from instances.
  private readonly moduleItemAlternatives: OrMethodOpts<ModuleItem> = { IGNORE_AMBIGUITIES: true, DEF: [
      alt(() => {
          const process = this.OR3([
            alt(() => this.CONSUME(kw('always')).image),
            alt(() => this.CONSUME(kw('initial')).image),
            alt(() => this.CONSUME(SvProcessKeyword).image),
          ]) as 'always' | 'initial';
          return { kind: 'process', process, body: this.SUBRULE(this.statement) } as ModuleItem;
        }),
      gatedAlt(() => this.LA(1).tokenType !== Identifier || (svTypeNames.has(this.LA(1).image) && this.LA(2).tokenType !== op('(')), () => {
          const item = this.OR2([
            alt(() => this.SUBRULE(this.portDeclaration)),
            alt(() => this.SUBRULE(this.netDeclaration)),
            alt(() => this.SUBRULE(this.svNetDeclaration)),
            alt(() => this.SUBRULE(this.parameterDeclaration)),
          ]);
          this.CONSUME(op(';'));
          return item;
        }),
      alt(() => this.SUBRULE(this.continuousAssign)),
      alt(() => this.SUBRULE(this.gateInstances)),
      alt(() => this.SUBRULE(this.moduleInstances)),
      alt(() => {
          this.CONSUME(kw('defparam'));
          const assignments = this.SUBRULE(this.assignmentList);
          this.CONSUME2(op(';'));
          return { kind: 'defparam', assignments } as ModuleItem;
        }),
      alt(() => this.SUBRULE(this.functionDeclaration)),
      alt(() => this.SUBRULE(this.taskDeclaration)),
      alt(() => {
          this.CONSUME(kw('generate'));
          const items: ModuleItem[] = [];
          this.MANY(() => items.push(this.SUBRULE(this.moduleItem)));
          this.CONSUME(kw('endgenerate'));
          return { kind: 'generate', items } as ModuleItem;
        }),
      alt(() => this.SUBRULE(this.generateFor)),
      alt(() => this.SUBRULE(this.generateIf)),
      alt(() => this.SUBRULE(this.generateCase)),
      alt(() => this.SUBRULE(this.generateBlock, { ARGS: [this.itemAttrs] })),
      alt(() => this.SUBRULE(this.specifyBlock)),
      gatedAlt(() => this.LA(1).image === '$attribute', () => this.SUBRULE(this.icarusAttribute)),
    ]};

  /** iverilog's `$attribute(name, "key", "value");`: an attribute of a net, variable or instance named before. */
  private icarusAttribute = this.RULE('icarusAttribute', (): ModuleItem => {
    this.CONSUME(SystemIdentifier);
    this.CONSUME(op('('));
    const targetToken = this.LA(1);
    const target = this.SUBRULE(this.ident);
    const targetLoc = this.span(targetToken);
    this.CONSUME(op(','));
    const key = this.CONSUME(StringLiteral).image;
    this.CONSUME2(op(','));
    const value = this.CONSUME2(StringLiteral).image;
    this.CONSUME(op(')'));
    this.CONSUME(op(';'));
    return { kind: 'icarus-attribute', target, targetLoc, key, value } as ModuleItem;
  });

  private continuousAssign = this.RULE('continuousAssign', (): ModuleItem => {
    this.CONSUME(kw('assign'));
    const strength = this.OPTION(() => this.SUBRULE(this.strength));
    const delay = this.OPTION2(() => this.SUBRULE(this.declarationDelay));
    const assignments = this.SUBRULE(this.assignmentList);
    this.CONSUME(op(';'));
    const item: Record<string, unknown> = { kind: 'assign', assignments };
    if (strength) item.strength = strength;
    if (delay) item.delay = delay;
    return item as unknown as ModuleItem;
  });

  private assignmentList = this.RULE('assignmentList', (): { lhs: Expr; rhs: Expr }[] => {
    const list: { lhs: Expr; rhs: Expr }[] = [];
    this.AT_LEAST_ONE_SEP(separated(op(','), () => {
        const lhs = this.SUBRULE(this.lvalue);
        this.CONSUME(op('='));
        list.push({ lhs, rhs: this.SUBRULE(this.expression) });
      }));
    return list;
  });

  /** `nand #1 g1 (o, a, b), g2 (p, c, d);` with optional strength, delay and names. */
  private gateInstances = this.RULE('gateInstances', (): ModuleItem => {
    const type = this.OR(gateWords.map((w) => alt(() => this.CONSUME(kw(w)).image)));
    const strength = this.OPTION(() => this.SUBRULE(this.strength));
    const delay = this.OPTION2(() => this.SUBRULE(this.declarationDelay));
    const instances = this.SUBRULE(this.instanceList);
    const item: Record<string, unknown> = { kind: 'instance', type, instances };
    if (strength) item.strength = strength;
    if (delay) item.delay = delay;
    return item as unknown as ModuleItem;
  });

  /** `mod #(.W(8)) u1 (.a(x), .b()), u2 (y, , z);` (also UDP instances). */
  private moduleInstances = this.RULE('moduleInstances', (): ModuleItem => {
    const type = this.SUBRULE(this.ident);
    // A UDP instance may have a drive strength: `udp (strong0, strong1) #1 u (...)`.
    const strength = this.OPTION2(gated(() => strengthWords.includes(this.LA(2).image as Keyword), () => this.SUBRULE(this.strength)));
    const parameters = this.OPTION(() => {
      this.CONSUME(op('#'));
      return this.OR({
        IGNORE_AMBIGUITIES: true, // `#(...)` is a parameter list, never a parenthesised value
        DEF: [
        alt(() => this.SUBRULE(this.connectionList)),
        alt(() => [{ expr: this.SUBRULE(this.delayValue) }] as Connection[]),
      ]});
    });
    const instances = this.SUBRULE(this.instanceList);
    const item = (parameters ? { kind: 'instance', type, parameters, instances } : { kind: 'instance', type, instances }) as ModuleItem & { kind: 'instance' };
    if (strength) item.strength = strength;
    return item;
  });

  /** A bare `#` value of a parameter override or UDP delay: a number or a name. */
  private delayValue = this.RULE('delayValue', (): Expr => {
    const start = this.LA(1);
    return this.OR([
      alt(() => ({ kind: 'id', name: this.SUBRULE(this.ident), loc: this.span(start) }) as Expr),
      alt(() => ({ kind: 'number', text: this.CONSUME(NumberLiteral).image.replace(/\s+/g, ''), loc: this.span(start) }) as Expr),
      alt(() => ({ kind: 'real', text: this.CONSUME(RealLiteral).image, loc: this.span(start) }) as Expr),
    ]);
  });

  private instanceList = this.RULE('instanceList', (): Instance[] => {
    const list: Instance[] = [];
    this.AT_LEAST_ONE_SEP(separated(op(','), () => {
        const start = this.LA(1);
        const name = this.OPTION(() => this.SUBRULE(this.ident));
        const dims: Range[] = [];
        this.MANY(() => dims.push(this.SUBRULE(this.range)));
        const connections = this.SUBRULE(this.connectionList);
        list.push(name === undefined ? { dims, connections, loc: this.span(start) } : { name, dims, connections, loc: this.span(start) });
      }));
    this.CONSUME(op(';'));
    return list;
  });

  /** `( .a(x), .b() )` or `( x, , y )`. */
  connectionList = this.RULE('connectionList', (): Connection[] => {
    this.CONSUME(op('('));
    const list: Connection[] = [];
    list.push(this.SUBRULE(this.connection));
    this.MANY(() => {
      this.CONSUME(op(','));
      list.push(this.SUBRULE2(this.connection));
    });
    this.CONSUME(op(')'));
    return list.length === 1 && list[0]?.expr === undefined && list[0]?.name === undefined ? [] : list;
  });

  /** `.a(x)`, `.a()`, `x`, or an empty positional slot; attributes may come first (`(* a *) .p(x)`, `(* a *) x`). */
  private connection = this.RULE('connection', (): Connection => {
    this.SUBRULE(this.attributes);
    return this.OR(this.connectionAlternatives);
  });
  /** Built once: a netlist has one connection per pin. */
  private readonly connectionAlternatives: IOrAlt<Connection>[] = [
    alt(() => {
      this.CONSUME(op('.'));
      return this.OR2(this.namedConnectionAlternatives);
    }),
    alt(() => ({ expr: this.SUBRULE2(this.mintypmax) })),
    alt(() => ({})),
  ];
  private readonly connectedExpression = (): Expr => this.SUBRULE(this.mintypmax);
  /** After the `.`: `name(expr)`, `name()`, SystemVerilog's `name` (same as `name(name)`) or `*`. */
  private readonly namedConnectionAlternatives: IOrAlt<Connection>[] = [
    alt(() => {
      const t = this.LA(1);
      const name = this.SUBRULE(this.ident);
      const paren = this.OPTION2(this.parenthesisedConnection);
      if (paren === undefined) return { name, expr: { kind: 'id', name, loc: this.span(t) } };
      return paren.expr ? { name, expr: paren.expr } : { name };
    }),
    alt(() => { this.CONSUME(op('*')); return { name: '*' }; }),
  ];
  private readonly parenthesisedConnection = (): { expr?: Expr } => {
    this.CONSUME(op('('));
    const expr = this.OPTION(this.connectedExpression);
    this.CONSUME(op(')'));
    return expr ? { expr } : {};
  };

  protected functionDeclaration = this.RULE('functionDeclaration', (): ModuleItem => {
    this.CONSUME(kw('function'));
    const automatic = this.OPTION(() => this.CONSUME(kw('automatic'))) !== undefined;
    const returnType = this.SUBRULE(this.functionReturnType);
    const name = this.SUBRULE(this.ident);
    const { ports, items, body } = this.SUBRULE(this.subroutineRest) ?? { ports: [], items: [], body: undefined };
    this.CONSUME(kw('endfunction'));
    this.OPTION2(() => this.SUBRULE(this.endLabel, { ARGS: [name, 'function'] }));
    return { kind: 'function', automatic, returnType, name, ports, items, body } as ModuleItem;
  });

  private functionReturnType = this.RULE('functionReturnType', (): DataType => {
    const type = this.OPTION(gated(() => this.LA(1).tokenType !== Identifier || (svTypeNames.has(this.LA(1).image) && this.LA(2).tokenType !== op(';') && this.LA(2).tokenType !== op('(')), () =>
        this.OR([
          ...(['integer', 'real', 'realtime', 'time', 'reg'] as const).map((w) => alt(() => this.CONSUME(kw(w)).image)),
          alt(() => this.CONSUME(Identifier).image),
        ])));
    return this.SUBRULE(this.typeTail, { ARGS: [type] });
  });

  protected taskDeclaration = this.RULE('taskDeclaration', (): ModuleItem => {
    this.CONSUME(kw('task'));
    const automatic = this.OPTION(() => this.CONSUME(kw('automatic'))) !== undefined;
    const name = this.SUBRULE(this.ident);
    const { ports, items, body } = this.SUBRULE(this.subroutineRest) ?? { ports: [], items: [], body: undefined };
    this.CONSUME(kw('endtask'));
    this.OPTION2(() => this.SUBRULE(this.endLabel, { ARGS: [name, 'task'] }));
    return { kind: 'task', automatic, name, ports, items, body } as ModuleItem;
  });

  /** `[(ansi ports)] ; declarations statement(s)`: several statements become one block. */
  private subroutineRest = this.RULE('subroutineRest', (): { ports: ModuleItem[]; items: ModuleItem[]; body: Stmt } => {
    const ports: ModuleItem[] = [];
    this.OPTION(() => {
      this.CONSUME(op('('));
      this.MANY_SEP(separated(op(','), () => {
          const start = this.LA(1);
          const attrs = this.SUBRULE(this.attributes);
          const p = this.SUBRULE(this.portDeclaration);
          ports.push(this.ACTION(() => ({ ...p, attrs, loc: this.span(start) }) as ModuleItem) ?? p);
        }));
      this.CONSUME(op(')'));
    });
    this.CONSUME(op(';'));
    const items: ModuleItem[] = [];
    const body: Stmt[] = [];
    this.MANY(() => {
      this.OR([
        gatedAlt(() => this.startsBlockDeclaration(), () => items.push(this.SUBRULE(this.declarationItem))),
        alt(() => body.push(this.SUBRULE(this.statement))),
      ]);
    });
    const first = body[0];
    const stmt: Stmt =
      body.length === 1 ? first
        : { kind: 'block', fork: false, decls: [], body, attrs: [], loc: first?.loc ?? this.span(this.LA(0)) };
    return { ports, items, body: stmt };
  });

  private generateFor = this.RULE('generateFor', (): ModuleItem => {
    this.CONSUME(kw('for'));
    this.CONSUME(op('('));
    const declaresGenvar = this.OPTION(() => this.CONSUME(kw('genvar'))) !== undefined;
    const initName = this.SUBRULE(this.ident);
    this.CONSUME(op('='));
    const initValue = this.SUBRULE(this.expression);
    this.CONSUME(op(';'));
    const cond = this.SUBRULE2(this.expression);
    this.CONSUME2(op(';'));
    const step = this.SUBRULE(this.generateStep);
    this.CONSUME(op(')'));
    const body = this.SUBRULE(this.moduleItem);
    const loop = { kind: 'gen-for', init: { name: initName, value: initValue }, cond, step, body } as ModuleItem & { kind: 'gen-for' };
    if (declaresGenvar) loop.declaresGenvar = true;
    return loop;
  });

  /**
   * `i = i + 1`, or SystemVerilog's `i++`, `i--` (Yosys and Verilator take them here; `++i` and
   * `i += 2` only Verilator, so they stay errors).
   */
  private generateStep = this.RULE('generateStep', (): (ModuleItem & { kind: 'gen-for' })['step'] => {
    const start = this.LA(1);
    const name = this.SUBRULE(this.ident);
    const r = this.OR([
      alt(() => { this.CONSUME(op('=')); return { value: this.SUBRULE(this.expression) } as { value?: Expr; compound?: string }; }),
      alt(() => { this.CONSUME(op('+')); this.CONSUME2(op('+')); return { compound: '+' }; }),
      alt(() => { this.CONSUME(op('-')); this.CONSUME2(op('-')); return { compound: '-' }; }),
    ]);
    const loc = this.span(start);
    if (!r?.compound) return { name, value: r?.value as Expr };
    const value: Expr = { kind: 'binary', op: r.compound, left: { kind: 'id', name, loc }, right: { kind: 'number', text: '1', loc }, loc };
    return { name, value, compound: r.compound };
  });

  private generateIf = this.RULE('generateIf', (): ModuleItem => {
    this.CONSUME(kw('if'));
    this.CONSUME(op('('));
    const cond = this.SUBRULE(this.expression);
    this.CONSUME(op(')'));
    const then = this.SUBRULE(this.generateItemOrNull);
    const otherwise = this.OPTION(() => {
      this.CONSUME(kw('else'));
      return this.SUBRULE2(this.generateItemOrNull);
    });
    const item: Record<string, unknown> = { kind: 'gen-if', cond };
    if (then) item.then = then;
    if (otherwise) item.else = otherwise;
    return item as unknown as ModuleItem;
  });

  private generateItemOrNull = this.RULE('generateItemOrNull', (): ModuleItem | undefined =>
    this.OR([alt(() => { this.CONSUME(op(';')); return undefined; }), alt(() => this.SUBRULE(this.moduleItem))]),
  );

  private generateCase = this.RULE('generateCase', (): ModuleItem => {
    this.CONSUME(kw('case'));
    this.CONSUME(op('('));
    const expr = this.SUBRULE(this.expression);
    this.CONSUME(op(')'));
    const items: CaseItem<ModuleItem | undefined>[] = [];
    this.AT_LEAST_ONE(() => {
      const labels = this.SUBRULE(this.caseLabels);
      items.push({ labels, body: this.SUBRULE(this.generateItemOrNull) });
    });
    this.CONSUME(kw('endcase'));
    return { kind: 'gen-case', expr, items } as ModuleItem;
  });

  private generateBlock = this.RULE('generateBlock', (attrs: Attribute[]): ModuleItem => {
    this.CONSUME(kw('begin'));
    const name = this.OPTION(() => {
      this.CONSUME(op(':'));
      return this.SUBRULE(this.ident);
    });
    const items: ModuleItem[] = [];
    this.MANY(() => items.push(this.SUBRULE(this.moduleItem)));
    this.CONSUME(kw('end'));
    this.OPTION2(() => this.SUBRULE(this.endLabel, { ARGS: [name, 'generate block'] }));
    return (name === undefined ? { kind: 'gen-block', items, attrs } : { kind: 'gen-block', name, items, attrs }) as ModuleItem;
  });

  /** Specify blocks are kept as their token images (path delays and timing checks are not analysed). */
  private specifyBlock = this.RULE('specifyBlock', (): ModuleItem => {
    this.CONSUME(kw('specify'));
    const tokens: string[] = [];
    this.MANY(gated(() => this.LA(1).tokenType !== kw('endspecify'), () => tokens.push(this.CONSUME(AnyToken).image)));
    this.CONSUME(kw('endspecify'));
    return { kind: 'specify', tokens } as ModuleItem;
  });
}
