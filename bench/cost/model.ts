/**
 * The cost of a month: every billable quantity of the month (month.ts) times its eu-west-2 list
 * price, one line per service and kind of charge, each with a sentence saying where it comes from.
 * Fixed monthly costs (alarms, dashboard, secret, queue polling, storage) come from the stack's facts.
 */
import { functions, type FunctionId } from '../../infra/catalogue';
import type { PublishedIndexGrowth } from './index-growth';
import { DAYS_PER_MONTH, monthOf, type Month } from './month';
import { priceLabel, unitPrice, type PriceFile, type PriceId } from './prices';
import type { MeasuredUnit } from './season';
import type { Scenario } from './scenarios';
import type { StackFacts } from './stack-facts';
import type { UnitId } from './units';
import { USAGE_NAMES as N, total } from './usage';

export interface CostLine {
  readonly service: string;
  readonly what: string;
  readonly quantityPerMonth: number;
  readonly unit: string;
  /** US dollars for one unit of quantity. */
  readonly unitPriceUsd: number;
  /** The price as the pricing page gives it. */
  readonly price: string;
  readonly priceSure: boolean;
  readonly usdPerMonth: number;
  readonly explanation: string;
}

export interface ScenarioCost {
  readonly usdPerMonth: number;
  readonly lines: readonly CostLine[];
  readonly assumptions: readonly string[];
  /** Work that would not fit in one invocation at this scale. */
  readonly warnings: readonly string[];
}

export interface ModelInputs {
  readonly units: Record<UnitId, MeasuredUnit>;
  readonly customMetrics: readonly string[];
  readonly facts: StackFacts;
  readonly prices: PriceFile;
  /** Each function's INIT (cold start) time; missing ones take `defaultInitMs`. */
  readonly initMs: Partial<Record<FunctionId, number>>;
  /** How the published index grows with each report (absent: priced as measured). */
  readonly publishedIndex?: PublishedIndexGrowth;
}

/** Estimates where nothing on the emulators can measure them (each is said in its line's sentence). */
export const ESTIMATES = {
  defaultInitMs: 250,
  /**
   * Cold starts: containers are taken as recycled after 5 idle minutes, so a function starts cold
   * on every invocation until it runs more often than once every 5 minutes on average.
   */
  coldStartsCapPerFunction: 12 * 24 * DAYS_PER_MONTH,
  /** Lambda's JSON platform records per invocation (start, report with its X-Ray section). */
  platformLogBytesPerInvocation: 1_000,
  /** Each log line in AWS carries the real function name and ARN and an X-Ray trace id (about 150 bytes more than locally), and CloudWatch counts 26 bytes per event. */
  extraBytesPerLogLine: 176,
  httpAccessLogBytesPerRequest: 350,
  s3AccessLogBytesPerRequest: 400,
  /** Lambda's SQS event source: 5 pollers long-polling (20 s) all month. */
  sqsIdleReceivesPerMonth: 5 * 3 * 60 * 24 * DAYS_PER_MONTH,
  /** DynamoDB asks KMS for the table key at most every 5 minutes. */
  kmsTableKeyRequestsPerMonth: 12 * 24 * DAYS_PER_MONTH,
} as const;

const GB = 1024 ** 3;
const n = (x: number, digits = 0) => x.toLocaleString('en-GB', { maximumFractionDigits: digits });
const ids = Object.keys(functions) as FunctionId[];

export function coldStarts(invocations: number): number {
  return Math.min(invocations, ESTIMATES.coldStartsCapPerFunction);
}

type LineMaker = (service: string, what: string, quantity: number, price: PriceId, explanation: string) => CostLine;

function lineMaker(prices: PriceFile): LineMaker {
  return (service, what, quantity, id, explanation) => {
    const p = prices.prices[id];
    return {
      service,
      what,
      quantityPerMonth: quantity,
      unit: p.unit,
      unitPriceUsd: unitPrice(p),
      price: priceLabel(p),
      priceSure: p.sure,
      usdPerMonth: quantity * unitPrice(p),
      explanation,
    };
  };
}

