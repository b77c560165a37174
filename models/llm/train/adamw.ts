/**
 * AdamW (decoupled weight decay, Loshchilov & Hutter 2019) with global-norm gradient clipping, its
 * moments held as named variables so a checkpoint can save and restore them exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedArray } from '../../common/index.ts';

export interface AdamWOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  /** Largest global gradient norm; larger gradients are scaled down to it. */
  readonly clipNorm: number;
}

export class AdamW {
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  step = 0;

  constructor(private readonly params: ReadonlyMap<string, tf.Variable>, readonly o: AdamWOptions, private readonly decays: (name: string) => boolean) {
    for (const [name, p] of params) {
      this.m.set(name, tf.variable(tf.zerosLike(p), false));
      this.v.set(name, tf.variable(tf.zerosLike(p), false));
    }
  }

  /** One update at learning rate `lr`; returns the gradient norm before clipping. */
  apply(grads: ReadonlyMap<string, tf.Tensor>, lr: number): number {
    this.step++;
    const { beta1, beta2, epsilon, weightDecay, clipNorm } = this.o;
    const norm = Math.sqrt(tf.tidy(() => tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g))))).dataSync()[0]);
    const scale = norm > clipNorm ? clipNorm / norm : 1;
    const c1 = 1 - beta1 ** this.step, c2 = 1 - beta2 ** this.step;
    tf.tidy(() => {
      for (const [name, g0] of grads) {
        const p = this.params.get(name)!, m = this.m.get(name)!, v = this.v.get(name)!;
        const g = tf.mul(g0, scale);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        const decayed = this.decays(name) ? tf.mul(p, 1 - lr * weightDecay) : p;
        p.assign(tf.sub(decayed, tf.mul(update, lr)));
      }
    });
    return norm;
  }

  /** The moments and step count, for a checkpoint. */
  state(): Map<string, NamedArray> {
    const out = new Map<string, NamedArray>();
    for (const [name, m] of this.m) out.set(`adam.m.${name}`, { shape: m.shape, data: m.dataSync() as Float32Array });
    for (const [name, v] of this.v) out.set(`adam.v.${name}`, { shape: v.shape, data: v.dataSync() as Float32Array });
    out.set('adam.step', { shape: [1], data: Float32Array.of(this.step) });
    return out;
  }

  restore(state: ReadonlyMap<string, NamedArray>): void {
    for (const [name, m] of this.m) m.assign(tf.tensor(state.get(`adam.m.${name}`)!.data, m.shape));
    for (const [name, v] of this.v) v.assign(tf.tensor(state.get(`adam.v.${name}`)!.data, v.shape));
    this.step = state.get('adam.step')!.data[0];
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}
