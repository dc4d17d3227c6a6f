/** S3 and DynamoDB behind the import service's ports. */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Readable } from 'node:stream';
import { limits } from '../../infra/catalogue';
import type { ImportReport } from '../domain/types';
import { runImport, reportText, type ImportPorts } from '../ingest/import-service';
import { keys, openProviderShards } from '../keys';
import { objectKeys } from '../object-keys';
import { BatchWriter } from './batch-write';
import { dynamoClient, s3Client } from './clients';
import { requireEnv } from './config';
import { queryPages } from './scan';

/** Where the report for an uploaded key is written: import-reports/<same path>.json|.txt */
export const reportKeys = objectKeys.importReports;

export async function importObject(bucket: string, key: string, options: { maxBytes?: number; progress?: ImportPorts['progress'] } = {}): Promise<ImportReport> {
  const s3 = s3Client();
  const ddb = dynamoClient();
  const tableName = requireEnv('tableName');
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const etag = (head.ETag ?? '').replace(/"/g, '');
  const out = reportKeys(key);

  // A repeat delivery of the same upload (same key and ETag) changes nothing: give back the report.
  const done = await ddb.send(new GetCommand({ TableName: tableName, Key: keys.importRecord(key, etag) }));
  if (done.Item?.report) return done.Item.report as ImportReport;

  const writer = new BatchWriter(ddb, { tableName, concurrency: 16 });
  const report = await runImport(`${key}#${etag}`, key, {
    size: head.ContentLength ?? 0,
    etag,
    maxBytes: options.maxBytes ?? limits.importMaxBytes,
    now: () => Date.now(),
    read: () => streamObject(bucket, key),
    put: (item) => writer.put(item),
    flush: () => writer.flush(),
    closeProvidersAbsentFrom: (snapshotId) => closeAbsentProviders(snapshotId),
    progress: options.progress,
  });

  await Promise.all([
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: out.json, Body: JSON.stringify(report, null, 2), ContentType: 'application/json' })),
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: out.text, Body: reportText(report), ContentType: 'text/plain; charset=utf-8' })),
  ]);
  await ddb.send(new PutCommand({ TableName: tableName, Item: { ...keys.importRecord(key, etag), entity: 'import', report } }));
  return report;
}

async function* streamObject(bucket: string, key: string): AsyncIterable<Uint8Array> {
  const obj = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  for await (const chunk of obj.Body as Readable) yield chunk as Uint8Array;
}

/**
 * Providers still open but not in the given snapshot are marked closed (never deleted). The open
 * providers index (gsi2, see shared/keys.ts) is sorted by snapshot, so this reads only the providers
 * another snapshot listed: two range queries per shard, no table scan.
 */
async function closeAbsentProviders(snapshotId: string): Promise<number> {
  const { before, after } = keys.otherSnapshotBounds(snapshotId);
  const ranges = [
    { condition: 'gsi2sk < :bound', bound: before },
    { condition: 'gsi2sk >= :bound', bound: after },
  ];
  const counts = await Promise.all(
    Array.from({ length: openProviderShards }, (_, shard) => ranges.map((r) => closeRange(keys.openProvidersShard(shard), r.condition, r.bound, snapshotId))).flat(),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function closeRange(partition: string, condition: string, bound: string, snapshotId: string): Promise<number> {
  const ddb = dynamoClient();
  const TableName = requireEnv('tableName');
  let closed = 0;
  const pages = queryPages({
    IndexName: 'gsi2',
    KeyConditionExpression: `gsi2pk = :p AND ${condition}`,
    ExpressionAttributeValues: { ':p': partition, ':bound': bound },
    ProjectionExpression: 'pk, sk',
  });
  for await (const page of pages) {
    for (const item of page) {
      // The condition makes a repeat (or a concurrent newer snapshot that listed it again) a no-op.
      await ddb
        .send(
          new UpdateCommand({
            TableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET #s = :closed, closedBySnapshot = :snap REMOVE gsi2pk, gsi2sk',
            ConditionExpression: '#s = :open AND snapshotId <> :snap',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':snap': snapshotId },
          }),
        )
        .then(
          () => closed++,
          (err: { name?: string }) => {
            if (err.name !== 'ConditionalCheckFailedException') throw err;
          },
        );
    }
  }
  return closed;
}
