// Embedding ABC's graph in another canvas (training on canvases like the sampler's): the embedded
// graph must be well formed and compute the same function, checked by eda/aig's simulation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { truthTables } from '../../../../eda/aig/index.ts';
import { aigToCanvas, canvasToAig, graphProblem, nodeLevels, NODE_AND } from '../../../../models/gen/seadag/canvas.ts';
import { embedGraph } from '../../../../models/gen/seadag/canvas-embedding.ts';
import { readDataset, recordAig, recordFunction } from '../../../../models/gen/seadag/data/dataset.ts';
import { seededRandom } from '../../../../util/index.ts';

const records = readDataset(join(import.meta.dirname, 'fixtures', '4x1-small.jsonl')).slice(0, 60);
const tableOf = (g: Parameters<typeof canvasToAig>[0]) => Array.from(truthTables(canvasToAig(g)).tables[0]);

describe('embedding a graph in another canvas', () => {
  it('gives back the same graph on its own canvas', () => {
    for (const r of records) {
      const g = aigToCanvas(recordAig(r));
      const e = embedGraph(g, g.canvas)!;
      expect([Array.from(e.type), Array.from(e.edge)]).toEqual([Array.from(g.type), Array.from(g.edge)]);
    }
  });

  it('on random wider and deeper canvases: well formed, the same function, every AND kept, widths respected; too shallow ones refused', () => {
    const rand = seededRandom(3);
    let fitted = 0;
    for (const r of records) {
      const g = aigToCanvas(recordAig(r));
      const ands = g.canvas.widths.reduce((a, b) => a + b, 0);
      for (let k = 0; k < 4; k++) {
        const widths = Array.from({ length: g.canvas.widths.length + Math.floor(rand() * 3) - 1 }, () => 1 + Math.floor(rand() * 4));
        const target = { ...g.canvas, widths };
        const e = embedGraph(g, target);
        if (widths.length < g.canvas.widths.length) expect(e).toBeUndefined(); // fewer levels than the ASAP depth never fit
        if (!e) continue;
        fitted++;
        expect(graphProblem(e)).toBeUndefined();
        expect(tableOf(e)).toEqual(Array.from(recordFunction(r).tables[0]));
        expect(e.canvas.widths).toEqual(widths);
        const level = nodeLevels(e.canvas);
        const placed = Array.from(e.type).filter((t, v) => t === NODE_AND && level[v] >= 1 && level[v] <= widths.length).length;
        expect(placed).toBe(ands);
      }
    }
    expect(fitted).toBeGreaterThan(20);
  });
});
