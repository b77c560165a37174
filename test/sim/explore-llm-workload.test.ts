import { describe, expect, it } from 'vitest';
import { ReferenceBackend } from '../../models/common/gemm/index.ts';
import { LlamaModel, llmWorkloadSpec, loadModel } from '../../models/llm/index.ts';
import { phaseMacs, workloadOf } from '../../sim/workloads/index.ts';

// The sweep's 'tessera-llm' workload is the shipped model's architecture as GEMM shapes; the
// reference is the engine itself: the multiply-accumulates its backend books while it really runs.
describe("the LM's workload in design-space sweeps", () => {
  const model = loadModel(undefined, undefined, false);
  const config = model.weights.config;
  const spec = llmWorkloadSpec(config, 'shipped');
  const prompt = 40;

  function engineMacs(): { prefill: number; decode: number } {
    const be = new ReferenceBackend();
    const lm = new LlamaModel(model.weights, be);
    const cache = lm.newCache('fp32');
    const ids = Array.from({ length: prompt }, (_, i) => 3 + ((i * 37) % (config.vocab - 3)));
    lm.forward(ids, cache, { logits: 'last' });
    const prefill = be.ledger.total().macs;
    be.ledger.reset();
    lm.forward([5], cache, { logits: 'last' });
    return { prefill, decode: be.ledger.total().macs };
  }

  it('has the MACs the engine performs in a decode step and in a prefill (batch 1)', () => {
    const w = workloadOf(spec, { batch: 1, promptLength: prompt });
    const [prefill, decode] = w.phases;
    const engine = engineMacs();
    expect(phaseMacs(decode)).toBe(engine.decode);
    // Both compute the prompt's full square score matrix and mask it afterwards.
    expect(phaseMacs(prefill)).toBe(engine.prefill);
  });
});
