/**
 * The resource catalogue: every table, index, bucket, prefix, event, queue and schedule is
 * declared here once. The CDK stack (infra/stack.ts) and the local stand-in (infra/local/) both
 * read it, so "it works locally" means the same wiring as in AWS.
 *
 * Functions never read this file at run time for names that differ between AWS and local: they
 * read the environment variables named in `env` below, which both the stack and the stand-in set.
 */

/** Environment variable names every function reads its resource names from. */
export const env = {
  tableName: 'TABLE_NAME',
  importsBucket: 'IMPORTS_BUCKET',
  findingsBucket: 'FINDINGS_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  eventBusName: 'EVENT_BUS_NAME',
  notifyQueueUrl: 'NOTIFY_QUEUE_URL',
  linkSecretArn: 'LINK_SECRET_ARN',
  linkSecretFile: 'LINK_SECRET_FILE',
  senderEmail: 'SENDER_EMAIL',
  webBaseUrl: 'WEB_BASE_URL',
  /** JSON {"default": email, "regions": {region: email}}: reviewers for regions with none imported. */
  reviewerMailboxes: 'REVIEWER_MAILBOXES',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
} as const;

export type EnvKey = keyof typeof env;

/** Variables only the CDK stack sets (AWS has a secret and an SES configuration set). */
export const awsOnlyEnv = ['linkSecretArn', 'sesConfigurationSet'] as const satisfies readonly EnvKey[];
/** Variables only the local stand-in sets (a secret file; s3rver needs path-style addressing). */
export const localOnlyEnv = ['linkSecretFile', 's3ForcePathStyle'] as const satisfies readonly EnvKey[];

type AwsOnlyEnv = (typeof awsOnlyEnv)[number];
type LocalOnlyEnv = (typeof localOnlyEnv)[number];

/**
 * The values a function environment needs, by where it runs. Every variable of `env` is required
 * except the other place's own: adding a variable to `env` fails to compile until both the stack
 * and the local stand-in give it a value (or it is listed as AWS-only or local-only above).
 */
export type EnvironmentValues<Where extends 'aws' | 'local'> = Record<
  Exclude<EnvKey, AwsOnlyEnv | LocalOnlyEnv> | (Where extends 'aws' ? AwsOnlyEnv : LocalOnlyEnv),
  string
> & {
  readonly [K in Where extends 'aws' ? LocalOnlyEnv : AwsOnlyEnv]?: never;
};

/** Variable name -> value, for Lambda's `environment` (stack) or process.env (local stand-in). */
export function functionEnvironment<Where extends 'aws' | 'local'>(_where: Where, values: EnvironmentValues<Where>): Record<string, string> {
  const given: Partial<Record<EnvKey, string>> = values;
  const out: Record<string, string> = {};
  for (const key of Object.keys(env) as EnvKey[]) {
    const value = given[key];
    if (value !== undefined) out[env[key]] = value;
  }
  return out;
}

/** One DynamoDB table, single-table design. Key layout lives in shared/keys.ts. */
export const table = {
  logicalId: 'VisitsTable',
  localName: 'visits',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** Generic indexes; shared/keys.ts says what each entity puts in them. */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof table.indexes)[number]['name'];

/** S3 key prefixes. Each bucket's prefixes are listed with the bucket. */
export const prefixes = {
  imports: 'imports/',
  importReports: 'import-reports/',
  findings: 'findings/',
  quarantine: 'quarantine/',
  reports: 'reports/',
  programme: 'programme/',
  /** Commissioner briefings and earlier report editions: never readable by the public site. */
  restricted: 'restricted/',
  policy: 'policy/',
} as const;

