import { describe, expect, it } from 'vitest';
import { phaseMacs, transformerSpecs, workload, workloadIds } from '../../../sim/workloads/index.ts';
import { isUserError } from '../../../util/index.ts';

/** Published total parameter counts (the model cards / papers). */
const publishedParams: Record<string, number> = {
  'vit-b': 86e6, // ViT paper Table 1
  'vit-h': 632e6, // ViT paper Table 1
  'opt-6.7b': 6.7e9, // OPT paper Table 1
  'llama2-7b': 6.74e9, // Llama 2 model card (6,738,415,616)
  'llama2-13b': 13.0e9, // Llama 2 model card (13,015,864,320)
};

describe('workload library', () => {
  it('weights of the weight GEMMs plus the token embedding match the published parameter counts within 2%', () => {
    for (const id of workloadIds) {
      const spec = transformerSpecs.find((s) => s.id === id)!;
      const w = workload(id, { batch: 1 });
      const weights = w.phases[0].gemms.filter((g) => g.operands === 'weight').reduce((s, g) => s + g.k * g.n * g.count, 0);
      // Decoders also hold a token embedding (OPT and Llama 2 count it; OPT ties it to the LM head).
      const embedding = spec.kind === 'decoder' && id !== 'opt-6.7b' ? spec.outputClasses * spec.dModel : 0;
      expect(Math.abs((weights + embedding) / publishedParams[id] - 1), id).toBeLessThan(0.02);
    }
  });

  it('prefill MACs of the weight GEMMs are tokens x weights (the 2-FLOPs-per-parameter rule)', () => {
    const w = workload('llama2-7b', { batch: 2, promptLength: 16 });
    const prefill = w.phases.find((p) => p.id === 'prefill')!;
    const perLayer = prefill.gemms.filter((g) => g.operands === 'weight' && g.count === 32);
    const weights = perLayer.reduce((s, g) => s + g.k * g.n * g.count, 0);
    expect(perLayer.reduce((s, g) => s + g.m * g.k * g.n * g.count, 0)).toBe(2 * 16 * weights);
  });

  it('attention MACs are 2 x layers x batch x tokens x context x dModel', () => {
    for (const id of workloadIds) {
      const spec = transformerSpecs.find((s) => s.id === id)!;
      for (const phase of workload(id, { batch: 3, promptLength: 40 }).phases) {
        const attention = phase.gemms.filter((g) => g.operands === 'activation');
        expect(attention.map((g) => g.name)).toEqual(['attn.scores', 'attn.context']);
        const macs = attention.reduce((s, g) => s + g.m * g.k * g.n * g.count, 0);
        expect(macs).toBe(2 * spec.layers * 3 * phase.tokens * phase.context * spec.dModel);
      }
    }
  });

  it('decoders have a prefill and a GEMV-like decode step; ViTs one encoder phase', () => {
    const opt = workload('opt-6.7b');
    expect(opt.batch).toBe(64);
    expect(opt.phases.map((p) => p.id)).toEqual(['prefill', 'decode']);
    const decode = opt.phases[1];
    expect(decode.gemms.filter((g) => g.operands === 'weight').every((g) => g.m === 64)).toBe(true);
    expect(decode.context).toBe(opt.phases[0].tokens + 1);
    expect(phaseMacs(decode)).toBeLessThan(phaseMacs(opt.phases[0]) / 100);
    const vit = workload('vit-h');
    expect(vit.phases.map((p) => [p.id, p.tokens])).toEqual([['encoder', 257]]);
  });

  it('every figure has a source', () => {
    for (const id of workloadIds) expect(Object.keys(workload(id).sources).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses unknown workloads and bad sizes naming the flag', () => {
    const error = (f: () => unknown) => { try { f(); } catch (e) { return e; } return undefined; };
    const e1 = error(() => workload('gpt-5'));
    expect(isUserError(e1) && e1.message).toContain('gpt-5');
    expect(String(isUserError(e1) && e1.format())).toContain('vit-b');
    expect(isUserError(error(() => workload('vit-b', { batch: 0 })))).toBe(true);
    const tooLong = error(() => workload('opt-6.7b', { batch: 64, promptLength: 32768 }));
    expect(isUserError(tooLong) && tooLong.where).toBe('--prompt');
  });
});
