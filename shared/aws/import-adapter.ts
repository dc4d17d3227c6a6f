/** S3 and DynamoDB behind the import service's ports. */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Readable } from 'node:stream';
import { limits, prefixes } from '../../infra/catalogue';
import type { ImportReport } from '../domain/types';
import { runImport, reportText } from '../ingest/import-service';
import { keys } from '../keys';
import { BatchWriter } from './batch-write';
import { dynamoClient, s3Client } from './clients';
import { requireEnv } from './config';

/** Where the report for an uploaded key is written: import-reports/<same path>.json|.txt */
export function reportKeys(key: string): { json: string; text: string } {
  const rest = key.startsWith(prefixes.imports) ? key.slice(prefixes.imports.length) : key;
  return { json: `${prefixes.importReports}${rest}.json`, text: `${prefixes.importReports}${rest}.txt` };
}

export async function importObject(bucket: string, key: string, options: { maxBytes?: number } = {}): Promise<ImportReport> {
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
    closeProvidersAbsentFrom: (snapshotId) => closeAbsentProviders(tableName, snapshotId),
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

/** Providers still open but not in the given snapshot are marked closed (never deleted). */
async function closeAbsentProviders(tableName: string, snapshotId: string): Promise<number> {
  const ddb = dynamoClient();
  const segments = 4;
  const counts = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let closed = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await ddb.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: start,
            FilterExpression: '#e = :provider AND #s = :open AND snapshotId <> :snap',
            ExpressionAttributeNames: { '#e': 'entity', '#s': 'status' },
            ExpressionAttributeValues: { ':provider': 'provider', ':open': 'open', ':snap': snapshotId },
            ProjectionExpression: 'pk, sk',
          }),
        );
        for (const item of page.Items ?? []) {
          await ddb.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET #s = :closed, closedBySnapshot = :snap',
              ConditionExpression: '#s = :open',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':snap': snapshotId },
            }),
          ).then(
            () => closed++,
            (err: { name?: string }) => {
              if (err.name !== 'ConditionalCheckFailedException') throw err;
            },
          );
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return closed;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
