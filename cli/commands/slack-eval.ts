import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';
import { writeReport } from '../report/html-report.ts';
import { defaultSlackDataDir, evaluateDesign, loadSlackModel, readRecord, shippedSlackModelDir, timingPredictDesigns, type DesignEvaluation, type EvaluationClock } from '../../models/timing/e2eslack/index.ts';

const kinds = ['predicted', 'prerouteSta', 'prerouteHpwl', 'atOnly'] as const;
/** The model strictly closer to the truth than both pre-route STA baselines (or all exact). */
const closer = (c: DesignEvaluation['wns']) => {
  const d = (v: number) => Math.abs(v - c.truth);
  return d(c.predicted) < Math.min(d(c.prerouteSta), d(c.prerouteHpwl)) || d(c.predicted) + d(c.prerouteSta) + d(c.prerouteHpwl) === 0;
};
/** Mean of a list; NaN for none (a baseline --accuracy-only skipped). */
const mean = (v: number[]) => (v.length === 0 ? NaN : v.reduce((s, x) => s + x, 0) / v.length);
/** |predicted - truth| / |truth|; 0 when both are 0, NaN when only the truth is 0. */
const relError = (p: number, t: number) => (t === 0 ? (p === 0 ? 0 : NaN) : Math.abs(p - t) / Math.abs(t));

