/**
 * The local cloud: the same resources and wiring as the CDK stack, on real emulators.
 * Used by `npm start` (fixed ports, data kept in .local/) and by the integration tests
 * (free ports, a throw-away folder).
 */
import { buildBrowserBundles } from '../../shared/web/browser/build';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event, ScheduledEvent } from 'aws-lambda';
import { Cron } from 'croner';
import { buckets, env, functions, local, localCron, queues, schedules, table, type BucketId, type FunctionId, type ScheduleId } from '../catalogue';
import { encodeEventKey } from '../../shared/aws/s3-event';
import { startAwsShims, type AwsShims } from './aws-shims';
import { FaultInjector } from './faults';
import { checkJava, freePort, startDynamo, startS3, startSes, type DynamoHandle, type S3Handle, type SesHandle } from './emulators';
import { LocalInvoker } from './invoker';
import { startWeb } from './web';

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
  readonly queues: Record<keyof typeof queues, string>;
  readonly eventBus: string;
  readonly dataDir: string;
}

export interface LocalCloud {
  readonly endpoints: Endpoints;
  readonly invoker: LocalInvoker;
  readonly shims: AwsShims;
  /** Fire a schedule now, as EventBridge Scheduler would. */
  runSchedule(id: ScheduleId): Promise<void>;
  /** Resolves when no event, queue message or retry is in flight. */
  idle(): Promise<void>;
  /** Stop and restart one emulator (fault tests). */
  restartDynamo(): Promise<void>;
  stopDynamo(): Promise<void>;
  stopSes(): Promise<void>;
  startSes(): Promise<void>;
  stop(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The environment every function gets: the same variable names the CDK stack sets. */
export function functionEnvironment(e: Endpoints): Record<string, string> {
  return {
    [env.tableName]: e.table,
    [env.importsBucket]: e.buckets.imports,
    [env.findingsBucket]: e.buckets.findings,
    [env.reportsBucket]: e.buckets.reports,
    [env.eventBusName]: e.eventBus,
    [env.notifyQueueUrl]: e.queues.notify,
    [env.linkSecretFile]: join(e.dataDir, 'link-secret'),
    [env.senderEmail]: 'visits@inspectorate.example.gov.uk',
    [env.webBaseUrl]: e.web,
    // Locally every region's findings go to one reviewer mailbox unless reviewers are imported.
    [env.reviewerMailboxes]: process.env[env.reviewerMailboxes] ?? JSON.stringify({ default: 'reviews@inspectorate.example.gov.uk' }),
    [env.s3ForcePathStyle]: 'true',
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
  Object.assign(process.env, functionEnvironment(e));
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

function corsXml(origin: string): string {
  return `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

function s3Consumers(bucket: string, key: string): FunctionId[] {
  return (Object.keys(functions) as FunctionId[]).filter((id) => {
    const trigger: { s3?: { bucket: BucketId; prefix: string } } = functions[id].trigger;
    return trigger.s3 !== undefined && buckets[trigger.s3.bucket].localName === bucket && key.startsWith(trigger.s3.prefix);
  });
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  checkJava();
  await buildBrowserBundles();
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  const pick = async (name: keyof typeof local.ports) =>
    options.ports === 'fixed' ? Number(process.env[`${name.toUpperCase()}_PORT`] ?? local.ports[name]) : freePort();
  const ports = { dynamodb: await pick('dynamodb'), s3: await pick('s3'), ses: await pick('ses'), web: await pick('web'), aws: await pick('aws') };
  const webUrl = `http://127.0.0.1:${ports.web}`;

  let dynamo: DynamoHandle = await startDynamo(ports.dynamodb, join(dataDir, 'dynamodb'));
  const s3: S3Handle = await startS3(
    ports.s3,
    join(dataDir, 's3'),
    (Object.keys(buckets) as BucketId[]).map((b) => ({ name: buckets[b].localName, cors: b === 'findings' ? corsXml(webUrl) : undefined })),
  );
  let ses: SesHandle | undefined = await startSes(ports.ses);

  const endpoints: Endpoints = {
    dynamodb: dynamo.url,
    s3: s3.url,
    ses: `http://127.0.0.1:${ports.ses}`,
    web: webUrl,
    aws: `http://127.0.0.1:${ports.aws}`,
    mailbox: `http://127.0.0.1:${ports.ses}`,
    region: local.region,
    table: table.localName,
    buckets: { imports: buckets.imports.localName, findings: buckets.findings.localName, reports: buckets.reports.localName },
    queues: { notify: `http://127.0.0.1:${ports.aws}/000000000000/${queues.notify.localName}` },
    eventBus: 'visits',
    dataDir,
  };
  applyEnvironment(endpoints);

  const ddb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: local.region, credentials: local.credentials });
  await createTable(ddb, endpoints.table);
  ddb.destroy();

  const faults = options.faultInjection ? new FaultInjector() : undefined;
  faults?.install();
  const invoker = new LocalInvoker({ repoRoot, failedDir: join(dataDir, 'failed'), retryDelaysMs: options.retryDelaysMs, log });
  const shims = await startAwsShims(ports.aws, invoker, { sqsRedeliveryDelayMs: options.sqsRedeliveryDelayMs, log });

  // S3 -> Lambda, by bucket and prefix, with the key URL-encoded as S3 sends it.
  s3.server.on('event', (event: S3Event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      const key = record.s3.object.key;
      for (const id of s3Consumers(record.s3.bucket.name, key)) {
        const encoded: S3Event = { Records: [{ ...record, awsRegion: local.region, s3: { ...record.s3, object: { ...record.s3.object, key: encodeEventKey(key) } } }] };
        void invoker.invokeAsync(id, encoded);
      }
    }
  });

  const scheduleTargets = (id: ScheduleId): FunctionId[] =>
    (Object.keys(functions) as FunctionId[]).filter((f) => {
      const trigger: { schedule?: string } = functions[f].trigger;
      return trigger.schedule === id;
    });
  const runSchedule = async (id: ScheduleId) => {
    const event: ScheduledEvent = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: local.region,
      resources: [`arn:aws:events:local:000000000000:rule/${id}`],
      detail: {},
    };
    await Promise.all(scheduleTargets(id).map((f) => invoker.invokeAsync(f, event)));
  };
  const crons = options.runSchedules
    ? (Object.keys(schedules) as ScheduleId[]).map((id) => new Cron(localCron(schedules[id]), { timezone: 'UTC' }, () => void runSchedule(id)))
    : [];

