/**
 * What each function touches, so its IAM policy names exactly that (infra/constructs/functions.ts
 * turns each entry into exact actions on exact resources; test/infra checks them).
 *
 * Adding a function: its catalogue entry (infra/catalogue.ts `functions`) and an entry here. The
 * compiler asks for this one: the table is a Record over every catalogue function.
 */
import { Duration } from 'aws-cdk-lib';
import { prefixes, type BucketId, type FunctionId } from './catalogue';

export type TableAccess = 'read' | 'write' | 'scan';
export type ObjectAction = 's3:GetObject' | 's3:GetObjectVersion' | 's3:PutObject' | 's3:DeleteObject';

export interface S3Grant {
  readonly bucket: BucketId;
  readonly prefix: string;
  readonly actions: readonly ObjectAction[];
}

export interface Access {
  readonly table?: readonly TableAccess[];
  /**
   * Internet-facing functions: the partition keys (dynamodb:LeadingKeys) they may read and write,
   * so a bug in a page cannot reach any other item. Patterns as IAM's StringLike takes them.
   */
  readonly leadingKeys?: { readonly read: readonly string[]; readonly write: readonly string[] };
  readonly s3?: readonly S3Grant[];
  /** PutEvents on the pipeline's event bus. */
  readonly events?: boolean;
  /** SendMessage to the notify queue. */
  readonly sendNotify?: boolean;
  /** Send email through the SES identity and configuration set. */
  readonly ses?: boolean;
  /** Read the link secret (HMAC key for visit and unsubscribe links). */
  readonly secret?: boolean;
  /** Copy the GOV.UK templates and assets beside the bundle (pages, reports, emails). */
  readonly web?: boolean;
  /** Build the browser scripts into the bundle (pages with a script of their own). */
  readonly browserScripts?: boolean;
  /** Copy the PDF fonts beside the bundle. */
  readonly fonts?: boolean;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/**
 * A page where a person takes a publication step (the reviewer's, the contact's): the visit's
 * partition to write (its publication, comments, new versions), what the drafts show to read, and
 * the event that announces the change.
 */
const publicationStepPage: Access = {
  table: ['read', 'write'],
  leadingKeys: { read: ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], write: ['VISIT#*'] },
  events: true,
  secret: true,
  web: true,
  timeout: Duration.seconds(15),
};

export const access: Record<FunctionId, Access> = {
  ingestImport: {
    // No scan: closing providers absent from a snapshot queries the open providers index.
    table: ['read', 'write'],
    s3: [
      { bucket: 'imports', prefix: prefixes.imports, actions: ['s3:GetObject'] },
      { bucket: 'imports', prefix: prefixes.importReports, actions: ['s3:PutObject'] },
    ],
    events: true,
    timeout: Duration.minutes(15),
    memorySize: 1769,
  },
  prioritise: {
    table: ['read', 'write', 'scan'],
    s3: [
      { bucket: 'reports', prefix: prefixes.programme, actions: ['s3:PutObject', 's3:GetObject'] },
      { bucket: 'imports', prefix: prefixes.policy, actions: ['s3:GetObject', 's3:PutObject'] },
    ],
    web: true,
    timeout: Duration.minutes(5),
    memorySize: 3008,
  },
  findingsPage: {
    table: ['read', 'write'],
    // The visit, its submissions and publication; the provider, LA and signals for the preview; the policy.
    leadingKeys: { read: ['VISIT#*', 'PROVIDER#*', 'LA#*', 'POLICY'], write: ['VISIT#*'] },
    s3: [{ bucket: 'findings', prefix: prefixes.findings, actions: ['s3:PutObject', 's3:GetObject'] }],
    secret: true,
    web: true,
    browserScripts: true,
    timeout: Duration.seconds(10),
  },
  reviewPage: publicationStepPage,
  factualAccuracyPage: publicationStepPage,
  briefingPage: {
    table: ['read'],
    leadingKeys: { read: ['VISIT#*', 'COMMISSIONER#*'], write: [] },
    s3: [{ bucket: 'reports', prefix: `${prefixes.restricted}briefings/`, actions: ['s3:GetObject'] }],
    secret: true,
    web: true,
    timeout: Duration.seconds(10),
  },
  publicSite: {
    table: ['read', 'write'],
    // Publication states to read; the suppression list to write (unsubscribe). Reports only: never restricted/.
    leadingKeys: { read: ['VISIT#*'], write: ['SUPPRESSED#*'] },
    s3: [{ bucket: 'reports', prefix: prefixes.reports, actions: ['s3:GetObject'] }],
    secret: true,
    web: true,
    timeout: Duration.seconds(10),
  },
  ingestFindings: {
    table: ['read', 'write'],
    s3: [
      // Versioned bucket: an upload is read (and quarantined) by its version id.
      { bucket: 'findings', prefix: prefixes.findings, actions: ['s3:GetObject', 's3:GetObjectVersion'] },
      { bucket: 'findings', prefix: prefixes.quarantine, actions: ['s3:PutObject'] },
    ],
    events: true,
  },
  publicationWorker: {
    // No scan: commissioners are listed in gsi1 (shared/keys.ts), editions too.
    table: ['read', 'write'],
    s3: [
      { bucket: 'reports', prefix: prefixes.reports, actions: ['s3:PutObject', 's3:DeleteObject'] },
      { bucket: 'reports', prefix: prefixes.restricted, actions: ['s3:PutObject'] },
    ],
    events: true,
    sendNotify: true,
    web: true,
    fonts: true,
    timeout: Duration.minutes(2),
  },
  publicationSchedule: { table: ['read', 'write'], events: true, timeout: Duration.minutes(2) },
  notifyCommissioners: {
    table: ['read', 'write'],
    s3: [{ bucket: 'reports', prefix: `${prefixes.restricted}briefings/`, actions: ['s3:GetObject'] }],
    ses: true,
    secret: true,
    web: true,
    timeout: Duration.seconds(90),
  },
  weeklyDigest: {
    table: ['read', 'write'],
    ses: true,
    secret: true,
    web: true,
    timeout: Duration.minutes(5),
  },
  findingsReminders: { table: ['read', 'write', 'scan'], ses: true, secret: true, web: true, timeout: Duration.minutes(5) },
  sesFeedback: { table: ['write'] },
};

/** The DynamoDB actions behind each kind of table access. */
export const tableActions: Record<TableAccess, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
  scan: ['dynamodb:Scan'],
};
