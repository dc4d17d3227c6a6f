/**
 * AWS SDK v3 clients, one per container. Endpoints come from the SDK's standard variables
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, ...), so the same code talks to AWS or to the
 * local emulators without a branch. The S3 client is in shared/aws/s3-client.ts, so that the
 * functions which use S3 on some invocations only can import it on first use.
 *
 * Every client is made on first use, never at import: a cold start pays only for the clients its
 * invocation calls (test/unit/infra/cold-start.test.ts checks that importing a handler makes none).
 * `addClientHook` lets the local cloud add SDK middleware to every client (fault injection in
 * the fault tests); nothing in AWS calls it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let dynamo: DynamoDBDocumentClient | undefined;
let ses: SESv2Client | undefined;
let events: EventBridgeClient | undefined;
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;

export type SdkClient = DynamoDBClient | S3Client | SESv2Client | EventBridgeClient | SQSClient | SecretsManagerClient;
const clientHooks: ((client: SdkClient) => void)[] = [];

/** Run a hook on every client made from now on (it may add middleware to the client's stack). */
export function addClientHook(hook: (client: SdkClient) => void): void {
  clientHooks.push(hook);
  resetClients();
}

let generation = 0;

/** Changes whenever cached clients must be made again (see resetClients). */
export const clientGeneration = (): number => generation;

export function hooked<C extends SdkClient>(client: C): C {
  for (const hook of clientHooks) hook(client);
  return client;
}

/** A small retry budget: callers that batch (BatchWriteItem) add their own backoff on top. */
export const maxAttempts = Number(process.env.AWS_MAX_ATTEMPTS ?? 5);

export function dynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(hooked(new DynamoDBClient({ maxAttempts })), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return dynamo;
}

export function sesClient(): SESv2Client {
  ses ??= hooked(new SESv2Client({ maxAttempts }));
  return ses;
}

export function eventsClient(): EventBridgeClient {
  events ??= hooked(new EventBridgeClient({ maxAttempts }));
  return events;
}

export function sqsClient(): SQSClient {
  sqs ??= hooked(new SQSClient({ maxAttempts }));
  return sqs;
}

export function secretsClient(): SecretsManagerClient {
  secrets ??= hooked(new SecretsManagerClient({ maxAttempts }));
  return secrets;
}

/** Forget cached clients (tests that change endpoints between cases). */
export function resetClients(): void {
  dynamo = ses = events = sqs = secrets = undefined;
  generation++;
}
