/** The notify ports, wired: DynamoDB for who and what, S3 for the briefing PDF, SES (once per key) for the send. */
import { limits } from '../../infra/catalogue';
import type { NotifyPorts } from '../notify/notify-service';
import { requireEnv } from './config';
import { getVisit } from './findings-store';
import { loadLinkSecret } from './link-secret';
import { sendOnce } from './mailer';
import { getCommissioner } from './people-store';
import { getEdition, getPublication, putRecipient } from './publication-store';
import { loadDocumentSources } from './report-store';

/** S3 is loaded on first use: only a report email reads from it (shared/aws/report-objects.ts). */
const readSmallObject = async (key: string, maxBytes: number) => (await import('./report-objects')).readSmallReportObject(key, maxBytes);

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