export const buckets = {
  imports: {
    logicalId: 'ImportsBucket',
    localName: 'visits-imports',
    envVar: env.importsBucket,
    prefixes: [prefixes.imports, prefixes.importReports, prefixes.policy],
  },
  findings: { logicalId: 'FindingsBucket', localName: 'visits-findings', envVar: env.findingsBucket, prefixes: [prefixes.findings, prefixes.quarantine] },
  reports: {
    logicalId: 'ReportsBucket',
    localName: 'visits-reports',
    envVar: env.reportsBucket,
    prefixes: [prefixes.reports, prefixes.programme, prefixes.restricted],
  },
} as const;

export type BucketId = keyof typeof buckets;

/** Limits that users are told about (README, error messages). */
export const limits = {
  /** Largest CSV an import accepts. A 1,000,000-row provider file is about 300 MB. */
  importMaxBytes: 512 * 1024 * 1024,
  /** Longest row of an import, in characters (a quoted cell still open past it is taken as never closed). */
  importMaxRowChars: 100_000,
  /** Largest findings JSON the pre-signed POST allows and the ingest accepts. */
  findingsMaxBytes: 256 * 1024,
  /** How long a pre-signed POST for findings stays valid. */
  findingsPostExpirySeconds: 15 * 60,
  /** How long an inspector's visit link stays valid. */
  visitLinkLifetimeDays: 60,
  /** How long a reviewer's link stays valid (reissued on demand with npm run visit-link -- VISIT_ID --role reviewer). */
  reviewerLinkLifetimeDays: 14,
  /** How long a commissioner's briefing link stays valid; the subscription is checked each time it is used. */
  briefingLinkLifetimeDays: 90,
  /** Attach the briefing PDF to emails when it is no larger than this. */
  emailAttachmentMaxBytes: 2 * 1024 * 1024,
  /** Remind the region's inspectors when a visit's week ended this many days ago with no findings. */
  reminderAfterDays: 7,
  /** Rows per page of a region's programme pages. */
  programmePageSize: 100,
} as const;

/** EventBridge custom bus and the events that flow on it. */
export const events = {
  bus: { logicalId: 'VisitsBus', localName: 'visits' },
  source: 'visits.pipeline',
  detailTypes: {
    importCompleted: 'ImportCompleted',
    /** A visit's publication changed (findings submitted, reviewed, checked, published, amended, withdrawn). */
    publicationChanged: 'PublicationChanged',
  },
} as const;

export const queues = {
  notify: { logicalId: 'NotifyQueue', localName: 'visits-notify', envVar: env.notifyQueueUrl, maxReceiveCount: 5, visibilityTimeoutSeconds: 120 },
} as const;

/**
 * Schedules, in UTC. Written as fields, not as a cron string, so that both EventBridge
 * (6-field cron with '?') and the local scheduler (croner, 5-field) are generated from one value.
 */
export interface ScheduleSpec {
  readonly minute: number;
  readonly hour: number;
  /** 1 = Monday ... 7 = Sunday; absent = every day. */
  readonly weekDay?: number;
  readonly description: string;
}

