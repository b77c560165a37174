import { defineCommand } from '../command.ts';
import { backendFromFlags, type GemmBackend } from '../../models/common/gemm/index.ts';
import { engineModel, generate, loadModel, summarize } from '../../models/llm/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { arrayFlags, modelFlags } from './llm-flags.ts';

export default defineCommand({
  path: ['llm', 'generate'],
  summary: 'continue a prompt with the model (KV-cache decode; greedy, temperature or top-p sampling, seeded)',
  details: `Without --checkpoint the shipped model writes. With --on every product runs on the simulated array
(values as the array computes them) and the cycles and energy of the prefill and per decoded token are
printed.
example: tessera llm generate --prompt "Once upon a time" --tokens 80 --seed 3`,
  flags: [
    ...modelFlags,
    { name: 'prompt', kind: 'string', required: true, valueName: 'TEXT', help: 'the text to continue' },
    { name: 'tokens', kind: 'int', default: 64, valueName: 'N', help: 'tokens to generate at most (stops earlier at the end of a document)' },
    { name: 'temperature', kind: 'number', default: 0.8, valueName: 'T', help: 'sampling temperature (0: greedy)' },
    { name: 'top-p', kind: 'number', default: 0.95, valueName: 'P', help: 'nucleus sampling: keep the most likely tokens up to this probability mass' },
    { name: 'seed', kind: 'int', default: 1, valueName: 'S', help: 'seed of the sampling' },
    ...arrayFlags,
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the prompt, the text, the token ids and the costs as JSON' },
  ],
  async run(flags) {
    if (flags.tokens < 1) throw new UserError('must be at least 1', '--tokens');
    if (!(flags.temperature >= 0)) throw new UserError('must be 0 (greedy) or positive', '--temperature');
    if (!(flags['top-p'] > 0 && flags['top-p'] <= 1)) throw new UserError('must be in (0, 1]', '--top-p');
    const m = loadModel(flags.checkpoint, flags.tokenizer);
    const { seqLen } = m.weights.config;
    const prompt = [m.tokenizer.bos, ...m.tokenizer.encode(flags.prompt)];
    if (prompt.length >= seqLen) throw new UserError(`the prompt is ${prompt.length} tokens; the model's context is ${seqLen}`, '--prompt', `shorten it to fewer than ${seqLen} tokens`);
    if (prompt.length + flags.tokens > seqLen) {
      throw new UserError(`${prompt.length} prompt tokens + ${flags.tokens} new ones exceed the model's context of ${seqLen}`, '--tokens', `ask for at most ${seqLen - prompt.length} tokens`);
    }
    const backend: GemmBackend = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products, check: flags.check });
    const model = engineModel(m, backend);
    const sampling = { temperature: flags.temperature, topP: flags['top-p'], seed: flags.seed };
    // Prefill and decode are booked apart: the prefill's products first, then every decode step.
    backend.ledger.reset();
    const cache = model.newCache();
    model.forward(prompt.slice(0, -1), cache, { logits: 'none' });
    const prefill = backend.ledger.total();
    backend.ledger.reset();
    const r = generate(model, prompt.slice(-1), flags.tokens, sampling, [m.tokenizer.bos, m.tokenizer.eos], cache);
    const decode = backend.ledger.total();
    const text = m.tokenizer.decode(r.tokens);
    console.log(flags.prompt + text);
    const onArray = backend.name === 'array' ? {
      backend: backend.description,
      prefill: summarize(prefill),
      decodePerToken: summarize(decode, Math.max(1, r.tokens.length)),
    } : undefined;
    if (onArray) {
      const d = onArray.decodePerToken;
      console.error(`array: prefill of ${prompt.length - 1} tokens ${onArray.prefill.cycles.toFixed(0)} cycles; per decoded token ${d.cycles.toFixed(0)} cycles, ${(d.energyJ.total * 1e9).toFixed(1)} nJ, ${(1 / d.seconds).toFixed(0)} tokens/s at the array clock`);
    }
    if (flags.json) writeJsonAtomic(flags.json, { prompt: flags.prompt, text, tokens: r.tokens, stop: r.stop, sampling, kvCacheBytes: cache.bytes(), onArray });
  },
});
