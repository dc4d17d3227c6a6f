/**
 * The upload form for one findings submission: a pre-signed S3 POST whose policy pins the exact
 * key, the content type, a size range, the inspector and visit in metadata, and a short expiry.
 * (The local S3 emulator does not enforce POST policies; the unit tests decode the policy and
 * check each condition, which is what AWS enforces.)
 */
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import type { S3Client } from '@aws-sdk/client-s3';
import { limits } from '../../infra/catalogue';
import { objectKeys } from '../object-keys';

export interface FindingsPostRequest {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly visitId: string;
  readonly submissionId: string;
  readonly inspector: string;
}

export const findingsKey = objectKeys.findingsUpload;

export async function createFindingsPost(r: FindingsPostRequest): Promise<PresignedPost> {
  const key = findingsKey(r.visitId, r.submissionId);
  return createPresignedPost(r.s3, {
    Bucket: r.bucket,
    Key: key,
    Conditions: [
      ['eq', '$key', key],
      ['eq', '$Content-Type', 'application/json'],
      ['content-length-range', 2, limits.findingsMaxBytes],
      ['eq', '$x-amz-meta-inspector', r.inspector],
      ['eq', '$x-amz-meta-visit-id', r.visitId],
      ['eq', '$x-amz-meta-submission-id', r.submissionId],
    ],
    Fields: {
      'Content-Type': 'application/json',
      'x-amz-meta-inspector': r.inspector,
      'x-amz-meta-visit-id': r.visitId,
      'x-amz-meta-submission-id': r.submissionId,
    },
    Expires: limits.findingsPostExpirySeconds,
  });
}
