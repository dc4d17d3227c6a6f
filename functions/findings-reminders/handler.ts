/** Daily schedule -> remind the region's inspectors of visits past by N days with no findings. */
import type { ScheduledEvent } from 'aws-lambda';
import { sendFindingsReminders } from '../../shared/aws/digests';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';

export const handler = instrumented('findings-reminders', async (event: ScheduledEvent) => {
  const counts = await sendFindingsReminders(new Date(event.time ?? Date.now()));
  metrics.addMetric('RemindersSent', MetricUnit.Count, counts.sent);
  logger.info('findings reminders', counts);
  return counts;
});