function lambdaLines(m: Month, i: ModelInputs, line: LineMaker): CostLine[] {
  const invocations = total(m.usage, N.lambdaInvocations);
  const out = [
    line(
      'Lambda',
      'Requests',
      invocations,
      'lambda.requests',
      `${n(invocations)} invocations of ${ids.length} functions (S3 and EventBridge events, schedules, queue messages, HTTP API requests).`,
    ),
  ];
  for (const id of ids) {
    const u = m.usage[id] ?? {};
    const count = u[N.lambdaInvocations] ?? 0;
    if (count === 0) continue;
    const f = i.facts.functions[id];
    const initMs = i.initMs[id] ?? ESTIMATES.defaultInitMs;
    const cold = coldStarts(count);
    const gbSeconds = (((u[N.lambdaMs] ?? 0) + cold * initMs) / 1000) * (f.memoryMb / 1024);
    out.push(
      line(
        'Lambda',
        `Duration: ${id} (${f.memoryMb} MB, ${f.architecture})`,
        gbSeconds,
        f.architecture === 'arm64' ? 'lambda.arm64' : 'lambda.x86_64',
        `${n(count, 1)} invocations of ${n((u[N.lambdaMs] ?? 0) / count)} ms as measured, plus ${n(initMs)} ms of billed INIT (its cold import) for each of ${n(cold)} cold starts, at the stack's ${f.memoryMb} MB.`,
      ),
    );
  }
  return out;
}

function dynamoLines(m: Month, i: ModelInputs, line: LineMaker): CostLine[] {
  const writes = total(m.usage, N.ddbWriteUnits) + 2 * total(m.usage, N.ddbTransactWriteUnits);
  const reads = total(m.usage, N.ddbReadUnits) + 2 * total(m.usage, N.ddbTransactReadUnits);
  const scanners = ids.filter((id) => (m.usage[id]?.[N.ddbScanReadUnits] ?? 0) > 0);
  const stored = m.storedBytes / GB;
  return [
    line(
      'DynamoDB',
      'Write request units',
      writes,
      'dynamodb.writeRequestUnits',
      'Consumed capacity DynamoDB reported for every write (ReturnConsumedCapacity), index writes included, transactional writes counted twice as DynamoDB bills them.',
    ),
    line(
      'DynamoDB',
      'Read request units (gets and queries)',
      reads,
      'dynamodb.readRequestUnits',
      'Consumed capacity reported for every get and query, at half a unit per 4 KB (eventually consistent), with each publication reading the list of every report published by the storage month.',
    ),
    ...scanners.map((id) =>
      line(
        'DynamoDB',
        `Read request units (Scans by ${id})`,
        m.usage[id]?.[N.ddbScanReadUnits] ?? 0,
        'dynamodb.readRequestUnits',
        `${n(m.usage[id]?.[N.lambdaInvocations] ?? 0, 1)} invocations a month that Scan the whole table, measured and scaled to the ${n(m.tableBytes / 1024 ** 2, 1)} MB table of the storage month.`,
      ),
    ),
    line(
      'DynamoDB',
      'Storage (table and indexes)',
      stored,
      'dynamodb.storage',
      `Table and index growth measured per unit of work (with 100 bytes of overhead per item and index entry), as held in the storage month: ${n(stored * 1024, 1)} MB.`,
    ),
    ...(i.facts.tablePitr
      ? [
          line(
            'DynamoDB',
            'Point-in-time recovery',
            stored,
            'dynamodb.pitr',
            'The table has continuous backups (PITR), priced on the same size as its storage.',
          ),
        ]
      : []),
  ];
}

function s3Lines(m: Month, i: ModelInputs, storageMonth: number, line: LineMaker): CostLine[] {
  const tier1 = total(m.usage, N.s3Tier1);
  const tier2 = total(m.usage, N.s3Tier2);
  const held = Object.values(m.s3BytesHeld).reduce((a, b) => a + b, 0) / GB;
  const prefixes = Object.entries(m.s3BytesHeld)
    .sort((a, b) => b[1] - a[1])
    .map(([p, b]) => `${p} ${n(b / 1024 ** 2)} MB`)
    .join(', ');
  const logMonths = Math.min(storageMonth, (i.facts.accessLogsExpirationDays ?? Infinity) / DAYS_PER_MONTH);
  const accessLogs = ((tier1 + tier2) * ESTIMATES.s3AccessLogBytesPerRequest * logMonths) / GB;
  return [
    line(
      'S3',
      'PUT, COPY, POST and LIST requests',
      tier1,
      's3.tier1Requests',
      "Uploads by ops, the inspectors' POSTs, and every object the functions write (import reports, programme, reports, index), counted by the SDK meter.",
    ),
    line(
      'S3',
      'GET and HEAD requests',
      tier2,
      's3.tier2Requests',
      'Reads by the functions: the uploaded files, findings, reports for emails and public pages.',
    ),
    line(
      'S3',
      'Storage (Standard)',
      held,
      's3.storage',
      `Bytes written a month times the months each prefix keeps them (imports 90 days, the rest kept, old versions a year; each rewrite of the growing reports index stays a year as an old version): ${prefixes}.`,
    ),
    line(
      'S3',
      'Access-logs bucket storage',
      accessLogs,
      's3.storage',
      `About ${ESTIMATES.s3AccessLogBytesPerRequest} bytes of server access log per request to the three buckets, kept a year (log delivery itself is free).`,
    ),
  ];
}

