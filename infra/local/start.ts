/**
 * `npm start`: the whole pipeline on this machine, on real emulators.
 *   npm start            keep data from the last run (in .local/)
 *   npm start -- --fresh wipe .local/ first
 * On an empty store it loads the bundled sample data, so a newcomer sees every step work.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { local } from '../catalogue';
import { dynamoClient } from '../../shared/aws/clients';
import { startLocalCloud, writeEndpoints } from './cloud';
import { loadSamples } from './samples';

const fresh = process.argv.includes('--fresh');
const dataDir = resolve(local.dataDir);
if (fresh && existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log('Wiped .local/ (--fresh).');
}

const time = () => new Date().toISOString().slice(11, 19);
console.log('Starting the local cloud: DynamoDB Local (Java), s3rver, aws-ses-v2-local ...');
let cloud;
try {
  cloud = await startLocalCloud({ dataDir, ports: 'fixed', runSchedules: true, log: (l) => console.log(`${time()} ${l}`) });
} catch (err) {
  console.error(`\nCould not start the local cloud: ${(err as Error).message}`);
  console.error('If a port is in use, stop the other process or set DYNAMODB_PORT, S3_PORT, SES_PORT, WEB_PORT, AWS_PORT.');
  process.exit(1);
}
const e = cloud.endpoints;
writeEndpoints(e, resolve(local.endpointsFile));

const empty = ((await dynamoClient().send(new ScanCommand({ TableName: e.table, Limit: 1 }))).Count ?? 0) === 0;
if (empty) {
  console.log('Empty store: loading the bundled sample data (real Ofsted provider data + synthetic LA outcomes, intelligence, commissioners) ...');
  await loadSamples(cloud, (l) => console.log(`  ${l}`));
}

console.log(`
Local cloud ready (${local.endpointsFile} has every endpoint):
  Start page              ${e.web}/
  Visit programme report  ${e.web}/local/reports-bucket/programme/current/index.html
  Published reports       ${e.web}/reports/index.html
  Mailbox (SES)           ${e.mailbox}
  DynamoDB Local          ${e.dynamodb}   table ${e.table}
  S3 (s3rver)             ${e.s3}   buckets ${Object.values(e.buckets).join(', ')}

Try:  npm run import -- samples/ofsted/providers-as-at-2018-03-31.csv
      npm run prioritise
      npm run visit-link -- <visitId from the programme>      (the inspector's form; then the mailbox has the reviewer's link)
      npm run visit -- status <visitId>                        (where its findings are; approve, return, publish, amend, withdraw)
Press Ctrl+C to stop (data stays in .local/; npm start -- --fresh wipes it).`);

const stop = async () => {
  console.log('\nStopping ...');
  await cloud.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
