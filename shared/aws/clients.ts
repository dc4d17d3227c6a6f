/**
 * AWS SDK v3 clients, one per container. Endpoints come from the SDK's standard variables
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, ...), so the same code talks to AWS or to the
 * local emulators without a branch. Only S3 path-style addressing needs our own switch.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import { env } from '../../infra/catalogue';

let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let ses: SESv2Client | undefined;
let events: EventBridgeClient | undefined;
let sqs: SQSClient | undefined;

/** An SDK plugin for any client (the cost benchmark counts billable calls with one). */
export interface ClientPlugin {
  applyToStack<I extends object, O extends object>(stack: MiddlewareStack<I, O>): void;
}
const plugins: ClientPlugin[] = [];

/** Apply `plugin` to every shared client from now on (cached clients are made again). */
export function useClientPlugin(plugin: ClientPlugin): void {
  plugins.push(plugin);
  resetClients();
}

function withPlugins<C extends { middlewareStack: { use(plugin: ClientPlugin): void } }>(client: C): C {
  for (const p of plugins) client.middlewareStack.use(p);
  return client;
}

/** A small retry budget: callers that batch (BatchWriteItem) add their own backoff on top. */
const maxAttempts = Number(process.env.AWS_MAX_ATTEMPTS ?? 5);

export function dynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(withPlugins(new DynamoDBClient({ maxAttempts })), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return dynamo;
}

export function s3Client(): S3Client {
  s3 ??= withPlugins(new S3Client({ maxAttempts, forcePathStyle: process.env[env.s3ForcePathStyle] === 'true' }));
  return s3;
}

export function sesClient(): SESv2Client {
  ses ??= withPlugins(new SESv2Client({ maxAttempts }));
  return ses;
}

export function eventsClient(): EventBridgeClient {
  events ??= withPlugins(new EventBridgeClient({ maxAttempts }));
  return events;
}

export function sqsClient(): SQSClient {
  sqs ??= withPlugins(new SQSClient({ maxAttempts }));
  return sqs;
}

/** Forget cached clients (tests that change endpoints between cases). */
export function resetClients(): void {
  dynamo = s3 = ses = events = sqs = undefined;
}
