/**
 * An And-Inverter Graph with complemented edges and structural hashing.
 *
 * Literals follow AIGER: variable v has literal 2v, its complement 2v+1; variable 0 is constant
 * false (literal 0 = false, 1 = true). Variables are numbered in creation order; the AIGER writer
 * renumbers when inputs, latches and ANDs were created interleaved.
 */
export type Literal = number;

export const FALSE: Literal = 0;
export const TRUE: Literal = 1;

export const litVar = (lit: Literal): number => lit >>> 1;
export const litIsComplemented = (lit: Literal): boolean => (lit & 1) === 1;
export const litNot = (lit: Literal): Literal => lit ^ 1;
export const litRegular = (lit: Literal): Literal => lit & ~1;
export const makeLit = (v: number, complemented = false): Literal => 2 * v + (complemented ? 1 : 0);

export const enum VarKind {
  Const = 0,
  Input = 1,
  Latch = 2,
  And = 3,
}

/** A latch's initial value: 0, 1, or undefined when it is uninitialized (AIGER's `x`). */
export type LatchInit = 0 | 1 | undefined;

export interface Latch {
  readonly variable: number;
  next: Literal;
  init: LatchInit;
  name?: string;
}

export interface Output {
  lit: Literal;
  name?: string;
}

export class Aig {
  /** Kind of each variable. */
  private kinds = new Uint8Array(1024);
  /** For AND variables: the two fanin literals (fanin0 >= fanin1 as AIGER orders them). */
  private fanin0s = new Int32Array(1024);
  private fanin1s = new Int32Array(1024);
  private count = 1; // variable 0 is the constant
  /** Structural hash: (fanin0, fanin1) -> the first AND variable with those fanins. */
  private readonly table = new Map<number, number>();
  readonly inputs: number[] = [];
  readonly inputNames: (string | undefined)[] = [];
  readonly latches: Latch[] = [];
  readonly outputs: Output[] = [];
  /** Free text kept from an AIGER comment section. */
  comment?: string;

  constructor(public name = '') {
    this.kinds[0] = VarKind.Const;
  }

  get variableCount(): number {
    return this.count;
  }

  get andCount(): number {
    return this.count - 1 - this.inputs.length - this.latches.length;
  }

  kind(v: number): VarKind {
    return this.kinds[v] as VarKind;
  }

  fanin0(v: number): Literal {
    return this.fanin0s[v];
  }

  fanin1(v: number): Literal {
    return this.fanin1s[v];
  }

  private newVar(kind: VarKind): number {
    if (this.count === this.kinds.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
      this.fanin0s = grow(this.fanin0s, (n) => new Int32Array(n));
      this.fanin1s = grow(this.fanin1s, (n) => new Int32Array(n));
    }
    this.kinds[this.count] = kind;
    return this.count++;
  }

  addInput(name?: string): Literal {
    const v = this.newVar(VarKind.Input);
    this.inputs.push(v);
    this.inputNames.push(name);
    return makeLit(v);
  }

  /** A latch whose next-state literal is set later (`latch.next = ...`), so feedback loops can be built. */
  addLatch(init: LatchInit, name?: string): Latch {
    const latch: Latch = { variable: this.newVar(VarKind.Latch), next: FALSE, init, name };
    this.latches.push(latch);
    return latch;
  }

  addOutput(lit: Literal, name?: string): void {
    this.outputs.push({ lit, name });
  }

  /** a AND b, simplified for constants and equal/opposite fanins, structurally hashed. */
  and(a: Literal, b: Literal): Literal {
    if (a === FALSE || b === FALSE || a === litNot(b)) return FALSE;
    if (a === TRUE || a === b) return b;
    if (b === TRUE) return a;
    return this.andRaw(a, b);
  }

