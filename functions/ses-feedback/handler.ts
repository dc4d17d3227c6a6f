/** SES bounce and complaint notifications (through SNS) -> the suppression list. */
import type { SNSEvent } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { suppress } from '../../shared/aws/suppression';
import { addressesToSuppress, type SesNotification } from '../../shared/notify/ses-feedback';

export const handler = instrumented('ses-feedback', async (event: SNSEvent) => {
  for (const record of event.Records) {
    const notification = JSON.parse(record.Sns.Message) as SesNotification;
    for (const a of addressesToSuppress(notification)) {
      await suppress(a.email, a.reason, a.detail);
      metrics.addMetric('AddressesSuppressed', MetricUnit.Count, 1);
      logger.info('address suppressed', { reason: a.reason });
    }
  }
});
