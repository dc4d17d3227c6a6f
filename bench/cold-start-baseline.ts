/**
 * The cold-start baseline for `npm run bench -- bundles`: a handler that only creates a DynamoDB
 * client, bundled with the same settings as the functions. Each function's cold import is reported
 * as a ratio to this one, measured in the same run (goal: within 1.5x).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (): Promise<string> => String(await client.config.region());
