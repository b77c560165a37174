// hw/energy: the four-part energy model (core, buffers, DRAM, static) and its sourced constants.
export { horowitz45nm } from './horowitz-45nm.ts';
export { scaling45to28 } from './technology-scaling.ts';
export { studyPeKinds, energyKey, peOperators, feederOperators, macEnergyPj45, peAreaUm2At45, type StudyPeKind, type PeOperator } from './pe-operators.ts';
export { energyConstants28nm, nangate45LeakageMwPerMm2, sramPjPerByte, type EnergyConstants, type SramPoint } from './energy-constants.ts';
export { fourPartEnergy, type ActivityCounts, type EnergyParts } from './four-part-energy.ts';
