import type { Def, Lef, TimingGraph } from '../timing/index.ts';
import { makeFloorplan, type FloorplanOptions } from './floorplan.ts';
import { globalPlace, type GlobalOptions } from './global.ts';
import { totalHpwl } from './hpwl.ts';
import { legalize } from './legalize.ts';
import { checkLegality, type LegalityReport } from './legality.ts';
import type { PlaceProblem, Placement } from './model.ts';
import { placePorts } from './ports.ts';
import { floorplanFromDef, placementProblem } from './problem.ts';
import { detailedPlace } from './detailed.ts';

export interface PlaceOptions extends FloorplanOptions, GlobalOptions {
  /** Take die, rows, port positions and fixed components from this DEF instead of making a floorplan. */
  readonly floorplanDef?: Def;
  /** Run detailed placement after legalization (default true). */
  readonly detailed?: boolean;
}

export interface PlaceResult {
  readonly problem: PlaceProblem;
  readonly placement: Placement;
  /** HPWL (microns) after global placement (spread, unflipped), legalization and detailed placement. */
  readonly hpwl: { global: number; legal: number; final: number };
  readonly seconds: { global: number; legalize: number; detailed: number };
  readonly globalIterations: number;
  readonly legality: LegalityReport;
}

/**
 * Places a mapped netlist: floorplan (made for a utilization, or read from a DEF), analytic
 * global placement, Abacus legalization to the site rows, detailed placement. Free ports go to
 * the die edge near the cells they connect to (a first short global pass locates them).
 */
export function placeDesign(graph: TimingGraph, lef: Lef, options: PlaceOptions = {}): PlaceResult {
  const fromDef = options.floorplanDef ? floorplanFromDef(options.floorplanDef, lef, new Set(graph.instances.map((i) => i.name))) : undefined;
  const floorplan = fromDef?.floorplan ?? makeFloorplan(graph, lef, options);
  const { problem, x, y, freePorts } = placementProblem({ graph, lef, floorplan, portPositions: fromDef?.portPositions, obstacles: fromDef?.obstacles });
  const t0 = performance.now();
  let gp = undefined;
  if (freePorts.length > 0) {
    placePorts(problem, freePorts, x, y, false);
    gp = globalPlace(problem, x, y, { ...options, maxIterations: Math.min(15, options.maxIterations ?? 15) });
    placePorts(problem, freePorts, gp.x, gp.y, true);
    for (const p of freePorts) {
      x[p] = gp.x[p]!;
      y[p] = gp.y[p]!;
    }
  }
  gp = globalPlace(problem, x, y, options);
  const t1 = performance.now();
  const legal = legalize(problem, gp.x, gp.y);
  const t2 = performance.now();
  const legalHpwl = totalHpwl(problem, legal);
  const placement = options.detailed === false ? legal : detailedPlace(problem, legal);
  const t3 = performance.now();
  return {
    problem, placement,
    hpwl: { global: gp.upperHpwl, legal: legalHpwl, final: totalHpwl(problem, placement) },
    seconds: { global: (t1 - t0) / 1000, legalize: (t2 - t1) / 1000, detailed: (t3 - t2) / 1000 },
    globalIterations: gp.iterations,
    legality: checkLegality(problem, placement),
  };
}
