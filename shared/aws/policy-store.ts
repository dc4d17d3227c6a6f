/**
 * The policy in force, read from the table (or the shipped defaults before one is set). Apart from
 * the programme store, because the publication side reads it too (publication dates) and should
 * not carry the programme's item parsers or the S3 client in its cold starts. Setting a policy
 * (shared/aws/programme-store.ts `setPolicy`) also writes the document to S3.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys';
import { defaultPolicy, parsePolicy, type Policy } from '../prioritise/policy';
import { dynamoClient } from './clients';
import { requireEnv } from './config';

export class PolicyRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The policy was refused; the one in force stays. Problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyRefusedError';
  }
}

export async function policyInForce(): Promise<Policy> {
  const out = await dynamoClient().send(new GetCommand({ TableName: requireEnv('tableName'), Key: keys.currentPolicy(), ConsistentRead: true }));
  if (!out.Item) return defaultPolicy();
  const parsed = parsePolicy(out.Item.policy);
  if (!parsed.ok)
    throw new Error(
      `The stored policy ${String(out.Item.version)} no longer validates: ${parsed.problems.join('; ')}. Put a valid one in force: npm run prioritise -- --policy FILE`,
    );
  return parsed.policy;
}
