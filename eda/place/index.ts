// eda/place: placement of mapped netlists: floorplan, analytic global placement (B2B quadratic +
// bisection spreading, SimPL-style), Abacus legalization to LEF site rows, detailed placement, DEF out.
export { placeDesign, type PlaceOptions, type PlaceResult } from './place.ts';
export { makeFloorplan, type FloorplanOptions } from './floorplan.ts';
export { placementProblem, floorplanFromDef, placementFromDef, type ProblemInputs } from './problem.ts';
export { globalPlace, type GlobalOptions, type GlobalResult } from './global.ts';
export { legalize } from './legalize.ts';
export { detailedPlace } from './detailed.ts';
export { checkLegality, type LegalityReport } from './legality.ts';
export { totalHpwl, netHpwl, quickHpwl } from './hpwl.ts';
export { writeDef, escapeDef } from './def-writer.ts';
export { placePorts } from './ports.ts';
export { pinPosition, type PlaceProblem, type PlaceCell, type PlaceNet, type PlacePin, type PlaceRow, type Floorplan, type Placement } from './model.ts';
