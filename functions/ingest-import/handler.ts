/**
 * S3 ObjectCreated on imports/ -> parse, validate and upsert the CSV -> import report beside it
 * (import-reports/...) -> ImportCompleted event (which re-runs prioritisation).
 */
import type { S3Event } from 'aws-lambda';
import { events, prefixes } from '../../infra/catalogue';
import { objectKey } from '../../shared/aws/s3-event';
import { publishEvent } from '../../shared/aws/events';
import { importObject } from '../../shared/aws/import-adapter';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';

export const handler = instrumented('ingest-import', async (event: S3Event) => {
  for (const record of event.Records) {
    const key = objectKey(record);
    if (!key.startsWith(prefixes.imports)) continue;
    logger.appendKeys({ correlationId: key });
    const report = await importObject(record.s3.bucket.name, key, {
      // A million-row file takes minutes: say how far it has got.
      progress: (p) => logger.info(p.stage === 'closing' ? 'import closing providers absent from the snapshot' : 'import progress', { ...p }),
    });
    metrics.addMetric('ImportsCompleted', MetricUnit.Count, 1);
    metrics.addMetric('RowsAccepted', MetricUnit.Count, report.accepted);
    metrics.addMetric('RowsRejected', MetricUnit.Count, report.rows - report.accepted);
    logger.info('import finished', { kind: report.kind, status: report.status, rows: report.rows, accepted: report.accepted, durationMs: report.durationMs });
    if (report.status === 'accepted') {
      await publishEvent(events.detailTypes.importCompleted, { key, kind: report.kind, accepted: report.accepted });
    }
  }
});
