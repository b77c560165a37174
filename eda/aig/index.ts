// eda/aig: And-Inverter Graphs — structure, file formats, simulation, statistics, equivalence.
export { Aig, FALSE, TRUE, VarKind, litVar, litNot, litIsComplemented, litRegular, makeLit, type Literal, type Latch, type LatchInit, type Output } from './aig.ts';
export { readAiger } from './aiger-read.ts';
export { writeAag, writeAig } from './aiger-write.ts';
export { writeVerilog } from './verilog-write.ts';
export { readBench } from './bench-read.ts';
export { readBlif } from './blif-read.ts';
export { readGateVerilog } from './verilog-read.ts';
export { readPla } from './pla-read.ts';
export { CIRCUIT_EXTENSIONS, circuitFormat, parseCircuit, readCircuit } from './read-circuit.ts';
export { simulateWords, simulateRandom, literalWords, randomWords } from './simulate.ts';
export { truthTables, exhaustivePatterns, truthTableMask, MAX_TRUTH_TABLE_INPUTS } from './truth-table.ts';
export { parseTruthHex, truthHex, truthHexLength, truthWords } from './truth-hex.ts';
export { aigStats, depth, levels, fanoutStats, type AigStats, type FanoutStats } from './stats.ts';
export { checkEquivalence, type EquivalenceOptions, type EquivalenceResult } from './equivalence.ts';
