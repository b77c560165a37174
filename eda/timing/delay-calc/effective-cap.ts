/**
 * Resistive shielding: a driver behind wire resistance sees less than the net's total
 * capacitance. The RC tree is reduced to a pi model (C1 - R - C2) by matching the first three
 * admittance moments at the driver (O'Brien and Savarino); the DMP driver model (dmp-driver.ts)
 * finds the effective capacitance against it.
 */
export interface PiModel {
  readonly c1: number;
  readonly r: number;
  readonly c2: number;
}

/** Admittance moments y1, y2, y3 of an RC subtree as seen from its root. */
export interface Moments {
  y1: number;
  y2: number;
  y3: number;
}

/** The moments seen through a series resistor in front of a subtree. */
export function throughResistor(m: Moments, r: number): Moments {
  return { y1: m.y1, y2: m.y2 - r * m.y1 * m.y1, y3: m.y3 - 2 * r * m.y1 * m.y2 + r * r * m.y1 * m.y1 * m.y1 };
}

export function piFromMoments(m: Moments): PiModel {
  if (m.y3 === 0 || m.y2 === 0) return { c1: m.y1, r: 0, c2: 0 };
  const c2 = (m.y2 * m.y2) / m.y3;
  const r = -(m.y3 * m.y3) / (m.y2 * m.y2 * m.y2);
  // A single resistive branch (e.g. a fanout-1 wire-load net) has no near capacitance; rounding
  // may put c2 a hair above y1.
  if (!(c2 > 0 && r > 0 && c2 <= m.y1 * (1 + 1e-9))) return { c1: m.y1, r: 0, c2: 0 };
  return { c1: Math.max(0, m.y1 - c2), r, c2 };
}
