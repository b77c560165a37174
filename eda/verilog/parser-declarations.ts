/**
 * Parser layer 2: declarations of ports, nets, variables, parameters and genvars, with data
 * types, strengths, delays, arrays and initialisers.
 */
import { alt, gated, separated } from './parser-helpers.ts';
import type { DataType, Declarator, Direction, Expr, ModuleItem, Range, TimingControl } from './ast.ts';
import { ExpressionParser } from './parser-expressions.ts';
import { Identifier, kw, NumberLiteral, op, RealLiteral, type Keyword } from './tokens.ts';

export const netTypeWords: Keyword[] = [
  'wire', 'tri', 'tri0', 'tri1', 'supply0', 'supply1', 'wand', 'wor', 'triand', 'trior', 'trireg', 'uwire',
];
export const variableTypeWords: Keyword[] = ['reg', 'integer', 'real', 'realtime', 'time', 'event', 'genvar'];
export const strengthWords: Keyword[] = [
  'supply0', 'supply1', 'strong0', 'strong1', 'pull0', 'pull1', 'weak0', 'weak1', 'highz0', 'highz1', 'small', 'medium', 'large',
];
/** SystemVerilog data-type names accepted where Verilog expects a net or variable type. */
/** Type words that are not Verilog-2005 keywords: SystemVerilog's `logic`, `bit`; Verilog-AMS's `wreal` (a real-valued net). */
export const svTypeNames = new Set(['logic', 'bit', 'wreal']);

export class DeclarationParser extends ExpressionParser {
  declarationItem = this.RULE('declarationItem', (): ModuleItem => {
    const start = this.LA(1);
    const attrs = this.SUBRULE(this.attributes);
    const item = this.OR([
      alt(() => this.SUBRULE(this.portDeclaration)),
      alt(() => this.SUBRULE(this.netDeclaration)),
      alt(() => this.SUBRULE(this.parameterDeclaration)),
    ]);
    this.CONSUME(op(';'));
    return this.ACTION(() => ({ ...item, attrs, loc: this.span(start) }) as ModuleItem) ?? item;
  });

  /** `input wire signed [7:0] a, b` (no semicolon: ANSI headers reuse it). */
  portDeclaration = this.RULE('portDeclaration', (): ModuleItem => {
    const direction = this.OR([
      alt(() => this.CONSUME(kw('input')).image),
      alt(() => this.CONSUME(kw('output')).image),
      alt(() => this.CONSUME(kw('inout')).image),
    ]) as Direction;
    const dataType = this.SUBRULE(this.dataType);
    const declarators = this.SUBRULE(this.declarators);
    return { kind: 'port-decl', direction, dataType, declarators } as ModuleItem;
  });

  /** A net or variable declaration without the semicolon. */
  netDeclaration = this.RULE('netDeclaration', (): ModuleItem => {
    const type = this.OR([...netTypeWords, ...variableTypeWords].map((w) => alt(() => this.CONSUME(kw(w)).image)));
    return this.SUBRULE(this.netDeclarationRest, { ARGS: [type] });
  });

  /** `logic [3:0] x` (SystemVerilog): only tried where the caller checked the type name. */
  svNetDeclaration = this.RULE('svNetDeclaration', (): ModuleItem => {
    const type = this.CONSUME(Identifier).image;
    return this.SUBRULE(this.netDeclarationRest, { ARGS: [type] });
  });

  private netDeclarationRest = this.RULE('netDeclarationRest', (type: string): ModuleItem => {
    const strength = this.OPTION(() => this.SUBRULE(this.strength));
    const vectoring = this.OPTION2(() =>
      this.OR2([alt(() => this.CONSUME(kw('vectored')).image), alt(() => this.CONSUME(kw('scalared')).image)]),
    ) as 'vectored' | 'scalared' | undefined;
    // `wire real x`: a real-valued net (SystemVerilog 6.7.1; iverilog and Verilator take it in Verilog mode).
    // `reg real x`: a real variable written as iverilog allows (an extension; elaboration warns).
    const real = this.OPTION5({ GATE: () => type === 'reg' || (netTypeWords as string[]).includes(type), DEF: () => this.CONSUME(kw('real')) !== undefined });
    // `reg bool [7:0] x`, `reg logic x`: iverilog's two- and four-state words (an extension; elaboration warns).
    const regKind = this.OPTION6({
      GATE: () => type === 'reg' && this.LA(1).tokenType === Identifier && (this.LA(1).image === 'bool' || this.LA(1).image === 'logic') && this.LA(2).tokenType !== op(',') && this.LA(2).tokenType !== op(';') && this.LA(2).tokenType !== op('='),
      DEF: () => this.CONSUME(Identifier).image,
    });
    const signed = this.SUBRULE(this.signedness);
    const packed: Range[] = [];
    this.MANY(() => packed.push(this.SUBRULE(this.range)));
    const range = packed.shift();
    const delay = this.OPTION4(() => this.SUBRULE(this.declarationDelay));
    const declarators = this.SUBRULE(this.declarators);
    const dataType: DataType = range ? { type, signed, range } : { type, signed };
    if (real) dataType.real = true;
    if (regKind) dataType.regKind = regKind;
    if (packed.length > 0) dataType.packed = packed;
    const item: Record<string, unknown> = { kind: 'net-decl', dataType, declarators };
    if (strength) item.strength = strength;
    if (vectoring) item.vectoring = vectoring;
    if (delay) item.delay = delay;
    return item as unknown as ModuleItem;
  });

