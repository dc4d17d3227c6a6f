/** Reading many items: a parallel Scan by entity (prioritisation reads the whole picture), and every page of a Query. */
import { QueryCommand, ScanCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Each page of a Query on the table (or one of its indexes), following LastEvaluatedKey. */
export async function* queryPages(input: QueryInput): AsyncGenerator<Item[]> {
  const ddb = dynamoClient();
  const TableName = requireEnv('tableName');
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ ...input, TableName, ExclusiveStartKey }));
    yield page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Every item a Query matches, all pages. T is what the caller's key condition selects (items are not validated). */
export async function queryAll<T = Item>(input: QueryInput): Promise<T[]> {
  const items: Item[] = [];
  for await (const page of queryPages(input)) items.push(...page);
  return items as T[];
}
