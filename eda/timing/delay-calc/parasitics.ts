/**
 * What the delay calculator needs to know about one net's wiring: its total wire capacitance and
 * the wire delay from the driver to each load. Sources: a Liberty wire-load model, SPEF (Elmore
 * on the extracted RC tree), SDF INTERCONNECT annotation, or a placement estimate from DEF + LEF.
 */
export interface NetParasitics {
  /** Farads of wire (pin capacitances are added by the calculator). */
  readonly wireCap: number;
  /** Seconds from the driver pin to the load pin (graph pin index); 0 when unknown. */
  wireDelay(load: number): number;
}

/** Gives the parasitics of a net (graph net index), or undefined for an ideal net. */
export type ParasiticsSource = (net: number) => NetParasitics | undefined;

export const idealNet: NetParasitics = { wireCap: 0, wireDelay: () => 0 };

/** A lumped wire capacitance with no wire delay (wire-load models, estimates without R). */
export function lumpedNet(wireCap: number): NetParasitics {
  return { wireCap, wireDelay: () => 0 };
}
