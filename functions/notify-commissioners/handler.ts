/**
 * Notify queue -> one email per (report version, commissioner) through SES. A message that fails
 * (SES throttling, an emulator or network error) is reported as a batch item failure and comes
 * back after the visibility timeout; after 5 receives it moves to the dead-letter queue (alarmed).
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { notifyCommissioner } from '../../shared/aws/notifier';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import type { NotifyMessage } from '../../shared/aws/report-store';

export const handler = instrumented('notify-commissioners', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body) as NotifyMessage;
      logger.appendKeys({ correlationId: message.visitId });
      const outcome = await notifyCommissioner(message);
      const metric = { sent: 'EmailsSent', suppressed: 'EmailsSuppressed', 'already-sent': 'EmailsDuplicateSkipped', 'no-commissioner': 'EmailsNoRecipient' }[outcome];
      metrics.addMetric(metric, MetricUnit.Count, 1);
      logger.info('notification handled', { outcome, visitId: message.visitId, version: message.version });
    } catch (err) {
      metrics.addMetric('EmailsFailed', MetricUnit.Count, 1);
      logger.error('notification failed; will be retried', { messageId: record.messageId, error: err as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
});
