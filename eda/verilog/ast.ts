/**
 * The Verilog-2005 syntax tree. Every node has `loc`: where it starts and ends in the original
 * source (after preprocessing, macro expansions take the position of the macro use). The printer
 * (printer.ts) writes a tree back as text that parses to the same tree, `loc` aside.
 */
/** A source range: `line`/`col` of the first character, `endLine`/`endCol` just past the last (1-based). */
export interface Loc {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Attribute { name: string; value?: Expr }

// ---------------------------------------------------------------- expressions
export type Expr =
  | { kind: 'id'; name: string; loc: Loc }
  | { kind: 'member'; base: Expr; name: string; loc: Loc }
  | { kind: 'number'; text: string; loc: Loc }
  | { kind: 'real'; text: string; loc: Loc }
  | { kind: 'string'; text: string; loc: Loc }
  | { kind: 'unary'; op: string; arg: Expr; loc: Loc }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; loc: Loc }
  | { kind: 'cond'; cond: Expr; then: Expr; else: Expr; loc: Loc }
  | { kind: 'concat'; parts: Expr[]; loc: Loc }
  | { kind: 'repeat'; count: Expr; parts: Expr[]; loc: Loc }
  | { kind: 'index'; base: Expr; index: Expr; loc: Loc }
  | { kind: 'part'; base: Expr; mode: ':' | '+:' | '-:'; left: Expr; right: Expr; loc: Loc }
  /** `scope` is the hierarchical prefix of a call such as `top.u1.f(x)` (`top.u1`). */
  | { kind: 'call'; name: string; system: boolean; args: (Expr | null)[]; scope?: Expr; loc: Loc }
  | { kind: 'mintypmax'; min: Expr; typ: Expr; max: Expr; loc: Loc }
  /**
   * SystemVerilog's `i++`, `++i`, `i--`, `--i` inside an expression (IEEE 1800-2017 11.4.2; iverilog
   * -g2005 and Verilator take them): the target changes when the operator is evaluated, left to
   * right; a postfix form has the old value, a prefix form the new one.
   */
  | { kind: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr; loc: Loc };

/** `dynamic`: SystemVerilog's dynamic array dimension `[]` (msb and lsb then read 0). */
export interface Range { msb: Expr; lsb: Expr; dynamic?: true }

// ---------------------------------------------------------------- timing and statements
export type EventExpr = { edge?: 'posedge' | 'negedge'; expr: Expr };

export type TimingControl =
  | { kind: 'delay'; values: Expr[] }
  | { kind: 'event'; events: EventExpr[] | '*' }
  | { kind: 'repeat-event'; count: Expr; events: EventExpr[] | '*' };

export type Stmt =
  | { kind: 'block'; fork: boolean; name?: string; decls: ModuleItem[]; body: Stmt[]; attrs: Attribute[]; loc: Loc }
  /**
   * `compound` is the operator of `lhs op= value`, `lhs++` and `++lhs` (IEEE 1800-2017 11.4.1), whose
   * `rhs` is `lhs op value`: the target's selects are evaluated once, before the value.
   */
  | { kind: 'assign'; nonblocking: boolean; lhs: Expr; control?: TimingControl; rhs: Expr; compound?: string; attrs: Attribute[]; loc: Loc }
  | { kind: 'if'; cond: Expr; then: Stmt; else?: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'case'; caseKind: 'case' | 'casez' | 'casex'; expr: Expr; items: CaseItem<Stmt>[]; attrs: Attribute[]; loc: Loc }
  | { kind: 'for'; init: Stmt; cond: Expr; step: Stmt; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'while'; cond: Expr; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'repeat'; count: Expr; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'forever'; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'wait'; cond: Expr; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'timed'; control: TimingControl; body: Stmt; attrs: Attribute[]; loc: Loc }
  | { kind: 'trigger'; target: Expr; attrs: Attribute[]; loc: Loc }
  | { kind: 'call'; target: Expr; system: boolean; args: (Expr | null)[]; attrs: Attribute[]; loc: Loc }
  | { kind: 'disable'; target: Expr; attrs: Attribute[]; loc: Loc }
  | { kind: 'procedural'; op: 'assign' | 'deassign' | 'force' | 'release'; lhs: Expr; rhs?: Expr; attrs: Attribute[]; loc: Loc }
  | { kind: 'null'; attrs: Attribute[]; loc: Loc };

/** A case arm; no labels means `default`. */
export interface CaseItem<B> { labels: Expr[]; body: B }

// ---------------------------------------------------------------- declarations and module items
export interface Declarator { name: string; dims: Range[]; init?: Expr; loc: Loc }

export type Direction = 'input' | 'output' | 'inout';