function messagingLines(m: Month, i: ModelInputs, line: LineMaker): CostLine[] {
  const messages = total(m.usage, N.sesMessages);
  const sqsSent = total(m.usage, N.sqsRequests);
  const sqsMessages = total(m.usage, N.sqsMessages);
  const pollers = i.facts.queuePollers * ESTIMATES.sqsIdleReceivesPerMonth;
  return [
    line('SES', 'Emails', messages, 'ses.messages', 'Report emails to commissioners, weekly digests and reminders, one per recipient.'),
    line(
      'SES',
      'Attachments',
      total(m.usage, N.sesBytes) / GB,
      'ses.attachments',
      'Whole raw messages counted as attachment bytes (the report PDF is most of each; an upper bound).',
    ),
    line(
      'EventBridge',
      'Custom events',
      total(m.usage, N.eventEntries),
      'eventbridge.customEvents',
      'ImportCompleted, FindingsVersionStored and ReportPublished entries put on the bus (schedules are free).',
    ),
    line(
      'SQS',
      'Requests for messages',
      sqsSent + 2 * sqsMessages,
      'sqs.requests',
      'Sending the notify messages, then a receive and a delete each by the Lambda poller (batches of one at this rate).',
    ),
    line(
      'SQS',
      'Idle polling by the event source',
      pollers,
      'sqs.requests',
      `Lambda keeps 5 pollers long-polling (20 s) each of the stack's ${i.facts.queuePollers} queue event source all month, messages or not (estimate).`,
    ),
  ];
}

function securityLines(m: Month, i: ModelInputs, line: LineMaker): CostLine[] {
  const secretCalls = ids.filter((id) => i.facts.functions[id].readsSecret).reduce((s, id) => s + coldStarts(m.usage[id]?.[N.lambdaInvocations] ?? 0), 0);
  return [
    line('Secrets Manager', 'Secrets', i.facts.secrets, 'secretsmanager.secrets', 'The link secret (HMAC key for visit and unsubscribe links).'),
    line(
      'Secrets Manager',
      'API calls',
      secretCalls,
      'secretsmanager.apiCalls',
      'Functions read the secret once per container: one read per cold start of each function allowed to read it (whether or not that request needed it).',
    ),
    line(
      'KMS',
      'Requests (AWS managed keys)',
      ESTIMATES.kmsTableKeyRequestsPerMonth + secretCalls,
      'kms.requests',
      "DynamoDB's AWS managed key, asked for at most every 5 minutes all month, and one decrypt per secret read; S3 and SQS use their own keys at no charge (estimate).",
    ),
    ...(i.facts.customerKeys > 0 ? [line('KMS', 'Customer managed keys', i.facts.customerKeys, 'kms.customerKeys', 'Keys declared in the stack.')] : []),
  ];
}

function observabilityLines(m: Month, i: ModelInputs, storageMonth: number, line: LineMaker): CostLine[] {
  const invocations = total(m.usage, N.lambdaInvocations);
  const http = total(m.usage, N.httpRequests);
  const functionLogs =
    (total(m.usage, N.logBytes) + total(m.usage, N.logLines) * ESTIMATES.extraBytesPerLogLine + invocations * ESTIMATES.platformLogBytesPerInvocation) / GB;
  const accessLogs = (http * ESTIMATES.httpAccessLogBytesPerRequest) / GB;
  const retention = Math.min(storageMonth, Math.max(...ids.map((id) => i.facts.functions[id].logRetentionDays)) / DAYS_PER_MONTH);
  const accessRetention = Math.min(storageMonth, (i.facts.httpAccessLogRetentionDays ?? Infinity) / DAYS_PER_MONTH);
  const traced = ids.filter((id) => i.facts.functions[id].tracing).reduce((s, id) => s + (m.usage[id]?.[N.lambdaInvocations] ?? 0), 0);
  return [
    line(
      'CloudWatch',
      'Alarms',
      i.facts.alarms,
      'cloudwatch.alarms',
      `The stack's ${i.facts.alarms} alarms (errors and throttles per function, parked events, notify DLQ, SES bounce rate).`,
    ),
    line('CloudWatch', 'Dashboards', i.facts.dashboards, 'cloudwatch.dashboards', 'The pipeline dashboard.'),
    line(
      'CloudWatch',
      'Custom metrics',
      i.customMetrics.length,
      'cloudwatch.customMetrics',
      `Distinct metric and dimension sets the functions emitted as EMF in the season (${i.customMetrics.length}); a metric never emitted costs nothing.`,
    ),
    line(
      'CloudWatch',
      'Logs ingested',
      functionLogs + accessLogs,
      'logs.ingestion',
      `Bytes the functions' structured logger and EMF wrote per invocation as measured, plus about ${ESTIMATES.extraBytesPerLogLine} bytes a line for the real names and trace ids, ${n(ESTIMATES.platformLogBytesPerInvocation)} bytes of Lambda platform records an invocation, and ${ESTIMATES.httpAccessLogBytesPerRequest} bytes of API access log a request.`,
    ),
    line(
      'CloudWatch',
      'Logs stored',
      functionLogs * retention + accessLogs * accessRetention,
      'logs.storage',
      'Function logs kept 90 days and API access logs a year, priced uncompressed (CloudWatch bills compressed bytes: an upper bound).',
    ),
    line(
      'X-Ray',
      'Traces recorded',
      traced,
      'xray.traces',
      'Every invocation of a traced function (tracing is active on all); default sampling records nearly all at this rate.',
    ),
  ];
}

