/**
 * The classification tasks the language model is fine-tuned on, read from the text data folder
 * (`TESSERA_DATA/text`), with train/dev/test splits fixed before any model is trained:
 * - `sst2`: SST-2 sentiment (negative/positive); train.tsv (sentences and their parse-tree
 *   phrases), dev.tsv as dev, test.tsv (GLUE's labelled dev set, 872 sentences) as test.
 * - `agnews`: AG News topic (World/Sports/Business/Sci/Tech); the folder has no training file, so
 *   its dev.tsv is split by text hash into train (90%) and dev (10%); test.tsv is the test set.
 * - `style`: TinyStories (0) vs Shakespeare (1): passages of 20 words, split by passage hash
 *   (80/10/10), classes balanced by keeping the first passages of the larger source.
 * Test sets longer than `TEST_CAP` (dev sets: `DEV_CAP`) are a seeded sample of that size (the same
 * for every model). A larger size takes more of the same seeded shuffle, so every smaller sample is
 * a prefix of a larger one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, UserError } from '../../../util/index.ts';
import { SeededRandom } from '../../common/index.ts';

export interface Example {
  readonly text: string;
  readonly label: number;
}

export interface TaskData {
  readonly name: TaskName;
  readonly labels: readonly string[];
  readonly train: readonly Example[];
  readonly dev: readonly Example[];
  readonly test: readonly Example[];
}

export const TASK_NAMES = ['sst2', 'agnews', 'style'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** Each task's prompt and label words for label-word scoring (words whose first tokens differ in the shipped tokenizer). */
export const LABEL_WORDS: Record<TaskName, { readonly prompt: string; readonly words: readonly string[] }> = {
  sst2: { prompt: ' It was', words: ['bad', 'good'] },
  agnews: { prompt: ' Topic:', words: ['world', 'sports', 'business', 'science'] },
  style: { prompt: ' Style:', words: ['story', 'play'] },
};

/** Largest test and dev sets (seeded samples beyond it) and the seed of those samples. */
export const TEST_CAP = 400;
export const DEV_CAP = 200;

/** The dev and test sample sizes per task (a split smaller than its size is taken whole). */
export interface SampleSizes {
  readonly dev: number;
  readonly test: number;
}
const SAMPLE_SEED = 16;

const AGNEWS_LABELS = ['World', 'Sports', 'Business', 'Sci/Tech'];
const PASSAGE_WORDS = 20;

export function isTaskName(s: string): s is TaskName {
  return (TASK_NAMES as readonly string[]).includes(s);
}

function need(path: string): string {
  if (!existsSync(path)) throw new UserError(`missing task data file ${path}`, '--data', 'point --data (or TESSERA_DATA) at the text data folder with sst2/, agnews/, tinyshakespeare/, tinystories/');
  return readFileSync(path, 'utf8');
}

/** `text<TAB>label` lines; `labelOf` maps the label column to a class (undefined: skip the line, e.g. a header). */
function readTsv(path: string, labelOf: (s: string) => number | undefined): Example[] {
  const out: Example[] = [];
  for (const line of need(path).split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    const label = labelOf(line.slice(tab + 1).trim());
    const text = line.slice(0, tab).trim();
    if (label !== undefined && text) out.push({ text, label });
  }
  return out;
}

/** The share of a text's hash in [0, 1): a split every run and machine agrees on. */
const hashShare = (text: string) => parseInt(contentHash(text, 'task-split').slice(0, 8), 16) / 2 ** 32;

/** The first `cap` items of one seeded shuffle (all of them, shuffled, when fewer): samples of any size share their prefixes. */
function sample<T>(items: readonly T[], cap: number): T[] {
  return new SeededRandom(SAMPLE_SEED).shuffle(items).slice(0, cap);
}

/** 20-word passages of a text whose blocks are separated by blank lines (speaker lines such as "ROMEO:" dropped). */
export function passages(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const words = block.split('\n').filter((l) => !/^[A-Z][A-Za-z ]*:\s*$/.test(l.trim())).join(' ').split(/\s+/).filter(Boolean);
    for (let i = 0; i + PASSAGE_WORDS / 2 <= words.length; i += PASSAGE_WORDS) out.push(words.slice(i, i + PASSAGE_WORDS).join(' '));
  }
  return out;
}

