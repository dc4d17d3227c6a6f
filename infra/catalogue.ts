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
  imports: { logicalId: 'ImportsBucket', localName: 'visits-imports', envVar: env.importsBucket, prefixes: [prefixes.imports, prefixes.importReports, prefixes.policy] },
  findings: { logicalId: 'FindingsBucket', localName: 'visits-findings', envVar: env.findingsBucket, prefixes: [prefixes.findings, prefixes.quarantine] },
  reports: { logicalId: 'ReportsBucket', localName: 'visits-reports', envVar: env.reportsBucket, prefixes: [prefixes.reports, prefixes.programme, prefixes.restricted] },
} as const;

export type BucketId = keyof typeof buckets;

/** Limits that users are told about (README, error messages). */
export const limits = {
  /** Largest CSV an import accepts. A 1,000,000-row provider file is about 300 MB. */
  importMaxBytes: 512 * 1024 * 1024,
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

/** What invokes a function. */
export interface Trigger {
  readonly s3?: { readonly bucket: BucketId; readonly prefix: string };
  readonly schedule?: ScheduleId;
  readonly event?: string;
  /** HTTP API routes; '{proxy+}' matches the rest of the path. */
  readonly http?: readonly string[];
  readonly queue?: keyof typeof queues;
  readonly sns?: string;
}

export interface FunctionSpec {
  /** The folder under functions/ holding handler.ts. */
  readonly dir: string;
  readonly trigger: Trigger;
  /** Extra Node/V8 options (NODE_OPTIONS) for this function. */
  readonly nodeOptions?: string;
}

/** Which function handles what. Both the stack and the stand-in route from this table. */
const functionSpecs = {
  // The import streams, so what it holds is small (about 80 MB live at 1,000,000 rows, mostly the
  // URNs seen, for duplicate checks); without a heap limit V8 lets garbage pile up to ~480 MB RSS
  // first. A 256 MB old space and a small young generation keep a whole 1,000,000-row import at
  // 195 MB peak RSS (npm run bench -- ingest, 2026-11-26).
  ingestImport: { dir: 'ingest-import', trigger: { s3: { bucket: 'imports', prefix: prefixes.imports } }, nodeOptions: '--max-semi-space-size=16 --max-old-space-size=256' },
  prioritise: {
    dir: 'prioritise',
    trigger: { schedule: 'nightlyPrioritise', event: events.detailTypes.importCompleted },
  },
  findingsPage: { dir: 'findings-page', trigger: { http: ['/visits/{proxy+}', '/assets/{proxy+}'] } },
  reviewPage: { dir: 'review-page', trigger: { http: ['/review/{proxy+}'] } },
  factualAccuracyPage: { dir: 'factual-accuracy-page', trigger: { http: ['/factual-accuracy/{proxy+}'] } },
  briefingPage: { dir: 'briefing-page', trigger: { http: ['/briefings/{proxy+}'] } },
  publicSite: { dir: 'public-site', trigger: { http: ['/reports/{proxy+}', '/unsubscribe'] } },
  ingestFindings: { dir: 'ingest-findings', trigger: { s3: { bucket: 'findings', prefix: prefixes.findings } } },
  // Everything that follows a change in a visit's publication: the reviewer, the contacts and the
  // inspector told; at publication, amendment and withdrawal the documents, the index and the notices.
  publicationWorker: { dir: 'publication-worker', trigger: { event: events.detailTypes.publicationChanged } },
  publicationSchedule: { dir: 'publication-schedule', trigger: { schedule: 'dailyPublication' } },
  // Every publication email (reviewers, contacts, inspectors, commissioners' reports and notices).
  notifyCommissioners: { dir: 'notify-commissioners', trigger: { queue: 'notify' } },
  weeklyDigest: { dir: 'weekly-digest', trigger: { schedule: 'weeklyDigest' } },
  findingsReminders: { dir: 'findings-reminders', trigger: { schedule: 'dailyReminders' } },
  sesFeedback: { dir: 'ses-feedback', trigger: { sns: 'sesFeedback' } },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof functionSpecs;
export const functions: Record<FunctionId, FunctionSpec> = functionSpecs;

/** Local stand-in defaults (ports can be overridden with environment variables of the same name). */
export const local = {
  dataDir: '.local',
  endpointsFile: '.local/endpoints.json',
  region: 'eu-west-2',
  ports: { dynamodb: 8000, s3: 4569, ses: 8005, web: 3000, aws: 4010 },
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
} as const;
