/** Monday schedule -> one digest per commissioner of the visits published in their area last week (none when there is nothing to say). */
import type { ScheduledEvent } from 'aws-lambda';
import { sendWeeklyDigests } from '../../shared/aws/digests';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';

export const handler = instrumented('weekly-digest', async (event: ScheduledEvent) => {
  const counts = await sendWeeklyDigests(new Date(event.time ?? Date.now()));
  metrics.addMetric('DigestsSent', MetricUnit.Count, counts.sent);
  logger.info('weekly digests', counts);
  return counts;
});
