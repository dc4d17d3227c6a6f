/**
 * Findings uploads: validate, then store as a new version of the visit's findings with conditional
 * writes (earlier versions kept), or quarantine the upload with its reasons. Nothing is ever
 * half-written: the version, the submission status and the visit's status change in one
 * transaction, and a repeat delivery of the same upload finds its submission already accepted.
 */
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { limits } from '../../infra/catalogue';
import type { Visit } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import { validateFindingsUpload } from '../findings/validate-upload';
import { keys } from '../keys';
import { objectKeys } from '../object-keys';
import { dynamoClient, s3Client } from './clients';
import { requireEnv } from './config';
import { queryAll } from './scan';

export type SubmissionState = 'waiting' | 'received' | 'accepted' | 'rejected';

export interface SubmissionStatus {
  readonly state: SubmissionState;
  readonly reasons?: string[];
  readonly version?: number;
}

export type FindingsOutcome =
  | { readonly outcome: 'accepted'; readonly visitId: string; readonly version: number; readonly repeat: boolean }
  | { readonly outcome: 'rejected'; readonly visitId?: string; readonly reasons: string[] };

const KEY_SHAPE = /^findings\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9-]{1,64})\.json$/;

export async function getVisit(visitId: string): Promise<Visit | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.visit(visitId) }));
  return out.Item as Visit | undefined;
}

export async function getSubmission(visitId: string, submissionId: string): Promise<SubmissionStatus | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.submission(visitId, submissionId), ConsistentRead: true }));
  return out.Item ? { state: out.Item.state as SubmissionState, reasons: out.Item.reasons as string[] | undefined, version: out.Item.version as number | undefined } : undefined;
}

/** Called when the page hands out a pre-signed POST: the submission is expected. */
export async function recordSubmissionWaiting(visitId: string, submissionId: string, inspector: string): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: requireEnv('tableName'),
      Item: { ...keys.submission(visitId, submissionId), entity: 'submission', visitId, submissionId, inspector, state: 'waiting', at: new Date().toISOString(), expiresAt: Math.floor(Date.now() / 1000) + 30 * 24 * 3600 },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function listFindingsVersions(visitId: string): Promise<FindingsVersion[]> {
  const k = keys.findingsPrefix(visitId);
  // Every page: versions of up to 256 KB each pass Query's 1 MB page after a few amendments.
  return queryAll<FindingsVersion>({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix }, ConsistentRead: true });
}

export async function getFindingsVersion(visitId: string, version: number): Promise<FindingsVersion | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.findingsVersion(visitId, version), ConsistentRead: true }));
  return out.Item as FindingsVersion | undefined;
}

async function quarantine(bucket: string, key: string, visitId: string | undefined, submissionId: string | undefined, reasons: string[]): Promise<void> {
  const s3 = s3Client();
  const target = objectKeys.quarantine({ key, visitId, submissionId });
  await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: target.copy, CopySource: `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}` })).catch(() => undefined);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: target.reasons, Body: JSON.stringify({ key, reasons, at: new Date().toISOString() }, null, 2), ContentType: 'application/json' }));
  if (visitId && submissionId) {
    await dynamoClient()
      .send(
        new PutCommand({
          TableName: requireEnv('tableName'),
          Item: { ...keys.submission(visitId, submissionId), entity: 'submission', visitId, submissionId, state: 'rejected', reasons, at: new Date().toISOString() },
          // Never overwrite an accepted submission with a later rejection of a repeat delivery.
          ConditionExpression: 'attribute_not_exists(pk) OR #s <> :accepted',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':accepted': 'accepted' },
        }),
      )
      .catch((err: { name?: string }) => {
        if (err.name !== 'ConditionalCheckFailedException') throw err;
      });
  }
}

export async function ingestFindingsObject(bucket: string, key: string): Promise<FindingsOutcome> {
  const s3 = s3Client();
  const shape = KEY_SHAPE.exec(key);
  const visitId = shape?.[1];
  const submissionId = shape?.[2];

  const already = visitId && submissionId ? await getSubmission(visitId, submissionId) : undefined;
  if (already?.state === 'accepted' && already.version !== undefined) return { outcome: 'accepted', visitId: visitId!, version: already.version, repeat: true };

  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const size = head.ContentLength ?? 0;
  if (size > limits.findingsMaxBytes) {
    const reasons = [`The upload is ${size} bytes, over the ${limits.findingsMaxBytes}-byte limit for findings. Shorten the longest answers and submit again.`];
    await quarantine(bucket, key, visitId, submissionId, reasons);
    return { outcome: 'rejected', visitId, reasons };
  }
  const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await obj.Body!.transformToByteArray();
  const visit = visitId ? await getVisit(visitId) : undefined;
  const checked = validateFindingsUpload({ bytes, contentLength: size, metadata: head.Metadata ?? {}, key, visit });
  if (!checked.ok) {
    await quarantine(bucket, key, visitId, submissionId, checked.reasons);
    return { outcome: 'rejected', visitId, reasons: checked.reasons };
  }

  const TableName = requireEnv('tableName');
  for (let attempt = 0; attempt < 5; attempt++) {
    const versions = await listFindingsVersions(visit!.visitId);
    const version = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
    const receivedAt = new Date().toISOString();
    const record: FindingsVersion = { visitId: visit!.visitId, version, submissionId: checked.submissionId, inspector: checked.inspector, receivedAt, s3Key: key, findings: checked.findings };
    try {
      await dynamoClient().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...keys.findingsVersion(visit!.visitId, version), entity: 'findings', ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName,
                Item: { ...keys.submission(visit!.visitId, checked.submissionId), entity: 'submission', visitId: visit!.visitId, submissionId: checked.submissionId, inspector: checked.inspector, state: 'accepted', version, at: receivedAt },
                ConditionExpression: 'attribute_not_exists(pk) OR #s <> :accepted',
                ExpressionAttributeNames: { '#s': 'state' },
                ExpressionAttributeValues: { ':accepted': 'accepted' },
              },
            },
            {
              Update: {
                TableName,
                Key: keys.visit(visit!.visitId),
                UpdateExpression: 'SET #s = :received, visitedOn = :on, latestFindingsVersion = :v',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':received': 'findings-received', ':on': checked.findings.visitEndDate, ':v': version },
              },
            },
          ],
        }),
      );
      return { outcome: 'accepted', visitId: visit!.visitId, version, repeat: false };
    } catch (err) {
      if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
      // Either a concurrent submission took this version number (try the next), or this very
      // submission was accepted meanwhile by a repeat delivery (then nothing more to do).
      const now = await getSubmission(visit!.visitId, checked.submissionId);
      if (now?.state === 'accepted' && now.version !== undefined) return { outcome: 'accepted', visitId: visit!.visitId, version: now.version, repeat: true };
    }
  }
  throw new Error(`Could not store findings for ${visit!.visitId} after 5 attempts: too many concurrent submissions`);
}
