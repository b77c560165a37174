/**
 * The flat, bit-level netlist the timing graph is built from. Every name is one bit: a bus bit
 * is `name[3]`. Adapters turn a front-end's output (eda/verilog, a DEF's connectivity) into this.
 */
export interface TimingPort {
  readonly name: string;
  readonly direction: 'input' | 'output' | 'inout';
}

export interface TimingInstance {
  readonly name: string;
  /** The Liberty cell name. */
  readonly cell: string;
  /** Cell pin name -> net name (unconnected pins are absent). */
  readonly pins: Map<string, string>;
  /** Source line, for diagnostics. */
  readonly line?: number;
}

export interface TimingNetlist {
  readonly name: string;
  readonly file: string;
  readonly ports: TimingPort[];
  readonly instances: TimingInstance[];
  /** `assign lhs = rhs` per bit: the two names are one net. */
  readonly aliases: [string, string][];
}

/** Net names a constant tie resolves to; nothing times through them. */
export const constantNets = new Set(['1\'b0', '1\'b1']);
