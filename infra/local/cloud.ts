/**
 * The local cloud: the same resources and wiring as the CDK stack, on real emulators.
 * Used by `npm start` (fixed ports, data kept in .local/) and by the integration tests
 * (free ports, a throw-away folder). Every server listens on 127.0.0.1 only (DynamoDB Local has no
 * such option: see emulators.ts) and refuses requests that name another host (request-guard.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTimeToLiveCommand, type GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event, ScheduledEvent } from 'aws-lambda';
import { Cron } from 'croner';
import type S3rver from 's3rver';
import {
  buckets,
  consumersOf,
  env,
  functionEnvironment,
  local,
  localCron,
  queues,
  schedules,
  table,
  type BucketId,
  type QueueId,
  type ScheduleId,
} from '../catalogue';
import { buildBrowserBundles } from '../../scripts/build-browser';
import { encodeEventKey } from '../../shared/aws/s3-event';
import { startAwsShims, type AwsShims } from './aws-shims';
import { LocalClock } from './clock';
import { runControl, type ControlContext } from './control';
import { checkJava, freePort, LocalEmulators } from './emulators';
import { FaultInjector } from './faults';
import { LocalInvoker } from './invoker';
import { startWeb } from './web';

export { controlLocalCloud, type ControlPath } from './control';

export interface LocalCloudOptions {
  /** Folder for all local state (DynamoDB files, S3 objects, parked events, link secret). */
  readonly dataDir: string;
  /** Fixed ports (npm start) or free ones (tests). */
  readonly ports: 'fixed' | 'free';
  /** Run the catalogue's schedules with cron (npm start) or only on demand (tests). */
  readonly runSchedules: boolean;
  readonly retryDelaysMs?: readonly number[];
  readonly sqsRedeliveryDelayMs?: number;
  readonly log?: (line: string) => void;
  /** Let the control routes fail chosen SDK calls of the handlers (fault tests; see ./faults.ts). */
  readonly faultInjection?: boolean;
}

export interface Endpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly ses: string;
  readonly web: string;
  readonly aws: string;
  readonly mailbox: string;
  readonly region: string;
  readonly table: string;
  readonly buckets: Record<BucketId, string>;
  readonly queues: Record<QueueId, string>;
  readonly eventBus: string;
  readonly dataDir: string;
}

export interface LocalCloud {
  readonly endpoints: Endpoints;
  readonly invoker: LocalInvoker;
  readonly shims: AwsShims;
  readonly emulators: LocalEmulators;
  /** The time stamped on events and schedules (a test can set another day). */
  readonly clock: LocalClock;
  /** Fire a schedule now, as EventBridge Scheduler would. */
  runSchedule(id: ScheduleId): Promise<void>;
  /** Resolves when no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Ports = Record<keyof typeof local.ports, number>;

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The environment every function gets locally: the catalogue's variables (the same names the CDK
 * stack sets; the compiler asks for each), the SDK's endpoints pointing at the emulators, and
 * Powertools' local settings.
 */
export function localFunctionEnvironment(e: Endpoints): Record<string, string> {
  return {
    ...functionEnvironment('local', {
      tableName: e.table,
      importsBucket: e.buckets.imports,
      findingsBucket: e.buckets.findings,
      reportsBucket: e.buckets.reports,
      eventBusName: e.eventBus,
      notifyQueueUrl: e.queues.notify,
      linkSecretFile: join(e.dataDir, 'link-secret'),
      senderEmail: 'visits@inspectorate.example.gov.uk',
      webBaseUrl: e.web,
      // Locally every region's findings go to one reviewer mailbox unless reviewers are imported.
      reviewerMailboxes: process.env[env.reviewerMailboxes] ?? JSON.stringify({ default: 'reviews@inspectorate.example.gov.uk' }),
      s3ForcePathStyle: 'true',
    }),
    AWS_REGION: e.region,
    AWS_ACCESS_KEY_ID: local.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: local.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: e.dynamodb,
    AWS_ENDPOINT_URL_S3: e.s3,
    AWS_ENDPOINT_URL_SESV2: e.ses,
    AWS_ENDPOINT_URL_EVENTBRIDGE: e.aws,
    AWS_ENDPOINT_URL_SQS: e.aws,
    // s3rver predates S3's default CRC checksums and aws-chunked uploads.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
    POWERTOOLS_SERVICE_NAME: 'visits-local',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_NAMESPACE: 'Visits',
    // The tests quieten handler logs to warnings and errors; npm start shows everything.
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  };
}

/** Apply the function environment to this process (the handlers run in it). */
export function applyEnvironment(e: Endpoints): void {
  Object.assign(process.env, localFunctionEnvironment(e));
}

/** Creates the table from the catalogue unless it exists (the local stand-in; benchmarks reset it with it). */
export async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  const attrs = new Set<string>([table.partitionKey, table.sortKey]);
  const gsis: GlobalSecondaryIndex[] = table.indexes.map((i) => {
    attrs.add(i.partitionKey);
    attrs.add(i.sortKey);
    return {
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    };
  });
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [...attrs].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      GlobalSecondaryIndexes: gsis,
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }));
}

