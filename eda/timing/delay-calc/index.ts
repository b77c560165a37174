export { FALL, RISE, checkTime, gateDelay, inputTransitions } from './gate-delay.ts';
export { idealNet, lumpedNet, type NetParasitics, type ParasiticsSource } from './parasitics.ts';
export { wireLoadParasitics } from './wire-load.ts';
