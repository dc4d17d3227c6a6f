/** S3 event records carry URL-encoded keys ('+' for spaces); this gives back the real key. */
import type { S3EventRecord } from 'aws-lambda';

export function objectKey(record: Pick<S3EventRecord, 's3'>): string {
  return decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
}

/** How S3 encodes a key in event notifications; used by the local stand-in to behave the same. */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}
