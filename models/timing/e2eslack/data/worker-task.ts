// The task each pool worker runs: one design of the slack data set.
import { processDesign, type SlackJob, type SlackOutcome } from './process-design.ts';

export default async function run(job: SlackJob): Promise<SlackOutcome> {
  return processDesign(job);
}
