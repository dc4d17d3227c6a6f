/**
 * Notify queue -> one publication email per message through SES (reports and notices to
 * commissioners; review, return and factual accuracy emails to people). A message that fails (SES
 * throttling, an emulator or network error) is reported as a batch item failure and comes back
 * after the visibility timeout; after 5 receives it moves to the dead-letter queue (alarmed).
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { notifyPorts } from '../../shared/aws/notifier';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { parseNotifyMessage } from '../../shared/notify/messages';
import { notify } from '../../shared/notify/notify-service';

const METRICS = { sent: 'EmailsSent', suppressed: 'EmailsSuppressed', 'already-sent': 'EmailsDuplicateSkipped', 'no-recipient': 'EmailsNoRecipient', 'no-longer-applies': 'EmailsNoLongerApply' } as const;

export const handler = instrumented('notify-commissioners', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = parseNotifyMessage(record.body);
      logger.appendKeys({ correlationId: message.visitId });
      const outcome = await notify(notifyPorts(), message);
      metrics.addMetric(METRICS[outcome], MetricUnit.Count, 1);
      logger.info('notification handled', { outcome, kind: message.kind, visitId: message.visitId });
    } catch (err) {
      metrics.addMetric('EmailsFailed', MetricUnit.Count, 1);
      logger.error('notification failed; will be retried', { messageId: record.messageId, error: err as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