export const schedules = {
  nightlyPrioritise: { minute: 0, hour: 2, description: 'Recompute visit priorities and the programme every night' },
  weeklyDigest: { minute: 0, hour: 7, weekDay: 1, description: 'Weekly digest to each commissioner of visits published in their area' },
  dailyReminders: { minute: 0, hour: 8, description: 'Remind inspectors whose visit is past with no findings' },
  dailyPublication: { minute: 0, hour: 6, description: 'Close factual accuracy windows that have ended, and publish reports due today' },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleId = keyof typeof schedules;

/** EventBridge cron expression: cron(min hour day-of-month month day-of-week year). */
export function eventBridgeCron(s: ScheduleSpec): { minute: string; hour: string; weekDay?: string } {
  const names = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  return s.weekDay === undefined
    ? { minute: String(s.minute), hour: String(s.hour) }
    : { minute: String(s.minute), hour: String(s.hour), weekDay: names[s.weekDay - 1] };
}

/** Standard 5-field cron for the local scheduler (croner: 0 = Sunday). */
export function localCron(s: ScheduleSpec): string {
  const dow = s.weekDay === undefined ? '*' : String(s.weekDay % 7);
  return `${s.minute} ${s.hour} * * ${dow}`;
}

export type QueueId = keyof typeof queues;
export type DetailType = (typeof events.detailTypes)[keyof typeof events.detailTypes];

/** SNS topics that invoke functions. */
export const topics = {
  sesFeedback: { logicalId: 'SesFeedbackTopic', description: 'SES bounces, complaints and rejects from the configuration set' },
} as const;

export type TopicId = keyof typeof topics;

/** An S3 trigger: one of the bucket's own prefixes (so the stack's notification filter is exact). */
export type S3Trigger = { [B in BucketId]: { readonly bucket: B; readonly prefix: (typeof buckets)[B]['prefixes'][number] } }[BucketId];

/** What invokes a function (a function may have several triggers). */
export interface Trigger {
  readonly s3?: S3Trigger;
  readonly schedule?: ScheduleId;
  /** EventBridge pipeline events (detail types) it handles. */
  readonly events?: readonly DetailType[];
  /** HTTP API routes; '{proxy+}' matches the rest of the path. */
  readonly http?: readonly string[];
  readonly queue?: QueueId;
  readonly sns?: TopicId;
}

export interface FunctionSpec {
  /** The folder under functions/ holding handler.ts. */
  readonly dir: string;
  readonly trigger: Trigger;
  /** Extra Node/V8 options (NODE_OPTIONS) for this function. */
  readonly nodeOptions?: string;
  /**
   * Powertools tracer in this function (a handler subsegment with the cold-start annotation). Off
   * unless set: the tracer loads the X-Ray SDK, about 60 ms and 100 KB more per cold start (npm run
   * bench -- bundles). Lambda's own X-Ray segments are recorded for every function either way.
   */
  readonly tracing?: boolean;
}

/**
 * Which function handles what. Both the stack and the stand-in route from this table.
 *
 * Adding a function: a folder functions/<dir>/handler.ts, an entry here, and its access in
 * infra/access.ts (the compiler asks for it). The stack, the local cloud, the alarms, the dashboard
 * and the bundle benchmark all pick it up from these two tables.
 */
const functionSpecs = {
  // The import streams, so what it holds is small (about 80 MB live at 1,000,000 rows, mostly the
  // URNs seen, for duplicate checks); without a heap limit V8 lets garbage pile up to ~480 MB RSS
  // first. A 256 MB old space and a small young generation keep a whole 1,000,000-row import at
  // 195 MB peak RSS (npm run bench -- ingest, 2026-11-26).
  ingestImport: {
    dir: 'ingest-import',
    trigger: { s3: { bucket: 'imports', prefix: prefixes.imports } },
    nodeOptions: '--max-semi-space-size=16 --max-old-space-size=256',
  },
  prioritise: {
    dir: 'prioritise',
    // Findings submitted -> a re-plan when they record serious concerns (triage; the handler skips every other change).
    trigger: { schedule: 'nightlyPrioritise', events: [events.detailTypes.importCompleted, events.detailTypes.publicationChanged] },
  },
  findingsPage: { dir: 'findings-page', trigger: { http: ['/visits/{proxy+}', '/assets/{proxy+}'] } },
  reviewPage: { dir: 'review-page', trigger: { http: ['/review/{proxy+}'] } },
  factualAccuracyPage: { dir: 'factual-accuracy-page', trigger: { http: ['/factual-accuracy/{proxy+}'] } },
  briefingPage: { dir: 'briefing-page', trigger: { http: ['/briefings/{proxy+}'] } },
  publicSite: { dir: 'public-site', trigger: { http: ['/reports/{proxy+}', '/unsubscribe'] } },
  ingestFindings: { dir: 'ingest-findings', trigger: { s3: { bucket: 'findings', prefix: prefixes.findings } } },
  // Everything that follows a change in a visit's publication: the reviewer, the contacts and the
  // inspector told; at publication, amendment and withdrawal the documents, the index and the notices.
  publicationWorker: { dir: 'publication-worker', trigger: { events: [events.detailTypes.publicationChanged] } },
  publicationSchedule: { dir: 'publication-schedule', trigger: { schedule: 'dailyPublication' } },
  // Every publication email (reviewers, contacts, inspectors, commissioners' reports and notices).
  notifyCommissioners: { dir: 'notify-commissioners', trigger: { queue: 'notify' } },
  weeklyDigest: { dir: 'weekly-digest', trigger: { schedule: 'weeklyDigest' } },
  findingsReminders: { dir: 'findings-reminders', trigger: { schedule: 'dailyReminders' } },
  sesFeedback: { dir: 'ses-feedback', trigger: { sns: 'sesFeedback' } },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof functionSpecs;
export const functions: Record<FunctionId, FunctionSpec> = functionSpecs;
export const functionIds = Object.keys(functionSpecs) as FunctionId[];

/** One delivery to route: an object created, a pipeline event, a schedule firing, a queue message, an SNS notice or an HTTP request. */
export type Delivery =
  | { readonly s3: { readonly bucket: BucketId; readonly key: string } }
  | { readonly event: DetailType }
  | { readonly schedule: ScheduleId }
  | { readonly queue: QueueId }
  | { readonly sns: TopicId }
  | { readonly http: string };

/** Does an HTTP API route pattern match a request path ('{proxy+}' = one or more characters)? */
export function routeMatches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('{proxy+}')) return path === pattern;
  const base = pattern.slice(0, -'{proxy+}'.length);
  return path.startsWith(base) && path.length > base.length;
}

