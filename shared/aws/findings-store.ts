/**
 * Findings storage: visits, the submissions the findings page issues, findings versions, and the
 * uploaded objects (read by version, copied to quarantine with their reasons). Storage only: what
 * is accepted, and why not, is decided in shared/findings/ingest-service.ts.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit } from '../domain/types';
import type { FindingsVersion } from '../findings/schema';
import { keys } from '../keys';
import { dynamoClient } from './clients';
import { requireEnv } from './config';
import { queryAll } from './scan';
import type { SubmissionRecord } from '../findings/submission';
import { findingsVersionItem, parseItem, parseOptional, submissionItem, visitItem } from './stored-items';

/** How long an issued submission is kept if nothing is uploaded with it. */
const SUBMISSION_KEPT_SECONDS = 30 * 24 * 3600;

const table = () => requireEnv('tableName');

export async function getVisit(visitId: string): Promise<Visit | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.visit(visitId), ConsistentRead: true }));
  return parseOptional(visitItem, out.Item, 'visit');
}

export async function getSubmission(visitId: string, submissionId: string): Promise<SubmissionRecord | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.submission(visitId, submissionId), ConsistentRead: true }));
  return parseOptional(submissionItem, out.Item, 'submission');
}

/** Called when the page hands out a pre-signed POST: this submission id, for this inspector, is expected. */
export async function recordSubmissionWaiting(visitId: string, submissionId: string, inspector: string, issuedAt = new Date()): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...keys.submission(visitId, submissionId),
        entity: 'submission',
        visitId,
        submissionId,
        inspector,
        state: 'waiting',
        issuedAt: issuedAt.toISOString(),
        expiresAt: Math.floor(issuedAt.getTime() / 1000) + SUBMISSION_KEPT_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * A submission's outcome, written only while it is still waiting (or, with `orAbsent`, when there is
 * no record yet); a submission already settled keeps what it has.
 */
async function settleSubmission(visitId: string, submissionId: string, outcome: Record<string, unknown>, orAbsent: boolean): Promise<void> {
  await dynamoClient()
    .send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.submission(visitId, submissionId), entity: 'submission', visitId, submissionId, ...outcome, at: new Date().toISOString() },
        ConditionExpression: orAbsent ? 'attribute_not_exists(pk) OR #s = :waiting' : '#s = :waiting',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':waiting': 'waiting' },
      }),
    )
    .catch((err: { name?: string }) => {
      if (err.name !== 'ConditionalCheckFailedException') throw err;
    });
}

/** A submission that will never make a version (refused upload): its reasons, for the status page. Never overwrites an accepted one. */
export function recordSubmissionRejected(visitId: string, submissionId: string, reasons: string[], objectVersion: string | undefined): Promise<void> {
  return settleSubmission(visitId, submissionId, { state: 'rejected', reasons, objectVersion }, true);
}

/** Identical content to the latest version: the submission points at that version; nothing new is stored. */
export function recordSubmissionRepeat(visitId: string, submissionId: string, version: number, objectVersion: string | undefined): Promise<void> {
  return settleSubmission(visitId, submissionId, { state: 'repeat', version, objectVersion }, false);
}

export async function listFindingsVersions(visitId: string): Promise<FindingsVersion[]> {
  const k = keys.findingsPrefix(visitId);
  // Every page: versions of up to 256 KB each pass Query's 1 MB page after a few amendments.
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => parseItem(findingsVersionItem, i, 'findings version'));
}

export async function getFindingsVersion(visitId: string, version: number): Promise<FindingsVersion | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: table(), Key: keys.findingsVersion(visitId, version), ConsistentRead: true }));
  return parseOptional(findingsVersionItem, out.Item, 'findings version');
}

/** The newest version (one item read: versions sort by their zero-padded number). */
export async function latestFindingsVersion(visitId: string): Promise<FindingsVersion | undefined> {
  const k = keys.findingsPrefix(visitId);
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return parseOptional(findingsVersionItem, out.Items?.[0], 'findings version');
}

/** Does this findings version record serious concerns? (A stored findings event that does not need triage.) */
export async function findingsRecordSeriousConcerns(visitId: string, version: number): Promise<boolean> {
  const out = await dynamoClient().send(
    new GetCommand({
      TableName: requireEnv('tableName'),
      Key: keys.findingsVersion(visitId, version),
      ProjectionExpression: 'findings.seriousConcerns',
      ConsistentRead: true,
    }),
  );
  const findings: unknown = out.Item?.findings;
  return typeof findings === 'object' && findings !== null && 'seriousConcerns' in findings && findings.seriousConcerns === true;
}
