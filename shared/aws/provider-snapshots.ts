/**
 * DynamoDB behind the import's provider ports: counting and closing the open providers a snapshot
 * leaves out, the latest snapshot date applied, and which URNs we hold (in batches).
 */
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SnapshotStore } from '../ingest/import-service';
import { REFERENCE_BATCH } from '../ingest/import-service';
import { keys, openProviderShards } from '../keys';
import { defaultPolicy, parsePolicy } from '../prioritise/policy';
import { dynamoClient } from './clients';
import { requireEnv } from './config';
import { queryPages } from './scan';

/**
 * The open providers index (gsi2, see shared/keys.ts) is sorted by snapshot: those another snapshot
 * listed are two ranges per shard, read without a table scan.
 */
function otherSnapshotRanges(snapshotId: string): { partition: string; condition: string; bound: string }[] {
  const { before, after } = keys.otherSnapshotBounds(snapshotId);
  return Array.from({ length: openProviderShards }, (_, shard) => [
    { partition: keys.openProvidersShard(shard), condition: 'gsi2sk < :bound', bound: before },
    { partition: keys.openProvidersShard(shard), condition: 'gsi2sk >= :bound', bound: after },
  ]).flat();
}

async function countRange(r: { partition: string; condition: string; bound: string }): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: requireEnv('tableName'),
        IndexName: 'gsi2',
        KeyConditionExpression: `gsi2pk = :p AND ${r.condition}`,
        ExpressionAttributeValues: { ':p': r.partition, ':bound': r.bound },
        Select: 'COUNT',
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

async function closeRange(r: { partition: string; condition: string; bound: string }, snapshotId: string): Promise<number> {
  let closed = 0;
  const pages = queryPages({
    IndexName: 'gsi2',
    KeyConditionExpression: `gsi2pk = :p AND ${r.condition}`,
    ExpressionAttributeValues: { ':p': r.partition, ':bound': r.bound },
    ProjectionExpression: 'pk, sk',
  });
  for await (const page of pages) {
    for (const item of page) {
      // The condition makes a repeat (or a concurrent newer snapshot that listed it again) a no-op.
      await dynamoClient()
        .send(
          new UpdateCommand({
            TableName: requireEnv('tableName'),
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

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

async function latestAsAt(): Promise<string | undefined> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.providerSnapshots(), ConsistentRead: true }));
  const asAt: unknown = out.Item?.asAt;
  return typeof asAt === 'string' ? asAt : undefined;
}

/** Keeps the latest date: an older one leaves it as it is. */
async function recordApplied(asAt: string): Promise<void> {
  await dynamoClient()
    .send(
      new UpdateCommand({
        TableName: requireEnv('tableName'),
        Key: keys.providerSnapshots(),
        UpdateExpression: 'SET asAt = :d, entity = :e',
        ConditionExpression: 'attribute_not_exists(asAt) OR asAt < :d',
        ExpressionAttributeValues: { ':d': asAt, ':e': 'snapshot' },
      }),
    )
    .catch((err: { name?: string }) => {
      if (err.name !== 'ConditionalCheckFailedException') throw err;
    });
}

export const providerSnapshots: SnapshotStore = {
  countAbsent: async (snapshotId) => sum(await Promise.all(otherSnapshotRanges(snapshotId).map(countRange))),
  closeAbsent: async (snapshotId) => sum(await Promise.all(otherSnapshotRanges(snapshotId).map((r) => closeRange(r, snapshotId)))),
  latestAsAt,
  recordApplied,
};

/** Which of these URNs have a provider profile: BatchGetItem, 100 keys a call, unprocessed keys asked again. */
export async function knownProviders(urns: readonly string[]): Promise<ReadonlySet<string>> {
  const TableName = requireEnv('tableName');
  const found = new Set<string>();
  for (let i = 0; i < urns.length; i += REFERENCE_BATCH) {
    let Keys: Record<string, unknown>[] | undefined = [...new Set(urns.slice(i, i + REFERENCE_BATCH))].map((u) => ({ ...keys.provider(u) }));
    for (let attempt = 0; Keys?.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const out: BatchGetCommandOutput = await dynamoClient().send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys, ProjectionExpression: 'urn' } } }),
      );
      for (const item of out.Responses?.[TableName] ?? []) if (typeof item.urn === 'string') found.add(item.urn);
      Keys = out.UnprocessedKeys?.[TableName]?.Keys;
    }
  }
  return found;
}

/** The policy in force's limit on closures (the shipped default when none was put in force). */
export async function maxClosureShareInForce(): Promise<number> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.currentPolicy(), ConsistentRead: true }));
  const parsed = out.Item ? parsePolicy(out.Item.policy) : undefined;
  return (parsed?.ok ? parsed.policy : defaultPolicy()).imports.maxClosureShare;
}
