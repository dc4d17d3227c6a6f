/**
 * S3 ObjectCreated on imports/ -> parse, validate and upsert the CSV -> import report beside it
 * (import-reports/...) -> ImportCompleted event (which re-runs prioritisation). An object named
 * `<upload>.confirm` applies a held provider snapshot instead.
 */
import type { S3Event } from 'aws-lambda';
import { events, prefixes } from '../../infra/catalogue';
import { objectKey } from '../../shared/aws/s3-event';
import { publishEvent } from '../../shared/aws/events';
import { confirmImport, importObject, isConfirmationKey } from '../../shared/aws/import-adapter';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import type { ImportProgress } from '../../shared/ingest/import-service';

// A million-row file takes minutes: say how far it has got.
const progress = (p: ImportProgress) => logger.info(p.stage === 'closing' ? 'import closing providers absent from the snapshot' : 'import progress', { ...p });

export const handler = instrumented('ingest-import', async (event: S3Event) => {
  for (const record of event.Records) {
    const key = objectKey(record);
    if (!key.startsWith(prefixes.imports)) continue;
    logger.appendKeys({ correlationId: key });
    const bucket = record.s3.bucket.name;
    const report = isConfirmationKey(key) ? await confirmImport(bucket, key, { progress }) : await importObject(bucket, key, { progress });
    if (!report) {
      logger.warn('confirmation for an upload that is not there: nothing applied', { key });
      continue;
    }
    metrics.addMetric('ImportsCompleted', MetricUnit.Count, 1);
    metrics.addMetric('RowsAccepted', MetricUnit.Count, report.accepted);
    metrics.addMetric('RowsRejected', MetricUnit.Count, report.rows - report.accepted);
    logger.info('import finished', { kind: report.kind, status: report.status, rows: report.rows, accepted: report.accepted, durationMs: report.durationMs });
    if (report.held) {
      metrics.addMetric('ImportsHeld', MetricUnit.Count, 1);
      logger.warn('provider snapshot held: nothing it would close was closed', { ...report.held });
    }
    if (report.status === 'accepted' || report.status === 'accepted with rejections') {
      await publishEvent(events.detailTypes.importCompleted, { key: report.key, kind: report.kind, accepted: report.accepted });
    }
  }
});