/** The functions a delivery goes to, in catalogue order: the one routing rule for the stack and the local cloud. */
export function consumersOf(d: Delivery): FunctionId[] {
  return functionIds.filter((id) => {
    const t = functions[id].trigger;
    if ('s3' in d) return t.s3 !== undefined && t.s3.bucket === d.s3.bucket && d.s3.key.startsWith(t.s3.prefix);
    if ('event' in d) return t.events?.includes(d.event) ?? false;
    if ('schedule' in d) return t.schedule === d.schedule;
    if ('queue' in d) return t.queue === d.queue;
    if ('sns' in d) return t.sns === d.sns;
    return (t.http ?? []).some((pattern) => routeMatches(pattern, d.http));
  });
}

/** Every HTTP API route pattern with the function it goes to. */
export function httpRoutes(): { readonly path: string; readonly id: FunctionId }[] {
  return functionIds.flatMap((id) => (functions[id].trigger.http ?? []).map((path) => ({ path, id })));
}

/** Synchronous callers (HTTP API, SQS poller) see errors themselves; every other trigger is asynchronous. */
export function isAsynchronous(id: FunctionId): boolean {
  const t = functions[id].trigger;
  return t.http === undefined && t.queue === undefined;
}

/**
 * Custom metrics (namespace Visits, published by the function named) that raise an alarm at or
 * over the threshold in a period. The stack's monitoring reads this list.
 */
export const alarmedMetrics = {
  triageNoSlot: {
    metricName: 'TriageNoSlot',
    function: 'prioritise',
    threshold: 1,
    description: 'A triage visit (new serious concerns) has no slot within its working days: see README runbook "Triage with no slot".',
  },
} as const satisfies Record<string, { metricName: string; function: FunctionId; threshold: number; description: string }>;

/** Local stand-in defaults (ports can be overridden with environment variables of the same name). */
export const local = {
  dataDir: '.local',
  endpointsFile: '.local/endpoints.json',
  region: 'eu-west-2',
  ports: { dynamodb: 8000, s3: 4569, ses: 8005, web: 3000, aws: 4010 },
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  /**
   * The day `npm start`'s clock starts on (unless --today or --real-time): the bundled samples and
   * the default policy plan September 2020 to March 2021, so every date a newcomer sees fits them.
   */
  sampleSeasonDay: '2020-09-01',
} as const;
