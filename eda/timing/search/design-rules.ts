import type { DesignRuleLimit } from '../sdc/index.ts';
import { resolveClocks, resolvePins } from './resolve.ts';
import { MAX, slewIndex, type TimingState } from './state.ts';

/** A pin over a design rule limit from the SDC (set_max_transition, set_max_capacitance, set_max_fanout). */
export interface RuleViolation {
  readonly kind: DesignRuleLimit['kind'];
  readonly pin: number;
  /** Slew (s), driven capacitance (F) or fanout, and the limit it exceeds. */
  readonly value: number;
  readonly limit: number;
}

/**
 * Pins over the SDC's design rule limits, worst first within each kind. The tightest limit that
 * covers a pin applies: the design's, its port's, or its clock's (clock objects cover the pins of
 * that clock's network); set_max_transition -clock_path / -data_path cover clock-network or other
 * pins only. Slews are the late ones, the larger of rise and fall, on every pin; capacitance (pins
 * plus wire plus set_load) and fanout (load pins) on driver pins. Liberty's own pin limits are not
 * applied.
 */
export function designRuleViolations(state: TimingState): RuleViolation[] {
  const { graph, sdc } = state;
  const out: RuleViolation[] = [];
  for (const kind of ['transition', 'capacitance', 'fanout'] as const) {
    const rules = sdc.designRules.filter((r) => r.kind === kind);
    if (rules.length === 0) continue;
    const limit = new Float64Array(graph.pins.length).fill(Infinity);
    for (const r of rules) {
      const covers = (p: number) => r.path === 'both' || (state.clockOf[p]! >= 0) === (r.path === 'clock');
      const tighten = (p: number) => {
        if (covers(p) && r.value < limit[p]!) limit[p] = r.value;
      };
      if (!r.objects) for (let p = 0; p < graph.pins.length; p++) tighten(p);
      else {
        const clocks = new Set(resolveClocks(r.objects, sdc));
        if (clocks.size > 0) graph.pins.forEach((_, p) => clocks.has(state.clockOf[p]!) && tighten(p));
        else for (const p of resolvePins(graph, r.objects, sdc)) tighten(p);
      }
    }
    const found: RuleViolation[] = [];
    graph.pins.forEach((pin, p) => {
      if (limit[p] === Infinity) return;
      let value: number;
      if (kind === 'transition') value = Math.max(state.slew[slewIndex(p, MAX, 0)]!, state.slew[slewIndex(p, MAX, 1)]!);
      else if (!pin.isDriver || pin.net < 0) return;
      else value = kind === 'capacitance' ? Math.max(state.load[p * 2]!, state.load[p * 2 + 1]!) : graph.nets[pin.net]!.loads.length;
      if (value > limit[p]!) found.push({ kind, pin: p, value, limit: limit[p]! });
    });
    found.sort((a, b) => b.value - b.limit - (a.value - a.limit));
    out.push(...found);
  }
  return out;
}
