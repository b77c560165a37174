/** What the kv commands share: the model and its held-out windows, the backends, the throughput backend. */
import { backendFromFlags, ArrayBackend, type GemmBackend } from '../../models/common/gemm/index.ts';
import { checkpointSplit, engineModel, loadModel, spreadWindows, tokenStream, weightsKey, type LlamaModel } from '../../models/llm/index.ts';
import { tuneTestWindows } from '../../models/llm/kv/index.ts';
import { UserError } from '../../util/index.ts';
import type { FlagSpec } from '../flags.ts';
import { arrayFlags, modelFlags } from './llm-flags.ts';

export const kvModelFlags = [
  ...modelFlags,
  { name: 'data', kind: 'string', valueName: 'DIR|FILE', help: 'where the training text is (default: as the checkpoint recorded it)' },
  ...arrayFlags,
] as const satisfies readonly FlagSpec[];

export interface KvSetup {
  readonly model: LlamaModel;
  readonly modelKey: string;
  readonly checkpoint: string;
  readonly weightsSha256: string;
  readonly tune: Uint16Array[];
  readonly test: Uint16Array[];
  /** Where costs are taken: the --on array, or mixpe-w4a8 64x64 when perplexity runs on the reference. */
  readonly costBackend: ArrayBackend;
  /** For a carved (CMoE) model: the array cost books the dense model's FFN, not the active experts'. */
  readonly costNote?: string;
  /** `count` windows of the model's training text (every 50th training document), for learned selection. */
  trainingWindows(count: number): Uint16Array[];
}

interface SetupFlags {
  checkpoint?: string; tokenizer?: string; data?: string;
  on?: string; array: string; group: string; scheme?: string; products?: string; check: number;
}

export function kvSetup(flags: SetupFlags, tuneWindows: number, testWindows: number): KvSetup {
  for (const [flag, v] of [['--tune-windows', tuneWindows], ['--test-windows', testWindows]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new UserError(`must be a whole number >= 1, got ${v}`, flag);
  }
  const m = loadModel(flags.checkpoint, flags.tokenizer);
  const split = checkpointSplit(m.meta, flags.data, flags.checkpoint ?? 'the shipped model');
  const backend: GemmBackend = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
  const costBackend = backend instanceof ArrayBackend ? backend : backendFromFlags({ on: 'mixpe-w4a8', array: flags.array, group: flags.group }) as ArrayBackend;
  const { tune, test } = tuneTestWindows(split.heldOut, m.tokenizer, m.weights.config.seqLen, tuneWindows, testWindows);
  return {
    model: engineModel(m, backend), modelKey: weightsKey(m), checkpoint: m.source, weightsSha256: m.meta?.weightsSha256 ?? weightsKey(m),
    tune, test, costBackend,
    ...(m.moe && { costNote: `the array cost is the dense model's: it books the dense FFN, not the ${m.moe.config} active experts' (moe carve reports the carved FFN's cost)` }),
    trainingWindows: (count) => {
      const T = m.weights.config.seqLen;
      const stream = tokenStream(split.train.filter((_, i) => i % 50 === 0), m.tokenizer);
      return spreadWindows(stream, T, count * T).map((w) => w.window).filter((w) => w.length === T + 1);
    },
  };
}

/** A comma list of positive whole numbers. */
export function intList(raw: string, flag: string): number[] {
  const out = raw.split(',').map((s) => Number(s.trim()));
  if (out.length === 0 || out.some((x) => !(Number.isInteger(x) && x >= 1))) throw new UserError(`'${raw}' is not a list of positive whole numbers`, flag, 'e.g. 256,1024,8192');
  return out;
}