  /**
   * An AND node without simplification. Structurally hashed unless `forceNew`, which file readers
   * use to keep a file's nodes exactly as written (duplicates included).
   */
  andRaw(a: Literal, b: Literal, forceNew = false): Literal {
    const f0 = a > b ? a : b;
    const f1 = a > b ? b : a;
    const key = f0 * 4294967296 + f1;
    const hit = this.table.get(key);
    if (hit !== undefined && !forceNew) return makeLit(hit);
    const v = this.newVar(VarKind.And);
    this.fanin0s[v] = f0;
    this.fanin1s[v] = f1;
    if (hit === undefined) this.table.set(key, v);
    return makeLit(v);
  }

  or(a: Literal, b: Literal): Literal {
    return litNot(this.and(litNot(a), litNot(b)));
  }

  /** XOR as ABC builds it: (a & !b) | (!a & b), three AND nodes. */
  xor(a: Literal, b: Literal): Literal {
    return this.or(this.and(a, litNot(b)), this.and(litNot(a), b));
  }

  mux(sel: Literal, then: Literal, otherwise: Literal): Literal {
    return this.or(this.and(sel, then), this.and(litNot(sel), otherwise));
  }

  /** Left-deep AND chain in operand order, as ABC's SOP-to-AIG conversion builds a cube. */
  andChain(lits: readonly Literal[]): Literal {
    let acc = TRUE;
    for (const l of lits) acc = this.and(acc, l);
    return acc;
  }

  /** Literals driving the combinational outputs: primary outputs, then latch next states. */
  combinationalOutputs(): Literal[] {
    return [...this.outputs.map((o) => o.lit), ...this.latches.map((l) => l.next)];
  }

  /** Variables acting as combinational inputs: primary inputs, then latch outputs. */
  combinationalInputs(): number[] {
    return [...this.inputs, ...this.latches.map((l) => l.variable)];
  }

  /** AND variables in creation order, which is topological (fanins always exist before a node). */
  *andVariables(): Generator<number> {
    for (let v = 1; v < this.count; v++) if (this.kinds[v] === VarKind.And) yield v;
  }

  /**
   * A structurally hashed copy holding only the nodes in the cone of the outputs and latch inputs,
   * numbered inputs, latches, then ANDs in topological order (what ABC's `strash` gives).
   */
  cleanup(): Aig {
    let g = this.rebuild();
    // Simplification can leave nodes dangling; repeat until every AND reaches an output.
    while (!g.isClean()) g = g.rebuild();
    return g;
  }

  /** Marks every variable in the transitive fanin of `roots`. */
  coneOf(roots: readonly Literal[]): Uint8Array {
    const mark = new Uint8Array(this.count);
    const stack = roots.map(litVar);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (mark[v]) continue;
      mark[v] = 1;
      if (this.kinds[v] === VarKind.And) stack.push(litVar(this.fanin0s[v]), litVar(this.fanin1s[v]));
    }
    return mark;
  }

  private isClean(): boolean {
    const reached = this.coneOf(this.combinationalOutputs());
    for (const v of this.andVariables()) if (!reached[v]) return false;
    return true;
  }

  /** Copies the cone of the combinational outputs through `and` (simplified and hashed). */
  private rebuild(): Aig {
    const reached = this.coneOf(this.combinationalOutputs());
    const out = new Aig(this.name);
    out.comment = this.comment;
    const map = new Int32Array(this.count);
    this.inputs.forEach((v, i) => (map[v] = out.addInput(this.inputNames[i])));
    const latches = this.latches.map((l) => {
      const nl = out.addLatch(l.init, l.name);
      map[l.variable] = makeLit(nl.variable);
      return nl;
    });
    const mapLit = (lit: Literal): Literal => map[litVar(lit)] ^ (lit & 1);
    for (const v of this.andVariables()) if (reached[v]) map[v] = out.and(mapLit(this.fanin0s[v]), mapLit(this.fanin1s[v]));
    for (const o of this.outputs) out.addOutput(mapLit(o.lit), o.name);
    this.latches.forEach((l, i) => (latches[i].next = mapLit(l.next)));
    return out;
  }
}
