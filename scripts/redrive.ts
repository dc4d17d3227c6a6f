/**
 * npm run redrive            replay every event parked after failed retries (local cloud)
 * npm run redrive -- --list  list them without replaying
 * npm run redrive -- --aws --queue URL   replay the failed-events queue of a deployed stack
 */
import { parseArgs } from 'node:util';
import { controlLocalCloud } from '../infra/local/cloud';
import type { ParkedEvent } from '../infra/local/invoker';
import { redriveFromQueue } from '../shared/aws/redrive';
import { exitAfterOutput, loadLocalEndpoints } from './lib/local-env';

const { values } = parseArgs({ options: { list: { type: 'boolean', default: false }, aws: { type: 'boolean', default: false }, queue: { type: 'string' }, json: { type: 'boolean', default: false } } });

if (values.aws) {
  if (!values.queue) {
    console.error('With --aws, give the failed-events queue URL: --queue <FailedEventsQueueUrl output of cdk deploy>');
    process.exit(2);
  }
  const out = await redriveFromQueue(values.queue, (line) => console.error(line));
  console.log(values.json ? JSON.stringify(out) : `Replayed ${out.replayed}: ${out.succeeded} handed back to their functions, ${out.failed} left in the queue.`);
  await exitAfterOutput(out.failed ? 1 : 0);
}

const e = loadLocalEndpoints();
const parked = await controlLocalCloud<ParkedEvent[]>(e.web, 'parked');
if (values.list || parked.length === 0) {
  if (values.json) console.log(JSON.stringify(parked));
  else if (parked.length === 0) console.log('Nothing is parked: every event was handled.');
  else for (const p of parked) console.log(`${p.parkedAt}  ${p.functionId}  after ${p.attempts} attempts: ${p.error}`);
  await exitAfterOutput(0);
}
console.error(`Replaying ${parked.length} parked event(s) ...`);
const out = await controlLocalCloud<{ replayed: number; succeeded: number; failed: number }>(e.web, 'redrive');
await controlLocalCloud(e.web, 'idle');
console.log(values.json ? JSON.stringify(out) : `Replayed ${out.replayed}: ${out.succeeded} succeeded, ${out.failed} failed (still parked).`);
await exitAfterOutput(out.failed ? 1 : 0);