export interface DataType {
  /** wire, tri, supply0 ... reg, integer, real, realtime, time, event, genvar, logic; undefined: implicit. */
  type?: string;
  signed: boolean;
  range?: Range;
  /** Further packed dimensions after `range` (SystemVerilog `[3:0][7:0]`), outermost first. */
  packed?: Range[];
  /** A real-valued net (`wire real x`). */
  real?: boolean;
  /** `reg bool x`, `reg logic x`: iverilog's type words after `reg` (an extension). */
  regKind?: string;
}

export interface Connection {
  /**
   * Pin or parameter name for named connections (`.a(x)`; SystemVerilog's `.a` is read as `.a(a)`),
   * undefined for positional ones; `*` for SystemVerilog's `.*`.
   */
  name?: string;
  /** Undefined for `.a()` and for an empty positional slot. */
  expr?: Expr;
}

export interface Instance { name?: string; dims: Range[]; connections: Connection[]; loc: Loc }

export type ModuleItem = (
  | { kind: 'port-decl'; direction: Direction; dataType: DataType; declarators: Declarator[] }
  | { kind: 'net-decl'; dataType: DataType; strength?: string[]; vectoring?: 'vectored' | 'scalared'; delay?: TimingControl; declarators: Declarator[] }
  | { kind: 'param-decl'; local: boolean; specparam: boolean; dataType: DataType; declarators: Declarator[] }
  | { kind: 'assign'; strength?: string[]; delay?: TimingControl; assignments: { lhs: Expr; rhs: Expr }[] }
  | { kind: 'process'; process: 'always' | 'initial' | 'always_ff' | 'always_comb' | 'always_latch'; body: Stmt }
  | { kind: 'instance'; type: string; parameters?: Connection[]; strength?: string[]; delay?: TimingControl; instances: Instance[] }
  | { kind: 'defparam'; assignments: { lhs: Expr; rhs: Expr }[] }
  | { kind: 'function'; automatic: boolean; returnType: DataType; name: string; ports: ModuleItem[]; items: ModuleItem[]; body: Stmt }
  | { kind: 'task'; automatic: boolean; name: string; ports: ModuleItem[]; items: ModuleItem[]; body: Stmt }
  | { kind: 'generate'; items: ModuleItem[] }
  /** `declaresGenvar`: SystemVerilog's `for (genvar i = 0; ...)`. */
  /** A `compound` step (`i++`: '+', `i--`: '-') has `value` `i + 1` or `i - 1`. */
  | { kind: 'gen-for'; declaresGenvar?: boolean; init: { name: string; value: Expr }; cond: Expr; step: { name: string; value: Expr; compound?: string }; body: ModuleItem }
  | { kind: 'gen-if'; cond: Expr; then?: ModuleItem; else?: ModuleItem }
  | { kind: 'gen-case'; expr: Expr; items: CaseItem<ModuleItem | undefined>[] }
  | { kind: 'gen-block'; name?: string; items: ModuleItem[] }
  | { kind: 'specify'; tokens: string[] }
  /** iverilog's `$attribute(target, "key", "value");` (an extension); `key` and `value` keep their quotes. */
  | { kind: 'icarus-attribute'; target: string; targetLoc: Loc; key: string; value: string }
) & { attrs: Attribute[]; loc: Loc };

/** A module header port: a name (non-ANSI), an ANSI declaration, or `.name(expr)`. */
export type HeaderPort =
  | { kind: 'name'; name: string; loc: Loc }
  | { kind: 'expr'; name?: string; expr?: Expr; loc: Loc }
  | { kind: 'ansi'; decl: ModuleItem & { kind: 'port-decl' } };

export interface ModuleDecl {
  kind: 'module';
  keyword: 'module' | 'macromodule';
  name: string;
  parameters: (ModuleItem & { kind: 'param-decl' })[];
  ports: HeaderPort[];
  items: ModuleItem[];
  attrs: Attribute[];
  loc: Loc;
  /** The `default_nettype in effect where the module starts, when it is not `wire`. */
  defaultNettype?: string;
}

export interface UdpDecl {
  kind: 'primitive';
  name: string;
  ports: string[];
  items: ModuleItem[];
  /** `initial q = 1'b0;` of a sequential UDP. */
  initial?: { name: string; value: Expr };
  /** Table rows, each the symbols of one row as written (`0`, `?`, `(01)`, `:`, `-`). */
  table: string[][];
  /** The source line each row starts on. */
  rowLines: number[];
  attrs: Attribute[];
  loc: Loc;
}

/** Functions and tasks outside modules (SystemVerilog compilation-unit scope; also files meant to be `include`d). */
export type UnitItem = ModuleItem & { kind: 'function' | 'task' };

export type Description = ModuleDecl | UdpDecl | UnitItem;

export interface SourceFile {
  file: string;
  descriptions: Description[];
}
