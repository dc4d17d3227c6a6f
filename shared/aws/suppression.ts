/** The suppression list: addresses that bounced, complained or unsubscribed. Every send checks it. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys';
import { dynamoClient } from './clients';
import { requireEnv } from './config';

export type SuppressionReason = 'bounce' | 'complaint' | 'unsubscribed';

export async function isSuppressed(email: string): Promise<boolean> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.suppression(email), ConsistentRead: true }));
  return out.Item !== undefined;
}

export async function suppress(email: string, reason: SuppressionReason, detail: string): Promise<void> {
  await dynamoClient().send(
    new PutCommand({
      TableName: requireEnv('tableName'),
      Item: { ...keys.suppression(email), entity: 'suppression', email: email.trim().toLowerCase(), reason, detail, at: new Date().toISOString() },
    }),
  );
}
