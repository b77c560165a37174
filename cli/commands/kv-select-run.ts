/** What `kv compress` and `kv compare` share: the flags, the predictor, and one method at one budget. */
import { selectBackend } from '../../models/common/index.ts';
import {
  budgetLayout, CacheScorer, CEILING_METHODS, evaluateSelection, perplexityOf, SELECT_METHODS, selectionDecodeCost, trainedPredictor,
  type PolicyMethod, type SelectMethod, type SelectionResult, type TrainedPredictor,
} from '../../models/llm/kv/index.ts';
import { ProgressBar, UserError, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import type { FlagSpec } from '../flags.ts';
import { kvModelFlags, kvSetup, type KvSetup } from './kv-common.ts';

export const selectFlags = [
  ...kvModelFlags,
  { name: 'windows', kind: 'int', default: 2, valueName: 'N', help: 'held-out test windows decoded token by token' },
  { name: 'validation', kind: 'boolean', help: 'decode the validation windows instead (even-numbered held-out windows: neither the predictor\'s training text nor the test windows), to choose settings on' },
  { name: 'per-query-head', kind: 'boolean', help: 'select per query head (each query head its own budget of its KV head\'s tokens, as AttentionPredictor\'s code does), for every method; default per KV head' },
  { name: 'train-on-query-heads', kind: 'boolean', help: 'train the predictor on single query heads\' attention histories (default: the KV heads\' maxima over their query heads)' },
  { name: 'block', kind: 'int', default: 16, valueName: 'B', help: 'largest key block (AttentionPredictor pooling, Quest pages); smaller budgets use smaller blocks' },
  { name: 'history', kind: 'int', default: 1, valueName: 'H', help: 'attention steps the predictor sees (1, chosen on validation windows; the paper has 64)' },
  { name: 'full-layers', kind: 'int', default: 2, valueName: 'N', help: 'first layers left uncompressed (every method)' },
  { name: 'train-windows', kind: 'int', default: 8, valueName: 'N', help: 'windows of the training text the predictor learns from' },
  { name: 'share', kind: 'number', default: 0.03, valueName: 'S', help: "share of the attention rows drawn as training samples, per block size (the paper's ~3%)" },
  { name: 'sparse-history', kind: 'boolean', default: true, help: 'train on history rows like those seen at decode time: 4 of every 5 hold only the kept tokens (the default, chosen on a validation window; --sparse-history=false trains on full rows)' },
  { name: 'exclude-windows', kind: 'string', default: 'attention-predictor', valueName: 'M,...|none', help: "the methods whose key blocks score only by their tokens between the sink and local windows (AttentionPredictor's input and target, Quest's pages, the analysis rankings), as AttentionPredictor's code feeds its network only the blocks between them; default AttentionPredictor alone (chosen on validation windows), 'none' for none" },
  { name: 'calibrate-every', kind: 'int', default: 5, valueName: 'N', help: "AttentionPredictor reads every key (full attention into its history) at every N-th compressed step (the paper's 5; 1 = a full history row at every step)" },
  { name: 'epochs', kind: 'int', default: 4, valueName: 'N', help: 'predictor training epochs' },
  { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the sample draw and the predictor' },
] as const satisfies readonly FlagSpec[];

/** Budgets (fractions of the context) the commands evaluate by default. */
export const BUDGETS = [1 / 32, 1 / 16, 1 / 8, 1 / 4];

export interface SelectFlags {
  checkpoint?: string; tokenizer?: string; data?: string; on?: string; array: string; group: string; scheme?: string; products?: string; check: number;
  windows: number; validation: boolean; 'per-query-head': boolean; 'train-on-query-heads': boolean; block: number; history: number; 'full-layers': number; 'train-windows': number; 'sparse-history': boolean; 'calibrate-every': number; 'exclude-windows': string; share: number; epochs: number; seed: number;
}

export interface SelectRun {
  readonly setup: KvSetup;
  readonly predictor?: TrainedPredictor;
  readonly fullPerplexity: number;
  readonly firstTarget: number;
  /** The decoded windows: 'test' (odd-numbered held-out windows) or 'validation' (even-numbered ones). */
  readonly split: 'test' | 'validation';
  readonly windows: readonly Uint16Array[];
  evaluate(method: SelectMethod, fraction: number): Promise<SelectionResult & ReturnType<typeof costAt>>;
}

function costAt(run: { setup: KvSetup; flags: SelectFlags }, method: SelectMethod, r: SelectionResult) {
  const { setup, flags } = run;
  const o = { layout: r.layout, fullLayers: flags['full-layers'], history: flags.history, calibrateEvery: flags['calibrate-every'], perQueryHead: flags['per-query-head'] };
  const T = setup.model.config.seqLen;
  const c = selectionDecodeCost(setup.model.config, setup.costBackend, { ...o, method }, T);
  const full = selectionDecodeCost(setup.model.config, setup.costBackend, { ...o, method: 'full' }, T);
  return {
    array: { context: T, kvBytesPerToken: c.kvBytes, fullKvBytesPerToken: full.kvBytes, cyclesPerToken: c.decodeCycles, predictorCycles: c.predictorCycles, fullCyclesPerToken: full.decodeCycles, secondsPerTokenSerial: c.secondsSerial, secondsPerTokenPrefetch: c.secondsPrefetch, prefetchSpeedup: c.secondsSerial / c.secondsPrefetch, ...(setup.costNote && { note: setup.costNote }) },
  };
}

/** Checks the selection flags shared by every command that reads them. */
export function checkSelectFlags(flags: SelectFlags): void {
  for (const [flag, v, lo] of [['--windows', flags.windows, 1], ['--block', flags.block, 1], ['--history', flags.history, 1], ['--full-layers', flags['full-layers'], 0], ['--train-windows', flags['train-windows'], 1], ['--epochs', flags.epochs, 1], ['--calibrate-every', flags['calibrate-every'], 1]] as const) {
    if (!(Number.isInteger(v) && v >= lo)) throw new UserError(`must be a whole number >= ${lo}, got ${v}`, flag);
  }
  if (!(flags.share > 0 && flags.share <= 1)) throw new UserError(`share ${flags.share} is not in (0, 1]`, '--share');
  windowsExcluded(flags);
}

/** The methods `--exclude-windows` names. */
export function windowsExcluded(flags: Pick<SelectFlags, 'exclude-windows'>): Set<PolicyMethod> {
  const raw = flags['exclude-windows'].trim();
  if (raw === 'none') return new Set();
  const names = raw.split(',').map((m) => m.trim());
  const known: readonly string[] = [...SELECT_METHODS, ...CEILING_METHODS];
  const bad = names.find((m) => !known.includes(m));
  if (bad !== undefined) throw new UserError(`unknown method '${bad}'`, '--exclude-windows', `give a comma list of ${known.join(', ')}, or none`);
  return new Set(names as PolicyMethod[]);
}

/** The predictor the flags describe, trained on the model's training text for the block sizes of `fractions` (or read from the cache). */
export async function predictorFromFlags(flags: SelectFlags, setup: KvSetup, fractions: readonly number[]): Promise<TrainedPredictor> {
  await selectBackend(() => {});
  const T = setup.model.config.seqLen;
  const blocks = [...new Set(fractions.map((f) => budgetLayout(Math.round(f * T), flags.block).block))];
  return trainedPredictor(setup.model, setup.modelKey, setup.trainingWindows(flags['train-windows']), {
    history: flags.history, blocks, share: flags.share, minTokens: Math.round(Math.min(...fractions) * T), seed: flags.seed,
    epochs: flags.epochs, batch: 32, rate: 3e-3, fullLayers: flags['full-layers'], ...(flags['train-on-query-heads'] ? { perQueryHead: true } : {}),
    ...(windowsExcluded(flags).has('attention-predictor') ? { excludeWindows: { budgets: fractions.map((f) => Math.round(f * T)), maxBlock: flags.block } } : {}),
    ...(flags['sparse-history'] ? { sparse: { budgets: fractions.map((f) => Math.round(f * T)), maxBlock: flags.block, calibrateEvery: flags['calibrate-every'] } } : {}),
  });
}

/** `bySteps`: every window's per-step recovery too (windows cached without it are decoded again). */
export async function selectRun(flags: SelectFlags, methods: readonly SelectMethod[], fractions: readonly number[], bySteps = false): Promise<SelectRun> {
  setInterruptNote(cachedWorkNote('the AttentionPredictor network and window selections', 'kv-predictor', 'kv-select'));
  checkSelectFlags(flags);
  const setup = kvSetup(flags, flags.windows, flags.windows);
  const split = flags.validation ? 'validation' : 'test';
  const windows = flags.validation ? setup.tune : setup.test;
  const perQueryHead = flags['per-query-head'];
  const T = setup.model.config.seqLen;
  const firstTarget = Math.max(...BUDGETS, ...fractions) * T;
  const predictor = methods.includes('attention-predictor') ? await predictorFromFlags(flags, setup, fractions) : undefined;
  const scorer = new CacheScorer(setup.model, setup.modelKey, windows);
  const fullPerplexity = perplexityOf(await scorer.score({ key: 'full', layerCache: () => undefined, firstTarget }));
  const bar = new ProgressBar('decoding windows', methods.length * fractions.length * windows.length);
  return {
    setup, predictor, fullPerplexity, firstTarget, split, windows,
    async evaluate(method, fraction) {
      const r = await evaluateSelection(setup.model, windows, method, fraction, {
        fullLayers: flags['full-layers'], firstTarget, maxBlock: flags.block, excludeWindows: windowsExcluded(flags).has(method), calibrateEvery: flags['calibrate-every'], net: predictor?.net, netKey: predictor?.key, perQueryHead, modelKey: setup.modelKey, bySteps, onWindow: (cached) => (cached ? bar.skip(1) : bar.tick(1, `${method} ${fraction}`)),
      });
      return { ...r, ...costAt({ setup, flags }, method, r) };
    },
  };
}
