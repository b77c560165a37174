/**
 * Scopes and symbols of an elaborated design. Every instance has a tree of scopes (the module,
 * generate blocks with their elaborated names such as `g[3]` or `genblk1`, named blocks,
 * functions and tasks); every declared name is a symbol in exactly one scope. Name resolution
 * follows IEEE 1364-2005 12.5-12.7: simple names upward through the enclosing scopes of the
 * module, hierarchical names downward from the first scope that has their first part, then
 * upward through the instances above.
 */
import type { Direction, Expr, Loc, ModuleDecl, ModuleItem, UdpDecl } from './ast.ts';
import type { ConstValue } from './const-eval.ts';
import type { ElaboratedInstance } from './elaborate-types.ts';

export type SymbolKind =
  | 'net' | 'variable' | 'parameter' | 'localparam' | 'specparam' | 'genvar' | 'event'
  | 'function' | 'task' | 'block' | 'instance' | 'generate';

export interface Sym {
  name: string;
  kind: SymbolKind;
  loc: Loc;
  /** wire, tri, ... reg, integer, real, realtime, time, logic, bit. */
  type?: string;
  /** Set for ports (non-ANSI ones get it from their direction declaration). */
  port?: Direction;
  /** The port came from an ANSI header (a body declaration of it is a redeclaration). */
  ansiPort?: boolean;
  /** A task or function port declared without a type (`input x;`), which one later declaration may type. */
  untypedPort?: boolean;
  /** The ANSI header gave the port a net or variable type (`output reg q`). */
  typedInHeader?: boolean;
  /** A direction was declared for a non-ANSI header port. */
  directionLoc?: Loc;
  /** A net or variable declaration completed a non-ANSI port. */
  typeLoc?: Loc;
  real?: boolean;
  signed?: boolean;
  /** Declared [msb, lsb] (for vectors). */
  range?: [number, number];
  width?: number;
  /** A body `parameter` made local by the module's parameter port list (12.2). */
  madeLocal?: boolean;
  /** Packed dimensions after the first range (SystemVerilog `[3:0][7:0]`). */
  packed?: number;
  /** Unpacked dimensions (memories and arrays) and their sizes. */
  dims?: number;
  dimSizes?: number[];
  /** Where a non-ANSI port is listed in the module header. */
  headerLoc?: Loc;
  /** Declared inside an automatic task or function. */
  automatic?: boolean;
  /** Created implicitly (a port connection or continuous assignment target). */
  implicit?: boolean;
  /** The scope a block, function, task or generate block opens. */
  scope?: Scope;
  /** Generate loops and instance arrays: the scope or instance of each index. */
  elements?: Map<number, Scope | InstanceNode | undefined>;
  /** Instances: the child (undefined for an unknown module or a primitive). */
  child?: InstanceNode;
  /** Functions and tasks: their declaration. */
  decl?: ModuleItem & { kind: 'function' | 'task' };
  /** Parameters: their value. */
  value?: ConstValue;
}

export type ScopeKind = 'module' | 'generate' | 'block' | 'function' | 'task';

export class Scope {
  readonly symbols = new Map<string, Sym>();
  /** Scopes opened by nested blocks, functions and tasks, by their syntax node. */
  readonly nested = new Map<object, Scope>();
  /** The module items declared directly in this scope (checked once elaboration is done). */
  readonly items: ModuleItem[] = [];
  /** How many generate constructs this scope has seen (their unnamed blocks are genblk<n>). */
  generateCount = 0;
  /** Names this scope's items declare explicitly: an unnamed generate block's genblk<n> must avoid them (12.4.3). */
  readonly explicitNames = new Set<string>();
  /** Parameters declared but not evaluated yet: evaluated on first use, so they may refer forward. */
  readonly lazy = new Map<string, () => ConstValue | undefined>();

  constructor(
    readonly kind: ScopeKind,
    /** The name as it appears in hierarchical paths (`g[3]`, `genblk1`, `blk`); '' for the module. */
    readonly name: string,
    readonly parent: Scope | undefined,
    readonly instance: InstanceNode,
    /** Parameters, localparams and genvar values visible here. */
    readonly env: Map<string, ConstValue>,
    readonly automatic = false,
  ) {}

