/**
 * S3 ObjectCreated on findings/ (an upload from the inspector's form) -> a new findings version in
 * review (PublicationChanged), a repeat of the latest, or the quarantine prefix with every reason.
 */
import type { S3Event } from 'aws-lambda';
import { limits, prefixes } from '../../infra/catalogue';
import { getSubmission, getVisit, latestFindingsVersion, recordSubmissionRejected, recordSubmissionRepeat } from '../../shared/aws/findings-store';
import { instrumented, logger, metrics, MetricUnit } from '../../shared/aws/observability';
import { quarantineUpload, readUpload } from '../../shared/aws/upload-objects';
import { publicationPorts } from '../../shared/aws/publication-ports';
import { objectKey } from '../../shared/aws/s3-event';
import { ingestFindings, type FindingsIngestPorts } from '../../shared/findings/ingest-service';

function portsFor(bucket: string): FindingsIngestPorts {
  return {
    ...publicationPorts(),
    maxBytes: limits.findingsMaxBytes,
    readObject: (key, versionId) => readUpload(bucket, key, versionId, limits.findingsMaxBytes),
    getVisit,
    getSubmission,
    latestVersion: latestFindingsVersion,
    recordRepeat: recordSubmissionRepeat,
    quarantine: async (q) => {
      await quarantineUpload(
        bucket,
        q.key,
        q.versionId,
        { visitId: q.visitId, submissionId: q.submissionId, attempt: q.reject ? undefined : q.objectVersion?.slice(0, 16) },
        q.reasons,
      );
      if (q.reject && q.visitId && q.submissionId) await recordSubmissionRejected(q.visitId, q.submissionId, q.reasons, q.objectVersion);
    },
    now: () => new Date(),
  };
}

export const handler = instrumented('ingest-findings', async (event: S3Event) => {
  for (const record of event.Records) {
    const key = objectKey(record);
    if (!key.startsWith(prefixes.findings)) continue;
    logger.appendKeys({ correlationId: key.split('/')[1] ?? key });
    const result = await ingestFindings(portsFor(record.s3.bucket.name), key, record.s3.object.versionId);
    const metric = { accepted: 'FindingsAccepted', repeat: 'FindingsRepeated', 'already-handled': 'FindingsRedelivered', rejected: 'FindingsRejected' }[
      result.outcome
    ];
    metrics.addMetric(metric, MetricUnit.Count, 1);
    if (result.outcome === 'rejected') logger.warn('findings quarantined', { key, reasons: result.reasons });
    else logger.info('findings handled', { ...result });
  }
});
