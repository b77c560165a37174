/**
 * Parser layer 5, the top: source files, modules (ANSI and non-ANSI headers, header
 * parameters) and UDP definitions (combinational and sequential tables).
 */
import { alt, gated, separated } from './parser-helpers.ts';
import type { Description, Expr, HeaderPort, ModuleDecl, ModuleItem, UdpDecl } from './ast.ts';
import { ItemParser } from './parser-items.ts';
import type { VerilogToken } from './lexer.ts';
import { AnyToken, kw, op } from './tokens.ts';

type ParamDecl = ModuleItem & { kind: 'param-decl' };
type PortDecl = ModuleItem & { kind: 'port-decl' };

export class VerilogParser extends ItemParser {
  sourceText = this.RULE('sourceText', (): Description[] => {
    const list: Description[] = [];
    this.MANY(() => list.push(this.SUBRULE(this.description)));
    return list;
  });

  private description = this.RULE('description', (): Description => {
    const start = this.LA(1);
    const attrs = this.SUBRULE(this.attributes);
    const d = this.OR([
      alt(() => this.SUBRULE(this.moduleDeclaration)),
      alt(() => this.SUBRULE(this.udpDeclaration)),
      alt(() => this.SUBRULE(this.functionDeclaration) as Description),
      alt(() => this.SUBRULE(this.taskDeclaration) as Description),
    ]);
    return this.ACTION(() => ({ ...d, attrs, loc: this.span(start) }) as Description) ?? d;
  });

  private moduleDeclaration = this.RULE('moduleDeclaration', (): ModuleDecl => {
    const keywordToken = this.OR([
      alt(() => this.CONSUME(kw('module'))),
      alt(() => this.CONSUME(kw('macromodule'))),
    ]) as VerilogToken;
    const keyword = keywordToken?.image as ModuleDecl['keyword'];
    const name = this.SUBRULE(this.ident);
    const parameters = this.OPTION(() => this.SUBRULE(this.headerParameters)) ?? [];
    const ports = this.OPTION2(() => this.SUBRULE(this.headerPorts)) ?? [];
    this.CONSUME(op(';'));
    const items: ModuleItem[] = [];
    this.MANY(() => items.push(this.SUBRULE(this.moduleItem)));
    this.CONSUME(kw('endmodule'));
    this.OPTION3(() => this.SUBRULE(this.endLabel, { ARGS: [name, 'module'] }));
    const m: ModuleDecl = { kind: 'module', keyword, name, parameters, ports, items, attrs: [], loc: this.span(this.LA(0)) };
    if (keywordToken?.nettype !== undefined) m.defaultNettype = keywordToken.nettype;
    return m;
  });

  /** `#(parameter A = 1, B = 2, localparam C = 3)`; names without a keyword extend the previous one. */
  private headerParameters = this.RULE('headerParameters', (): ParamDecl[] => {
    this.CONSUME(op('#'));
    this.CONSUME(op('('));
    const decls: ParamDecl[] = [];
    this.MANY_SEP(separated(op(','), () => {
        const start = this.LA(1);
        const attrs = this.SUBRULE(this.attributes);
        const head = this.OPTION(() => {
          const keyword = this.OR([
            alt(() => this.CONSUME(kw('parameter')).image),
            alt(() => this.CONSUME(kw('localparam')).image),
          ]);
          return { keyword, dataType: this.SUBRULE(this.parameterType) };
        });
        const declarators = this.SUBRULE(this.declarators);
        this.ACTION(() => {
          const previous = decls[decls.length - 1];
          if (head || !previous) {
            decls.push({
              kind: 'param-decl', local: head?.keyword === 'localparam', specparam: false,
              dataType: head?.dataType ?? { signed: false }, declarators, attrs, loc: this.span(start),
            });
          } else previous.declarators.push(...(declarators ?? []));
        });
      }));
    this.CONSUME(op(')'));
    return decls;
  });

  /** The port list; ANSI declarations absorb the plain names that follow them; entries may be empty. */
  private headerPorts = this.RULE('headerPorts', (): HeaderPort[] => {
    this.CONSUME(op('('));
    const ports: HeaderPort[] = [];
    this.SUBRULE(this.headerPort, { ARGS: [ports] });
    this.MANY(() => {
      this.CONSUME(op(','));
      this.SUBRULE2(this.headerPort, { ARGS: [ports] });
    });
    this.CONSUME(op(')'));
    // `()` declares no ports rather than one empty one.
    return ports.length === 1 && ports[0].kind === 'expr' && ports[0].name === undefined && ports[0].expr === undefined ? [] : ports;
  });

