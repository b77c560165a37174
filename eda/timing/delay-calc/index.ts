export { FALL, RISE, checkTime, gateDelay, inputTransitions } from './gate-delay.ts';
export { degradeSlew, idealNet, lumpedNet, type NetParasitics, type ParasiticsSource } from './parasitics.ts';
export { wireLoadParasitics } from './wire-load.ts';
export { effectiveCap, piFromMoments, throughResistor, type Moments, type PiModel } from './effective-cap.ts';
export { pinCap } from './wire-load.ts';
export { spefParasitics } from './spef-parasitics.ts';
export { estimateNet, layerRC, pinLocations, placementParasitics, routingRC, type NetEstimate } from './placement-estimate.ts';
export { estimateAccuracy, type ErrorStats, type EstimateAccuracy } from './estimate-accuracy.ts';
export { sdfAnnotation, type Annotated, type DelayAnnotation } from './sdf-annotation.ts';
