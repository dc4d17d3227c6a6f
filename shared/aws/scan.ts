/** Reading many items: a parallel Scan by entity (prioritisation reads the whole picture), and every page of a Query. */
import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoClient } from './clients';
import { requireEnv } from './config';

type Item = Record<string, unknown>;

/** Every item of the given entities, read with a parallel scan. */
export async function scanEntities(entities: readonly string[], segments = 8): Promise<Map<string, Item[]>> {
  const names = Object.fromEntries(entities.map((_, i) => [`:e${i}`, entities[i]]));
  const byEntity = new Map<string, Item[]>(entities.map((e) => [e, []]));
  await Promise.all(
    Array.from({ length: segments }, async (_, Segment) => {
      const pages = scanPages({
        Segment,
        TotalSegments: segments,
        FilterExpression: `#e IN (${Object.keys(names).join(', ')})`,
        ExpressionAttributeNames: { '#e': 'entity' },
        ExpressionAttributeValues: names,
      });
      for await (const page of pages) for (const item of page) byEntity.get(String(item.entity))?.push(item);
    }),
  );
  return byEntity;
}

export type ScanInput = Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Each page of a Scan (or of one segment of a parallel Scan), following LastEvaluatedKey. */
export async function* scanPages(input: ScanInput): AsyncGenerator<Item[]> {
  const ddb = dynamoClient();
  const TableName = requireEnv('tableName');
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ ...input, TableName, ExclusiveStartKey }));
    yield page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
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