function webLines(m: Month, line: LineMaker): CostLine[] {
  const http = total(m.usage, N.httpRequests);
  return [
    line(
      'API Gateway',
      'HTTP API requests',
      http,
      'apigateway.httpRequests',
      "Inspectors' form, status pages and assets, and the public reports pages, each request as the browser makes it.",
    ),
    line(
      'Data transfer',
      'Out to the internet',
      total(m.usage, N.httpBytesOut) / GB,
      'dataTransfer.out',
      'Response bytes of those pages and assets as served (no compression or CDN in front), the reports index at its size in the storage month.',
    ),
  ];
}

export function costScenario(i: ModelInputs, s: Scenario): ScenarioCost {
  const m = monthOf(i.units, s, i.facts, i.publishedIndex);
  const line = lineMaker(i.prices);
  const lines = [
    ...lambdaLines(m, i, line),
    ...dynamoLines(m, i, line),
    ...s3Lines(m, i, s.storageMonth, line),
    ...messagingLines(m, i, line),
    ...securityLines(m, i, line),
    ...observabilityLines(m, i, s.storageMonth, line),
    ...webLines(m, line),
  ];
  const usdPerMonth = lines.reduce((a, l) => a + l.usdPerMonth, 0);
  return {
    usdPerMonth: Number(usdPerMonth.toFixed(2)),
    lines,
    assumptions: s.assumptions,
    warnings: [...longRuns(i, s), ...(m.indexWarning ? [m.indexWarning] : [])],
  };
}

/** Runs that do all their work in one invocation: how long one would take at this scale, against the function's timeout. */
export function longRuns(i: ModelInputs, s: Scenario): string[] {
  const ms = (unit: UnitId, fn: FunctionId) => (i.units[unit].usage[fn]?.[N.lambdaMs] ?? 0) / i.units[unit].count;
  const runs: { fn: FunctionId; what: string; ms: number }[] = [
    { fn: 'ingestImport', what: `a provider snapshot of ${n(s.remit.providers)} rows`, ms: ms('providerRow', 'ingestImport') * s.remit.providers },
    {
      fn: 'ingestImport',
      what: `a week's intelligence (${n(s.monthly.signalRow / (DAYS_PER_MONTH / 7))} signals)`,
      ms: ms('signalRow', 'ingestImport') * (s.monthly.signalRow / (DAYS_PER_MONTH / 7)),
    },
    {
      fn: 'prioritise',
      what: `a prioritisation run over ${n(s.remit.providers)} providers`,
      ms: ms('prioritiseProvider', 'prioritise') * s.remit.providers + ms('prioritiseRun', 'prioritise'),
    },
    {
      fn: 'weeklyDigest',
      what: `a weekly digest to ${n(s.monthly.digestEmail / s.monthly.digestRun)} commissioners`,
      ms: ms('digestRun', 'weeklyDigest') + ms('digestEmail', 'weeklyDigest') * (s.monthly.digestEmail / s.monthly.digestRun),
    },
    {
      fn: 'findingsReminders',
      what: `a day's ${n(s.monthly.reminderEmail / s.monthly.reminderRun)} reminders`,
      ms: ms('reminderRun', 'findingsReminders') + ms('reminderEmail', 'findingsReminders') * (s.monthly.reminderEmail / s.monthly.reminderRun),
    },
  ];
  return runs
    .filter((r) => r.ms / 1000 > i.facts.functions[r.fn].timeoutSeconds)
    .map(
      (r) =>
        `${r.fn}: ${r.what} would take about ${n(r.ms / 1000)} s in one invocation (at the measured rate), past its ${n(i.facts.functions[r.fn].timeoutSeconds)} s timeout.`,
    );
}
