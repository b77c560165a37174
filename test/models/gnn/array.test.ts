// SpaceGNN's inference products through models/common's GemmBackend: the float32 reference gives the
// tfjs scores, the int8 array scores stay close, and the ledger books exactly the model's products.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../models/common/index.ts';
import { ReferenceBackend, backendFromFlags } from '../../../models/common/gemm/index.ts';
import { BackendGemm, SpaceGnn, defaultSettings, evaluateOnBackend, undirectedCsr, withSelfLoops } from '../../../models/gnn/index.ts';

beforeAll(async () => {
  await selectBackend(() => {});
});

// 12 nodes on a ring with two chords; 5 features.
const n = 12;
const ring = Array.from({ length: n }, (_, i) => i);
const graph = undirectedCsr(n, [...ring, 0, 3], [...ring.map((i) => (i + 1) % n), 6, 9]);
const features = Float32Array.from({ length: n * 5 }, (_, i) => Math.sin(1.3 * i) + 0.2 * Math.cos(i));
const config = { ...defaultSettings.spacegnn, hidden: 8, layers: 2, spaces: ['hyperbolic', 'spherical', 'euclidean'] as const, distanceWeights: true };
const all = Int32Array.from(ring);

describe('SpaceGNN inference on a GemmBackend', () => {
  it('the float32 reference backend reproduces the tfjs scores; the int8 array stays close', () => {
    const model = new SpaceGnn(graph, features, 5, config, 4);
    const tfjs = model.predict(all);
    const reference = model.predict(all, new BackendGemm(new ReferenceBackend()).gemm);
    const array = model.predict(all, new BackendGemm(backendFromFlags({ on: 'int8', group: 'channel' })).gemm);
    tfjs.forEach((head, h) => head.forEach((p, i) => {
      expect(reference[h][i]).toBeCloseTo(p, 5);
      expect(Math.abs(array[h][i] - p)).toBeLessThan(0.05);
    }));
    model.dispose();
  });

  it('books every product of one pass over the graph, with cycles and energy', () => {
    const model = new SpaceGnn(graph, features, 5, config, 4);
    const labels = Uint8Array.from(ring, (i) => (i % 5 === 0 ? 1 : 0));
    const backend = backendFromFlags({ on: 'int8', group: 'channel' });
    const result = evaluateOnBackend(model, backend, labels, all, model.mixes[0], 0.5);
    const edges = withSelfLoops(graph).col.length;
    const h = config.hidden;
    // Per branch and layer: input MLP (n x 5 x h, n x h x h), both halves of the message MLP's first
    // layer (per node), its second layer (per edge), the output layer, the combination (n x 2h x h); per branch the head.
    const perLayer = n * 5 * h + n * h * h + 2 * n * h * h + edges * h * h + n * h * h + n * 2 * h * h;
    expect(result.macs).toBe(3 * (config.layers * perLayer + n * config.layers * h * 2));
    expect(result.cost.cycles).toBeGreaterThan(0);
    expect(result.cost.energy.total).toBeGreaterThan(0);
    expect(result.byKind.map((k) => k.kind)).toContain('hyperbolic.msg2');
    model.dispose();
  });
});
