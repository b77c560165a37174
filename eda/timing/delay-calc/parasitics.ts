import type { PiModel } from './effective-cap.ts';

/**
 * What the delay calculator needs to know about one net's wiring: its total wire capacitance and
 * the wire delay from the driver to each load. Sources: a Liberty wire-load model, SPEF (Elmore
 * on the extracted RC tree), SDF INTERCONNECT annotation, or a placement estimate from DEF + LEF.
 */
export interface NetParasitics {
  /** Farads of wire (pin capacitances are added by the calculator). */
  readonly wireCap: number;
  /** Seconds from the driver pin to the load pin (graph pin index) for a transition; 0 when unknown. */
  wireDelay(load: number, rf: number): number;
  /** The driver-side pi model including load pin caps, when the wire has resistance. */
  pi?(rf: number): PiModel;
}

/** Gives the parasitics of a net (graph net index), or undefined for an ideal net. */
export type ParasiticsSource = (net: number) => NetParasitics | undefined;

export const idealNet: NetParasitics = { wireCap: 0, wireDelay: () => 0 };

/**
 * The slew at a load after a wire with this Elmore delay: the driver slew combined with the
 * step response of the wire (PERI-style root sum of squares), for slews measured between the
 * lower and upper thresholds (fractions of the swing).
 */
export function degradeSlew(driverSlew: number, elmore: number, lower: number, upper: number): number {
  if (elmore <= 0) return driverSlew;
  const wireSlew = elmore * Math.log((1 - lower) / (1 - upper));
  return Math.sqrt(driverSlew * driverSlew + wireSlew * wireSlew);
}

/** A lumped wire capacitance with no wire delay (wire-load models, estimates without R). */
export function lumpedNet(wireCap: number): NetParasitics {
  return { wireCap, wireDelay: () => 0 };
}
