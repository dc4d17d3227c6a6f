/** HTTP API: the inspector's findings form (or its status once sent), the check-your-answers preview, the submission status page and their assets. */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { s3Client } from '../../shared/aws/s3-client';
import { requireEnv } from '../../shared/aws/config';
import { getSubmission, getVisit, latestFindingsVersion, recordSubmissionWaiting } from '../../shared/aws/findings-store';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { metrics, MetricUnit, instrumented, logger } from '../../shared/aws/observability';
import { createFindingsPost, findingsKey } from '../../shared/aws/presigned-post';
import { getPublication } from '../../shared/aws/publication-store';
import { loadVisitContext } from '../../shared/aws/report-store';
import { toWebRequest } from '../../shared/aws/web-event';
import { createFindingsPage, type SubmissionStatus } from '../../shared/findings/page-routes';
import { publicReportKey } from '../../shared/object-keys';
import { compressedResponse } from '../../shared/web/compression';
import { siteFiles } from '../../shared/web/site-files';

/** No record yet beyond "waiting", but the object is in S3: the upload arrived and is being checked. */
async function submissionStatus(visitId: string, submissionId: string): Promise<SubmissionStatus> {
  const stored = await getSubmission(visitId, submissionId);
  if (stored && stored.state !== 'waiting') return stored;
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: requireEnv('findingsBucket'), Key: findingsKey(visitId, submissionId) }));
    return { state: 'received' };
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'NotFound' || name === 'NoSuchKey') return { state: 'waiting' };
    throw err;
  }
}

const page = createFindingsPage({
  getVisit,
  getPublication,
  latestVersion: latestFindingsVersion,
  loadContext: loadVisitContext,
  getSecret: loadLinkSecret,
  createPost: ({ visitId, submissionId, inspector }) =>
    createFindingsPost({ s3: s3Client(), bucket: requireEnv('findingsBucket'), visitId, submissionId, inspector }),
  recordWaiting: (visitId, submissionId, inspector) => recordSubmissionWaiting(visitId, submissionId, inspector),
  getSubmissionStatus: submissionStatus,
  publicUrl: (visit) => `${requireEnv('webBaseUrl')}/${publicReportKey(visit, 'html')}`,
  assets: () => siteFiles().assets(),
  now: () => new Date(),
});

export const handler = instrumented('findings-page', async (event: APIGatewayProxyEventV2) => {
  const visitId = /^\/visits\/([^/]+)\//.exec(event.rawPath)?.[1];
  if (visitId) logger.appendKeys({ correlationId: visitId });
  const response = await page(toWebRequest(event));
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return compressedResponse(response, event.headers?.['accept-encoding']);
});