  /** `parameter [signed] [range | integer | real ...] A = 1, B = 2` (also localparam, specparam). */
  parameterDeclaration = this.RULE('parameterDeclaration', (): ModuleItem => {
    const keyword = this.OR([
      alt(() => this.CONSUME(kw('parameter')).image),
      alt(() => this.CONSUME(kw('localparam')).image),
      alt(() => this.CONSUME(kw('specparam')).image),
    ]);
    const dataType = this.SUBRULE(this.parameterType);
    const declarators = this.SUBRULE(this.declarators);
    return { kind: 'param-decl', local: keyword === 'localparam', specparam: keyword === 'specparam', dataType, declarators } as ModuleItem;
  });

  parameterType = this.RULE('parameterType', (): DataType => {
    const type = this.OPTION(gated(() => this.svTypeAhead(), () =>
        this.OR([
          ...(['integer', 'real', 'realtime', 'time'] as const).map((w) => alt(() => this.CONSUME(kw(w)).image)),
          alt(() => this.CONSUME(Identifier).image),
        ])));
    return this.SUBRULE(this.typeTail, { ARGS: [type] });
  });

  /** `[wire|reg|...] [signed] [range]` after a direction. */
  dataType = this.RULE('dataType', (): DataType => {
    const type = this.OPTION(gated(() => this.svTypeAhead(), () =>
        this.OR([
          ...[...netTypeWords, ...variableTypeWords].map((w) => alt(() => this.CONSUME(kw(w)).image)),
          alt(() => this.CONSUME(Identifier).image),
        ])));
    // `input wire real x`, `output reg real y`: real-valued ports (Verilog-AMS, SystemVerilog; iverilog takes them).
    const real = this.OPTION2({ GATE: () => type === 'reg' || (netTypeWords as string[]).includes(type ?? ''), DEF: () => this.CONSUME2(kw('real')) !== undefined });
    const dt = this.SUBRULE(this.typeTail, { ARGS: [type] });
    return real ? { ...dt, real: true } : dt;
  });

  /** `[signed|unsigned] [range]` after an optional type word, as a data type. */
  typeTail = this.RULE('typeTail', (type: string | undefined): DataType => {
    const signed = this.SUBRULE(this.signedness);
    const packed: Range[] = [];
    this.MANY(() => packed.push(this.SUBRULE(this.range)));
    const range = packed.shift();
    const dt: DataType = { signed };
    if (type !== undefined) dt.type = type;
    if (range) dt.range = range;
    if (packed.length > 0) dt.packed = packed;
    return dt;
  });

  /**
   * Not at a plain name, or at a SystemVerilog type name (`logic`, `bit`) that is followed by
   * what a declaration continues with rather than by what ends a port or parameter name.
   */
  protected svTypeAhead(): boolean {
    if (this.LA(1).tokenType !== Identifier) return true;
    if (!svTypeNames.has(this.LA(1).image)) return false;
    const next = this.LA(2).tokenType;
    return next !== op(',') && next !== op(')') && next !== op(';') && next !== op('=');
  }

  signedness = this.RULE('signedness', (): boolean =>
    this.OPTION(() => this.OR([alt(() => this.CONSUME(kw('signed')) && true), alt(() => this.CONSUME(kw('unsigned')) && false)])) ?? false,
  );

  /** `a, b[3:0] = x, c`; a comma not followed by a name ends the list (ANSI port lists go on with `input ...`). */
  declarators = this.RULE('declarators', (): Declarator[] => {
    const list: Declarator[] = [this.SUBRULE(this.declarator)];
    this.MANY(gated(() => this.LA(2).tokenType === Identifier, () => {
        this.CONSUME(op(','));
        list.push(this.SUBRULE2(this.declarator));
      }));
    return list;
  });

  private declarator = this.RULE('declarator', (): Declarator => {
    const start = this.LA(1);
    const name = this.SUBRULE(this.ident);
    const dims: Range[] = [];
    this.MANY(() => dims.push(this.SUBRULE(this.unpackedDimension)));
    const init = this.OPTION(() => {
      this.CONSUME(op('='));
      return this.SUBRULE(this.mintypmax);
    });
    const d: Declarator = { name, dims, loc: this.span(start) };
    if (init) d.init = init;
    return d;
  });

  /** `(strong0, weak1)`, `(supply0)`, `(small)`: the keywords in order. */
  strength = this.RULE('strength', (): string[] => {
    this.CONSUME(op('('));
    const words: string[] = [];
    this.AT_LEAST_ONE_SEP(separated(op(','), () => words.push(this.OR(strengthWords.map((w) => alt(() => this.CONSUME(kw(w)).image))))));
    this.CONSUME(op(')'));
    return words;
  });

  /** A delay on a declaration, gate or continuous assign: `#5`, `#(1, 2)`, `#d`. */
  declarationDelay = this.RULE('declarationDelay', (): TimingControl => {
    this.CONSUME(op('#'));
    const values = this.OR([
      alt(() => [{ kind: 'number', text: this.CONSUME(NumberLiteral).image.replace(/\s+/g, ''), loc: this.span(this.LA(0)) } as Expr]),
      alt(() => [{ kind: 'real', text: this.CONSUME(RealLiteral).image, loc: this.span(this.LA(0)) } as Expr]),
      alt(() => [{ kind: 'id', name: this.SUBRULE(this.ident), loc: this.span(this.LA(0)) } as Expr]),
      alt(() => {
          this.CONSUME(op('('));
          const list: Expr[] = [];
          this.AT_LEAST_ONE_SEP(separated(op(','), () => list.push(this.SUBRULE(this.mintypmax))));
          this.CONSUME(op(')'));
          return list;
        }),
    ]);
    return { kind: 'delay', values };
  });
}
