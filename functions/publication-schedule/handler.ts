/** Daily: close the factual accuracy windows that have ended and publish the reports due today. */
import type { ScheduledEvent } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { publicationPorts } from '../../shared/aws/publication-ports';
import { listDuePublications } from '../../shared/aws/publication-store';
import { runPublicationSchedule } from '../../shared/publication/schedule';

export const handler = instrumented('publication-schedule', async (event: ScheduledEvent) => {
  // The schedule's own time, so a late or repeated delivery acts for the day it was meant for.
  const now = new Date(event.time ?? Date.now());
  const outcome = await runPublicationSchedule({ ...publicationPorts(() => now), listDue: listDuePublications }, now);
  metrics.addMetric('WindowsClosed', MetricUnit.Count, outcome.closed.length);
  metrics.addMetric('ReportsPublished', MetricUnit.Count, outcome.published.length);
  logger.info('publication schedule ran', { ...outcome });
});
