/**
 * Storage for the programme: reads what prioritisation needs from the table (typed), keeps the
 * policy in force, writes visits on condition, publishes a programme's files to S3 and records the
 * current programme. No rules live here: the use cases are in shared/prioritise/ (replan.ts,
 * lifecycle.ts); this file only maps their ports to DynamoDB and S3.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Visit, VisitStatus } from '../domain/types';
import { keys } from '../keys';
import { objectKeys } from '../object-keys';
import type { VisitLifecyclePorts } from '../prioritise/lifecycle';
import { parsePolicy, type Policy } from '../prioritise/policy';
import { PolicyRefusedError, policyInForce } from './policy-store';
import type { PrioritiseInputs, Programme } from '../prioritise/programme';
import type { ProgrammeFile } from '../prioritise/render';
import type { CurrentProgramme, ProgrammePorts, ProgrammeRecord } from '../prioritise/replan';
import type { VisitWrite } from '../prioritise/visit-writes';
import { dynamoClient } from './clients';
import { s3Client } from './s3-client';
import { requireEnv } from './config';
import { itemParsers, parseItems } from './programme-items';
import { scanEntities, scanPages } from './scan';

/** Providers, inspections, LA outcomes, signals, every visit, and the findings versions' serious concerns. */
export async function loadPrioritiseInputs(): Promise<PrioritiseInputs> {
  const [all, findings] = await Promise.all([scanEntities(['provider', 'inspection', 'la-outcome', 'signal', 'visit']), loadFindingsSummaries()]);
  const of = (entity: string) => all.get(entity) ?? [];
  return {
    providers: parseItems(of('provider'), itemParsers.provider, 'provider'),
    inspections: parseItems(of('inspection'), itemParsers.inspection, 'inspection'),
    laOutcomes: parseItems(of('la-outcome'), itemParsers.laOutcome, 'LA outcome'),
    signals: parseItems(of('signal'), itemParsers.signal, 'signal'),
    visits: parseItems(of('visit'), itemParsers.visit, 'visit'),
    findings,
  };
}

/** Each findings version, projected to the few fields prioritisation reads (versions are up to 256 KB each). */
async function loadFindingsSummaries() {
  const items: Record<string, unknown>[] = [];
  const segments = 4;
  await Promise.all(
    Array.from({ length: segments }, async (_, Segment) => {
      const pages = scanPages({
        Segment,
        TotalSegments: segments,
        FilterExpression: '#e = :findings',
        ProjectionExpression: 'pk, sk, visitId, version, findings.seriousConcerns, findings.visitEndDate',
        ExpressionAttributeNames: { '#e': 'entity' },
        ExpressionAttributeValues: { ':findings': 'findings' },
      });
      for await (const page of pages) items.push(...page);
    }),
  );
  return parseItems(items, itemParsers.findings, 'findings version');
}

// ---- Policy ---------------------------------------------------------------------------------

/** Validate and put a policy in force. A bad one is refused with every problem; the previous one stays. */
export async function setPolicy(document: unknown): Promise<Policy> {
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw new PolicyRefusedError(parsed.problems);
  const policy = parsed.policy;
  const TableName = requireEnv('tableName');
  const at = new Date().toISOString();
  await s3Client().send(
    new PutObjectCommand({
      Bucket: requireEnv('importsBucket'),
      Key: objectKeys.policy(policy.version),
      Body: JSON.stringify(policy, null, 2),
      ContentType: 'application/json',
    }),
  );
  await dynamoClient().send(
    new PutCommand({ TableName, Item: { ...keys.policyVersion(policy.version), entity: 'policy', version: policy.version, policy, at } }),
  );
  await dynamoClient().send(new PutCommand({ TableName, Item: { ...keys.currentPolicy(), entity: 'policy', version: policy.version, policy, at } }));
  return policy;
}

// ---- Programme ------------------------------------------------------------------------------

export async function currentProgramme(): Promise<CurrentProgramme | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.currentProgramme(), ConsistentRead: true }));
  const i = out.Item;
  if (!i || typeof i.programmeId !== 'string' || typeof i.digest !== 'string') return undefined;
  return { programmeId: i.programmeId, digest: i.digest, computedAt: String(i.computedAt ?? ''), ...(typeof i.asOf === 'string' ? { asOf: i.asOf } : {}) };
}

