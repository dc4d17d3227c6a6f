/** S3 and DynamoDB behind the import service's ports: an uploaded object in, its import report out. */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Readable } from 'node:stream';
import { limits } from '../../infra/catalogue';
import { runImport, type ImportPorts } from '../ingest/import-service';
import { parseImportReport, reportText, type ImportReport } from '../ingest/report';
import { keys } from '../keys';
import { objectKeys } from '../object-keys';
import { BatchWriter } from './batch-write';
import { dynamoClient } from './clients';
import { s3Client } from './s3-client';
import { requireEnv } from './config';
import { knownProviders, maxClosureShareInForce, providerSnapshots } from './provider-snapshots';

/** Where the report for an uploaded key is written: import-reports/<same path>.json|.txt */
export const reportKeys = objectKeys.importReports;

/** An object at `<upload key>.confirm` (any content) confirms a held upload: it is applied with the snapshot guard lifted. */
export const CONFIRMATION_SUFFIX = '.confirm';
export const confirmationKey = (key: string): string => `${key}${CONFIRMATION_SUFFIX}`;
export const isConfirmationKey = (key: string): boolean => key.endsWith(CONFIRMATION_SUFFIX);

/** S3 user metadata on an upload that confirms it in advance (`npm run import -- FILE --confirm-closures`). */
export const CONFIRM_METADATA = 'confirm-closures';

export interface ImportOptions {
  readonly progress?: ImportPorts['progress'];
  /** Apply with the snapshot guard lifted (a confirmation object named this upload). */
  readonly confirmed?: boolean;
}

async function storedReport(key: string, etag: string): Promise<ImportReport | undefined> {
  const done = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.importRecord(key, etag), ConsistentRead: true }));
  return parseImportReport(done.Item?.report);
}

async function saveReport(bucket: string, key: string, etag: string, report: ImportReport): Promise<void> {
  const out = reportKeys(key);
  await Promise.all([
    s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: out.json, Body: JSON.stringify(report, null, 2), ContentType: 'application/json' })),
    s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: out.text, Body: reportText(report), ContentType: 'text/plain; charset=utf-8' })),
  ]);
  await dynamoClient().send(new PutCommand({ TableName: requireEnv('tableName'), Item: { ...keys.importRecord(key, etag), entity: 'import', report } }));
}

/**
 * Import one uploaded object and write its report. A repeat delivery of the same upload (same key
 * and ETag) changes nothing and gives back the report; a confirmed repeat applies a held one.
 */
export async function importObject(bucket: string, key: string, options: ImportOptions = {}): Promise<ImportReport> {
  const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const etag = (head.ETag ?? '').replace(/"/g, '');
  const confirmed = options.confirmed === true || /^(yes|true|1)$/i.test(head.Metadata?.[CONFIRM_METADATA] ?? '');
  const done = await storedReport(key, etag);
  if (done && !(confirmed && done.status === 'held')) return done;

  const writer = new BatchWriter(dynamoClient(), { tableName: requireEnv('tableName'), concurrency: 16 });
  const report = await runImport(`${key}#${etag}`, key, {
    size: head.ContentLength ?? 0,
    etag,
    fileName: key.split('/').pop() ?? key,
    limits: { maxBytes: limits.importMaxBytes, maxRowChars: limits.importMaxRowChars },
    guard: { maxClosureShare: await maxClosureShareInForce(), confirmed, confirmationKey: confirmationKey(key) },
    now: () => Date.now(),
    read: () => streamObject(bucket, key),
    put: (item) => writer.put(item),
    flush: () => writer.flush(),
    snapshots: providerSnapshots,
    knownProviders,
    progress: options.progress,
  });
  await saveReport(bucket, key, etag, report);
  return report;
}

/**
 * A confirmation object: apply the upload it names if that upload is held (or not yet imported);
 * undefined when the upload is not there. Its report is written again, in place.
 */
export async function confirmImport(bucket: string, confirmKey: string, options: Omit<ImportOptions, 'confirmed'> = {}): Promise<ImportReport | undefined> {
  const key = confirmKey.slice(0, -CONFIRMATION_SUFFIX.length);
  try {
    return await importObject(bucket, key, { ...options, confirmed: true });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
    throw err;
  }
}

async function* streamObject(bucket: string, key: string): AsyncIterable<Uint8Array> {
  const obj = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  for await (const chunk of obj.Body as Readable) yield chunk as Uint8Array;
}