  const s3Client = new S3Client({ endpoint: endpoints.s3, region: local.region, credentials: local.credentials, forcePathStyle: true });
  let cloud: LocalCloud;
  const control = async (action: string, body: string): Promise<unknown> => {
    const [verb, arg] = action.split('/');
    switch (verb) {
      case 'idle': {
        // idle/N: wait at most N seconds (an HTTP response must come before the client's
        // headers timeout); `idle: false` tells the caller to ask again.
        let timer: NodeJS.Timeout | undefined;
        const idle = await (arg
          ? Promise.race([invoker.idle().then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Number(arg) * 1000)))])
          : invoker.idle().then(() => true));
        clearTimeout(timer);
        return { ...invoker.stats, ...shims.stats, idle };
      }
      case 'stats':
        return { ...invoker.stats, ...shims.stats, busy: invoker.busy };
      case 'schedule':
        if (!arg || !(arg in schedules)) throw new Error(`Unknown schedule ${arg ?? ''}`);
        await runSchedule(arg as ScheduleId);
        return { ran: arg };
      case 'invoke': {
        // Synchronous invocation of one function with the given event (CLI scripts).
        if (!arg || !(arg in functions)) throw new Error(`Unknown function ${arg ?? ''}`);
        return { result: await invoker.invoke(arg as FunctionId, JSON.parse(body || '{}')) };
      }
      case 'redrive':
        return invoker.redrive();
      case 'parked':
        return invoker.parked().map((p) => p.parked);
      case 'dynamodb-stop':
        await cloud.stopDynamo();
        return {};
      case 'dynamodb-restart':
        await cloud.restartDynamo();
        return {};
      case 'ses-stop':
        await cloud.stopSes();
        return {};
      case 'ses-start':
        await cloud.startSes();
        return {};
      case 'faults': {
        // faults/arm (body: FaultRule[]), faults (counts so far), faults/clear (disarm, counts).
        if (!faults) throw new Error('Fault injection is off: start the local cloud with faultInjection: true');
        if (arg === 'arm') return faults.arm(body);
        return arg === 'clear' ? faults.clear() : faults.counts();
      }
      default:
        throw new Error(`Unknown control action ${action}`);
    }
  };
  const web = await startWeb({ port: ports.web, invoker, s3: s3Client, reportsBucket: endpoints.buckets.reports, landingPage: () => landingPage(endpoints), control, log });

  cloud = {
    endpoints,
    invoker,
    shims,
    runSchedule,
    idle: () => invoker.idle(),
    restartDynamo: async () => {
      await dynamo.stop();
      dynamo = await startDynamo(ports.dynamodb, join(dataDir, 'dynamodb'));
    },
    stopDynamo: () => dynamo.stop(),
    stopSes: async () => {
      await ses?.stop();
      ses = undefined;
    },
    startSes: async () => {
      ses ??= await startSes(ports.ses);
    },
    stop: async () => {
      for (const c of crons) c.stop();
      await web.stop();
      await shims.stop();
      await ses?.stop();
      await s3.stop();
      await dynamo.stop();
      s3Client.destroy();
    },
  };
  return cloud;
}

/** Call a control action of a running local cloud (from another process: tests, CLI). */
export async function controlLocalCloud<T = unknown>(web: string, action: string, body?: unknown): Promise<T> {
  if (action === 'idle') {
    // A long import can keep the cloud busy for many minutes: wait in steps of a minute.
    for (;;) {
      const r = await controlLocalCloud<T & { idle: boolean }>(web, 'idle/60');
      if (r.idle) return r;
    }
  }
  const res = await fetch(`${web}/local/control/${action}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`Local cloud control ${action} failed (${res.status}): ${text}`);
  return JSON.parse(text) as T;
}

export function writeEndpoints(e: Endpoints, file: string): void {
  writeFileSync(file, `${JSON.stringify(e, null, 2)}\n`);
}

function landingPage(e: Endpoints): string {
  const link = (href: string, text: string) => `<li><a class="govuk-link" href="${href}">${text}</a></li>`;
  return `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Local cloud - Children's social care visits</title>
<link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head><body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">Children's social care visits: local cloud</h1>
<p class="govuk-body">Everything below runs on this machine, on real emulators.</p>
<ul class="govuk-list govuk-list--bullet">
${link('/local/reports-bucket/programme/current/index.html', 'Visit programme report')}
${link('/local/reports-bucket/programme/current/transparency.html', 'Algorithmic transparency record')}
${link('/reports/index.html', 'Published visit reports')}
${link(e.mailbox, 'Mailbox (emails sent through SES): reviewers\', contacts\' and commissioners\' links arrive here')}
</ul>
<p class="govuk-body">Get an inspector's link for a planned visit with <code>npm run visit-link -- VISIT_ID</code>; a reviewer's or a contact's with <code>--role reviewer</code> or <code>--role provider</code>. Where a visit's findings are: <code>npm run visit -- status VISIT_ID</code>.</p>
</main></div></body></html>`;
}