  /** The path of this scope inside its instance, with a trailing dot ('' for the module). */
  get prefix(): string {
    if (!this.parent) return '';
    return `${this.parent.prefix}${this.name}.`;
  }

  /** A simple name, searched here and in the enclosing scopes of the module. */
  lookup(name: string): Sym | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const sym = s.symbols.get(name);
      if (sym) return sym;
    }
    return undefined;
  }

  /** Evaluates the parameters still waiting (in declaration order). */
  settleParameters(): void {
    for (const later of [...this.lazy.values()]) later();
  }

  /** Constants visible here (parameters, localparams, genvar values), shadowed by nearer declarations. */
  envView(): { get(name: string): ConstValue | undefined } {
    return {
      get: (name) => {
        for (let s: Scope | undefined = this; s; s = s.parent) {
          const v = s.env.get(name);
          if (v) return v;
          const later = s.lazy.get(name);
          if (later) return later();
          const sym = s.symbols.get(name);
          if (sym && sym.kind !== 'genvar') return undefined;
        }
        return undefined;
      },
    };
  }

  /**
   * The function or task a simple name calls from here: in this module's scopes, then (as
   * simulators do) in the scopes of the instances above.
   */
  lookupSubroutine(name: string): Sym | undefined {
    const sym = this.lookup(name);
    if (sym) return sym.kind === 'function' || sym.kind === 'task' ? sym : undefined;
    for (let node: InstanceNode | undefined = this.instance; node?.parentScope; node = node.parent) {
      const up = node.parentScope.lookup(name);
      if (up) return up.kind === 'function' || up.kind === 'task' ? up : undefined;
    }
    return undefined;
  }

  /** The innermost function or task scope this scope is in. */
  get subroutine(): Scope | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.kind === 'function' || s.kind === 'task') return s;
    return undefined;
  }
}

export interface InstanceNode {
  path: string;
  /** The last part of the path (the instance name, with its index for instance arrays). */
  name: string;
  def: ModuleDecl;
  parent?: InstanceNode;
  /** The scope of the parent where this instance was declared (a generate block or the module). */
  parentScope?: Scope;
  scope: Scope;
  elaborated: ElaboratedInstance;
  /** Module and UDP definitions, shared by the whole design. */
  design: Design;
  /** Module instances declared in this instance, waiting to be elaborated. */
  pendingInstances?: PendingInstance[];
  /** Undeclared names used where an implicit net may be created, resolved after all declarations. */
  implicitCandidates?: { name: string; loc: Loc; scope: Scope; why: 'assign' | 'connection' }[];
}

export interface PendingInstance {
  item: ModuleItem & { kind: 'instance' };
  /** The scope the instance statement is in. */
  scope: Scope;
  /** The instance's symbol (for arrays, the array's). */
  sym: Sym;
  /** The element of an instance array. */
  index?: number;
  /** `u` or `u[3]`. */
  instanceName: string;
}

export interface Design {
  modules: Map<string, ModuleDecl>;
  udps: Map<string, UdpDecl>;
  tops: InstanceNode[];
}

/** One part of a hierarchical name: `g[3]` is { name: 'g', index: 3 expression }. */
export interface PathPart { name: string; index?: Expr; loc: Loc }

/** `a.b[2].c` as its parts, or undefined when the expression is not a plain hierarchical name. */
export function pathParts(e: Expr): PathPart[] | undefined {
  if (e.kind === 'id') return [{ name: e.name, loc: e.loc }];
  if (e.kind === 'member') {
    const base = pathParts(e.base);
    return base && [...base, { name: e.name, loc: e.loc }];
  }
  if (e.kind === 'index' && (e.base.kind === 'id' || e.base.kind === 'member')) {
    const base = pathParts(e.base);
    if (!base) return undefined;
    const last = base[base.length - 1];
    if (last.index) return undefined;
    return [...base.slice(0, -1), { ...last, index: e.index }];
  }
  return undefined;
}

export type Resolution =
  /** `element`: for a name ending in an index into a generate loop or instance array, that element. */
  | { found: Sym; scope: Scope; element?: Scope | InstanceNode }
  /** The path goes through something that cannot be looked into (an unknown module's instance). */
  | { opaque: true }
  | { missing: string };