/** Design name -> evaluated period (ns) from an earlier `slack eval --json`. */
function earlierPeriods(file: string): Map<string, number> {
  let designs: unknown;
  try {
    designs = (JSON.parse(readFileSync(file, 'utf8')) as { designs?: unknown }).designs;
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`, '--clocks-from', 'give the JSON an earlier tessera slack eval --json wrote');
  }
  if (!Array.isArray(designs)) throw new UserError(`${file} holds no "designs" list`, '--clocks-from', 'give the JSON an earlier tessera slack eval --json wrote');
  return new Map(designs.filter((d): d is { name: string; periodNs: number } => typeof d?.name === 'string' && typeof d?.periodNs === 'number').map((d) => [d.name, d.periodNs]));
}

export default defineCommand({
  path: ['slack', 'eval'],
  summary: 'evaluate the slack model on the held-out designs: AT R^2 (both orders), slack R^2, WNS/TNS vs STA baselines, run times',
  details: `For each test design: the model (TimingParser, propagation, required times) against the ground truth
(STA on the routing estimate), pre-route STA with the wire-load model and with HPWL-lumped wires, and the
model's arrivals with pre-route STA's required times (AT-only). Times: the model against the ground-truth
timing flow (routing estimate + SPEF write/read + STA) on the same parsed inputs, same process.
example: tessera slack eval --data out/e2eslack-data --json out/e2eslack-eval.json --report out/e2eslack-report`,
  flags: [
    { name: 'data', kind: 'string', default: defaultSlackDataDir, valueName: 'DIR', help: 'data-set folder' },
    { name: 'model', kind: 'string', valueName: 'DIR', help: 'checkpoint folder (default: the shipped one)' },
    { name: 'designs', kind: 'string', valueName: 'A,B', help: 'designs to evaluate (default: the 7 test designs)' },
    { name: 'clock-scale', kind: 'number', default: 1, valueName: 'S', help: 'evaluate at the design clocks times S (the ground truth is timed again at that clock)' },
    { name: 'tighten', kind: 'number', valueName: 'F', help: "evaluate at F times each design's minimum period by pre-route (wire-load) STA instead (F < 1: failing endpoints)" },
    { name: 'clocks-from', kind: 'string', valueName: 'JSON', help: "evaluate at the periods of an earlier evaluation's --json (another checkpoint at the same clocks, without the minimum-period search)" },
    { name: 'accuracy-only', kind: 'boolean', help: 'the model against the ground truth alone: no baselines, no timed runs (a third of the cost, to compare checkpoints)' },
    { name: 'json', kind: 'string', valueName: 'OUT', help: 'write { designs: [...], mean } as JSON' },
    { name: 'report', kind: 'string', valueName: 'DIR', help: 'write an HTML report with plots' },
  ],
  async run(flags) {
    const { functions, checkpoint } = loadSlackModel(flags.model ?? shippedSlackModelDir());
    const names = flags.designs ? flags.designs.split(',').map((s) => s.trim()) : timingPredictDesigns().filter((d) => d.split === 'test').map((d) => d.name);
    if (!(flags['clock-scale'] > 0)) throw new UserError('must be positive', '--clock-scale');
    if (flags.tighten !== undefined && !(flags.tighten > 0)) throw new UserError('must be positive', '--tighten');
    const clock: EvaluationClock = flags.tighten !== undefined ? { tighten: flags.tighten } : { scale: flags['clock-scale'] };
    const periods = flags['clocks-from'] ? earlierPeriods(flags['clocks-from']) : undefined;
    const results: DesignEvaluation[] = [];
    for (const name of names) {
      const record = readRecord(flags.data, name);
      if (!record) throw new UserError(`no data for ${name} in ${flags.data}`, '--data', 'build it first: tessera slack dataset');
      if (checkpoint.trainDesigns.includes(name) || checkpoint.validationDesigns.includes(name)) console.error(`note: ${name} was used in training`);
      const period = periods?.get(name);
      if (periods && period === undefined) throw new UserError(`${flags['clocks-from']} has no period for ${name}`, '--clocks-from', 'evaluate the designs that evaluation covered');
      const e = evaluateDesign(flags.data, record, functions, period !== undefined ? { periodNs: period } : clock, flags['accuracy-only']);
      results.push(e);
      console.log(`${e.name.padEnd(13)} ${String(e.cells).padStart(6)} cells  clock ${e.periodNs.toFixed(2)} ns  AT R2 ${e.atR2.toFixed(4)} (swapped ${e.atR2Swapped.toFixed(4)})  slack R2 ${e.slackR2.toFixed(4)} (AT-only ${e.slackR2AtOnly.toFixed(4)})`);
      console.log(`${''.padEnd(21)} WNS pred ${e.wns.predicted.toFixed(3)} truth ${e.wns.truth.toFixed(3)} wire-load ${e.wns.prerouteSta.toFixed(3)} HPWL ${e.wns.prerouteHpwl.toFixed(3)} AT-only ${e.wns.atOnly.toFixed(3)} ns`);
      console.log(`${''.padEnd(21)} TNS pred ${e.tns.predicted.toFixed(2)} truth ${e.tns.truth.toFixed(2)} wire-load ${e.tns.prerouteSta.toFixed(2)} HPWL ${e.tns.prerouteHpwl.toFixed(2)} AT-only ${e.tns.atOnly.toFixed(2)} ns`);
      console.log(`${''.padEnd(21)} worst slack pred ${e.worstSlack.predicted.toFixed(3)} truth ${e.worstSlack.truth.toFixed(3)} wire-load ${e.worstSlack.prerouteSta.toFixed(3)} HPWL ${e.worstSlack.prerouteHpwl.toFixed(3)} ns`);
      console.log(`${''.padEnd(21)} model ${e.seconds.model.toFixed(2)} s (setup only ${e.seconds.modelSetupOnly.toFixed(2)} s) vs ground-truth flow ${e.seconds.groundTruthFlow.toFixed(2)} s (${(e.seconds.groundTruthFlow / e.seconds.model).toFixed(1)}x, setup only ${(e.seconds.groundTruthFlow / e.seconds.modelSetupOnly).toFixed(1)}x)`);
    }
    const summary = {
      atR2: mean(results.map((r) => r.atR2)), atR2Swapped: mean(results.map((r) => r.atR2Swapped)), slackR2: mean(results.map((r) => r.slackR2)),
      wnsRelError: Object.fromEntries(kinds.map((k) => [k, mean(results.map((r) => relError(r.wns[k], r.wns.truth)).filter(Number.isFinite))])),
      tnsRelError: Object.fromEntries(kinds.map((k) => [k, mean(results.map((r) => relError(r.tns[k], r.tns.truth)).filter(Number.isFinite))])),
      worstSlackRelError: Object.fromEntries(kinds.map((k) => [k, mean(results.map((r) => relError(r.worstSlack[k], r.worstSlack.truth)).filter(Number.isFinite))])),
      /** Designs where the model's WNS (TNS) is closer to the truth than both pre-route STA baselines. */
      closerThanPreroute: flags['accuracy-only'] ? undefined : {
        wns: results.filter((r) => closer(r.wns)).length,
        tns: results.filter((r) => closer(r.tns)).length,
        of: results.length,
      },
      speedup: mean(results.map((r) => r.seconds.groundTruthFlow / r.seconds.model)),
      speedupSetupOnly: mean(results.map((r) => r.seconds.groundTruthFlow / r.seconds.modelSetupOnly)),
    };
    console.log(`mean: AT R2 ${summary.atR2.toFixed(4)} (swapped ${summary.atR2Swapped.toFixed(4)}), slack R2 ${summary.slackR2.toFixed(4)}; WNS rel. error ${JSON.stringify(summary.wnsRelError)}; TNS rel. error ${JSON.stringify(summary.tnsRelError)}; worst-slack rel. error ${JSON.stringify(summary.worstSlackRelError)}; closer than both pre-route STAs: ${summary.closerThanPreroute ? `WNS ${summary.closerThanPreroute.wns}/${summary.closerThanPreroute.of}, TNS ${summary.closerThanPreroute.tns}/${summary.closerThanPreroute.of}` : 'not measured (--accuracy-only)'}; flow/model time ${summary.speedup.toFixed(1)}x (setup only ${summary.speedupSetupOnly.toFixed(1)}x)`);
    if (flags.json) writeJsonAtomic(flags.json, { model: flags.model ?? 'shipped', clock: periods ? { clocksFrom: flags['clocks-from'] } : clock, designs: results, mean: summary });
    if (flags.report) {
      writeReport(join(flags.report, 'index.html'), 'E2ESlack: predicted slack against the routing-estimate sign-off', [
        {
          heading: 'Per test design',
          table: {
            columns: ['design', 'cells', 'AT R2', 'AT R2 swapped', 'slack R2', 'WNS pred', 'WNS truth', 'WNS wire-load', 'WNS HPWL', 'TNS pred', 'TNS truth', 'TNS wire-load', 'TNS HPWL', 'model s', 'flow s'],
            rows: results.map((r) => [r.name, r.cells, r.atR2, r.atR2Swapped, r.slackR2, r.wns.predicted, r.wns.truth, r.wns.prerouteSta, r.wns.prerouteHpwl, r.tns.predicted, r.tns.truth, r.tns.prerouteSta, r.tns.prerouteHpwl, r.seconds.model, r.seconds.groundTruthFlow]),
          },
          charts: [
            { title: 'TNS (ns): truth, model and pre-route STA', data: (['truth', 'predicted', 'prerouteSta', 'prerouteHpwl', 'atOnly'] as const).map((k) => ({ type: 'bar', name: k, x: results.map((r) => r.name), y: results.map((r) => r.tns[k]) })), layout: { barmode: 'group' } },
            { title: 'Run time (s): model vs ground-truth timing flow', data: [{ type: 'bar', name: 'model', x: results.map((r) => r.name), y: results.map((r) => r.seconds.model) }, { type: 'bar', name: 'ground-truth flow', x: results.map((r) => r.name), y: results.map((r) => r.seconds.groundTruthFlow) }], layout: { barmode: 'group' } },
          ],
        },
      ]);
      console.log(`wrote ${join(flags.report, 'index.html')}`);
    }
  },
});
