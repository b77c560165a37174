/**
 * A carved (CMoE) model's routing on disk: `moe.json` beside the checkpoint's weights, the file's
 * sha256 recorded in model.json. Per layer it holds the shared neurons, each routed expert's
 * neurons and representative, the balancing bias, the weight scales and the router's rows, so the
 * folder alone rebuilds the carved model (the router's rows are the dense model's, not the
 * fine-tuned weights'). Numbers are written as JSON numbers: float32 and float64 values read back
 * bit for bit.
 */
import { UserError } from '../../../../util/index.ts';
import type { LlamaConfig } from '../../config.ts';
import type { RouterRows } from './moe-ffn.ts';
import type { CarvedModelLayer } from './pipeline.ts';

export const MOE_FILE = 'moe.json';
const FORMAT = 'tessera-cmoe-1';
const FIX = 'write the carved model again with `tessera moe carve --out DIR`';

/** A carved model's routing: every layer with its router's rows. */
export interface MoeRouting {
  /** SxAyEz. */
  readonly config: string;
  /** Routed experts per token. */
  readonly active: number;
  readonly layers: readonly (CarvedModelLayer & { readonly router: RouterRows })[];
}

/** The text of moe.json. */
export function moeFileText(routing: MoeRouting): string {
  return JSON.stringify({
    format: FORMAT, config: routing.config, active: routing.active,
    layers: routing.layers.map((l) => ({
      shared: Array.from(l.carved.shared), experts: l.carved.experts.map((e) => Array.from(e)), representatives: Array.from(l.carved.representatives),
      bias: Array.from(l.bias), scales: Array.from(l.scales), router: { gate: Array.from(l.router.gate), up: Array.from(l.router.up) },
    })),
  });
}

/** Checks the parsed moe.json against the model's shape; every problem names the file and the field. */
export function parseMoeFile(text: string, file: string, config: LlamaConfig): MoeRouting {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`unreadable ${MOE_FILE}: ${(e as Error).message}`, file, FIX);
  }
  const fail = (field: string, message: string): never => { throw new UserError(`${field}: ${message}`, file, FIX); };
  const obj = (v: unknown, field: string) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(field, 'must be an object'));
  const numbers = (v: unknown, field: string, length?: number): number[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) return fail(field, 'must be a list of numbers');
    if (length !== undefined && v.length !== length) return fail(field, `has ${v.length} values, the model needs ${length}`);
    return v as number[];
  };
  const neurons = (v: unknown, field: string): Int32Array => {
    const ids = numbers(v, field);
    const bad = ids.findIndex((j) => !(Number.isInteger(j) && j >= 0 && j < config.hiddenDim));
    if (bad >= 0) fail(`${field}[${bad}]`, `${ids[bad]} is not a neuron of the FFN's ${config.hiddenDim}`);
    return Int32Array.from(ids);
  };
  const top = obj(raw, MOE_FILE);
  if (top.format !== FORMAT) fail('format', `is '${String(top.format)}', not '${FORMAT}'`);
  if (typeof top.config !== 'string') fail('config', 'must be a configuration such as S2A2E16');
  const active = top.active;
  if (!(typeof active === 'number' && Number.isInteger(active) && active >= 1)) return fail('active', 'must be a whole number >= 1');
  if (!Array.isArray(top.layers) || top.layers.length !== config.layers) return fail('layers', `must list the model's ${config.layers} layers`);
  const layers = top.layers.map((entry, i): MoeRouting['layers'][number] => {
    const at = `layers[${i}]`, l = obj(entry, at);
    const shared = neurons(l.shared, `${at}.shared`);
    if (!Array.isArray(l.experts)) return fail(`${at}.experts`, 'must be a list of neuron lists');
    const experts = l.experts.map((e, k) => neurons(e, `${at}.experts[${k}]`));
    const R = experts.length;
    if (R > 0 && active > R) fail('active', `${active} active experts, but layer ${i} has ${R}`);
    const seen = new Set<number>();
    for (const j of [...shared, ...experts.flatMap((e) => Array.from(e))]) {
      if (seen.has(j)) fail(at, `neuron ${j} is in more than one expert`);
      seen.add(j);
    }
    const representatives = neurons(l.representatives, `${at}.representatives`);
    if (representatives.length !== R) fail(`${at}.representatives`, `has ${representatives.length} neurons for ${R} experts`);
    representatives.forEach((j, k) => { if (!experts[k].includes(j)) fail(`${at}.representatives[${k}]`, `neuron ${j} is not in expert ${k}`); });
    const router = obj(l.router, `${at}.router`);
    return {
      carved: { shared, experts, representatives },
      bias: Float64Array.from(numbers(l.bias, `${at}.bias`, R)),
      scales: Float64Array.from(numbers(l.scales, `${at}.scales`, R)),
      router: { gate: Float32Array.from(numbers(router.gate, `${at}.router.gate`, R * config.dim)), up: Float32Array.from(numbers(router.up, `${at}.router.up`, R * config.dim)) },
    };
  });
  return { config: top.config as string, active, layers };
}
