/** HTTP API: published reports and the index (only what a publish made public), and one-click unsubscribe. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { metrics, MetricUnit, instrumented } from '../../shared/aws/observability';
import { getPublishedReport, readReportObject } from '../../shared/aws/report-store';
import { suppress } from '../../shared/aws/suppression';
import { createPublicSite } from '../../shared/public-site/routes';
import { compressedResponse } from '../../shared/web/compression';

const site = createPublicSite({
  readReport: readReportObject,
  isPublished: async (visitId, version) => (await getPublishedReport(visitId, version)) !== undefined,
  secret: loadLinkSecret,
  unsubscribe: (email) => suppress(email, 'unsubscribed', 'one-click unsubscribe link'),
});

export const handler = instrumented('public-site', async (event: APIGatewayProxyEventV2) => {
  const response = await site(event);
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return compressedResponse(response, event.headers?.['accept-encoding']);
});
