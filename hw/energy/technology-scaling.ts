/**
 * The stated rule that carries 45 nm figures to the MixPE evaluation's 28 nm node: first-order
 * (Dennard) scaling at constant supply voltage (0.9 V at both nodes). Switched capacitance scales
 * with feature size, so dynamic energy per operation scales by 28/45; area scales by (28/45)^2.
 * It ignores wire-dominated effects and is accurate to perhaps +-30%; the study reports ratios to
 * FP16, on which a common factor has no effect.
 */
export const scaling45to28 = {
  fromNm: 45,
  toNm: 28,
  energy: 28 / 45,
  area: (28 / 45) ** 2,
  rule: 'dynamic energy x (28/45), area x (28/45)^2 (constant-voltage first-order scaling, 0.9 V)',
} as const;
