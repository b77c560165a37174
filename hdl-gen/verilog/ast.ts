// A typed subset of Verilog-2005, enough for the generated designs: expressions, procedural
// statements, module items and modules. Generators build these values; print.ts renders them.

export type BinaryOp =
  | '+' | '-' | '*' | '&' | '|' | '^' | '<<' | '>>' | '>>>' | '<<<'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
export type UnaryOp = '~' | '!' | '-' | '&' | '|' | '^';

export type Expr =
  | { readonly kind: 'ref'; readonly name: string }
  /** A sized literal (`8'd5`, `32'h7fc00000`); width undefined prints a plain decimal integer. */
  | { readonly kind: 'literal'; readonly value: bigint; readonly width?: number; readonly signed?: boolean }
  | { readonly kind: 'index'; readonly base: Expr; readonly index: Expr }
  | { readonly kind: 'slice'; readonly base: Expr; readonly msb: number; readonly lsb: number }
  /** `base[start +: width]` */
  | { readonly kind: 'part'; readonly base: Expr; readonly start: Expr; readonly width: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'concat'; readonly parts: readonly Expr[] }
  | { readonly kind: 'repeat'; readonly count: number; readonly operand: Expr }
  | { readonly kind: 'cast'; readonly to: 'signed' | 'unsigned'; readonly operand: Expr };

export type Stmt =
  /** `lhs <= rhs` (clocked blocks) or `lhs = rhs` (combinational blocks). */
  | { readonly kind: 'assign'; readonly blocking: boolean; readonly lhs: Expr; readonly rhs: Expr }
  | { readonly kind: 'if'; readonly test: Expr; readonly then: readonly Stmt[]; readonly else?: readonly Stmt[] }
  | { readonly kind: 'case'; readonly subject: Expr; readonly arms: readonly CaseArm[]; readonly default?: readonly Stmt[] }
  /** `for (v = from; v < to; v = v + 1)` over an integer loop variable. */
  | { readonly kind: 'for'; readonly variable: string; readonly from: number; readonly to: number; readonly body: readonly Stmt[] }
  | { readonly kind: 'comment'; readonly text: string };

export interface CaseArm {
  readonly labels: readonly Expr[];
  readonly body: readonly Stmt[];
}

export interface NetDecl {
  readonly kind: 'net';
  readonly net: 'wire' | 'reg' | 'integer';
  readonly name: string;
  /** Bit width (1 prints no range). */
  readonly width: number;
  readonly signed?: boolean;
  /** Unpacked array depth(s): `reg [31:0] mem [0:depth-1]`. */
  readonly depth?: readonly number[];
  readonly comment?: string;
}

export type Item =
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'localparam'; readonly name: string; readonly value: Expr; readonly comment?: string }
  | NetDecl
  | { readonly kind: 'assign'; readonly lhs: Expr; readonly rhs: Expr }
  /** `always @(posedge clock)` with non-blocking assignments, or `always @*`. */
  | { readonly kind: 'always'; readonly clock?: string; readonly body: readonly Stmt[] }
  | { readonly kind: 'instance'; readonly module: string; readonly name: string; readonly params?: Readonly<Record<string, Expr>>; readonly ports: Readonly<Record<string, Expr>> }
  | { readonly kind: 'generate-for'; readonly genvar: string; readonly from: number; readonly to: number; readonly label: string; readonly items: readonly Item[] };

export interface Port {
  readonly dir: 'input' | 'output';
  readonly name: string;
  readonly width: number;
  readonly signed?: boolean;
  /** Outputs driven from always blocks are `output reg`. */
  readonly reg?: boolean;
  readonly comment?: string;
}

export interface Parameter {
  readonly name: string;
  readonly value: Expr;
}

export interface Module {
  readonly name: string;
  readonly comment?: string;
  readonly params?: readonly Parameter[];
  readonly ports: readonly Port[];
  readonly items: readonly Item[];
}

/** One generated file: a header comment (the configuration) and its modules. */
export interface SourceFile {
  readonly header: readonly string[];
  readonly modules: readonly Module[];
}
