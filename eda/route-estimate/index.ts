// eda/route-estimate: pre-route parasitics from a placement: rectilinear Steiner trees, layer
// assignment by length, LEF R and C (with vias and coupling), Elmore/D2M delays, SPEF out.
export { steinerTree, spanningTree, halfPerimeter, type SteinerTree } from './steiner.ts';
export { singleTrunk, trunkPath, spanningPaths, type SingleTrunk } from './single-trunk.ts';
export { routeTechnology, wireRC, viaStackResistance, type RouteTechnology, type RoutingLayer, type TechnologyOptions } from './technology.ts';
export { routeNet, rcTotals, layerPairFor, type NetPin, type RcNet, type RouteOptions } from './rc-net.ts';
export { wireDelays, topDown, type WireDelays } from './wire-delay.ts';
export { writeSpef, escapeSpef, type SpefHeader } from './spef-writer.ts';
export { placedNets, netPoints, pinShapes, pinBoxes, accessPoint, spefPinName, type PlacedNet, type PinShapes, type PinBoxes, type NetPoints } from './placed-nets.ts';
export { compareWithSpef, type SpefComparison, type RelativeErrors } from './accuracy.ts';
