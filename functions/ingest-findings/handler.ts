/**
 * S3 ObjectCreated on findings/ (a pre-signed POST from the inspector's page) -> validate -> a new
 * findings version in DynamoDB, or the quarantine prefix with every reason -> FindingsVersionStored.
 */
import type { S3Event } from 'aws-lambda';
import { events, prefixes } from '../../infra/catalogue';
import { publishEvent } from '../../shared/aws/events';
import { ingestFindingsObject } from '../../shared/aws/findings-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { objectKey } from '../../shared/aws/s3-event';

export const handler = instrumented('ingest-findings', async (event: S3Event) => {
  for (const record of event.Records) {
    const key = objectKey(record);
    if (!key.startsWith(prefixes.findings)) continue;
    logger.appendKeys({ correlationId: key.split('/')[1] ?? key });
    const result = await ingestFindingsObject(record.s3.bucket.name, key);
    if (result.outcome === 'rejected') {
      metrics.addMetric('FindingsRejected', MetricUnit.Count, 1);
      logger.warn('findings rejected', { key, reasons: result.reasons });
      continue;
    }
    metrics.addMetric('FindingsAccepted', MetricUnit.Count, result.repeat ? 0 : 1);
    logger.info('findings stored', { visitId: result.visitId, version: result.version, repeat: result.repeat });
    // Published on repeats too: if the first delivery stored the version but died before this,
    // the report still gets rendered; rendering and emailing are idempotent per version.
    await publishEvent(events.detailTypes.findingsVersionStored, { visitId: result.visitId, version: result.version });
  }
});
