/** A connection of a detailed net: a port (*P) or an instance pin (*I, as `inst:pin`). */
export interface SpefConn {
  readonly name: string;
  readonly kind: 'P' | 'I';
  readonly direction: string;
}

export interface SpefNet {
  readonly name: string;
  /** Farads, as declared on the *D_NET line. */
  readonly totalCap: number;
  readonly conns: SpefConn[];
  /** Ground caps (other undefined) and coupling caps to a node of another net, farads. */
  readonly caps: { node: string; other?: string; value: number }[];
  /** Resistors between two nodes, ohms. */
  readonly res: { a: string; b: string; value: number }[];
  readonly line: number;
}

export interface Spef {
  readonly file: string;
  readonly design: string;
  /** Hierarchy divider and pin delimiter (`/` and `:` usually). */
  readonly divider: string;
  readonly delimiter: string;
  readonly nets: Map<string, SpefNet>;
  readonly ports: { name: string; direction: string }[];
}
