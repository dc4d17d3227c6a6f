/** Helpers for tests that run against the shared local cloud. */
import { inject } from 'vitest';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { applyEnvironment, controlLocalCloud, type Endpoints } from '../../infra/local/cloud';
import { resetClients } from '../../shared/aws/clients';
import { s3Client } from '../../shared/aws/s3-client';

/** Point this test worker's SDK clients at the local cloud and return its endpoints. */
export function useLocalCloud(): Endpoints {
  const endpoints = inject('endpoints');
  applyEnvironment(endpoints);
  resetClients();
  return endpoints;
}

/** Wait until every event, retry and queue message in the local cloud has been handled. */
export function settle(e: Endpoints): Promise<Record<string, number>> {
  return controlLocalCloud(e.web, 'idle');
}

export async function putObject(
  bucket: string,
  key: string,
  body: string | Uint8Array,
  contentType = 'text/csv',
  metadata?: Record<string, string>,
): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, Metadata: metadata }));
}

export async function getText(bucket: string, key: string): Promise<string> {
  const obj = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return obj.Body!.transformToString();
}

let counter = 0;
/** A unique key under a prefix, so test files never see each other's objects. */
export function uniqueKey(prefix: string, name: string): string {
  return `${prefix}test-${Date.now().toString(36)}-${(counter++).toString(36)}/${name}`;
}
