import { totalmem } from 'node:os';
import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { mixpeEvalConfig, parseArraySize, PE_KIND_IDS, PRECISION_MODES, peKind, type QuantScheme } from '../../hw/index.ts';
import { energyConstants28nm } from '../../hw/energy/index.ts';
import { gemmEnergy, randomGemmOperands, referenceGemm, simulateGemm, validateGemm, type SimConfig } from '../../sim/index.ts';

export default defineCommand({
  path: ['sim', 'gemm'],
  summary: 'simulate one M x K x N GEMM on a PE array: cycles, utilization, buffer/DRAM traffic, energy by part',
  details: `Operands are seeded random matrices (normal weights quantized per group, activations per token).
The memory system is the MixPE evaluation's: 500 MHz, weight/activation/output buffers 128/256/128 KB, a
1024-bit DRAM interface. Energy uses the 28 nm four-part model of hw/energy. The cycle contract is in
docs/sim-cycle-model.md.
example: tessera sim gemm --m 197 --k 768 --n 2304 --pe mixpe-w4a8 --array 64x64 --group 128 --check`,
  flags: [
    { name: 'm', kind: 'int', default: 197, valueName: 'M', help: 'rows of the activations and the output (tokens)' },
    { name: 'k', kind: 'int', default: 768, valueName: 'K', help: 'reduction length (input features)' },
    { name: 'n', kind: 'int', default: 2304, valueName: 'N', help: 'columns of the weights and the output (output features)' },
    { name: 'pe', kind: 'string', default: 'mixpe-w4a8', choices: PE_KIND_IDS, valueName: 'KIND', help: 'PE kind' },
    { name: 'precision', kind: 'string', valueName: 'MODE', help: `precision mode (${PRECISION_MODES.join(', ')}); BitFusion and ANT fuse 1, 2 or 4 products per cycle by mode; default: the kind's default mode` },
    { name: 'array', kind: 'string', default: '64x64', valueName: 'RxC', help: 'PE array rows x columns' },
    { name: 'dataflow', kind: 'string', default: 'os', choices: ['os', 'ws'], help: 'os: output-stationary; ws: weight-stationary' },
    { name: 'group', kind: 'int', default: 128, valueName: 'G', help: 'weight quantization group along K (must divide K; K = per-channel)' },
    { name: 'scheme', kind: 'string', default: 'auto', choices: ['auto', 'symmetric', 'asymmetric'], help: 'weight quantization: auto = asymmetric where the PE kind supports it' },
    { name: 'mode', kind: 'string', default: 'cycle', choices: ['cycle', 'fast'], help: 'cycle: every PE every cycle with real values; fast: closed-form cycles and traffic' },
    { name: 'check', kind: 'boolean', help: 'compare every output with the plain reference GEMM (bit-exact); exit 1 on a mismatch (cycle mode)' },
    { name: 'seed', kind: 'int', default: 1, help: 'seed of the random operands' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'also write the figures as JSON to OUT' },
  ],
  async run(flags) {
    const pe = peKind(flags.pe, '--pe', flags.precision);
    const { rows, cols } = parseArraySize(flags.array);
    const scheme: QuantScheme = flags.scheme === 'auto' ? (pe.schemes.includes('asymmetric') ? 'asymmetric' : 'symmetric') : (flags.scheme as QuantScheme);
    const dataflow = flags.dataflow === 'ws' ? 'weight-stationary' : 'output-stationary';
    const config: SimConfig = { pe, array: mixpeEvalConfig(rows, cols, dataflow), group: flags.group, scheme };
    const shape = { m: flags.m, k: flags.k, n: flags.n };
    validateGemm(config, shape);
    const mode = flags.mode as 'cycle' | 'fast';
    if (flags.check && mode !== 'cycle') throw new UserError('--check needs the values of cycle mode', '--check', 'use --mode cycle or drop --check');
    if (mode === 'cycle') checkCycleModeMemory(shape, flags.check === true);
    const operands = mode === 'cycle' ? randomGemmOperands(config, shape, flags.seed) : undefined;
    const t0 = performance.now();
    const r = simulateGemm(config, shape, { mode, ...(operands ? { operands } : {}) });
    const wall = (performance.now() - t0) / 1000;
    const energy = gemmEnergy(config, r, energyConstants28nm);
    let check: { passed: boolean; compared: number; mismatches: number; first?: string } | undefined;
    if (flags.check && operands && r.output) {
      const ref = referenceGemm(config, operands);
      let mismatches = 0;
      let first: string | undefined;
      for (let i = 0; i < ref.length; i++) {
        if (!Object.is(ref[i], r.output[i])) {
          mismatches++;
          first ??= `y[${Math.floor(i / shape.n)}][${i % shape.n}] = ${r.output[i]} but the reference gives ${ref[i]}`;
        }
      }
      check = { passed: mismatches === 0, compared: ref.length, mismatches, ...(first ? { first } : {}) };
    }
    const t = r.traffic;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const uj = (j: number) => `${(j * 1e6).toFixed(3)} uJ`;
    console.log(`GEMM ${shape.m}x${shape.k}x${shape.n} on ${pe.id} (${pe.mode}) ${rows}x${cols} ${dataflow}, group ${config.group} ${scheme}, ${mode} mode (${wall.toFixed(2)} s)`);
    console.log(`  cycles       ${r.cycles} (${r.passes} passes, compute ${r.computeCycles}, DRAM stall ${r.stallCycles}); ${(r.seconds * 1e6).toFixed(2)} us at ${config.array.clockHz / 1e6} MHz`);
    console.log(`  utilization  ${(r.utilization * 100).toFixed(2)} %  (${r.macs} MACs)`);
    console.log(`  buffers      weight read ${kb(t.weightReadBits / 8)}, activation read ${kb(t.activationReadBits / 8)}, output write ${kb(t.outputWriteBits / 8)}`);
    console.log(`  DRAM         read ${kb(t.dramReadBytes)} (weights ${kb(t.weightFillBytes)}, activations ${kb(t.activationFillBytes)}), write ${kb(t.dramWriteBytes)}`);
    console.log(`  energy       core ${uj(energy.core)}, buffers ${uj(energy.buffer)}, DRAM ${uj(energy.dram)}, static ${uj(energy.static)}, total ${uj(energy.total)}`);
    if (check) {
      console.log(check.passed ? `  check        passed: all ${check.compared} outputs equal the reference GEMM bit for bit` : `  check        FAILED: ${check.mismatches} of ${check.compared} outputs differ; first: ${check.first}`);
    }
    if (flags.json) {
      writeJsonAtomic(flags.json, {
        pe: pe.id, precision: pe.mode, array: { rows, cols }, dataflow, group: config.group, scheme, shape, mode,
        cycles: r.cycles, computeCycles: r.computeCycles, stallCycles: r.stallCycles, passes: r.passes,
        utilization: r.utilization, seconds: r.seconds, macs: r.macs, groupPartials: r.groupPartials,
        traffic: {
          weightBufferReadBytes: t.weightReadBits / 8, activationBufferReadBytes: t.activationReadBits / 8, outputBufferWriteBytes: t.outputWriteBits / 8,
          dramReadBytes: t.dramReadBytes, dramWeightBytes: t.weightFillBytes, dramActivationBytes: t.activationFillBytes, dramWriteBytes: t.dramWriteBytes,
        },
        energyJoules: energy,
        ...(check ? { check } : {}),
      });
    }
    return check && !check.passed ? 1 : 0;
  },
});