function readStyle(root: string): { train: Example[]; dev: Example[]; test: Example[] } {
  const stories = passages(need(join(root, 'tinystories', 'tinystories_val.txt')));
  const plays = passages(need(join(root, 'tinyshakespeare', 'input.txt')));
  const n = Math.min(stories.length, plays.length);
  const all = [...stories.slice(0, n).map((text) => ({ text, label: 0 })), ...plays.slice(0, n).map((text) => ({ text, label: 1 }))];
  const split = { train: [] as Example[], dev: [] as Example[], test: [] as Example[] };
  for (const e of all) {
    const h = hashShare(e.text);
    (h < 0.8 ? split.train : h < 0.9 ? split.dev : split.test).push(e);
  }
  return split;
}

/** A task's splits from the text data folder `root` (holding sst2/, agnews/, tinyshakespeare/, tinystories/). */
export function loadTask(name: TaskName, root: string, sizes: SampleSizes = { dev: DEV_CAP, test: TEST_CAP }): TaskData {
  if (name === 'sst2') {
    const binary = (s: string) => (s === '0' ? 0 : s === '1' ? 1 : undefined);
    return {
      name, labels: ['negative', 'positive'],
      train: readTsv(join(root, 'sst2', 'train.tsv'), binary),
      dev: sample(readTsv(join(root, 'sst2', 'dev.tsv'), binary), sizes.dev),
      test: sample(readTsv(join(root, 'sst2', 'test.tsv'), binary), sizes.test),
    };
  }
  if (name === 'agnews') {
    const topic = (s: string) => { const i = AGNEWS_LABELS.indexOf(s); return i < 0 ? undefined : i; };
    const labelled = readTsv(join(root, 'agnews', 'dev.tsv'), topic);
    return {
      name, labels: AGNEWS_LABELS,
      train: labelled.filter((e) => hashShare(e.text) < 0.9),
      dev: sample(labelled.filter((e) => hashShare(e.text) >= 0.9), sizes.dev),
      test: sample(readTsv(join(root, 'agnews', 'test.tsv'), topic), sizes.test),
    };
  }
  const s = readStyle(root);
  return { name, labels: ['tinystories', 'shakespeare'], train: s.train, dev: sample(s.dev, sizes.dev), test: sample(s.test, sizes.test) };
}

/** How many of each split's seeded shuffle earlier looks used: the dev sample, and the largest test sample the merge comparisons scored. */
export interface EarlierSamples {
  readonly dev: number;
  readonly test: number;
}
export const EARLIER_SAMPLES: EarlierSamples = { dev: DEV_CAP, test: 1000 };

/**
 * Where each task's fresh held-out examples come from. SST-2: every labelled test sentence (872) has
 * been scored, so its dev file beyond the dev sample (phrases of the training reviews, never
 * fine-tuned or tuned on). AG News and style: their test sets beyond the earlier samples.
 */
export const FRESH_SPLIT: Record<TaskName, 'dev' | 'test'> = { sst2: 'dev', agnews: 'test', style: 'test' };

/**
 * `size` examples of a task no earlier look used: the split's seeded shuffle continued past its
 * earlier sample, leaving out every text that is also a training example or in an earlier dev or
 * test sample (fewer when the split ends).
 */
export function freshHeldOut(name: TaskName, root: string, size: number, split: 'dev' | 'test' = FRESH_SPLIT[name], earlier: EarlierSamples = EARLIER_SAMPLES): Example[] {
  const all = loadTask(name, root, { dev: Infinity, test: Infinity });
  const used = new Set([...all.train, ...all.dev.slice(0, earlier.dev), ...all.test.slice(0, earlier.test)].map((e) => e.text));
  return all[split].slice(earlier[split]).filter((e) => !used.has(e.text)).slice(0, size);
}
