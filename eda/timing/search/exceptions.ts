import type { ObjectQuery, RiseFall } from '../sdc/index.ts';
import { resolveClocks, resolvePins } from './resolve.ts';
import { MAX, type TimingState } from './state.ts';

/** Whether a startpoint (pin, transition) is on a false path: applies per path. */
export type StartRule = (startPin: number, startRf: number) => boolean;

/** set_false_path and group_path resolved against the design. */
export interface Exceptions {
  /**
   * For the paths of one launch tag to one endpoint transition: 'false' when all are false,
   * a per-startpoint rule when some are, undefined when none are.
   */
  at(mm: number, tag: number, end: number, captureClock: number, captureEdge: number, rf: number): 'false' | StartRule | undefined;
  /** The path group of paths from a launch tag to an endpoint. */
  group(tag: number, end: number, captureClock: number): string;
}

interface Ends {
  readonly any: boolean;
  readonly clocks: Set<number>;
  readonly pins: Set<number>;
  /** Instances named through their pins (a register startpoint is its clock pin: -from r and -from r/CK both name it). */
  readonly insts: Set<number>;
}

const matchesRf = (want: RiseFall, rf: number) => want === 'both' || (want === 'rise') === (rf === 0);

export function exceptionsOf(state: TimingState): Exceptions {
  const { graph, sdc } = state;
  const ends = (qs: readonly ObjectQuery[]): Ends => {
    const clocks = new Set(qs.flatMap((q) => resolveClocks(q, sdc)));
    const pins = new Set(qs.flatMap((q) => (q.kind === 'clock' ? [] : resolvePins(graph, q, sdc))));
    const insts = new Set([...pins].map((p) => graph.pins[p]!.inst).filter((i) => i >= 0));
    return { any: qs.length === 0, clocks, pins, insts };
  };
  const falsePaths = sdc.falsePaths.map((fp) => ({ fp, from: ends(fp.from), to: ends(fp.to) }));
  const groups = sdc.pathGroups.map((g) => ({ name: g.name, from: ends(g.from), to: ends(g.to) }));
  return {
    at(mm, tag, end, captureClock, captureEdge, rf) {
      const rules: StartRule[] = [];
      for (const { fp, from, to } of falsePaths) {
        if (fp.minMax !== 'both' && (fp.minMax === 'max') !== (mm === MAX)) continue;
        const toOk = to.any ? matchesRf(fp.toRiseFall, rf)
          : (to.pins.has(end) && matchesRf(fp.toRiseFall, rf)) || (to.clocks.has(captureClock) && matchesRf(fp.toRiseFall, captureEdge));
        if (!toOk) continue;
        if (from.any || (from.clocks.has(tag >> 1) && matchesRf(fp.fromRiseFall, tag & 1))) return 'false';
        if (from.pins.size === 0) continue;
        rules.push((sp, spRf) => matchesRf(fp.fromRiseFall, spRf) && (from.pins.has(sp) || (graph.pins[sp]!.inst >= 0 && from.insts.has(graph.pins[sp]!.inst))));
      }
      if (rules.length === 0) return undefined;
      return (sp, spRf) => rules.some((r) => r(sp, spRf));
    },
    group(tag, end, captureClock) {
      for (const g of groups) {
        const toOk = g.to.any || g.to.pins.has(end) || g.to.clocks.has(captureClock);
        const fromOk = g.from.any || g.from.clocks.has(tag >> 1);
        if (toOk && fromOk) return g.name;
      }
      return sdc.clocks[captureClock]!.name;
    },
  };
}
