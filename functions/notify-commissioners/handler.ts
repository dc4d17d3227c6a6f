/**
 * Notify queue -> one publication email per message through SES (reports and notices to
 * commissioners; review, return and factual accuracy emails to people). Powertools' batch
 * processor runs the records one after another; a record that fails (SES throttling, an emulator
 * or network error) is reported as a batch item failure and comes back after the visibility
 * timeout; after 5 receives it moves to the dead-letter queue (alarmed).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { notifyPorts } from '../../shared/aws/notifier';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { parseNotifyMessage } from '../../shared/notify/messages';
import { notify } from '../../shared/notify/notify-service';

const processor = new BatchProcessor(EventType.SQS);

const OUTCOME_METRIC = {
  sent: 'EmailsSent',
  suppressed: 'EmailsSuppressed',
  'already-sent': 'EmailsDuplicateSkipped',
  'no-recipient': 'EmailsNoRecipient',
  'no-longer-applies': 'EmailsNoLongerApply',
} as const;

async function notifyRecord(record: SQSRecord): Promise<void> {
  try {
    const message = parseNotifyMessage(record.body);
    logger.appendKeys({ correlationId: message.visitId });
    const outcome = await notify(notifyPorts(), message);
    metrics.addMetric(OUTCOME_METRIC[outcome], MetricUnit.Count, 1);
    logger.info('notification handled', { outcome, kind: message.kind, visitId: message.visitId });
  } catch (err) {
    metrics.addMetric('EmailsFailed', MetricUnit.Count, 1);
    logger.error('notification failed; will be retried', { messageId: record.messageId, error: err as Error });
    throw err;
  }
}

export const handler = instrumented('notify-commissioners', (event: SQSEvent, context): Promise<SQSBatchResponse> =>
  // One at a time (each record sets the log's correlationId); a batch where every record
  // failed is reported record by record too, not thrown, so SQS retries exactly those.
  processPartialResponse(event, notifyRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false }),
);
