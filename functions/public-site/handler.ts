/** HTTP API: published reports and the index (only while a visit's publication says public), and one-click unsubscribe. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadLinkSecret } from '../../shared/aws/link-secret';
import { metrics, MetricUnit, instrumented } from '../../shared/aws/observability';
import { getPublication } from '../../shared/aws/publication-store';
import { readReportObject } from '../../shared/aws/report-objects';
import { suppress } from '../../shared/aws/suppression';
import { toWebRequest } from '../../shared/aws/web-event';
import { PUBLIC_STATES } from '../../shared/publication/lifecycle';
import { createPublicSite } from '../../shared/public-site/routes';
import { compressedResponse } from '../../shared/web/compression';

const site = createPublicSite({
  readReport: readReportObject,
  publicState: async (visitId) => {
    const p = await getPublication(visitId);
    return p === undefined ? undefined : PUBLIC_STATES.includes(p.state) ? 'public' : p.state === 'withdrawn' ? 'withdrawn' : undefined;
  },
  secret: loadLinkSecret,
  unsubscribe: (email) => suppress(email, 'unsubscribed', 'one-click unsubscribe link'),
});

export const handler = instrumented('public-site', async (event: APIGatewayProxyEventV2) => {
  const response = await site(toWebRequest(event));
  metrics.addMetric(response.statusCode && response.statusCode >= 400 ? 'PagesRefused' : 'PagesServed', MetricUnit.Count, 1);
  return compressedResponse(response, event.headers?.['accept-encoding']);
});
