/**
 * The `array` backend: every product as the simulated MixPE array computes it. Weights are quantized
 * once per the PE kind (hw/quant: bits, group size, scheme), activations per token; the values are
 * bit-identical to sim's cycle mode (exact-kernels.ts); cycles, energy by part and DRAM bytes come
 * from sim's fast mode for each product's shape. Check mode also runs a seeded share of the products
 * through cycle mode and throws on the first bit that differs.
 */
import type { EnergyConstants } from '../../../hw/energy/index.ts';
import { createRng, type ArrayConfig, type PeKind, type QuantScheme, type Rng } from '../../../hw/index.ts';
import { simulateGemm, validateGemm, type GemmOperands, type GemmShape, type SimConfig } from '../../../sim/index.ts';
import { ArrayCostModel } from './array-cost.ts';
import { arrayActivations, arrayWeights, type ArrayWeightOperands } from './array-operands.ts';
import { arrayProduct, productCostConfig, productK } from './array-products.ts';
import { checkOperand, checkPrepared } from './checks.ts';
import { exactGemm } from './exact-kernels.ts';
import { GemmLedger, type GemmCost } from './ledger.ts';
import type { GemmBackend, GemmLabel, MatrixLayout, OperandRole, PreparedWeights, ProductPrecision } from './types.ts';

export interface ArrayBackendOptions {
  readonly pe: PeKind;
  readonly array: ArrayConfig;
  /** Rows of K per weight group, or 'channel' for one group per column. */
  readonly group: number | 'channel';
  readonly scheme: QuantScheme;
  /** Products of two run-time operands (attention); default: the PE kind's activation format. */
  readonly productPrecision?: ProductPrecision;
  /** Group length (tokens) where a product's K runs over tokens; K is zero-padded to it. Default 32. */
  readonly productGroup?: number;
  readonly energy?: EnergyConstants;
  /** Also run this share (0..1) of the products through cycle mode, compared bit for bit. */
  readonly check?: { readonly rate: number; readonly seed?: number };
}

interface ArrayWeights extends PreparedWeights, ArrayWeightOperands {
  readonly config: SimConfig;
}

/** The first output where two results differ in their bits (any NaN equals any NaN), or -1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

export class ArrayBackend implements GemmBackend {
  readonly name = 'array';
  readonly description: string;
  readonly ledger = new GemmLedger();
  readonly productPrecision: ProductPrecision;
  readonly productGroup: number;
  private readonly costs: ArrayCostModel;
  private readonly rng: Rng | undefined;
  /** Products verified against cycle mode so far (check mode). */
  checkedProducts = 0;

  constructor(readonly options: ArrayBackendOptions) {
    const { pe, array, group, scheme } = options;
    this.productPrecision = options.productPrecision ?? (pe.activation === 'fp16' ? 'fp16' : 'int8');
    this.productGroup = options.productGroup ?? 32;
    this.costs = new ArrayCostModel(options.energy);
    this.rng = options.check && options.check.rate > 0 ? createRng(options.check.seed ?? 1) : undefined;
    this.description = `array ${pe.id} ${array.rows}x${array.cols} group ${group} ${scheme}, products ${this.productPrecision}`;
  }

  /** The configuration a linear layer with this K runs under. */
  linearConfig(k: number): SimConfig {
    const { pe, array, group, scheme } = this.options;
    return { pe, array, group: group === 'channel' ? k : group, scheme };
  }

  prepare(w: Float32Array, k: number, n: number, layout: MatrixLayout = 'kn'): PreparedWeights {
    checkOperand(w, k, n, 'weights');
    const config = this.linearConfig(k);
    validateGemm(config, { m: 1, k, n });
    const kn = layout === 'kn' ? w : (() => { const t = new Float32Array(k * n); for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) t[i * n + j] = w[j * k + i]; return t; })();
    const prepared: ArrayWeights = { k, n, preparedBy: this.description, config, ...arrayWeights(config, kn, k, n) };
    return prepared;
  }

  linear(x: Float32Array, m: number, w: PreparedWeights, label: GemmLabel): Float32Array {
    const p = checkPrepared<ArrayWeights>(w, this.description);
    const { k, n } = p;
    checkOperand(x, m, k, 'activations');
    const xa = arrayActivations(p.config.pe, x, m, k);
    const y = exactGemm({ m, k, n, x: xa.x, xScale: xa.xScale, wt: p.wt, wScale: p.wScale, groupLength: p.groupLength, integer: p.config.pe.accumulator === 'int32' });
    this.ledger.record(label, m * k * n, this.costs.cost(p.config, { m, k, n }, 'weight'));
    this.maybeCheck(label, { m, k, n }, () => ({ config: p.config, operands: { weights: p.weights, activations: xa.activations } }), y);
    return y;
  }

  product(a: Float32Array, m: number, k: number, b: Float32Array, n: number, layout: MatrixLayout, label: GemmLabel, role: OperandRole = 'kv'): Float32Array {
    checkOperand(a, m, k, 'A');
    checkOperand(b, k, n, 'B');
    const run = arrayProduct(this.productPrecision, this.options.array, this.productGroup, a, m, k, b, n, layout);
    this.ledger.record(label, m * k * n, this.costs.cost(run.costConfig, { m, k: run.k, n }, role));
    this.maybeCheck(label, { m, k: run.k, n }, run.check, run.y);
    return run.y;
  }

  /** The cost of a linear layer's shape without computing it (profiles of hypothetical runs). */
  costOfLinear(m: number, k: number, n: number): GemmCost {
    return this.costs.cost(this.linearConfig(k), { m, k, n }, 'weight');
  }

  /** The cost of a product's shape without computing it (K padded as `product` pads it). */
  costOfProduct(m: number, k: number, n: number, layout: MatrixLayout, role: OperandRole = 'kv'): GemmCost {
    const kRun = productK(k, layout, this.productGroup);
    return this.costs.cost(productCostConfig(this.productPrecision, this.options.array, this.productGroup, kRun, layout), { m, k: kRun, n }, role);
  }

  private maybeCheck(label: GemmLabel, shape: GemmShape, make: () => { config: SimConfig; operands: GemmOperands }, y: Float32Array): void {
    if (!this.rng || this.rng.next() >= this.options.check!.rate) return;
    const { config, operands } = make();
    const cycle = simulateGemm(config, shape, { mode: 'cycle', operands }).output!;
    const i = firstBitDifference(y, cycle);
    if (i >= 0) {
      const where = `${label.kind}${label.layer === undefined ? '' : ` (layer ${label.layer})`} ${shape.m}x${shape.k}x${shape.n}`;
      throw new Error(`array check failed: ${where} output ${i} is ${y[i]} here but ${cycle[i]} in cycle mode`);
    }
    this.checkedProducts++;
  }
}
