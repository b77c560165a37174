import { existsSync, readFileSync } from 'node:fs';
import { defineCommand } from '../command.ts';
import { sameSentences, targetVerdicts, type CertifyRecord } from '../../models/llm/robust/index.ts';
import { UserError, writeJsonAtomic } from '../../util/index.ts';

const pct = (x: number) => (100 * x).toFixed(1);
const se = (x: number) => `${(x === Infinity ? '+inf' : x === -Infinity ? '-inf' : x.toFixed(2))} SE`;

function readRecord(file: string): CertifyRecord {
  if (!existsSync(file)) throw new UserError(`no such file ${file}`, file, 'give the --json output of a certify run');
  let r: Partial<CertifyRecord>;
  try { r = JSON.parse(readFileSync(file, 'utf8')) as Partial<CertifyRecord>; } catch (e) { throw new UserError(`not JSON: ${(e as Error).message}`, file, 'give the --json output of a certify run'); }
  const fields = ['method', 'perSentence', 'triggeredPerSentence', 'attackSuccessRate'] as const;
  const missing = fields.filter((f) => r[f] === undefined);
  if (missing.length > 0) throw new UserError(`no ${missing.join(', ')}: not a certify result`, file, 'give the --json output of a certify run');
  if (r.perSentence!.some((s) => s.victimPrediction === undefined)) throw new UserError('its sentences have no victim predictions (written before they were kept)', file, 'rerun certify with --json');
  return r as CertifyRecord;
}

export default defineCommand({
  path: ['certify', 'targets'],
  summary: 'FRS\'s three targets from certify --json results on the same sentences: verdicts and standard errors',
  details: `Reads the --json output of an FRS run and of its baselines' runs on the same sentences and
prints each target's verdict, the point figure against its limit: the smoothed vote's clean accuracy at
least the victim's minus 3 points; FRS's certified accuracy at least every baseline's at r = 0, 1, 2 and
strictly above at r = 2; the share of triggered negatives FRS's vote calls positive at most half the
victim's undefended rate. Beside each: the paired standard error of the difference (per sentence), or
the binomial one of the attack share, and the margin in standard errors.
example: tessera certify targets out/frs.json out/ranmask.json out/random-edit.json`,
  positionals: 'FRS.json BASELINE.json...',
  flags: [{ name: 'json', kind: 'string', valueName: 'OUT', help: 'write the verdicts as JSON' }],
  async run(flags, positionals) {
    if (positionals.length < 2) throw new UserError(`expected the FRS result and at least one baseline's, got ${positionals.length} file(s)`, 'FRS.json BASELINE.json...', 'give e.g. out/frs.json out/ranmask.json out/random-edit.json');
    const [frs, ...baselines] = positionals.map(readRecord);
    baselines.forEach((b, i) => {
      if (!sameSentences(frs, b)) throw new UserError(`its ${b.perSentence.length} sentences are not the ${frs.perSentence.length} of ${positionals[0]}`, positionals[i + 1], 'give results of certify runs with the same --split, --from and --sentences');
    });
    const v = targetVerdicts(frs, baselines);
    const verdict = (met: boolean) => (met ? 'met' : 'not met');
    console.log(`clean accuracy: ${frs.method}'s vote ${pct(v.clean.frs)}% vs the victim's ${pct(v.clean.victim)}% on ${frs.perSentence.length} sentences (limit ${pct(v.clean.limit)}%): difference ${pct(v.clean.difference.value)} +- ${pct(v.clean.difference.standardError)} points, paired; ${verdict(v.clean.met)}, margin ${se(v.clean.marginSE)}`);
    for (const row of v.certified.byRadius) {
      console.log(`certified r=${row.radius}: ${frs.method} ${pct(row.frs)}%; ${row.baselines.map((b) => `${b.method} ${pct(b.accuracy)}% (difference ${pct(b.difference.value)} +- ${pct(b.difference.standardError)}, ${se(b.difference.standardError > 0 ? b.difference.value / b.difference.standardError : 0)})`).join('; ')}`);
    }
    console.log(`certified accuracy at least every baseline's at each radius, strictly above at r >= 2: ${verdict(v.certified.met)}`);
    console.log(`attack success: ${frs.method}'s vote calls ${pct(v.attack.frs.value)}% +- ${pct(v.attack.frs.standardError)} of ${v.attack.triggered} triggered negatives positive (the victim ${pct(v.attack.victimOnSample)}%) against the limit ${pct(v.attack.limit)}%: ${verdict(v.attack.met)}, margin ${se(v.attack.marginSE)}`);
    if (flags.json) writeJsonAtomic(flags.json, { files: positionals, ...v });
    return 0;
  },
});