async function choosePorts(mode: LocalCloudOptions['ports']): Promise<Ports> {
  const pick = async (name: keyof Ports) => (mode === 'fixed' ? Number(process.env[`${name.toUpperCase()}_PORT`] ?? local.ports[name]) : freePort());
  return { dynamodb: await pick('dynamodb'), s3: await pick('s3'), ses: await pick('ses'), web: await pick('web'), aws: await pick('aws') };
}

/** s3rver's CORS rule for the findings bucket: browser POST uploads from the local web origin only. */
function corsXml(origin: string): string {
  return `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

function endpointsFor(ports: Ports, emulators: LocalEmulators, dataDir: string): Endpoints {
  const loopback = (port: number) => `http://127.0.0.1:${port}`;
  return {
    dynamodb: emulators.dynamoUrl,
    s3: emulators.s3.url,
    ses: loopback(ports.ses),
    web: loopback(ports.web),
    aws: loopback(ports.aws),
    mailbox: loopback(ports.ses),
    region: local.region,
    table: table.localName,
    buckets: { imports: buckets.imports.localName, findings: buckets.findings.localName, reports: buckets.reports.localName },
    queues: { notify: `${loopback(ports.aws)}/000000000000/${queues.notify.localName}` },
    eventBus: 'visits',
    dataDir,
  };
}

const bucketIdOf = (localName: string): BucketId | undefined => (Object.keys(buckets) as BucketId[]).find((b) => buckets[b].localName === localName);

/** S3 -> Lambda: ObjectCreated to the catalogue's consumers, with the key URL-encoded as S3 sends it. */
function routeS3Events(s3: S3rver, invoker: LocalInvoker): void {
  s3.on('event', (event: S3Event) => {
    for (const record of event.Records) {
      const bucket = bucketIdOf(record.s3.bucket.name);
      if (!record.eventName.startsWith('ObjectCreated') || !bucket) continue;
      const key = record.s3.object.key;
      for (const id of consumersOf({ s3: { bucket, key } })) {
        const encoded: S3Event = {
          Records: [{ ...record, awsRegion: local.region, s3: { ...record.s3, object: { ...record.s3.object, key: encodeEventKey(key) } } }],
        };
        void invoker.invokeAsync(id, encoded);
      }
    }
  });
}

/** A schedule firing, as EventBridge Scheduler sends it, to the schedule's consumers. */
function scheduleRunner(invoker: LocalInvoker, clock: LocalClock): (id: ScheduleId) => Promise<void> {
  return async (id) => {
    const event: ScheduledEvent = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: clock.now().toISOString(),
      region: local.region,
      resources: [`arn:aws:events:local:000000000000:rule/${id}`],
      detail: {},
    };
    await Promise.all(consumersOf({ schedule: id }).map((f) => invoker.invokeAsync(f, event)));
  };
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  checkJava();
  buildBrowserBundles();
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  const ports = await choosePorts(options.ports);
  const webUrl = `http://127.0.0.1:${ports.web}`;
  const bucketSpecs = (Object.keys(buckets) as BucketId[]).map((b) => ({ name: buckets[b].localName, cors: b === 'findings' ? corsXml(webUrl) : undefined }));
  const emulators = await LocalEmulators.start(ports, dataDir, webUrl, bucketSpecs);
  const endpoints = endpointsFor(ports, emulators, dataDir);
  applyEnvironment(endpoints);

  const ddb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: local.region, credentials: local.credentials });
  await createTable(ddb, endpoints.table);
  ddb.destroy();

  const faults = options.faultInjection ? new FaultInjector() : undefined;
  faults?.install();
  const invoker = new LocalInvoker({ repoRoot, failedDir: join(dataDir, 'failed'), retryDelaysMs: options.retryDelaysMs, log });
  const clock = new LocalClock();
  const shims = await startAwsShims(ports.aws, invoker, { sqsRedeliveryDelayMs: options.sqsRedeliveryDelayMs, log, clock });
  routeS3Events(emulators.s3.server, invoker);
  const runSchedule = scheduleRunner(invoker, clock);
  const crons = options.runSchedules
    ? (Object.keys(schedules) as ScheduleId[]).map((id) => new Cron(localCron(schedules[id]), { timezone: 'UTC' }, () => void runSchedule(id)))
    : [];

  const control: ControlContext = { invoker, shims, emulators, clock, runSchedule, faults };
  const s3Client = new S3Client({ endpoint: endpoints.s3, region: local.region, credentials: local.credentials, forcePathStyle: true });
  const web = await startWeb({
    port: ports.web,
    invoker,
    s3: s3Client,
    reportsBucket: endpoints.buckets.reports,
    endpoints,
    control: (path, body) => runControl(control, path, body),
    log,
  });

  return {
    endpoints,
    invoker,
    shims,
    emulators,
    clock,
    runSchedule,
    idle: () => invoker.idle(),
    stop: async () => {
      for (const c of crons) c.stop();
      await web.stop();
      await shims.stop();
      await emulators.stop();
      s3Client.destroy();
    },
  };
}

export function writeEndpoints(e: Endpoints, file: string): void {
  writeFileSync(file, `${JSON.stringify(e, null, 2)}\n`);
}