/** The largest typed array V8 allocates, in elements. */
const MAX_ARRAY_ELEMENTS = 2 ** 32 - 1;

/**
 * Cycle mode holds every operand and output as typed arrays: the real-valued operands and their
 * quantized codes (M*K activations, K*N weights, ~24 bytes per element over generation and the
 * feeders), the M*N outputs (4 bytes), and with --check the reference GEMM's copies (8 + 4 more).
 * Refuse up front what cannot fit, instead of failing deep inside an allocation.
 */
function checkCycleModeMemory(shape: { m: number; k: number; n: number }, check: boolean, available = totalmem()): void {
  const { m, k, n } = shape;
  const bytes = 24 * (m * k + k * n) + 4 * m * n + (check ? 8 * k * n + 4 * m * n : 0);
  const largest = Math.max(m * k, k * n, m * n);
  if (bytes <= 0.75 * available && largest <= MAX_ARRAY_ELEMENTS) return;
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(b < 2 ** 30 ? 2 : 0)} GiB`;
  const why = largest > MAX_ARRAY_ELEMENTS ? `one array of ${largest} elements, over the ${MAX_ARRAY_ELEMENTS} a typed array can hold` : `more than 3/4 of this machine's ${gib(available)}`;
  throw new UserError(`cycle mode needs about ${gib(bytes)} for a ${m}x${k}x${n} GEMM (${why})`, '--mode', 'use --mode fast (closed-form cycles and traffic, no values), or smaller --m/--k/--n');
}