  private headerPort = this.RULE('headerPort', (ports: HeaderPort[]): void => {
    const start = this.LA(1);
    const attrs = this.SUBRULE(this.attributes);
    this.OR([
      alt(() => {
          const decl = this.SUBRULE(this.portDeclaration) as PortDecl;
          this.ACTION(() => ports.push({ kind: 'ansi', decl: { ...decl, attrs, loc: this.span(start) } }));
        }),
      alt(() => {
          this.CONSUME(op('.'));
          const name = this.SUBRULE(this.ident);
          this.CONSUME2(op('('));
          const expr = this.OPTION2(() => this.SUBRULE(this.expression));
          this.CONSUME2(op(')'));
          this.ACTION(() => ports.push(expr ? { kind: 'expr', name, expr, loc: this.span(start) } : { kind: 'expr', name, loc: this.span(start) }));
        }),
      alt(() => {
          const expr = this.SUBRULE2(this.expression);
          this.ACTION(() => {
            if (!expr) return; // a recovered parse error
            const last = ports[ports.length - 1];
            if (expr.kind === 'id' && last?.kind === 'ansi') {
              last.decl.declarators.push({ name: expr.name, dims: [], loc: expr.loc });
            } else if (expr.kind === 'id') ports.push({ kind: 'name', name: expr.name, loc: expr.loc });
            else ports.push({ kind: 'expr', expr, loc: expr.loc });
          });
        }),
      // An empty entry: `module m(a, , b)`.
      alt(() => { this.ACTION(() => ports.push({ kind: 'expr', loc: this.span(start) })); }),
    ]);
  });

  private udpDeclaration = this.RULE('udpDeclaration', (): UdpDecl => {
    this.CONSUME(kw('primitive'));
    const name = this.SUBRULE(this.ident);
    this.CONSUME(op('('));
    const ports: string[] = [];
    const items: ModuleItem[] = [];
    let ansiInitial: { name: string; value: Expr } | undefined;
    this.OR([
      alt(() => this.AT_LEAST_ONE_SEP(separated(op(','), () => ports.push(this.SUBRULE2(this.ident))))),
      // ANSI-style header: `primitive p (output reg q = 0, input a, b);`, read as the equivalent
      // non-ANSI form (port names, declarations in the body, an initial statement).
      alt(() => this.AT_LEAST_ONE_SEP2(separated(op(','), () => {
          const start = this.LA(1);
          const decl = this.SUBRULE(this.portDeclaration) as PortDecl;
          this.ACTION(() => {
            // After error recovery a declaration may be partial: keep what was read.
            if (!decl?.dataType) return;
            const read = (decl.declarators ?? []).filter((d) => d !== undefined);
            const loc = this.span(start);
            const declarators = read.map((d) => ({ name: d.name, dims: d.dims, loc: d.loc }));
            for (const d of read) {
              ports.push(d.name);
              if (d.init) ansiInitial = { name: d.name, value: d.init };
            }
            const { type, ...portType } = decl.dataType;
            items.push({ kind: 'port-decl', direction: decl.direction, dataType: portType, declarators, attrs: [], loc });
            if (type === 'reg') items.push({ kind: 'net-decl', dataType: { type: 'reg', signed: false }, declarators: declarators.map((d) => ({ ...d })), attrs: [], loc });
          });
        }))),
    ]);
    this.CONSUME(op(')'));
    this.CONSUME(op(';'));
    this.MANY(() => items.push(this.SUBRULE(this.declarationItem)));
    const initial = this.OPTION(() => {
      this.CONSUME(kw('initial'));
      const target = this.SUBRULE3(this.ident);
      this.CONSUME(op('='));
      const value: Expr = this.SUBRULE(this.expression);
      this.CONSUME2(op(';'));
      return { name: target, value };
    });
    this.CONSUME(kw('table'));
    const table: string[][] = [];
    const rowLines: number[] = [];
    let row: string[] = [];
    this.MANY2(gated(() => this.LA(1).tokenType !== kw('endtable'), () => {
        const t = this.CONSUME(AnyToken);
        this.ACTION(() => {
          if (row.length === 0 && t.image !== ';') rowLines.push(t.startLine ?? 0);
          if (t.image === ';') { table.push(row); row = []; } else row.push(...tableSymbols(t.image));
        });
      }));
    this.CONSUME(kw('endtable'));
    this.CONSUME(kw('endprimitive'));
    const closed = this.ACTION(() => foldEdges(table));
    const udp: UdpDecl = { kind: 'primitive', name, ports, items, table: closed ?? table, rowLines, attrs: [], loc: this.span(this.LA(0)) };
    const init = initial ?? ansiInitial;
    if (init) udp.initial = init;
    return udp;
  });

  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }
}

/** Splits a token of a table row into its one-character symbols (`01x` is three inputs). */
function tableSymbols(image: string): string[] {
  return image === ':' || image === '(' || image === ')' ? [image] : [...image.replace(/_/g, '')];
}

/** Joins `(`, `0`, `1`, `)` into the edge symbol `(01)`. */
function foldEdges(table: string[][]): string[][] {
  return table.map((row) => {
    const out: string[] = [];
    for (let k = 0; k < row.length; k++) {
      if (row[k] === '(' && row[k + 3] === ')') {
        out.push(`(${row[k + 1]}${row[k + 2]})`);
        k += 3;
      } else out.push(row[k]);
    }
    return out;
  });
}
