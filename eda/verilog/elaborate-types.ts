/** What elaboration returns: the instance tree with parameters and declared nets. */
import type { ModuleDecl, UdpDecl } from './ast.ts';
import type { Diagnostic } from './diagnostics.ts';

export interface ElaboratedNet {
  /** The name inside its instance; nets of generate blocks carry the block path (`g[3].t`). */
  name: string;
  /** input/output/inout for ports, else the declared type (wire, reg, integer ...). */
  kind: string;
  width: number;
  /** Array dimensions' sizes (memories), empty for plain nets. */
  dims: number[];
}

export interface ElaboratedInstance {
  /** Hierarchical path, e.g. `top.u_core.gen_lane[3].u_pe`. */
  path: string;
  module: string;
  /** Module defined in the sources (false: a library cell, primitive or unknown module). */
  defined: boolean;
  /** Parameter values: integers in decimal, reals as numbers, strings quoted, x/z as based binary. */
  parameters: Record<string, string>;
  nets: ElaboratedNet[];
  children: ElaboratedInstance[];
}

export interface Elaboration {
  modules: Map<string, ModuleDecl>;
  udps: Map<string, UdpDecl>;
  tops: ElaboratedInstance[];
  diagnostics: Diagnostic[];
}

export interface ElaborateOptions {
  /** Elaborate from this module (default: every module nobody instantiates). */
  top?: string;
  /**
   * Instances of modules defined nowhere: an error (the default, as simulators do), or leaves
   * (library cells of a gate-level netlist read without their library).
   */
  unknownModules?: 'error' | 'blackbox';
  /** Bound on the steps of work (instances, generate iterations, constant-function statements); see step-budget.ts. */
  maxSteps?: number;
}