export async function readProgrammeJson(programmeId: string): Promise<Programme | undefined> {
  try {
    const obj = await s3Client().send(
      new GetObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: objectKeys.programmeFile(programmeId, 'programme.json') }),
    );
    // Our own canonical JSON, written by publishProgrammeFiles from a Programme.
    return JSON.parse(await obj.Body!.transformToString()) as Programme;
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
    throw err;
  }
}

/** Run at most `limit` of the tasks at once. */
async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** Each programme file under programme/<id>/ and programme/current/. */
export async function publishProgrammeFiles(programmeId: string, files: readonly ProgrammeFile[]): Promise<void> {
  const Bucket = requireEnv('reportsBucket');
  const puts = files.flatMap((f) =>
    [programmeId, objectKeys.currentProgrammeFolder].map((folder) => ({
      Key: objectKeys.programmeFile(folder, f.name),
      Body: f.body,
      ContentType: f.contentType,
    })),
  );
  await inBatches(puts, 16, async (put) => {
    await s3Client().send(new PutObjectCommand({ Bucket, ...put }));
  });
}

function visitItem(visit: Visit, indexed: boolean): Record<string, unknown> {
  const indexes = indexed ? keys.visitIndexes(visit) : keys.visitTargetIndex(visit);
  return { ...keys.visit(visit.visitId), ...indexes, entity: 'visit', ...visit };
}

/** Put a visit if its stored status is still `expected` (or, with no expected status, if there is none). */
export async function putVisitIf(visit: Visit, expected: VisitStatus | undefined, indexed: boolean): Promise<boolean> {
  const condition = expected
    ? { ConditionExpression: '#s = :expected', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':expected': expected } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    await dynamoClient().send(new PutCommand({ TableName: requireEnv('tableName'), Item: visitItem(visit, indexed), ...condition }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** The write of one visit, on condition its stored status is still the expected one (or that it does not exist). */
function conditionalPut(w: VisitWrite) {
  const condition = w.expectedStatus
    ? { ConditionExpression: '#s = :expected', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':expected': w.expectedStatus } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  return { TableName: requireEnv('tableName'), Item: visitItem(w.visit, w.indexed), ...condition };
}

/**
 * Writes visits 25 to a transaction (one request instead of 25); a transaction cancelled because
 * a visit changed meanwhile is sent again without that visit, which is listed as a conflict.
 */
export async function writeVisits(writes: readonly VisitWrite[]): Promise<{ written: number; conflicts: string[] }> {
  let written = 0;
  const conflicts: string[] = [];
  const chunks: VisitWrite[][] = [];
  for (let i = 0; i < writes.length; i += 25) chunks.push(writes.slice(i, i + 25));
  await inBatches(chunks, 4, async (chunk) => {
    let pending = chunk;
    while (pending.length) {
      try {
        await dynamoClient().send(new TransactWriteCommand({ TransactItems: pending.map((w) => ({ Put: conditionalPut(w) })) }));
        written += pending.length;
        return;
      } catch (err) {
        const reasons = (err as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        if ((err as { name?: string }).name !== 'TransactionCanceledException' || !reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) throw err;
        conflicts.push(...pending.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed').map((w) => w.visit.visitId));
        pending = pending.filter((_, i) => reasons[i]?.Code !== 'ConditionalCheckFailed');
      }
    }
  });
  return { written, conflicts: conflicts.sort() };
}

export async function recordProgramme(r: ProgrammeRecord): Promise<void> {
  const TableName = requireEnv('tableName');
  await dynamoClient().send(new PutCommand({ TableName, Item: { ...keys.programme(r.programmeId), entity: 'programme', ...r } }));
  await dynamoClient().send(
    new PutCommand({
      TableName,
      Item: {
        ...keys.currentProgramme(),
        entity: 'programme',
        programmeId: r.programmeId,
        digest: r.digest,
        asOf: r.asOf,
        computedAt: new Date().toISOString(),
      },
    }),
  );
}

export const programmePorts: ProgrammePorts = {
  loadInputs: loadPrioritiseInputs,
  policyInForce,
  currentProgramme,
  writeVisits,
  publish: publishProgrammeFiles,
  recordProgramme,
};

// ---- One visit's lifecycle ------------------------------------------------------------------

export async function getVisitRecord(visitId: string): Promise<Visit | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.visit(visitId), ConsistentRead: true }));
  return out.Item ? itemParsers.visit(out.Item) : undefined;
}

export const visitLifecyclePorts: VisitLifecyclePorts = {
  getVisit: getVisitRecord,
  saveVisit: (visit, expected) => putVisitIf(visit, expected, visit.status !== 'cancelled' && visit.status !== 'deferred'),
};
