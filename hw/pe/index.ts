// hw/pe: the PE kinds and their exact arithmetic (cost entries per kind: hw/energy/pe-operators.ts).
export * from './kinds.ts';
export * from './semantics.ts';
