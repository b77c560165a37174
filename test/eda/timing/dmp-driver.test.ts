import { describe, expect, it } from 'vitest';
import { dmpDriver } from '../../../eda/timing/delay-calc/dmp-driver.ts';
import { rampResponse, saturatedRamp } from '../../../eda/timing/delay-calc/ramp-response.ts';
import { findCrossing } from '../../../eda/timing/delay-calc/solvers.ts';

/**
 * The DMP pieces against independent references: closed-form waveforms against a numerical
 * integration of the same RC circuit, the crossing search against known roots, and the fitted
 * driver against the properties the model promises (OpenSTA agreement is in opensta.test.ts).
 */

/** Voltages of Rd -> near node (cn) -> rpi -> far node (cf) -> one more RC pole, driven by a ramp, by RK4. */
function simulate(rd: number, cn: number, rpi: number, cf: number, elmore: number, t0: number, dt: number, tEnd: number): (t: number) => [number, number] {
  const vs = (t: number) => Math.min(1, Math.max(0, (t - t0) / dt));
  const deriv = (t: number, [vn, vf, vl]: number[]) => {
    const iFar = (vn! - vf!) / rpi;
    return [((vs(t) - vn!) / rd - iFar) / cn, iFar / cf, (vn! - vl!) / elmore];
  };
  const h = tEnd / 200000;
  const samples: number[][] = [];
  let y = [0, 0, 0];
  for (let t = 0; t <= tEnd; t += h) {
    samples.push([t, y[0]!, y[2]!]);
    const k1 = deriv(t, y);
    const k2 = deriv(t + h / 2, y.map((v, i) => v + (h / 2) * k1[i]!));
    const k3 = deriv(t + h / 2, y.map((v, i) => v + (h / 2) * k2[i]!));
    const k4 = deriv(t + h, y.map((v, i) => v + h * k3[i]!));
    y = y.map((v, i) => v + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
  }
  return (t) => {
    const s = samples[Math.min(samples.length - 1, Math.round(t / h))]!;
    return [s[1]!, s[2]!];
  };
}

describe('DMP driver model', () => {
  it('closed-form ramp responses of a pi load (and a load pole) match a numerical integration', () => {
    const [rd, cn, rpi, cf, elmore] = [800, 5e-15, 1500, 20e-15, 30e-12];
    const [t0, dt] = [10e-12, 60e-12];
    const sim = simulate(rd, cn, rpi, cf, elmore, t0, dt, 600e-12);
    const a = rpi * rd * cn * cf;
    const b = rd * (cn + cf) + rpi * cf;
    const disc = Math.sqrt(b * b - 4 * a);
    const poles = [(b + disc) / (2 * a), (b - disc) / (2 * a)];
    const vo = rampResponse(poles, 1 / (rpi * cf));
    const vl = rampResponse([...poles, 1 / elmore], 1 / (rpi * cf));
    for (const t of [20e-12, 50e-12, 80e-12, 120e-12, 200e-12, 400e-12]) {
      const [refVo, refVl] = sim(t);
      expect(Math.abs(saturatedRamp(vo, t0, dt, t, { v: 0, dv: 0 }).v - refVo)).toBeLessThan(2e-3);
      expect(Math.abs(saturatedRamp(vl, t0, dt, t, { v: 0, dv: 0 }).v - refVl)).toBeLessThan(2e-3);
    }
  });

  it('finds threshold crossings within the requested tolerance, and refuses a bracket without one', () => {
    const f = { at: (t: number) => ({ v: 1 - Math.exp(-t / 3), dv: Math.exp(-t / 3) / 3 }) };
    const root = 3 * Math.log(2);
    expect(Math.abs(findCrossing(f, 0.5, 0, 20, 1e-9, 50)! - root)).toBeLessThan(1e-8);
    expect(Math.abs(findCrossing(f, 0.5, 0, 20, 0.01, 20)! - root)).toBeLessThan(0.02 * root);
    expect(findCrossing(f, 0.5, 5, 20, 0.01, 20)).toBeUndefined();
  });

  it('fits Ceff between the near and the total capacitance, with the table delay at Ceff', () => {
    // A table of an ideal 2 kohm driver: delay and 20-80% slew of an RC step response.
    const table = (c: number) => ({ delay: 20e-12 + Math.LN2 * 2000 * c, slew: 10e-12 + Math.log(4) * 2000 * c });
    const th = { vth: 0.5, vl: 0.2, vh: 0.8, slewDerate: 1 };
    const near = 10e-15;
    const far = 40e-15;
    let previous = Infinity;
    for (const r of [200, 1000, 3000]) {
      const d = dmpDriver(table, th, { near, r, far });
      expect(d.ceff).toBeGreaterThan(near);
      expect(d.ceff).toBeLessThan(near + far);
      // More resistance shields more of the far capacitance.
      expect(d.ceff).toBeLessThan(previous);
      previous = d.ceff;
      expect(d.delay).toBeCloseTo(table(d.ceff).delay, 18);
      const w = d.wire(r * far);
      expect(w.delay).toBeGreaterThan(0);
      expect(w.slew).toBeGreaterThanOrEqual(d.slew);
    }
    // Negligible wire resistance: a lumped load at the total capacitance, Elmore wire delay.
    const lumped = dmpDriver(table, th, { near, r: 0.01, far });
    expect(lumped.ceff).toBe(near + far);
    expect(lumped.delay).toBe(table(near + far).delay);
    expect(lumped.wire(1e-13)).toEqual({ delay: 1e-13, slew: lumped.slew });
  });
});
