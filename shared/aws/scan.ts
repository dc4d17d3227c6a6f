/** Reading every item of some entities with a parallel Scan (prioritisation reads the whole picture). */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from './clients';
import { requireEnv } from './config';

type Item = Record<string, unknown>;

/** Every item of the given entities, read with a parallel scan. */
export async function scanEntities(entities: readonly string[], segments = 8): Promise<Map<string, Item[]>> {
  const ddb = dynamoClient();
  const TableName = requireEnv('tableName');
  const names = Object.fromEntries(entities.map((_, i) => [`:e${i}`, entities[i]]));
  const byEntity = new Map<string, Item[]>(entities.map((e) => [e, []]));
  await Promise.all(
    Array.from({ length: segments }, async (_, Segment) => {
      let ExclusiveStartKey: Item | undefined;
      do {
        const page = await ddb.send(
          new ScanCommand({
            TableName,
            Segment,
            TotalSegments: segments,
            ExclusiveStartKey,
            FilterExpression: `#e IN (${Object.keys(names).join(', ')})`,
            ExpressionAttributeNames: { '#e': 'entity' },
            ExpressionAttributeValues: names,
          }),
        );
        for (const item of page.Items ?? []) byEntity.get(String(item.entity))?.push(item);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }),
  );
  return byEntity;
}

