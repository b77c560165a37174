// The task each pool worker runs: one design through Yosys and every recipe.
import { yosysVersion } from '../synth/index.ts';
import { processDesign, type DesignJob, type DesignOutcome } from './record.ts';

export default async function run(job: DesignJob): Promise<DesignOutcome> {
  return processDesign(job, await yosysVersion(job.backend));
}
