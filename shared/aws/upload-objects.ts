/**
 * The uploaded findings object, read and (when refused) quarantined: S3 work only the findings
 * ingest does, in a module of its own so that the functions which read visits and findings from
 * shared/aws/findings-store.ts do not carry the S3 client in their cold starts.
 */
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { UploadedFindings } from '../findings/ingest-service';
import { objectKeys } from '../object-keys';
import { s3Client } from './s3-client';

export async function readUpload(bucket: string, key: string, versionId: string | undefined, maxBytes: number): Promise<UploadedFindings> {
  const s3 = s3Client();
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  const contentLength = head.ContentLength ?? 0;
  const described = {
    contentLength,
    contentType: head.ContentType,
    metadata: head.Metadata ?? {},
    versionId: head.VersionId ?? versionId,
    objectVersion: head.VersionId ?? versionId ?? head.ETag?.replace(/"/g, ''),
  };
  if (contentLength > maxBytes) return described;
  const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: described.versionId }));
  return { ...described, bytes: await obj.Body!.transformToByteArray() };
}

/** quarantine/{visitId}/{submissionId}[-{n}].json and .reasons.json, or quarantine/unmatched/{hash} when the key says nothing usable. */
export async function quarantineUpload(
  bucket: string,
  key: string,
  versionId: string | undefined,
  where: { visitId?: string; submissionId?: string; attempt?: string },
  reasons: string[],
): Promise<string> {
  const s3 = s3Client();
  const target = objectKeys.quarantine({ key, versionId, ...where });
  const source = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
  await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: target.copy, CopySource: source })).catch(() => undefined);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: target.reasons,
      Body: JSON.stringify({ key, versionId, reasons, at: new Date().toISOString() }, null, 2),
      ContentType: 'application/json',
    }),
  );
  return target.copy;
}
