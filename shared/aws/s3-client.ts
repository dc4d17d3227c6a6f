/**
 * The S3 client, in a module of its own: a function whose cold start needs no S3 (the publication
 * worker for changes that publish nothing, the notify function for emails without an attachment)
 * imports it on first use, and the bundle then keeps the S3 client out of what every cold start
 * reads. Made on first use like the other clients (shared/aws/clients.ts), with their hooks.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { env } from '../../infra/catalogue';
import { clientGeneration, hooked, maxAttempts } from './clients';

let cached: { readonly client: S3Client; readonly generation: number } | undefined;

export function s3Client(): S3Client {
  if (cached?.generation !== clientGeneration()) {
    cached = { client: hooked(new S3Client({ maxAttempts, forcePathStyle: process.env[env.s3ForcePathStyle] === 'true' })), generation: clientGeneration() };
  }
  return cached.client;
}
