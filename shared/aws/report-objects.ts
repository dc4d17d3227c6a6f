/**
 * Objects in the reports bucket, for the functions that touch S3 on some invocations only: the
 * publication worker writes documents when an edition is published, amended or withdrawn (most
 * changes it handles are not), and the notify function reads the briefing PDF for a report email
 * (the other emails read nothing). They import this module on first use, so the S3 client stays
 * out of what their cold starts read.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { requireEnv } from './config';
import { s3Client } from './s3-client';

export async function putReportObject(Key: string, Body: string | Uint8Array, ContentType: string): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: requireEnv('reportsBucket'), Key, Body, ContentType }));
}

export async function deleteReportObject(Key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: requireEnv('reportsBucket'), Key }));
}

/** The object, or undefined when it is larger than the caller can take. */
export async function readSmallReportObject(Key: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const Bucket = requireEnv('reportsBucket');
  const head = await s3Client().send(new HeadObjectCommand({ Bucket, Key }));
  if ((head.ContentLength ?? Infinity) > maxBytes) return undefined;
  return (await s3Client().send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray();
}

/** An object of the reports bucket, or undefined when there is none. */
export async function readReportObject(key: string): Promise<Uint8Array | undefined> {
  try {
    const obj = await s3Client().send(new GetObjectCommand({ Bucket: requireEnv('reportsBucket'), Key: key }));
    return await obj.Body!.transformToByteArray();
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
    throw err;
  }
}
