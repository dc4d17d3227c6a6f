/**
 * The publisher's ports, wired: report objects in S3 (public and restricted prefixes of the
 * reports bucket), edition records and recipients in DynamoDB, notify messages to SQS in batches
 * of ten. Storage and messages only: what to write is decided in shared/publication/publish-report.ts.
 */
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { prefixes } from '../../infra/catalogue';
import type { NotifyMessage } from '../notify/messages';
import { regenerateIndex as regenerate, type PublisherPorts } from '../publication/publish-report';
import { sqsClient } from './clients';
import { requireEnv } from './config';
import { listCommissioners } from './people-store';
import { listEditions, listRecipients, putEdition } from './publication-store';
import { loadDocumentSources } from './report-store';

async function queue(messages: readonly NotifyMessage[]): Promise<void> {
  const QueueUrl = requireEnv('notifyQueueUrl');
  for (let i = 0; i < messages.length; i += 10) {
    const batch = messages.slice(i, i + 10);
    const out = await sqsClient().send(
      new SendMessageBatchCommand({ QueueUrl, Entries: batch.map((m, j) => ({ Id: String(j), MessageBody: JSON.stringify(m) })) }),
    );
    if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} notification messages: ${out.Failed.map((f) => f.Message).join('; ')}`);
  }
}

/** S3 is loaded on first use: only publishing, amending and withdrawing write documents (shared/aws/report-objects.ts). */
const reportObjects = () => import('./report-objects');

export function publisherPorts(): PublisherPorts {
  return {
    loadSources: loadDocumentSources,
    putObject: async (key, body, contentType) => (await reportObjects()).putReportObject(key, body, contentType),
    deleteObject: async (key) => (await reportObjects()).deleteReportObject(key),
    putEdition,
    listEditions: () => listEditions(),
    listCommissioners,
    listRecipients,
    queue,
    reportsPrefix: prefixes.reports,
  };
}

/** The public index rebuilt from the edition records (after an erasure, for one). Returns how many reports it lists. */
export function regenerateIndex(): Promise<number> {
  return regenerate(publisherPorts());
}
