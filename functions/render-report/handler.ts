/**
 * FindingsVersionStored -> HTML and PDF report in S3, the published index, and one queued
 * notification per matching commissioner.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { publishFindingsVersion } from '../../shared/aws/report-publisher';

export const handler = instrumented('render-report', async (event: EventBridgeEvent<'FindingsVersionStored', { visitId: string; version: number }>) => {
  const { visitId, version } = event.detail;
  logger.appendKeys({ correlationId: visitId });
  const { report, queued } = await publishFindingsVersion(visitId, version);
  metrics.addMetric('ReportsPublished', MetricUnit.Count, 1);
  logger.info('report published', { visitId, version, htmlKey: report.htmlKey, notificationsQueued: queued });
});
