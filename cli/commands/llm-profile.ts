import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { ArrayBackend, backendFromFlags } from '../../models/common/gemm/index.ts';
import { denseCheckpoint, kvShareSweep, loadModel, profileGeneration, profilePhase } from '../../models/llm/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { writeReport } from '../report/html-report.ts';
import { costArrayFlags, modelFlags } from './llm-flags.ts';
import { profileSections, terminalTable } from './llm-profile-report.ts';

/** The largest GEMM dimension sim takes (sim/validate.ts). */
const MAX_DIMENSION = 1 << 20;

export default defineCommand({
  path: ['llm', 'profile'],
  summary: 'cost per token on the array (fast mode): prefill and decode at a context length, by block and GEMM kind, KV share',
  details: `Shapes only (the model's config), so any context: beyond the model's trained context the figures
are those of the same shapes at that length. Per token: cycles, utilization, energy by part (core,
buffer, DRAM, static), DRAM bytes split into weights, KV cache and activations; tokens/s and J/token at
the array clock. --generate N adds a whole generation of N tokens after the context's prompt.
example: tessera llm profile --context 256 --on mixpe-w4a8 --report out/profile`,
  flags: [
    ...modelFlags,
    { name: 'context', kind: 'int', required: true, valueName: 'L', help: 'tokens of context (prefill length; cache length of the decode step)' },
    { name: 'batch', kind: 'int', default: 1, valueName: 'B', help: 'sequences decoded together (their linear layers share one GEMM)' },
    { name: 'generate', kind: 'int', default: 0, valueName: 'N', help: 'also profile a generation of N tokens after a prompt of --context tokens' },
    ...costArrayFlags,
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write report.html (plotly) into DIR' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write the profile as JSON' },
  ],
  async run(flags) {
    if (flags.context < 1) throw new UserError('must be at least 1', '--context');
    if (flags.batch < 1) throw new UserError('must be at least 1', '--batch');
    if (flags.generate < 0) throw new UserError('must be 0 or more', '--generate');
    // The simulator takes GEMM dimensions up to 2^20: the prefill's rows (batch x context) and the decode's cache length.
    if (flags.batch * flags.context > MAX_DIMENSION) {
      throw new UserError(`--batch ${flags.batch} x --context ${flags.context} tokens exceed the simulator's ${MAX_DIMENSION} rows per GEMM`, '--context', `give at most ${Math.floor(MAX_DIMENSION / flags.batch)}`);
    }
    if (flags.context + flags.generate > MAX_DIMENSION) {
      throw new UserError(`--context ${flags.context} + --generate ${flags.generate} tokens exceed the simulator's ${MAX_DIMENSION} cached tokens`, '--generate', `give at most ${MAX_DIMENSION - flags.context}`);
    }
    const m = denseCheckpoint(loadModel(flags.checkpoint, flags.tokenizer, false), 'llm profile');
    const config = m.weights.config;
    const be = backendFromFlags({ on: flags.on, array: flags.array, group: flags.group, scheme: flags.scheme, products: flags.products });
    if (!(be instanceof ArrayBackend)) throw new UserError('the profile needs the array', '--on', 'give a PE kind, e.g. --on mixpe-w4a8');
    const phases = (['prefill', 'decode'] as const).map((phase) => profilePhase(config, be, phase, flags.context, flags.batch));
    const contexts = [...new Set([16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, flags.context])].filter((c) => c * flags.batch <= MAX_DIMENSION).sort((a, b) => a - b);
    const sweep = kvShareSweep(config, be, contexts, flags.batch);
    const generation = flags.generate > 0 ? profileGeneration(config, be, flags.context, flags.generate, flags.batch) : undefined;
    const beyond = flags.context > config.seqLen ? ` (beyond the model's trained context of ${config.seqLen}: shapes only)` : '';
    for (const p of phases) {
      console.log(`\n${p.phase} at context ${p.context}${beyond}, per token: ${p.tokensPerSecond.toFixed(0)} tokens/s, ${(p.joulesPerToken * 1e9).toFixed(2)} nJ/token, KV cache ${p.kvCacheBytes} B`);
      console.log(terminalTable(p));
    }
    if (generation) {
      const d = generation.decodePerToken;
      console.log(`\ngeneration of ${flags.generate} tokens after ${flags.context}: ${d.cycles.toFixed(0)} cycles, ${(d.energyJ.total * 1e9).toFixed(2)} nJ per token (prefill ${generation.prefill.cycles.toFixed(0)} cycles)`);
    }
    const settings = { model: m.source, backend: be.description, context: flags.context, batch: flags.batch, clock: `${be.options.array.clockHz / 1e6} MHz` };
    if (flags.json) writeJsonAtomic(flags.json, { settings, phases, kvSweep: sweep, generation });
    if (flags.report) {
      writeReport(join(flags.report, 'report.html'), 'LLM cost on the array', profileSections(phases, sweep, settings));
      console.log(`\nwrote ${join(flags.report, 'report.html')}`);
    }
  },
});
