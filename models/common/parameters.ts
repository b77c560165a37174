import tf from './tfjs.cjs';
import { SeededRandom } from './seeded-random.ts';

export type Init = 'glorot' | 'zeros' | 'ones' | { normal: number };

/** A named weight array as stored in a checkpoint. */
export interface NamedArray { readonly shape: readonly number[]; readonly data: Float32Array }

/**
 * The trainable weights of a model, by name, initialised from a seed (never from tfjs's global
 * RNG), so the same seed always gives the same model.
 */
export class Parameters {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  add(name: string, shape: readonly number[], init: Init = 'glorot'): tf.Variable {
    if (this.vars.has(name)) throw new Error(`parameter ${name} defined twice`);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (init === 'ones') data.fill(1);
    else if (init === 'glorot') {
      const fanIn = shape.length > 1 ? shape[shape.length - 2] : shape[0];
      const fanOut = shape[shape.length - 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) data[i] = (2 * this.random.next() - 1) * limit;
    } else if (typeof init === 'object') for (let i = 0; i < size; i++) data[i] = this.random.normal() * init.normal;
    const v = tf.variable(tf.tensor(data, [...shape]), true);
    this.vars.set(name, v);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`no parameter named ${name}`);
    return v;
  }

  /** Variables whose name starts with `prefix` (all when omitted), for an optimizer's var list. */
  list(prefix = ''): tf.Variable[] {
    return [...this.vars.entries()].filter(([n]) => n.startsWith(prefix)).map(([, v]) => v);
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  /** A copy of every weight, e.g. for a checkpoint or to keep the best epoch. */
  snapshot(): Map<string, NamedArray> {
    return new Map([...this.vars].map(([n, v]) => [n, { shape: v.shape, data: v.dataSync() as Float32Array }]));
  }

  /** Sets weights from a snapshot or checkpoint; every parameter must be present with its shape. */
  restore(weights: ReadonlyMap<string, NamedArray>, only?: (name: string) => boolean): void {
    for (const [name, v] of this.vars) {
      if (only && !only(name)) continue;
      const w = weights.get(name);
      if (!w) throw new Error(`checkpoint has no weights for ${name}`);
      if (w.shape.join('x') !== v.shape.join('x')) throw new Error(`weights for ${name} have shape ${w.shape.join('x')}, model expects ${v.shape.join('x')}`);
      // assign shares the new tensor's data; disposing the temporary lets the next assign free it.
      const t = tf.tensor(w.data, v.shape);
      v.assign(t);
      t.dispose();
    }
  }

  count(): number {
    return [...this.vars.values()].reduce((s, v) => s + v.size, 0);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}
