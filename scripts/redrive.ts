/**
 * npm run redrive            replay every event parked after failed retries (local cloud)
 * npm run redrive -- --list  list them without replaying
 * npm run redrive -- --aws --queue URL   replay the failed-events queue of a deployed stack
 * Exit code: 0 when everything replayed succeeded (or nothing was parked), 1 otherwise.
 */
import { controlLocalCloud } from '../infra/local/cloud';
import type { ParkedEvent } from '../infra/local/invoker';
import { redriveFromQueue } from '../shared/aws/redrive';
import { CliError, runCli, UsageError } from './lib/cli';
import { findLocalEndpoints, missingEndpointsMessage } from './lib/local-env';

const spec = {
  command: 'npm run redrive --',
  usage:
    '[--list] [--json] | --aws --queue FAILED_EVENTS_QUEUE_URL [--json]\nReplays events parked after failed retries (locally: .local/failed/; in AWS: the failed-events queue).',
  options: {
    list: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    queue: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
} as const;

type Outcome = { replayed: number; succeeded: number; failed: number };

async function redriveAws(queue: string | undefined, json: boolean): Promise<number> {
  if (!queue) throw new UsageError('With --aws, give the failed-events queue URL: --queue <FailedEventsQueueUrl output of cdk deploy>.');
  const out = await redriveFromQueue(queue, (line) => console.error(line));
  console.log(json ? JSON.stringify(out) : `Replayed ${out.replayed}: ${out.succeeded} handed back to their functions, ${out.failed} left in the queue.`);
  return out.failed ? 1 : 0;
}

function listParked(parked: readonly ParkedEvent[], json: boolean): number {
  if (json) console.log(JSON.stringify(parked));
  else if (parked.length === 0) console.log('Nothing is parked: every event was handled.');
  else for (const p of parked) console.log(`${p.parkedAt}  ${p.functionId}  after ${p.attempts} attempts: ${p.error}`);
  return 0;
}

await runCli(spec, async ({ values }) => {
  if (values.aws) return redriveAws(values.queue, values.json);
  if (values.queue) throw new UsageError('--queue goes with --aws (locally the parked events are in .local/failed/).');
  const e = findLocalEndpoints();
  if (!e) throw new CliError(missingEndpointsMessage());
  const parked = await controlLocalCloud<ParkedEvent[]>(e.web, 'parked');
  if (values.list || parked.length === 0) return listParked(parked, values.json);
  console.error(`Replaying ${parked.length} parked event(s) ...`);
  const out = await controlLocalCloud<Outcome>(e.web, 'redrive');
  await controlLocalCloud(e.web, 'idle');
  console.log(values.json ? JSON.stringify(out) : `Replayed ${out.replayed}: ${out.succeeded} succeeded, ${out.failed} failed (still parked).`);
  return out.failed ? 1 : 0;
});
