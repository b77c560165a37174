import type { Command } from '../command.ts';

/**
 * Every command, in help order. Each lives in its own file and is loaded only when run, so a
 * command's heavy dependencies (tfjs, Yosys) never slow down another.
 */
export interface CommandEntry {
  readonly path: readonly string[];
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { path: ['demo'], summary: 'the main job (npm start): simulate a MixPE GEMM, emit Verilog, synthesize the PE, predicted vs synthesized QoR', load: async () => (await import('./demo.ts')).default },
  { path: ['sim', 'gemm'], summary: 'simulate a GEMM on a PE array: cycles, utilization, traffic, energy (cycle or fast mode)', load: async () => (await import('./sim-gemm.ts')).default },
  { path: ['study', 'mixpe'], summary: 'MixPE accelerator study: time, energy and accuracy of six PE kinds on transformer workloads vs FP16', load: async () => (await import('./study-mixpe.ts')).default },
  { path: ['gen', 'array'], summary: 'write the Verilog of a PE array and its testbench', load: async () => (await import('./gen-array.ts')).default },
  { path: ['gen', 'verify'], summary: 'co-simulate the generated array against the TS simulator, cycle by cycle', load: async () => (await import('./gen-verify.ts')).default },
  { path: ['gen', 'area-table'], summary: 'synthesize every PE kind with a Liberty library and write the area table', load: async () => (await import('./gen-area-table.ts')).default },
  { path: ['synth'], summary: 'synthesize Verilog with Yosys: cells, AIG nodes/levels, mapped area and delay', load: async () => (await import('./synth.ts')).default },
  { path: ['verilog', 'check'], summary: 'check Verilog files: syntax, macros, elaboration, semantics; file:line:col diagnostics; per file with --each/--jobs', load: async () => (await import('./verilog-check.ts')).default },
  { path: ['verilog', 'agreement'], summary: 'the labelled Verilog corpus against our front-end and iverilog, Yosys, Verilator; writes the docs table', load: async () => (await import('./verilog-agreement.ts')).default },
  { path: ['verilog', 'compare'], summary: 'any Verilog files against iverilog, Yosys and Verilator: accepted, located errors, crashes', load: async () => (await import('./verilog-compare.ts')).default },
  { path: ['verilog', 'stats'], summary: 'Verilog design statistics: modules, instances, hierarchy depth, operators, registers', load: async () => (await import('./verilog-stats.ts')).default },
  { path: ['aig', 'stats'], summary: 'AIG statistics of .aig/.aag/.blif/.bench/.v: inputs, outputs, latches, ands, levels', load: async () => (await import('./aig-stats.ts')).default },
  { path: ['dataset', 'build'], summary: 'build a QoR data set: synthesis + random ABC recipe trajectories per design (JSON Lines)', load: async () => (await import('./dataset-build.ts')).default },
  { path: ['explore'], summary: 'design-space sweep over PE kind, array, group, dataflow, workload: time, energy, area, error, Pareto front', load: async () => (await import('./explore.ts')).default },
  { path: ['worker'], summary: 'run queued jobs (data-set designs, sweep points) from a Redis queue on this machine, until stopped', load: async () => (await import('./worker.ts')).default },
  { path: ['queue', 'status'], summary: 'jobs waiting, running, done and failed on a Redis queue, and its workers', load: async () => (await import('./queue-status.ts')).default },
  { path: ['dataset', 'stats'], summary: 'counts and label histograms of a QoR data set', load: async () => (await import('./dataset-stats.ts')).default },
  { path: ['predict', 'qor'], summary: 'predict post-synthesis area and delay from Verilog with VeriDistill; --compare runs Yosys too', load: async () => (await import('./predict-qor.ts')).default },
  { path: ['train', 'veridistill'], summary: 'train VeriDistill: pretrain encoder, teacher GNN, distilled student, held-out/OOD metrics, checkpoint', load: async () => (await import('./train-veridistill.ts')).default },
  { path: ['lso', 'train'], summary: 'train LSOformer (QoR trajectory of a recipe), its ablations and the OpenABC-D/LOSTIN baselines; metrics per split', load: async () => (await import('./lso-train.ts')).default },
  { path: ['lso', 'eval'], summary: 'score trained LSOformer/baseline models: final MAPE and R², per-step MAPE, OpenABC-D NMSE', load: async () => (await import('./lso-eval.ts')).default },
  { path: ['recipe', 'search'], summary: 'find an ABC recipe with few AIG nodes: rank candidates with LSOformer, run the best K in ABC; vs resyn2, compress2rs, random search', load: async () => (await import('./recipe-search.ts')).default },
  { path: ['llm', 'train'], summary: 'train a Llama-style model and its BPE tokenizer on text (tfjs wasm; resumable, seeded)', load: async () => (await import('./llm-train.ts')).default },
  { path: ['llm', 'generate'], summary: 'continue a prompt with the model (KV-cache decode; greedy, temperature or top-p sampling, seeded)', load: async () => (await import('./llm-generate.ts')).default },
  { path: ['llm', 'profile'], summary: 'cost per token on the array (fast mode): prefill and decode at a context length, by block and GEMM kind, KV share', load: async () => (await import('./llm-profile.ts')).default },
  { path: ['llm', 'eval'], summary: "held-out perplexity, the 4-gram baseline's, and with --on as the array computes it (cycles, energy per token)", load: async () => (await import('./llm-eval.ts')).default },
  { path: ['llm', 'finetune'], summary: 'fine-tune the shipped LM on a classification task (SST-2, AG News, style; whole model or LoRA, mean-pooled head); resumable, seeded', load: async () => (await import('./llm-finetune.ts')).default },
  { path: ['merge'], summary: 'merge fine-tuned task models into one backbone (LoRE, TIES, DARE, Task Arithmetic), hyper-parameters tuned on dev; test accuracy per task', load: async () => (await import('./merge.ts')).default },
  { path: ['merge', 'compare'], summary: 'every merging method on the same task models vs the individual and multi-task models; spectra; report', load: async () => (await import('./merge-compare.ts')).default },
  { path: ['certify'], summary: 'FRS vs RanMASK and random edits on the backdoored SST-2 classifier: certified accuracy by radius, attack success rate, array cost', load: async () => (await import('./certify.ts')).default },
  { path: ['certify', 'targets'], summary: 'FRS\'s three targets from certify --json results on the same sentences: verdicts and standard errors', load: async () => (await import('./certify-targets.ts')).default },
  { path: ['llm', 'merge'], summary: 'the same as `tessera merge`', load: async () => (await import('./merge.ts')).default },
  { path: ['llm', 'merge', 'compare'], summary: 'the same as `tessera merge compare`', load: async () => (await import('./merge-compare.ts')).default },
  { path: ['llm', 'certify'], summary: 'the same as `tessera certify`', load: async () => (await import('./certify.ts')).default },
  { path: ['kv', 'tune'], summary: 'KVTuner: per-layer K/V precision pairs by NSGA-II (perplexity vs average bits), uniform configurations, decode throughput on the array', load: async () => (await import('./kv-tune.ts')).default },
  { path: ['kv', 'compress'], summary: 'decode held-out text with a token-selected KV cache (AttentionPredictor, H2O, Quest, StreamingLLM): recovery, perplexity, array cost', load: async () => (await import('./kv-compress.ts')).default },
  { path: ['kv', 'recovery'], summary: 'teacher-forced attention recovery of the selection methods and their ceilings: a cheap proxy of kv compare', load: async () => (await import('./kv-recovery.ts')).default },
  { path: ['kv', 'compare'], summary: 'AttentionPredictor vs H2O, Quest, StreamingLLM at budgets 1/32..1/4: recovery and perplexity against budget, array cost, prefetch', load: async () => (await import('./kv-compare.ts')).default },
  { path: ['moe', 'carve'], summary: 'CMoE: carve each FFN into shared + routed experts (analytic router), baselines, optional LoRA, perplexity and array cost', load: async () => (await import('./moe-carve.ts')).default },
  { path: ['prune', 'fuse'], summary: 'FuseGPT: remove blocks by Macro Influence, fuse each into its neighbours (local distillation); baselines, perplexity, array cost', load: async () => (await import('./prune-fuse.ts')).default },
  { path: ['seadag', 'data'], summary: 'build SeaDAG truth-table -> AIG pairs (random AIGs, benchmark cuts, PLA outputs; ABC targets)', load: async () => (await import('./seadag-data.ts')).default },
  { path: ['seadag', 'train'], summary: 'train SeaDAG (layer-wise graph diffusion, truth table -> AIG), an ablation, or the autoregressive baseline', load: async () => (await import('./seadag-train.ts')).default },
  { path: ['seadag', 'canvas-index'], summary: "add the conditioned canvas prior's signature index to an older SeaDAG diffusion checkpoint", load: async () => (await import('./seadag-canvas-index.ts')).default },
  { path: ['seadag', 'eval'], summary: 'SeaDAG metrics on held-out functions for every trained method (validity, exact rate, bit accuracy, ANDs vs ABC)', load: async () => (await import('./seadag-eval.ts')).default },
  { path: ['generate', 'circuit'], summary: 'generate an AIG for a truth table with SeaDAG; written only when proven exact (else exit 1)', load: async () => (await import('./generate-circuit.ts')).default },
  { path: ['place'], summary: 'place a mapped netlist: global placement, legalization to LEF rows, detailed placement; DEF out', load: async () => (await import('./place.ts')).default },
  { path: ['route', 'estimate'], summary: 'pre-route parasitics of a placed DEF: Steiner trees, layers, LEF R/C and vias; SPEF out, --compare with extracted SPEF', load: async () => (await import('./route-estimate.ts')).default },
  { path: ['flow'], summary: 'generate a PE array, synthesize, place; predicted slack/TNS/WNS next to STA on the routing estimate, with run times', load: async () => (await import('./flow.ts')).default },
  { path: ['slack', 'dataset'], summary: 'build the slack data set: TimingPredict designs synthesized, placed, routing-estimated and timed', load: async () => (await import('./slack-dataset.ts')).default },
  { path: ['slack', 'train'], summary: 'train the E2ESlack message functions on the data set\'s training designs', load: async () => (await import('./slack-train.ts')).default },
  { path: ['slack', 'eval'], summary: 'E2ESlack on held-out designs: AT and slack R^2, WNS/TNS against pre-route STA baselines, run times', load: async () => (await import('./slack-eval.ts')).default },
  { path: ['slack', 'predict'], summary: 'predict endpoint slack, worst paths, TNS and WNS of a placed design without routing or STA', load: async () => (await import('./slack-predict.ts')).default },
  { path: ['timing', 'report'], summary: 'static timing analysis: worst paths (report_checks style), WNS/TNS, per-endpoint slack JSON', load: async () => (await import('./timing-report.ts')).default },
  { path: ['gnn', 'train'], summary: 'train SpaceGNN or a baseline on 50 + 50 labels of an anomaly graph over N seeds: test AUC, macro-F1, array cost', load: async () => (await import('./gnn-train.ts')).default },
  { path: ['gnn', 'compare'], summary: 'SpaceGNN vs its ablations and MLP/GCN/GraphSAGE/BWGNN on the same splits: mean ± std table, targets, report', load: async () => (await import('./gnn-compare.ts')).default },
  { path: ['gnn', 'score'], summary: 'score every node with a trained GNN checkpoint (default: the shipped SpaceGNN), float32 and on the simulated array', load: async () => (await import('./gnn-score.ts')).default },
];
