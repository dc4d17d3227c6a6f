/**
 * `npm start`: the whole pipeline on this machine, on real emulators.
 *   npm start                 keep data from the last run (in .local/)
 *   npm start -- --fresh      wipe .local/ first
 *   npm start -- --today 2020-09-01   run the cloud's clock from that day (events and schedules are
 *                             stamped with it, so the programme is planned as of it): the sample policy plans 2020-21
 *   npm start -- --verbose    show the functions' logs here instead of in .local/logs/
 * On an empty store it loads the bundled sample data, so a newcomer sees every step work. The URLs
 * come last, once everything is ready.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { local } from '../catalogue';
import { dynamoClient } from '../../shared/aws/clients';
import { dateOption, parseCli, usageText, UsageError } from '../../scripts/lib/cli';
import { startLocalCloud, writeEndpoints, type Endpoints, type LocalCloud } from './cloud';
import { captureLogs } from './logs';
import { loadSamples } from './samples';

const spec = {
  command: 'npm start --',
  usage: [
    '[--fresh] [--verbose] [--today YYYY-MM-DD | --real-time]',
    "  --fresh    wipe .local/ (the emulators' data) first",
    "  --verbose  show the functions' logs in this terminal instead of .local/logs/",
    "  --today    run the cloud's clock from that day: events and schedules are stamped with it, so the",
    `             programme is planned as of it (default ${local.sampleSeasonDay}: the samples and the sample policy plan`,
    '             September 2020 to March 2021)',
    "  --real-time  run the cloud's clock on real time instead",
  ].join('\n'),
  options: { fresh: { type: 'boolean' }, verbose: { type: 'boolean' }, today: { type: 'string' }, 'real-time': { type: 'boolean' } },
} as const;

function options(): { fresh: boolean; verbose: boolean; today?: string } {
  try {
    const { values } = parseCli(spec);
    if (values.today !== undefined && values['real-time']) throw new UsageError('Give --today or --real-time, not both.');
    const today = values['real-time'] ? undefined : (dateOption(values.today, 'today') ?? local.sampleSeasonDay);
    return { fresh: values.fresh ?? false, verbose: values.verbose ?? false, today };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`Error: ${err.message}\n${usageText(spec)}\n`);
    process.exit(1);
  }
}

function readyMessage(e: Endpoints, logs: string): string {
  return `
Local cloud ready (${local.endpointsFile} has every endpoint):
  Start page              ${e.web}/
  Visit programme report  ${e.web}/local/reports-bucket/programme/current/index.html
  Published reports       ${e.web}/reports/index.html
  Mailbox (SES)           ${e.mailbox}
  DynamoDB Local          ${e.dynamodb}   table ${e.table}
  S3 (s3rver)             ${e.s3}   buckets ${Object.values(e.buckets).join(', ')}
  Function logs           ${logs}

Try:  npm run import -- samples/ofsted/providers-as-at-2018-03-31.csv
      npm run prioritise -- --as-of 2020-09-01   (the sample policy plans September 2020 to March 2021)
      npm run visit-link -- <visitId from the programme>      (the inspector's form; then the mailbox has the reviewer's link)
      npm run visit -- status <visitId>                        (where its findings are; approve, return, publish, amend, withdraw)
Press Ctrl+C to stop (data stays in .local/; npm start -- --fresh wipes it).
`;
}

const { fresh, verbose, today } = options();
const dataDir = resolve(local.dataDir);
if (fresh && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });

// Unless --verbose, everything the handlers print goes to .local/logs/<function>.log.
const logsDir = join(dataDir, 'logs');
const captured = verbose ? undefined : captureLogs(logsDir);
const say = (line: string) => (captured ? captured.terminal(`${line}\n`) : process.stdout.write(`${line}\n`));
const time = () => new Date().toISOString().slice(11, 19);

if (fresh) say('Wiped .local/ (--fresh).');
say('Starting the local cloud: DynamoDB Local (Java), s3rver, aws-ses-v2-local ...');
let cloud: LocalCloud;
try {
  cloud = await startLocalCloud({ dataDir, ports: 'fixed', runSchedules: true, log: (l) => say(`${time()} ${l}`) });
} catch (err) {
  captured?.restore();
  console.error(`\nCould not start the local cloud: ${(err as Error).message}`);
  console.error('If a port is in use, stop the other process or set DYNAMODB_PORT, S3_PORT, SES_PORT, WEB_PORT, AWS_PORT.');
  process.exit(1);
}
const e = cloud.endpoints;
writeEndpoints(e, resolve(local.endpointsFile));
if (today) {
  cloud.clock.set(`${today}T08:00:00Z`);
  say(`The local clock runs from ${today}: events and schedules are stamped with it (npm start -- --real-time for real time).`);
}

const empty = ((await dynamoClient().send(new ScanCommand({ TableName: e.table, Limit: 1 }))).Count ?? 0) === 0;
if (empty) {
  say('Empty store: loading the bundled sample data (real Ofsted provider data + synthetic LA outcomes, intelligence, commissioners, contacts, reviewers) ...');
  await loadSamples(cloud, (l) => say(`  ${l}`));
}
say(
  readyMessage(
    e,
    captured ? `${relative(process.cwd(), logsDir) || logsDir}/<function>.log (npm start -- --verbose shows them here)` : 'shown here (--verbose)',
  ),
);

// Ctrl+C reaches this process through npm and tsx too: stop once.
let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    say('\nStopping ...');
    await cloud.stop();
    captured?.restore();
    process.exit(0);
  })());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
