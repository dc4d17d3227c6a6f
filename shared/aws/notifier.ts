/** The notify ports, wired: DynamoDB for who and what, S3 for the briefing PDF, SES (once per key) for the send. */
import { HeadObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { limits } from '../../infra/catalogue';
import type { NotifyPorts } from '../notify/notify-service';
import { s3Client } from './clients';
import { requireEnv } from './config';
import { getVisit } from './findings-store';
import { loadLinkSecret } from './link-secret';
import { sendOnce } from './mailer';
import { getCommissioner } from './people-store';
import { getEdition, getPublication, putRecipient } from './publication-store';
import { loadDocumentSources } from './report-store';

async function readSmallObject(key: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const Bucket = requireEnv('reportsBucket');
  const head = await s3Client().send(new HeadObjectCommand({ Bucket, Key: key }));
  if ((head.ContentLength ?? Infinity) > maxBytes) return undefined;
  return (await s3Client().send(new GetObjectCommand({ Bucket, Key: key }))).Body!.transformToByteArray();
}

export function notifyPorts(): NotifyPorts {
  return {
    getCommissioner,
    getVisit,
    getPublication,
    getEdition,
    loadSources: loadDocumentSources,
    readSmallObject,
    sendOnce,
    putRecipient,
    secret: loadLinkSecret,
    webBaseUrl: requireEnv('webBaseUrl'),
    sender: requireEnv('senderEmail'),
    limits: {
      attachmentMaxBytes: limits.emailAttachmentMaxBytes,
      briefingLinkDays: limits.briefingLinkLifetimeDays,
      reviewerLinkDays: limits.reviewerLinkLifetimeDays,
      visitLinkDays: limits.visitLinkLifetimeDays,
    },
    now: () => new Date(),
  };
}
